"""The checks at open and on demand catch real damage, and name a backup that is good."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from ccn_desktop.catalogue.backups import list_backups, make_backup, take_backup
from ccn_desktop.catalogue.errors import DamagedCatalogueError, NotACatalogueError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.integrity import check_file, newest_good_backup
from ccn_desktop.paths import DataPaths
from tests.damage import overwrite_middle, overwrite_pages, overwrite_table_pages, truncate
from tests.helpers import city_values


@pytest.fixture
def closed_catalogue(data_paths: DataPaths) -> DataPaths:
    """A starter catalogue with one backup, closed (its WAL folded into the file)."""
    with Catalogue.open(data_paths, office_name="Test office") as catalogue:
        catalogue.add("city", city_values())
    take_backup(data_paths, "manual")
    return data_paths


def test_a_healthy_catalogue_passes_both_checks(closed_catalogue: DataPaths) -> None:
    assert check_file(closed_catalogue.catalogue_file) == []
    assert check_file(closed_catalogue.catalogue_file, full=True) == []


def _junk_header(path: Path) -> None:
    overwrite_pages(path, 0, 1)


def _not_sqlite(path: Path) -> None:
    path.write_text("city,country\nŁódź,PL\n", encoding="utf-8")


def _another_database(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes (body) VALUES ('shopping list')")
    connection.commit()
    connection.close()


def _tables_missing(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("DROP TABLE conference_host")
    connection.execute("DROP TABLE conference")
    connection.commit()
    connection.close()


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "garbage pages": (overwrite_middle, "damaged"),
    "truncated": (truncate, "damaged"),
    "junk header": (_junk_header, "not a CCN Desktop catalogue \\(not an SQLite file\\)"),
    "not SQLite": (_not_sqlite, "not a CCN Desktop catalogue \\(not an SQLite file\\)"),
    "another program's database": (_another_database, "not a CCN Desktop catalogue"),
    "tables missing": (_tables_missing, "not a CCN Desktop catalogue"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damage_is_caught_at_open_and_names_the_good_backup(
    closed_catalogue: DataPaths, kind: str
) -> None:
    damage, phrase = DAMAGE[kind]
    path = closed_catalogue.catalogue_file
    damage(path)
    damaged_bytes = path.read_bytes()
    assert check_file(path) != []
    with pytest.raises(DamagedCatalogueError, match=phrase) as caught:
        Catalogue.open(closed_catalogue)
    error = caught.value
    assert isinstance(error, NotACatalogueError)
    good = list_backups(closed_catalogue.backups_dir)[0]
    assert error.good_backup == good
    assert f"ccn-desktop restore {good.name}" in str(error)
    assert path.read_bytes() == damaged_bytes  # the failed open wrote nothing
    assert [b.path for b in list_backups(closed_catalogue.backups_dir)] == [good.path]


def test_a_broken_link_fails_the_quick_check(closed_catalogue: DataPaths) -> None:
    connection = sqlite3.connect(closed_catalogue.catalogue_file)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute(
        "INSERT INTO project_city (project_id, city_id, position) VALUES (999999, 1, 0)"
    )
    connection.commit()
    connection.close()
    problems = check_file(closed_catalogue.catalogue_file)
    assert problems and "project_city" in problems[0]


def test_the_good_backup_is_the_newest_that_passes(closed_catalogue: DataPaths) -> None:
    older = list_backups(closed_catalogue.backups_dir)[0]
    newer = make_backup(closed_catalogue.catalogue_file, closed_catalogue.backups_dir, "manual")
    overwrite_middle(newer)
    assert newest_good_backup(closed_catalogue.backups_dir) == older
    overwrite_middle(older.path)
    assert newest_good_backup(closed_catalogue.backups_dir) is None


def test_without_a_good_backup_the_error_says_so(closed_catalogue: DataPaths) -> None:
    for backup in list_backups(closed_catalogue.backups_dir):
        backup.path.unlink()
    truncate(closed_catalogue.catalogue_file)
    with pytest.raises(DamagedCatalogueError, match="no backup passes the check") as caught:
        Catalogue.open(closed_catalogue)
    assert caught.value.good_backup is None


def test_an_empty_file_is_a_new_catalogue_unless_backups_exist(data_paths: DataPaths) -> None:
    data_paths.ensure()
    data_paths.catalogue_file.write_bytes(b"")
    with Catalogue.open(data_paths, starter=False) as catalogue:  # a first start cut short
        assert catalogue.count("city") == 0
    take_backup(data_paths, "manual")
    data_paths.catalogue_file.write_bytes(b"")  # its content lost
    with pytest.raises(DamagedCatalogueError, match="it is empty"):
        Catalogue.open(data_paths)


def test_damage_found_while_reading_is_one_clear_error(closed_catalogue: DataPaths) -> None:
    """Damage that appears while the catalogue is open is reported, not a traceback."""
    with Catalogue.open(closed_catalogue) as catalogue:
        overwrite_table_pages(closed_catalogue.catalogue_file, "city", count=8)
        with pytest.raises(DamagedCatalogueError) as caught:
            for entity in ("city", "conference", "project"):
                ids = catalogue.ids(entity)
                catalogue.rows(entity, ids)
        assert caught.value.good_backup is not None


_KILLED_MID_TRANSACTION = """
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode=DELETE")
connection.execute("PRAGMA cache_size=1")  # spill pages to the file before the commit
connection.execute("BEGIN")
connection.execute("UPDATE city SET notes = notes || 'half-written'")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_hot_journal_left_by_a_crash_is_rolled_back_not_called_damage(
    closed_catalogue: DataPaths,
) -> None:
    """A read-only connection cannot roll a hot journal back (SQLITE_READONLY_ROLLBACK):
    the check must not call that a read-only disk, nor damage."""
    import subprocess
    import sys

    from tests.helpers import database_dump

    path = closed_catalogue.catalogue_file
    before = database_dump(path)
    subprocess.run([sys.executable, "-c", _KILLED_MID_TRANSACTION, str(path)], check=False)
    assert Path(f"{path}-journal").stat().st_size > 0  # hot: the crash left it behind
    assert check_file(path, full=True) == []
    assert database_dump(path) == before  # the half-written update is gone
    with Catalogue.open(closed_catalogue) as catalogue:
        assert "half-written" not in catalogue.get("city", catalogue.uuid_of("city", 1))["notes"]


def test_a_large_catalogue_is_scanned_daily_and_after_damage_met_in_use(
    closed_catalogue: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the size limit the page scan runs once a day (today's daily backup is made)
    and at the first opening after damage was met while reading."""
    from ccn_desktop.catalogue import integrity

    monkeypatch.setattr(integrity, "SCAN_EVERY_OPEN_BELOW", 0)  # every file is "large"
    Catalogue.open(closed_catalogue).close()  # scanned, and today's daily backup made
    assert "daily" in {b.trigger for b in list_backups(closed_catalogue.backups_dir)}
    overwrite_table_pages(closed_catalogue.catalogue_file, "history")
    catalogue = Catalogue.open(closed_catalogue)  # not scanned: it opens
    try:
        with pytest.raises(DamagedCatalogueError):
            for record_id in catalogue.ids("city"):
                catalogue.history("city", catalogue.uuid_of("city", record_id))
    finally:
        catalogue.close()
    marker = closed_catalogue.data_dir / integrity.CHECK_MARKER
    assert marker.exists()
    with pytest.raises(DamagedCatalogueError) as caught:  # scanned: refused, good backup named
        Catalogue.open(closed_catalogue)
    assert caught.value.good_backup is not None
    assert marker.exists()  # until a scan passes
