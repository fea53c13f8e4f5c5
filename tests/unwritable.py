"""One target of each kind a file cannot be written to, with the sentence that names it.

The rule is `safe_files.writable_target`; the tests of each writer that calls it (drawings,
fact sheet PDFs) run over every kind, so that each says the same sentence and writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.locked_folder import locked

UNWRITABLE = ("a folder", "missing folder", "file as folder", "read-only folder", "read-only file")


@contextmanager
def unwritable(kind: str, tmp_path: Path, name: str) -> Iterator[tuple[Path, str]]:
    """(a target named `name` of this kind under `tmp_path`, the sentence it is refused with),
    for the duration of the `with` block (a read-only folder is unlocked afterwards)."""
    if kind == "a folder":
        target = tmp_path / name
        target.mkdir()
        yield target, f"Cannot write {target}: it is a folder."
    elif kind == "missing folder":
        target = tmp_path / "missing" / name
        yield target, f"Cannot write {target}: the folder {target.parent} does not exist."
    elif kind == "file as folder":
        file = tmp_path / "notes.txt"
        file.write_text("a file where the folder should be", encoding="utf-8")
        target = file / name
        yield target, f"Cannot write {target}: {file} is a file, not a folder."
    elif kind == "read-only folder":
        (tmp_path / "stick").mkdir()
        with locked(tmp_path / "stick") as folder:  # bind-mounted read-only for root
            target = folder / name
            yield target, f"Cannot write {target}: the folder {folder} is not writable."
    elif kind == "read-only file":
        if os.name != "posix" or os.geteuid() == 0:
            pytest.skip("root can write any file")
        target = tmp_path / name
        target.write_bytes(b"old")
        target.chmod(0o444)
        try:
            yield target, f"Cannot write {target}: the file is read-only."
        finally:
            target.chmod(0o644)
    else:
        raise ValueError(kind)


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with a file's bytes (None: a folder), to see nothing changed."""
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }
