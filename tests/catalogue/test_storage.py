"""Storage failures are told apart from damage, and said in one sentence."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from ccn_desktop.catalogue.storage import disk_full, is_damage, storage_error


def sqlite_error(name: str, message: str) -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("error", "phrase"),
    [
        (sqlite_error("SQLITE_FULL", "database or disk is full"), "is full"),
        (OSError(errno.ENOSPC, "No space left on device"), "is full"),
        (sqlite_error("SQLITE_READONLY", "attempt to write a readonly database"), "read-only"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only"),
        (sqlite_error("SQLITE_IOERR_WRITE", "disk I/O error"), "was it removed?"),
        (OSError(errno.EIO, "Input/output error"), "was it removed?"),
    ],
)
def test_storage_failures_are_one_sentence(
    tmp_path: Path, error: BaseException, phrase: str
) -> None:
    found = storage_error(tmp_path / "catalogue.sqlite3", error)
    assert found is not None
    assert phrase in str(found)
    assert str(found).endswith(".")
    assert not is_damage(error)


def test_damage_is_not_a_storage_failure(tmp_path: Path) -> None:
    error = sqlite_error("SQLITE_CORRUPT", "database disk image is malformed")
    assert is_damage(error)
    assert storage_error(tmp_path, error) is None
    assert not disk_full(error, tmp_path)


def test_other_errors_are_left_alone(tmp_path: Path) -> None:
    assert storage_error(tmp_path, ValueError("a bug")) is None
    assert storage_error(tmp_path, sqlite_error("SQLITE_ERROR", "no such table: x")) is None
