"""Real second processes, for the lock tests: one that holds a data folder's lock."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent

_HOLDER = """
import sys
from pathlib import Path
from ccn_desktop.ui.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]), role=sys.argv[2])
lock.acquire()
print("locked", flush=True)
sys.stdin.read()
lock.release()
"""


def child_environment() -> dict[str, str]:
    """The test's environment, with this checkout first on the module path."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPOSITORY), *filter(None, [environment.get("PYTHONPATH")])]
    )
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    return environment


@contextmanager
def lock_holder(data_dir: Path, role: str = "window") -> Iterator[subprocess.Popen[str]]:
    """Another process that has taken the lock of `data_dir` and keeps it until the end:
    by default a stand-in for the window; `role="command"` for a writing command."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(data_dir), role],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_environment(),
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "locked"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()
