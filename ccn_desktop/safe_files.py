"""Writing a file so that a crash, a pulled stick or a full disk leaves the old file or the
new one, never half of one: a temporary file beside the target, synced to the disk,
renamed over the target, and the rename itself synced (the folder).

The one way the program replaces a file it owns: bundles, spreadsheets, backups, restored
catalogues, fact sheets, drawings (maps and charts) and the office's key. A file the user
names is checked first (`writable_target`), so that the refusal is one sentence and comes
before any work.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ccn_desktop.i18n import _
from ccn_desktop.paths import folder_writable

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


def writable_target(path: Path | str, error: Callable[[str], Exception] = OSError) -> Path:
    """`path`, resolved, if a file can be written there; else raise `error` with one
    sentence naming what stands in the way: the path is a folder, its folder is missing
    (or a file stands where a folder should be) or cannot be written, or the file is
    read-only. Nothing is written (the folder test's probe file is removed at once)."""
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise error(_("Cannot write {path}: it is a folder.").format(path=path))
    if not folder.is_dir():
        blocking = next((above for above in (folder, *folder.parents) if above.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise error(
                _("Cannot write {path}: {file} is a file, not a folder.").format(
                    path=path, file=blocking
                )
            )
        raise error(
            _("Cannot write {path}: the folder {folder} does not exist.").format(
                path=path, folder=folder
            )
        )
    if not folder_writable(folder):
        raise error(
            _("Cannot write {path}: the folder {folder} is not writable.").format(
                path=path, folder=folder
            )
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise error(_("Cannot write {path}: the file is read-only.").format(path=path))
    return path.resolve()
