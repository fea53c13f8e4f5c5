"""What an import says and keeps: nothing new is said as such and backs nothing up; the
backups made before imports rotate with the others; a likely duplicate that the bundle
itself merges is not offered for merging."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ccn_desktop.catalogue.backups import KEEP_LAST, list_backups
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.paths import DataPaths
from tests.exchange.exchanging import export, send
from tests.exchange.test_plan import plan_of
from tests.helpers import city_values


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[tuple[Catalogue, Catalogue]]:
    opened = tuple(
        Catalogue.open(DataPaths.in_folder(tmp_path / name), office_name=name, starter=False)
        for name in ("Dakar", "Paris")
    )
    (tmp_path / "stick").mkdir()
    yield opened  # type: ignore[misc]
    for catalogue in opened:
        catalogue.close()


def run_import(paris: Catalogue, path: Path) -> int:
    return main(["--data-dir", str(paris.paths.data_dir), "import", str(path), "--trust"])


def import_backups(paris: Catalogue) -> list[str]:
    """The backups made before an import (opening the catalogue makes a daily one)."""
    backups = list_backups(paris.paths.backups_dir)
    return [b.name for b in backups if b.trigger.startswith("before-import-")]


def test_a_bundle_with_nothing_new_is_said_so_and_backs_nothing_up(
    offices: tuple[Catalogue, Catalogue], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dakar, paris = offices
    assert run_import(paris, export(dakar, tmp_path / "stick")) == 0  # an empty office
    out = capsys.readouterr().out
    assert out.startswith("Nothing new from Dakar in ") and "Imported" not in out
    assert import_backups(paris) == []
    dakar.add("city", city_values(name="Dakar", country_code="SN"))
    assert run_import(paris, export(dakar, tmp_path / "stick")) == 0
    assert "Imported" in capsys.readouterr().out
    assert len(import_backups(paris)) == 1


def test_backups_made_before_imports_rotate_with_the_others(
    offices: tuple[Catalogue, Catalogue], tmp_path: Path
) -> None:
    dakar, paris = offices
    for number in range(KEEP_LAST + 3):
        dakar.add("city", city_values(name=f"City {number}", country_code="SN"))
        assert run_import(paris, export(dakar, tmp_path / "stick")) == 0
    assert len(list_backups(paris.paths.backups_dir)) == KEEP_LAST


def test_a_duplicate_the_bundle_merges_is_not_offered(
    offices: tuple[Catalogue, Catalogue], tmp_path: Path
) -> None:
    dakar, paris = offices
    stick = tmp_path / "stick"
    kept = dakar.add("city", city_values(name="Łódź", country_code="PL"))
    mine = paris.add("city", city_values(name="LODZ", country_code="PL"))
    send(paris, dakar, stick)
    dakar.merge_records("city", kept, mine)  # Dakar found them to be one
    plan = plan_of(paris, export(dakar, stick))
    assert [(a["alias_uuid"], a["target_uuid"]) for a in plan.new_aliases] == [(mine, kept)]
    assert plan.duplicates == []
