"""Backups: names that describe them, the online copy, rotation, the daily backup."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue import backups
from ccn_desktop.catalogue.backups import (
    Backup,
    backup_file_name,
    backups_to_delete,
    daily_backup_due,
    list_backups,
    make_backup,
    parse_backup_name,
    take_backup,
)
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.integrity import check_file
from ccn_desktop.paths import DataPaths
from tests.helpers import city_values, database_dump

UTC = dt.UTC


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def backup_at(when: dt.datetime, trigger: str = "daily") -> Backup:
    return Backup(Path(backup_file_name(trigger, when)), when, trigger, 1000)


def test_a_name_says_when_and_why() -> None:
    when = at(2025, 3, 4, 9, 15, 30, 123456)
    name = backup_file_name("Before import", when)
    assert name == "catalogue-20250304-091530-123456-before-import.sqlite3"
    assert parse_backup_name(name) == (when, "before-import")


@pytest.mark.parametrize(
    "name",
    [
        "notes.txt",
        "catalogue.sqlite3",
        "catalogue-20250304-091530-123456-daily.partial",
        "catalogue-20251399-091530-123456-daily.sqlite3",  # no 99th day of a 13th month
        "catalogue-20250304-091530-daily.sqlite3",
    ],
)
def test_other_files_are_not_backups(name: str) -> None:
    assert parse_backup_name(name) is None


def test_the_list_is_newest_first_and_skips_strangers(tmp_path: Path) -> None:
    for when in (at(2025, 1, 1), at(2025, 3, 1), at(2025, 2, 1)):
        (tmp_path / backup_file_name("daily", when)).write_bytes(b"x" * 10)
    (tmp_path / "readme.txt").write_text("not a backup")
    (tmp_path / backup_file_name("daily", at(2025, 4, 1))).mkdir()  # a folder with a backup's name
    found = list_backups(tmp_path)
    assert [b.when.month for b in found] == [3, 2, 1]
    assert {b.size for b in found} == {10}
    assert list_backups(tmp_path / "missing") == []


def test_a_backup_holds_what_is_still_in_the_wal(catalogue: Catalogue, tmp_path: Path) -> None:
    """Taken while the catalogue is open, the copy includes commits not yet checkpointed."""
    uuid = catalogue.add("city", city_values(name="Only in the WAL"))
    wal = Path(f"{catalogue.paths.catalogue_file}-wal")
    assert wal.stat().st_size > 0
    target = make_backup(catalogue.paths.catalogue_file, tmp_path, "manual")
    assert not Path(f"{target}-wal").exists()  # one self-contained file
    assert check_file(target, full=True) == []
    connection = sqlite3.connect(target)
    try:
        assert connection.execute("SELECT name FROM city WHERE uuid = ?", (uuid,)).fetchone()
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        connection.close()
    assert database_dump(target) == database_dump(catalogue.paths.catalogue_file)


def test_a_failed_backup_leaves_no_file(tmp_path: Path) -> None:
    not_a_database = tmp_path / "junk.sqlite3"
    not_a_database.write_bytes(b"this is not SQLite" * 500)
    with pytest.raises(sqlite3.DatabaseError):
        make_backup(not_a_database, tmp_path / "backups", "manual")
    assert list((tmp_path / "backups").iterdir()) == []


# -- rotation ------------------------------------------------------------------------


def test_rotation_of_two_years_of_daily_backups() -> None:
    now = at(2025, 6, 30, 12)
    history = [backup_at(now - dt.timedelta(days=day)) for day in range(730)]
    deleted = {b.path for b in backups_to_delete(history, now)}
    kept = sorted((b for b in history if b.path not in deleted), key=lambda b: b.when)
    # the last 10 days, and the newest of each month from July 2024 to May 2025
    assert [b.when.date() for b in kept[-10:]] == [
        (now - dt.timedelta(days=day)).date() for day in range(9, -1, -1)
    ]
    assert [(b.when.year, b.when.month, b.when.day) for b in kept[:-10]] == [
        (2024, 7, 31), (2024, 8, 31), (2024, 9, 30), (2024, 10, 31), (2024, 11, 30),
        (2024, 12, 31), (2025, 1, 31), (2025, 2, 28), (2025, 3, 31), (2025, 4, 30),
        (2025, 5, 31),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("count", "deleted"),
    [(0, 0), (1, 0), (10, 0), (11, 1), (25, 15)],
)
def test_rotation_of_a_busy_day(count: int, deleted: int) -> None:
    now = at(2025, 6, 30, 23)
    history = [backup_at(at(2025, 6, 30, 0, minute)) for minute in range(count)]
    assert len(backups_to_delete(history, now)) == deleted


moments = st.datetimes(
    min_value=dt.datetime(2022, 1, 1), max_value=dt.datetime(2026, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=200, deadline=None)
@given(whens=st.lists(moments, max_size=60, unique=True), now=moments, data=st.data())
def test_rotation_properties(
    whens: list[dt.datetime], now: dt.datetime, data: st.DataObject
) -> None:
    history = [backup_at(when) for when in whens]
    protected = data.draw(st.sets(st.sampled_from([b.path for b in history]))) if history else set()
    deleted = backups_to_delete(history, now, protect=protected)
    deleted_paths = {b.path for b in deleted}
    kept = [b for b in history if b.path not in deleted_paths]
    newest_first = sorted(history, key=lambda b: b.when, reverse=True)
    # never the protected ones (the backup just made), always the newest ten
    assert not deleted_paths & protected
    assert {b.path for b in newest_first[:10]} <= {b.path for b in kept}
    # every month of the last year that had a backup still has one, its newest
    for backup in history:
        months_ago = (now.year * 12 + now.month) - (backup.when.year * 12 + backup.when.month)
        if 0 <= months_ago < 12:
            same_month = [b for b in history if (b.when.year, b.when.month) == (
                backup.when.year, backup.when.month)]  # fmt: skip
            assert max(same_month, key=lambda b: b.when).path not in deleted_paths
    # bounded, and a second rotation removes nothing more
    assert len(kept) <= 10 + 12 + len(protected)
    assert backups_to_delete(kept, now, protect=protected) == []


def test_the_backup_just_made_is_never_rotated_away(catalogue: Catalogue) -> None:
    """Even when the clock went back and twelve newer-looking backups exist."""
    folder = catalogue.paths.backups_dir
    future = dt.datetime.now(UTC) + dt.timedelta(days=400)
    for hour in range(12):
        (folder / backup_file_name("daily", future + dt.timedelta(hours=hour))).write_bytes(b"x")
    made = take_backup(catalogue.paths, "manual")
    assert made.path.exists()
    assert made.trigger == "manual"
    assert len(list_backups(folder)) == 11  # the ten newest-looking ones and the new one


def test_leftovers_of_an_interrupted_backup_are_removed_after_a_day(
    catalogue: Catalogue,
) -> None:
    folder = catalogue.paths.backups_dir
    old = folder / "catalogue-20200101-000000-000000-daily.partial"
    fresh = folder / "catalogue-20200101-000001-000000-daily.partial"
    old.write_bytes(b"half")
    fresh.write_bytes(b"half")
    day_ago = dt.datetime.now().timestamp() - 2 * 24 * 3600
    import os

    os.utime(old, (day_ago, day_ago))
    take_backup(catalogue.paths, "manual")
    assert not old.exists()
    assert fresh.exists()  # maybe another process's backup in progress


# -- the daily backup --------------------------------------------------------------------


def test_daily_backup_due_uses_the_local_day() -> None:
    now = dt.datetime(2025, 6, 30, 10, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    made_today_local = backup_at(dt.datetime(2025, 6, 29, 20, tzinfo=UTC))  # 01:00 local, 30th
    made_yesterday = backup_at(dt.datetime(2025, 6, 29, 18, tzinfo=UTC))  # 23:00 local, 29th
    assert not daily_backup_due([made_today_local], now)
    assert daily_backup_due([made_yesterday], now)
    assert daily_backup_due([backup_at(now, "manual")], now)  # only a daily one counts


def test_one_daily_backup_on_the_first_open_of_each_day(data_paths: DataPaths) -> None:
    Catalogue.open(data_paths, starter=False).close()
    assert list_backups(data_paths.backups_dir) == []  # a new catalogue has nothing to keep
    for _ in range(3):
        Catalogue.open(data_paths).close()
    found = list_backups(data_paths.backups_dir)
    assert [b.trigger for b in found] == ["daily"]
    assert check_file(found[0].path, full=True) == []
    # the next day
    yesterday = found[0].when - dt.timedelta(days=1)
    found[0].path.rename(found[0].path.with_name(backup_file_name("daily", yesterday)))
    Catalogue.open(data_paths).close()
    assert [b.trigger for b in list_backups(data_paths.backups_dir)] == ["daily", "daily"]


def test_a_failed_daily_backup_does_not_keep_the_catalogue_closed(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    Catalogue.open(data_paths, starter=False).close()

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "make_backup", disk_full)
    with caplog.at_level(logging.WARNING), Catalogue.open(data_paths) as catalogue:
        assert catalogue.count("city") == 0
    assert "daily backup" in caplog.text
    assert list_backups(data_paths.backups_dir) == []
