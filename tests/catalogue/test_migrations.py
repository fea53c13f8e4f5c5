"""Schema revisions: new files reach head, old ones upgrade after a backup, newer are refused."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from ccn_desktop.catalogue import migrations
from ccn_desktop.catalogue.errors import NewerSchemaError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.migrations import known_revisions, stored_revision
from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD
from ccn_desktop.paths import DataPaths

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalogues"


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_head_constant_is_the_newest_migration() -> None:
    assert known_revisions()[-1] == SCHEMA_HEAD


def test_a_new_catalogue_is_created_at_head(empty_catalogue: Catalogue) -> None:
    assert stored_revision(empty_catalogue.paths.catalogue_file) == SCHEMA_HEAD


def test_models_and_migrations_agree(empty_catalogue: Catalogue) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from ccn_desktop.catalogue.models import Base

    engine = create_engine(f"sqlite:///{empty_catalogue.paths.catalogue_file}")
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_name": lambda name, type_, parent: (
                    not (type_ == "table" and name is not None and "_fts" in name)
                ),
                "compare_type": True,
            },
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.sqlite3")), ids=lambda p: p.stem)
def test_every_released_revision_opens_with_nothing_lost(fixture: Path, tmp_path: Path) -> None:
    paths = DataPaths.in_folder(tmp_path / "data")
    paths.ensure()
    shutil.copy(fixture, paths.catalogue_file)
    before = sqlite3.connect(fixture)
    expected = {row[0]: row[1] for row in before.execute("SELECT uuid, name FROM city")}
    before.close()
    with Catalogue.open(paths) as catalogue:
        assert {uuid: catalogue.get("city", uuid)["name"] for uuid in expected} == expected
        assert stored_revision(paths.catalogue_file) == SCHEMA_HEAD


def test_a_newer_catalogue_is_refused_and_untouched(tmp_path: Path) -> None:
    paths = DataPaths.in_folder(tmp_path / "data")
    Catalogue.open(paths, starter=False).close()
    connection = sqlite3.connect(paths.catalogue_file)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = file_hash(paths.catalogue_file)
    with pytest.raises(NewerSchemaError) as caught:
        Catalogue.open(paths)
    assert "9999_future" in str(caught.value) and SCHEMA_HEAD in str(caught.value)
    assert file_hash(paths.catalogue_file) == before


def test_upgrade_backs_up_the_file_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An extra migration (written here) stands in for the next release's."""
    paths = DataPaths.in_folder(tmp_path / "data")
    with Catalogue.open(paths, starter=False) as catalogue:
        kept = catalogue.add(
            "city",
            {
                "name": "Kept",
                "country_code": "FR",
                "creative_field": "Film",
                "designation_year": 2019,
                "membership_status": "Active",
            },
        )
    from ccn_desktop import resources

    migrations_copy = tmp_path / "db"
    shutil.copytree(resources.migrations_dir(), migrations_copy)
    (migrations_copy / "versions" / "next_test.py").write_text(
        f"revision = 'next_test'\ndown_revision = '{SCHEMA_HEAD}'\nbranch_labels = None\n"
        "depends_on = None\nfrom alembic import op\n\n"
        "def upgrade():\n    op.create_index('ix_test_city_notes', 'city', ['notes'])\n\n"
        "def downgrade():\n    op.drop_index('ix_test_city_notes', 'city')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(resources, "migrations_dir", lambda: migrations_copy)
    monkeypatch.setattr(migrations, "SCHEMA_HEAD", "next_test")
    with Catalogue.open(paths) as catalogue:
        assert catalogue.get("city", kept)["name"] == "Kept"
    assert stored_revision(paths.catalogue_file) == "next_test"
    slug = SCHEMA_HEAD.replace("_", "-")
    backups = list(paths.backups_dir.glob(f"*before-upgrade-from-{slug}*"))
    assert len(backups) == 1
    assert stored_revision(backups[0]) == SCHEMA_HEAD


def test_a_file_that_is_not_a_catalogue_is_refused_and_untouched(tmp_path: Path) -> None:
    from ccn_desktop.catalogue.errors import NotACatalogueError

    paths = DataPaths.in_folder(tmp_path / "data")
    paths.ensure()
    paths.catalogue_file.write_bytes(b"this is a letter, not a database\n" * 10)
    before = file_hash(paths.catalogue_file)
    with pytest.raises(NotACatalogueError):
        Catalogue.open(paths)
    assert file_hash(paths.catalogue_file) == before
    other = sqlite3.connect(tmp_path / "other.sqlite3")
    other.execute("CREATE TABLE t(x)")
    other.close()
    shutil.copy(tmp_path / "other.sqlite3", paths.catalogue_file)
    with pytest.raises(NotACatalogueError, match="not a CCN Desktop catalogue"):
        Catalogue.open(paths)
    assert file_hash(paths.catalogue_file) == file_hash(tmp_path / "other.sqlite3")
