"""Replacing a file safely: the old file or the new one, never half of one, no leftovers."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccn_desktop.safe_files import replacing, write_bytes


def test_a_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "bundle.json"
    target.write_bytes(b"old")
    write_bytes(target, [b"new ", b"content"])
    assert target.read_bytes() == b"new content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.json"]


def test_a_failure_midway_leaves_the_old_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "bundle.json"
    target.write_bytes(b"old")

    def chunks() -> Iterator[bytes]:
        yield b"half of the new"
        raise OSError("the stick was pulled")

    with pytest.raises(OSError, match="pulled"):
        write_bytes(target, chunks())
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.json"]


def test_a_private_file_is_private_from_its_first_byte(tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    write_bytes(key, [b"secret"], mode=0o600)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_a_file_written_by_another_library_gets_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    with replacing(target, mode=0o644) as temporary:
        temporary.write_bytes(b"%PDF")
        assert not target.exists()
    assert target.read_bytes() == b"%PDF"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
