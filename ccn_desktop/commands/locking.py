"""One writer at a time in a data folder: the window's lock, taken by every writing command.

Two imports started at once used to plan on the same catalogue and write one over the
other (or collide on new rows). Now a command that writes takes the data folder's lock
(`ui/instance_lock.py`, the one the window holds while it is open) before it looks at
the catalogue, so it plans on what the other writer left. If another command holds the
lock it waits its turn, saying so on stderr, up to a time limit
(`CCN_LOCK_WAIT` seconds, five minutes by default); an open window is not waited for,
since it keeps the lock until it is closed. A folder where no lock file can be made (a
locked stick) is one where nothing is written either, so the command goes on and the
catalogue, opened read-only, refuses what would write.

Only QtCore is loaded (for QLockFile), and only by the commands that write.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ccn_desktop.commands.base import CommandError
from ccn_desktop.i18n import _

DEFAULT_WAIT_SECONDS = 300.0
_POLL_SECONDS = 0.1
COMMAND_ROLE = "command"
WINDOW_ROLE = "window"


def wait_limit() -> float:
    """Seconds a command waits for another one's lock (`CCN_LOCK_WAIT`)."""
    try:
        return max(0.0, float(os.environ.get("CCN_LOCK_WAIT", DEFAULT_WAIT_SECONDS)))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


@contextmanager
def writing(data_dir: Path, *, waiting: str, nothing_done: str) -> Iterator[None]:
    """Hold the data folder's write lock for the block.

    `waiting` is said once on stderr if another command holds the lock; `nothing_done`
    ends the refusal when the wait runs out ("Nothing was imported.").
    """
    from ccn_desktop.ui.instance_lock import (
        InstanceLock,
        InstanceLockedError,
        LockFileUnwritableError,
    )

    lock = InstanceLock(data_dir, role=COMMAND_ROLE)
    limit = wait_limit()
    deadline = time.monotonic() + limit
    said = False
    while True:
        try:
            lock.acquire()
            break
        except LockFileUnwritableError:
            break  # a read-only folder: nothing can be written, so nothing to guard
        except InstanceLockedError as exc:
            pid = lock.holder()[0]
            if exc.other_host is not None:
                raise CommandError(f"{exc} {nothing_done}") from None
            # A window notes its role just after taking the lock: until the note is read,
            # the holder is taken for a command and waited for.
            if lock.holder_role() == WINDOW_ROLE:
                raise CommandError(
                    _(
                        "CCN Desktop is already open on the data folder {folder} (process "
                        "{pid}); do this from its window, or close it and try again. "
                        "{nothing_done}"
                    ).format(folder=data_dir, pid=pid, nothing_done=nothing_done)
                ) from None
            if time.monotonic() >= deadline:
                raise CommandError(
                    _(
                        "The data folder {folder} is still in use by another ccn-desktop "
                        "command (process {pid}) after waiting {seconds:.0f} seconds. "
                        "{nothing_done}"
                    ).format(folder=data_dir, pid=pid, seconds=limit, nothing_done=nothing_done)
                ) from None
            if not said:
                print(waiting, file=sys.stderr, flush=True)
                said = True
            time.sleep(_POLL_SECONDS)
    try:
        yield
    finally:
        if lock.held:
            lock.release()
