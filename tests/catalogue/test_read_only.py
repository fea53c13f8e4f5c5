"""Read-only opening (a locked USB stick): reads work, nothing is ever written."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from ccn_desktop.catalogue.errors import CatalogueError, NewerSchemaError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.read_only import (
    ReadOnlyCatalogueError,
    ReadOnlyFolderError,
    folder_writable,
)
from ccn_desktop.paths import DataPaths
from tests.helpers import city_values
from tests.locked_folder import locked


def _state(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a digest of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def stick(starter_template: Path, tmp_path: Path) -> DataPaths:
    """A copy of a starter catalogue in a folder with an unusual name."""
    folder = tmp_path / "USB stick #1 ? Łódź"
    shutil.copytree(starter_template, folder)
    return DataPaths.in_folder(folder)


def test_read_only_catalogue_reads_and_writes_nothing(stick: DataPaths) -> None:
    before = _state(stick.data_dir)
    with Catalogue.open(stick, read_only=True) as catalogue:
        assert catalogue.read_only
        assert catalogue.office.name == "Template office"
        assert catalogue.count("city") == 406
        first = catalogue.ids("city")[0]
        uuid = catalogue.uuid_of("city", first)
        assert catalogue.get("city", uuid)["uuid"] == uuid
    assert _state(stick.data_dir) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda c, uuid: c.add("city", city_values()),
        lambda c, uuid: c.update("city", uuid, {"notes": "typed on a locked stick"}),
        lambda c, uuid: c.delete("city", uuid),
        lambda c, uuid: c.rename_office("New name"),
    ],
    ids=["add", "update", "delete", "rename-office"],
)
def test_every_change_is_refused_in_one_sentence(stick: DataPaths, change) -> None:  # type: ignore[no-untyped-def]
    before = _state(stick.data_dir)
    with Catalogue.open(stick, read_only=True) as catalogue:
        uuid = catalogue.uuid_of("city", catalogue.ids("city")[0])
        with pytest.raises(ReadOnlyCatalogueError) as raised:
            change(catalogue, uuid)
        assert catalogue.office.name == "Template office"
    assert str(raised.value) == "This catalogue is open read-only, so the change was not saved."
    assert _state(stick.data_dir) == before


def test_a_writable_open_sees_the_folder_is_fine(stick: DataPaths) -> None:
    with Catalogue.open(stick) as catalogue:
        assert not catalogue.read_only


def test_read_only_reads_the_unmerged_log_of_a_catalogue_in_use(stick: DataPaths) -> None:
    with Catalogue.open(stick) as writer:
        uuid = writer.add("city", city_values(name="Written a moment ago"))
        assert Path(f"{stick.catalogue_file}-wal").stat().st_size > 0
        with Catalogue.open(stick, read_only=True) as reader:
            assert reader.get("city", uuid)["name"] == "Written a moment ago"


def test_missing_catalogue_is_not_created(tmp_path: Path) -> None:
    paths = DataPaths.in_folder(tmp_path / "nothing here")
    with pytest.raises(CatalogueError, match=r"There is no catalogue at .* to open read-only"):
        Catalogue.open(paths, read_only=True)
    assert not paths.data_dir.exists()


def _set_revision(paths: DataPaths, revision: str | None) -> None:
    connection = sqlite3.connect(paths.catalogue_file)
    with connection:
        connection.execute("DELETE FROM alembic_version")
        if revision:
            connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    connection.close()


def test_an_old_catalogue_is_not_migrated(stick: DataPaths) -> None:
    _set_revision(stick, None)
    before = _state(stick.data_dir)
    with pytest.raises(CatalogueError, match="cannot be done read-only"):
        Catalogue.open(stick, read_only=True)
    assert _state(stick.data_dir) == before
    assert not list(stick.backups_dir.iterdir())


def test_a_newer_catalogue_is_refused(stick: DataPaths) -> None:
    _set_revision(stick, "9999_from_the_future")
    with pytest.raises(NewerSchemaError, match="9999_from_the_future"):
        Catalogue.open(stick, read_only=True)


def test_a_locked_folder_is_reported_and_opens_read_only(stick: DataPaths) -> None:
    with locked(stick.data_dir):
        assert not folder_writable(stick.data_dir)
        with pytest.raises(ReadOnlyFolderError, match="can only be opened read-only"):
            Catalogue.open(stick)
        with Catalogue.open(stick, read_only=True) as catalogue:
            assert catalogue.count("city") == 406
            with pytest.raises(ReadOnlyCatalogueError):
                catalogue.add("city", city_values())


def test_a_read_only_file_is_reported(stick: DataPaths) -> None:
    with (
        locked(stick.catalogue_file),
        pytest.raises(ReadOnlyFolderError, match="is a read-only file; it can only be opened"),
    ):
        Catalogue.open(stick)


def test_folder_writable_looks_at_the_nearest_existing_parent(tmp_path: Path) -> None:
    assert folder_writable(tmp_path / "not" / "yet" / "made")
    with locked(tmp_path):
        assert not folder_writable(tmp_path / "not" / "yet" / "made")
