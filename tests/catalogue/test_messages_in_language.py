"""The catalogue's sentences for a damaged file, a failing disk and a broken rule are said
in the user's language, not only in English (a French office read them in English)."""

from __future__ import annotations

import errno
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ccn_desktop import i18n
from ccn_desktop.catalogue.backup_record import Backup
from ccn_desktop.catalogue.errors import DamagedCatalogueError, InvalidRecordError
from ccn_desktop.catalogue.integrity import check_file
from ccn_desktop.catalogue.storage import storage_error
from ccn_desktop.catalogue.validation import Problem

# A word of each sentence in French and in Spanish that the English one does not hold.
DISK_ERRORS = [
    (errno.ENOSPC, ("plein", "lleno")),
    (errno.EROFS, ("lecture seule", "solo lectura")),
    (errno.EIO, ("retiré", "retiró")),
    (errno.ENOENT, ("retiré", "retiró")),
]


@pytest.mark.parametrize(("number", "words"), DISK_ERRORS)
@pytest.mark.parametrize("language", ["fr", "es"])
def test_disk_failures_in_the_language(
    tmp_path: Path, number: int, words: tuple[str, str], language: str
) -> None:
    path = tmp_path / "catalogue.sqlite3"
    with i18n.speaking(language):
        error = storage_error(path, OSError(number, "refused"))
    assert error is not None
    text = str(error)
    assert words[0 if language == "fr" else 1] in text and str(path) in text
    assert "nothing was changed" not in text


@pytest.mark.parametrize(
    ("content", "french", "spanish"),
    [
        (b"", "il est vide", "está vacío"),
        (
            b"not a database at all, just words" * 4,
            "pas un fichier SQLite",
            "no es un archivo SQLite",
        ),
    ],
)
def test_what_is_wrong_with_a_file_in_the_language(
    tmp_path: Path, content: bytes, french: str, spanish: str
) -> None:
    path = tmp_path / "catalogue.sqlite3"
    path.write_bytes(content)
    with i18n.speaking("fr"):
        assert french in check_file(path)[0]
    with i18n.speaking("es"):
        assert spanish in check_file(path)[0]


def test_a_database_that_is_not_ours_in_french(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    connection.close()
    with i18n.speaking("fr"):
        assert check_file(path) == ["c’est une base SQLite mais pas un catalogue CCN Desktop"]


@pytest.mark.parametrize("with_backup", [False, True])
def test_the_damaged_catalogue_sentence_in_french(tmp_path: Path, with_backup: bool) -> None:
    backup = (
        Backup(tmp_path / "b.sqlite3", datetime(2026, 3, 4, 5, 6, tzinfo=UTC), "daily", 10)
        if with_backup else None
    )  # fmt: skip
    with i18n.speaking("fr"):
        problem = "il est endommagé (page 3)"
        text = str(DamagedCatalogueError(tmp_path / "c.sqlite3", problem, backup))
    assert text.startswith(f"Le fichier de catalogue {tmp_path / 'c.sqlite3'} ne peut pas")
    assert problem in text
    assert ("ccn-desktop restore b.sqlite3" in text) is with_backup
    assert "cannot be opened" not in text and "backup" not in text.replace("b.sqlite3", "")


def test_a_broken_rule_in_french_puts_a_space_before_the_colon() -> None:
    with i18n.speaking("fr"):
        text = str(InvalidRecordError("city", [Problem("name", i18n._("is required"))]))
    assert text.startswith("La fiche ville ne peut pas être enregistrée : name : ")
