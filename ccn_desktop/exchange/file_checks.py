"""The first checks of a bundle file, before and while its JSON is read.

A bundle comes from a stick or a download and may be anything: a named pipe that
would block `open()` for ever, a device that never ends (`/dev/zero`), a link to
either, or JSON that names a key twice, which parsers read differently (one keeps
the first value, another the last), so that what a person reads is not what is
imported. Each is refused here in one sentence, before anything else looks at it.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.format import MAX_BUNDLE_BYTES
from ccn_desktop.i18n import _, decimal, number


def read_bundle_bytes(path: Path) -> bytes:
    """The file's bytes, once it is known to be a regular file of a bundle's size.

    The kind of file is judged before reading: a symbolic link is followed once and its
    target judged, and the file is opened without waiting (O_NONBLOCK) and judged again
    by what was opened, so nothing swapped in between slips by.
    """
    try:
        target = _link_target(path)
        status = target.stat()
        _judge(path, target, status)
        if status.st_size > MAX_BUNDLE_BYTES:
            raise BundleError(too_large(path.name, status.st_size))
        descriptor = os.open(target, os.O_RDONLY | _NONBLOCK | _NOFOLLOW | _BINARY)
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            _judge(path, target, status)
            if status.st_size > MAX_BUNDLE_BYTES:
                raise BundleError(too_large(path.name, status.st_size))
            data = handle.read(MAX_BUNDLE_BYTES + 1)
    except FileNotFoundError:
        raise BundleError(_("There is no file {path}.").format(path=path)) from None
    except PermissionError:
        raise BundleError(
            _("The file {path} cannot be read (permission denied).").format(path=path)
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BundleError(_not_regular(path, target, _("a link to a link"))) from None
        raise BundleError(
            _("The file {path} cannot be read ({strerror}).").format(
                path=path, strerror=exc.strerror
            )
        ) from None
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError(too_large(path.name, len(data)))
    return data


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _link_target(path: Path) -> Path:
    """`path`, or the file a symbolic link at `path` points to (one step)."""
    if not path.is_symlink():
        return path
    target = Path(os.readlink(path))
    return target if target.is_absolute() else path.parent / target


def _judge(path: Path, target: Path, status: os.stat_result) -> None:
    if stat.S_ISREG(status.st_mode):
        return
    if stat.S_ISDIR(status.st_mode):
        raise BundleError(_("{name} is a folder, not a bundle file.").format(name=short(path.name)))
    if stat.S_ISLNK(status.st_mode):
        kind = _("a link to a link")
    elif stat.S_ISFIFO(status.st_mode):
        kind = _("a named pipe")
    elif stat.S_ISCHR(status.st_mode) or stat.S_ISBLK(status.st_mode):
        kind = _("a device")
    elif stat.S_ISSOCK(status.st_mode):
        kind = _("a socket")
    else:
        kind = _("not a file")
    raise BundleError(_not_regular(path, target, kind))


def _not_regular(path: Path, target: Path, kind: str) -> str:
    if target != path:
        return _(
            "{path} is a link to {target}, which is {kind}, not a bundle file; nothing was read."
        ).format(path=path, target=short(str(target), 80), kind=kind)
    return _("{path} is {kind}, not a bundle file; nothing was read.").format(path=path, kind=kind)


def too_large(name: str, size: int) -> str:
    mb = 1024 * 1024
    return _(
        "{name} is too large to be a bundle ({value} MB; bundles are at most {value2} MB)."
    ).format(name=name, value=decimal(size / mb, 0), value2=number(MAX_BUNDLE_BYTES // mb))


class _RepeatedKey(Exception):
    """An object names a key twice (where is found afterwards)."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> None:
    """The parser's hook for each object: only the check is wanted, so no dict is kept
    (the parsed document is thrown away; building it cost a fifth of the check)."""
    if len(dict(pairs)) != len(pairs):
        raise _RepeatedKey


def refuse_repeated_keys(data: bytes, root: str) -> None:
    """Refuse an object that names a key twice: parsers keep the first or the last value,
    so what a person reads could differ from what is imported. Only asks whether the
    text parses as JSON; the parser proper says what else is wrong."""
    try:
        json.loads(data, object_pairs_hook=_unique_pairs)
    except _RepeatedKey:
        where, key = _repeated_key_path(data, root)
        message = (
            _("The bundle is not valid at {where}: the key {key} appears twice (what is read "
              "must be what is imported).")
            if where
            else _("The bundle is not valid at its top level: the key {key} appears twice "
                   "(what is read must be what is imported).")
        )  # fmt: skip
        raise BundleError(message.format(where=where, key=repr(short(key))), where or key) from None
    except (ValueError, RecursionError):
        return


def _repeated_key_path(data: bytes, root: str) -> tuple[str, str]:
    """Where the first repeated key is, found again keeping every pair (only on failure)."""
    document = json.loads(data, object_pairs_hook=lambda pairs: pairs)
    stack: list[tuple[Any, tuple[Any, ...]]] = [(document, (root,) if root else ())]
    while stack:
        value, location = stack.pop()
        if isinstance(value, list) and all(isinstance(p, tuple) for p in value) and value:
            keys = [key for key, _item in value]
            repeated = next((key for i, key in enumerate(keys) if key in keys[:i]), None)
            if repeated is not None:
                return path_text(location), repeated
            stack.extend((item, (*location, key)) for key, item in reversed(value))
        elif isinstance(value, list):
            stack.extend((item, (*location, i)) for i, item in reversed(list(enumerate(value))))
    return path_text((root,)), ""


def short(text: str, limit: int = 40) -> str:
    """`text`, or its first `limit` characters and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def path_text(location: tuple[Any, ...]) -> str:
    """('cities', 12, 'name') -> 'cities[12].name', each name cut to a readable length (a
    hostile key may be a megabyte long)."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{short(str(part))}" if text else short(str(part))
    return text
