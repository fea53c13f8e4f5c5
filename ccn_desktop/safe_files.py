"""Writing a file so that a crash, a pulled stick or a full disk leaves the old file or the
new one, never half of one: a temporary file beside the target, synced to the disk,
renamed over the target, and the rename itself synced (the folder).

The one way the program replaces a file it owns: bundles, spreadsheets, backups, restored
catalogues, fact sheets, drawings (maps and charts) and the office's key.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

# What a folder sync may answer where it means nothing (FAT sticks, network shares).
_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES, errno.EPERM}


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); where a folder cannot be synced
    (Windows, some file systems), there is nothing more to do."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError as exc:
        if exc.errno not in _UNSUPPORTED:
            raise
    finally:
        os.close(descriptor)


def sync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def temporary_beside(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")


@contextlib.contextmanager
def replacing(
    path: Path, *, mode: int | None = None, temporary: Path | None = None
) -> Iterator[Path]:
    """A temporary path beside `path` (or `temporary`) for the block to write. When the
    block ends without an error, the file is synced, given `mode`, renamed over `path`
    and the folder synced; on any error (a cancel included) it is removed and `path` is
    as it was."""
    temporary = temporary or temporary_beside(path)
    try:
        yield temporary
        if mode is not None:
            os.chmod(temporary, mode)
        sync_file(temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):  # a read-only stick refuses even to look
            temporary.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def write_bytes(path: Path, chunks: Iterable[bytes], *, mode: int = 0o666) -> None:
    """Write `chunks` to `path` safely; the file is created with `mode` (less the
    umask) from its first byte on, so a private key is never readable by others."""
    with replacing(path) as temporary:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
