"""A folder made read-only for real, as a locked USB stick is, for the tests that need one.

An ordinary user gets it with chmod. Root ignores file modes, so for root the folder
is bind-mounted read-only onto itself (and unmounted afterwards); where mounting is
not allowed the test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


@contextmanager
def locked(folder: Path) -> Iterator[Path]:
    """`folder` (or a single file) read-only for the duration of the `with` block."""
    folder = Path(folder).resolve()
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [folder, *folder.rglob("*")]}
        for path in sorted(modes, reverse=True):
            path.chmod(modes[path] & ~0o222)
        try:
            yield folder
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    if shutil.which("mount") is None:
        pytest.skip("no mount command to make a read-only folder as root")
    bound = _run("mount", "--bind", str(folder), str(folder))
    if bound.returncode != 0:
        pytest.skip(f"cannot bind-mount a folder read-only here: {bound.stderr.strip()}")
    remounted = _run("mount", "-o", "remount,bind,ro", str(folder))
    if remounted.returncode != 0:
        _run("umount", str(folder))
        pytest.skip(f"cannot remount a folder read-only here: {remounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if _run("umount", str(folder)).returncode != 0:
            _run("umount", "-l", str(folder))
