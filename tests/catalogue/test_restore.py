"""Restoring a backup: the current file is kept first, the swap is whole, nothing is reused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccn_desktop.catalogue.backups import list_backups, take_backup
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.integrity import check_file
from ccn_desktop.catalogue.restore import RestoreError, restore_backup
from ccn_desktop.paths import DataPaths
from tests.damage import overwrite_middle, truncate
from tests.helpers import city_values, database_dump


@pytest.fixture
def with_backup(data_paths: DataPaths) -> tuple[DataPaths, Path, str]:
    """A catalogue backed up with one extra city, then changed further (and closed)."""
    with Catalogue.open(data_paths, office_name="Test office") as catalogue:
        uuid = catalogue.add("city", city_values(name="Before the backup"))
        backup = take_backup(data_paths, "manual").path
        catalogue.update("city", uuid, {"notes": "typed after the backup"})
        catalogue.add("city", city_values(name="Added after the backup"))
    return data_paths, backup, uuid


def test_restore_keeps_the_current_file_then_puts_the_backup_in_place(
    with_backup: tuple[DataPaths, Path, str],
) -> None:
    paths, backup, uuid = with_backup
    before = database_dump(paths.catalogue_file)
    result = restore_backup(paths, backup)
    assert result.restored_from == backup
    assert result.kept_aside is None
    assert result.safety_backup is not None
    assert "before-restore" in result.safety_backup.name
    assert database_dump(result.safety_backup) == before  # what was replaced is kept
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{paths.catalogue_file}{suffix}").exists()
    assert not list(paths.data_dir.glob(".*restoring*"))
    with Catalogue.open(paths) as catalogue:
        assert catalogue.get("city", uuid)["notes"] == ""
        assert catalogue.count("city", None) == 407
    assert check_file(paths.catalogue_file, full=True) == []


def test_restoring_the_safety_backup_undoes_a_restore(
    with_backup: tuple[DataPaths, Path, str],
) -> None:
    paths, backup, uuid = with_backup
    result = restore_backup(paths, backup)
    assert result.safety_backup is not None
    restore_backup(paths, result.safety_backup)
    with Catalogue.open(paths) as catalogue:
        assert catalogue.get("city", uuid)["notes"] == "typed after the backup"


def test_counters_used_before_a_restore_are_not_handed_out_again(
    with_backup: tuple[DataPaths, Path, str],
) -> None:
    """Edits lost with the replaced file may already be in other offices: new edits must
    carry higher counters, or those offices would keep the lost edit instead."""
    paths, backup, uuid = with_backup
    with Catalogue.open(paths) as catalogue:
        lost_version = catalogue.get("city", uuid)["version"]
    restore_backup(paths, backup)
    with Catalogue.open(paths) as catalogue:
        office = catalogue.office.uuid
        catalogue.update("city", uuid, {"notes": "typed after the restore"})
        assert catalogue.get("city", uuid)["version"][office] > lost_version[office]


def test_a_damaged_catalogue_is_kept_aside_with_its_wal(
    with_backup: tuple[DataPaths, Path, str],
) -> None:
    paths, backup, _uuid = with_backup
    truncate(paths.catalogue_file)
    damaged = paths.catalogue_file.read_bytes()
    wal = Path(f"{paths.catalogue_file}-wal")
    wal.write_bytes(b"a leftover WAL that must not reach the restored file")
    result = restore_backup(paths, backup)
    assert result.safety_backup is None
    assert result.kept_aside is not None
    assert result.kept_aside.parent == paths.data_dir
    assert "damaged" in result.kept_aside.name
    assert result.kept_aside.read_bytes() == damaged
    assert Path(f"{result.kept_aside}-wal").read_bytes().startswith(b"a leftover WAL")
    assert not wal.exists()
    assert check_file(paths.catalogue_file, full=True) == []
    assert database_dump(paths.catalogue_file) == database_dump(backup)


def test_a_damaged_backup_is_refused_and_nothing_changes(
    with_backup: tuple[DataPaths, Path, str],
) -> None:
    paths, backup, _uuid = with_backup
    overwrite_middle(backup)
    before = paths.catalogue_file.read_bytes()
    count = len(list_backups(paths.backups_dir))
    with pytest.raises(RestoreError, match="cannot be restored: it is damaged"):
        restore_backup(paths, backup)
    assert paths.catalogue_file.read_bytes() == before
    assert len(list_backups(paths.backups_dir)) == count


def test_a_catalogue_still_open_is_not_replaced(with_backup: tuple[DataPaths, Path, str]) -> None:
    paths, backup, uuid = with_backup
    with Catalogue.open(paths) as catalogue:
        catalogue.update("city", uuid, {"notes": "open in the window"})
        with pytest.raises(RestoreError, match="in use"):
            restore_backup(paths, backup)
        assert catalogue.get("city", uuid)["notes"] == "open in the window"
    with Catalogue.open(paths) as catalogue:
        assert catalogue.get("city", uuid)["notes"] == "open in the window"


def test_a_backup_of_another_office_is_refused(
    with_backup: tuple[DataPaths, Path, str], tmp_path: Path
) -> None:
    paths, _backup, _uuid = with_backup
    other = DataPaths.in_folder(tmp_path / "other")
    Catalogue.open(other, office_name="Other office", starter=False).close()
    foreign = take_backup(other, "manual").path
    before = database_dump(paths.catalogue_file)
    with pytest.raises(RestoreError, match=r"belongs to another office \(Other office\)"):
        restore_backup(paths, foreign)
    assert database_dump(paths.catalogue_file) == before


def test_a_backup_from_outside_the_backups_folder(
    with_backup: tuple[DataPaths, Path, str], tmp_path: Path
) -> None:
    paths, backup, _uuid = with_backup
    copied = tmp_path / "from-a-stick.sqlite3"
    shutil.copy(backup, copied)
    restore_backup(paths, copied)
    # the same records; only the office's counter moved on (see the test above)
    assert records_dump(paths.catalogue_file) == records_dump(backup)
    assert database_dump(paths.catalogue_file) != database_dump(backup)


def records_dump(path: Path) -> list[str]:
    return [line for line in database_dump(path) if not line.startswith('INSERT INTO "office"')]
