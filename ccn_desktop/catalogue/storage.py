"""SQLite's and the system's storage failures, told apart from damage and said in a sentence.

A full disk, a read-only stick or a pulled one is not a damaged catalogue: the file
is as it was, and the answer is to free space or plug the stick back in — not to
restore a backup. SQLite reports a full disk under several names (a failed write
of the shared-memory file is a "disk I/O error"), so the free space is looked at too.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from ccn_desktop.catalogue.errors import StorageError
from ccn_desktop.i18n import _

DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
# Below this much free space, a failed read or write is taken for a full disk.
LOW_SPACE_BYTES = 1 << 20


def error_name(exc: BaseException) -> str:
    return getattr(exc, "sqlite_errorname", "") if isinstance(exc, sqlite3.Error) else ""


def is_damage(exc: BaseException) -> bool:
    """SQLite found the file's content broken (as opposed to the disk failing)."""
    return error_name(exc).startswith(DAMAGE)


def disk_full(exc: BaseException, where: Path | None = None) -> bool:
    """SQLite's or the system's way of saying there is no room left."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    name = error_name(exc)
    if name.startswith("SQLITE_FULL"):
        return True
    return name.startswith("SQLITE_IOERR") and where is not None and _low_space(where)


def _low_space(where: Path) -> bool:
    folder = where if where.is_dir() else where.parent
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def _writable(where: Path) -> bool:
    folder = where if where.is_dir() else where.parent
    return os.access(folder, os.W_OK)


def storage_error(path: Path, exc: BaseException) -> StorageError | None:
    """The sentence for a storage failure on `path`; None if `exc` is not one."""
    name = error_name(exc)
    number = exc.errno if isinstance(exc, OSError) else None
    if disk_full(exc, path):
        return StorageError(
            _(
                "The disk holding {path} is full: nothing was changed. "
                "Free some space and try again."
            ).format(path=path)
        )
    read_only = name.startswith("SQLITE_READONLY") or number in (errno.EROFS, errno.EACCES)
    if read_only or (name.startswith("SQLITE_CANTOPEN") and not _writable(path)):
        return StorageError(
            _(
                "{path} cannot be written (read-only disk, folder or file): nothing was changed."
            ).format(path=path)
        )
    if name.startswith("SQLITE_IOERR") or number == errno.EIO:
        return StorageError(
            _(
                "The disk holding {path} failed to read or write (was it removed?): "
                "nothing was changed."
            ).format(path=path)
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError(
            _(
                "The catalogue {path} is busy: another program is writing to it and did not "
                "finish in time; nothing was changed. Try again when it has finished."
            ).format(path=path)
        )
    if name.startswith("SQLITE_CANTOPEN") or number == errno.ENOENT:
        return StorageError(
            _("{path} cannot be opened (was its disk removed?): nothing was changed.").format(
                path=path
            )
        )
    return None
