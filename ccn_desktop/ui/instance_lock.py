"""One program at a time per data folder, through a `QLockFile` in that folder.

Two windows on one catalogue would each keep their own view of it and undo each
other's work, and a restore under an open window would swap the file beneath it.
Only QtCore is loaded at import, so the command line can take the same lock without a
display; `claim_data_folder` is the window's way in, with its message boxes.

A lock left by a crashed program is taken over: Qt writes the holder's process id,
host and program name into the file and treats the lock as stale once that process
is gone from this computer. Staleness by age is turned off, because the window holds
the lock for as long as it is open. A lock written on another computer cannot be
checked from here (a stick moved after a crash, a shared folder): the caller may
take it over once the user confirms that the other computer no longer uses it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QSysInfo

from ccn_desktop.i18n import _

LOCK_FILE_NAME = "ccn-desktop.lock"


class InstanceLockedError(RuntimeError):
    """Another running program holds the data folder; the message says which and where."""

    def __init__(self, message: str, *, other_host: str | None = None) -> None:
        super().__init__(message)
        # The computer named in the lock when it is not this one (it cannot be checked).
        self.other_host = other_host


class LockFileUnwritableError(InstanceLockedError):
    """The lock file cannot be made: the data folder cannot be written (a locked stick)."""


class InstanceLock:
    """The lock of one data folder; `acquire()` it, `release()` it when the program ends.

    `role` says who holds it ("window", or "command" for a command that writes), in a
    note beside the lock file, so that a command can tell a window (held until it is
    closed: no use waiting) from another command (soon done: wait for it).
    """

    def __init__(self, data_dir: Path, role: str = "window") -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILE_NAME
        self.role = role
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)

    @property
    def _role_path(self) -> Path:
        return self.data_dir / f"{LOCK_FILE_NAME}.role"

    def acquire(self) -> None:
        """Take the lock, or raise InstanceLockedError naming the folder and the holder."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._lock.tryLock(0):
            with contextlib.suppress(OSError):
                self._role_path.write_text(f"{os.getpid()} {self.role}\n", encoding="utf-8")
            return
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            raise LockFileUnwritableError(
                f"The lock file {self.path} cannot be created; check that the data folder "
                f"{self.data_dir} can be written."
            )
        pid, host, _program = self.holder()
        this_host = QSysInfo.machineHostName()
        if host and host != this_host:
            raise InstanceLockedError(
                f"The data folder {self.data_dir} is in use by CCN Desktop on the computer "
                f"{host} (process {pid}), or was when that computer stopped.",
                other_host=host,
            )
        if self.holder_role() == "command":
            raise InstanceLockedError(
                _(
                    "A ccn-desktop command is writing in the data folder {folder} (process "
                    "{pid}); start again when it has finished."
                ).format(folder=self.data_dir, pid=pid)
            )
        raise InstanceLockedError(
            f"CCN Desktop is already open on the data folder {self.data_dir} "
            f"(process {pid}); switch to that window, or close it and start again."
        )

    def take_over(self) -> None:
        """Remove a lock the user says is left over (another computer's), then acquire."""
        self._lock.removeStaleLockFile()
        self.acquire()

    def release(self) -> None:
        if self._lock.isLocked():
            with contextlib.suppress(OSError):
                self._role_path.unlink()
        self._lock.unlock()

    def holder_role(self) -> str:
        """The role of the process holding the lock now ("window", "command"), or ""."""
        pid = self.holder()[0]
        try:
            noted_pid, role = self._role_path.read_text(encoding="utf-8").split()
        except (OSError, ValueError):
            return ""
        return role if pid and noted_pid == str(pid) else ""

    @property
    def held(self) -> bool:
        return self._lock.isLocked()

    def holder(self) -> tuple[int, str, str]:
        """(process id, host, program name) written in the lock file by its holder."""
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and len(info) == 3:
            return int(info[0]), str(info[1]), str(info[2])
        return 0, "", ""  # unreadable: being written by its holder right now


def claim_data_folder(data_dir: Path) -> InstanceLock | None:
    """Take the data folder's lock for the window, or say why not (None: do not start).

    In a folder that cannot be written the lock is returned unheld.

    A lock left on another computer is offered for take-over, since only the user
    can tell whether that computer still uses the folder.
    """
    from PySide6.QtWidgets import QMessageBox

    from ccn_desktop import APP_NAME

    lock = InstanceLock(data_dir)
    try:
        lock.acquire()
        return lock
    except LockFileUnwritableError:
        # A locked stick: no lock file can be made, and nothing will be written there
        # (the catalogue opens read-only, or says why not), so two programs cannot spoil
        # each other's work.
        return lock
    except InstanceLockedError as exc:
        if exc.other_host is None:
            QMessageBox.warning(None, APP_NAME, str(exc))
            return None
        question = QCoreApplication.translate(
            "InstanceLock",
            "%1\n\nIf no one uses CCN Desktop on %2 any more (for example, the stick was "
            "moved here after that computer stopped), you can open the catalogue here.",
        )
        answer = QMessageBox.question(
            None,
            APP_NAME,
            question.replace("%1", str(exc)).replace("%2", exc.other_host),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Open:
            return None
    try:
        lock.take_over()
    except InstanceLockedError as exc:
        QMessageBox.warning(None, APP_NAME, str(exc))
        return None
    return lock
