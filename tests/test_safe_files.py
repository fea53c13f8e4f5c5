"""Replacing a file safely: the old file or the new one, never half of one, no leftovers."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccn_desktop.safe_files import replacing, writable_target, write_bytes
from tests.unwritable import UNWRITABLE, tree, unwritable


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


class Refused(Exception):
    """A caller's own error: the sentence is raised as it."""


@pytest.mark.parametrize("kind", UNWRITABLE)
def test_an_unwritable_target_is_named_in_one_sentence(tmp_path: Path, kind: str) -> None:
    with unwritable(kind, tmp_path, "out.pdf") as (target, sentence):
        before = tree(tmp_path)
        with pytest.raises(Refused) as refused:
            writable_target(target, Refused)
        assert str(refused.value) == sentence
        assert tree(tmp_path) == before  # the folder's probe file is gone too


def test_a_file_further_up_is_named_where_the_folders_should_be(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    target = tmp_path / "notes.txt" / "2026" / "out.png"
    with pytest.raises(OSError) as refused:
        writable_target(target)
    assert str(refused.value) == (
        f"Cannot write {target}: {tmp_path / 'notes.txt'} is a file, not a folder."
    )


def test_a_writable_target_comes_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.png").write_bytes(b"old")
    assert writable_target("new.png") == tmp_path.resolve() / "new.png"
    assert writable_target(Path("old.png")) == tmp_path.resolve() / "old.png"
    assert tree(tmp_path) == {"old.png": b"old"}
