"""0003_field_versions: records get field versions; a conflict's other sides merge by field."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from ccn_desktop.catalogue import field_merge
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import ConflictVersion
from ccn_desktop.paths import DataPaths

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalogues"


def opened(fixture: str, tmp_path: Path) -> Catalogue:
    paths = DataPaths.in_folder(tmp_path / "data")
    paths.ensure()
    shutil.copy(FIXTURES / fixture, paths.catalogue_file)
    return Catalogue.open(paths)


@pytest.mark.parametrize("fixture", ["0001_initial.sqlite3", "0002_alias_pairs.sqlite3"])
def test_each_field_is_dated_by_the_version_its_value_first_appeared_in(
    fixture: str, tmp_path: Path
) -> None:
    before = sqlite3.connect(FIXTURES / fixture)
    sides = {uuid for (uuid,) in before.execute("SELECT record_uuid FROM conflict_version")}
    snapshots: dict[str, list[dict[str, Any]]] = {}
    for uuid, snapshot in before.execute(
        "SELECT record_uuid, snapshot FROM history WHERE entity = 'city' "
        "AND origin != 'conflict' ORDER BY id"
    ):
        snapshots.setdefault(uuid, []).append(json.loads(snapshot))
    deleted = {uuid: bool(flag) for uuid, flag in before.execute("SELECT uuid, deleted FROM city")}
    before.close()
    with opened(fixture, tmp_path) as catalogue:
        for uuid in set(deleted) - sides:
            snapshot = catalogue.get("city", uuid)
            state = field_merge.state_of("city", snapshot)
            for name in ("name", "notes", "website", "description"):
                expected, value = None, object()
                for old in snapshots[uuid]:
                    if old[name] != value:
                        by = old["modified_by"]
                        expected = (by, old["version"][by], old["modified_at"])
                        value = old[name]
                assert value == snapshot[name]
                assert state.fields[name][0][0] == expected, f"{uuid}.{name}"
            assert state.deleted == deleted[uuid] == snapshot["deleted"]
        with catalogue.session() as session:
            assert session.query(ConflictVersion).count() == 0  # merged into their records


def test_the_other_side_of_a_conflict_is_kept_field_by_field(tmp_path: Path) -> None:
    before = sqlite3.connect(FIXTURES / "0002_alias_pairs.sqlite3")
    (uuid, side), *_ = before.execute("SELECT record_uuid, snapshot FROM conflict_version")
    before.close()
    side = json.loads(side)
    with opened("0002_alias_pairs.sqlite3", tmp_path) as catalogue:
        shown = catalogue.get("city", uuid)
        others = catalogue.conflict_versions("city", uuid)
        for name in catalogue.conflicting_fields("city", uuid):
            held = {repr(shown[name]), *(repr(other[name]) for other in others)}
            assert repr(side[name]) in held
        differing = [n for n in ("notes", "website", "name") if side.get(n) != shown[n]]
        assert set(differing) <= set(catalogue.conflicting_fields("city", uuid))


def test_the_0003_fixture_keeps_its_field_conflict(tmp_path: Path) -> None:
    with opened("0003_field_versions.sqlite3", tmp_path) as catalogue:
        (uuid,) = [u for u in _cities(catalogue) if catalogue.conflicting_fields("city", u)]
        assert catalogue.conflicting_fields("city", uuid) == ["notes"]
        shown = catalogue.get("city", uuid)
        assert shown["description"] == "Described in B." and shown["website"]


def _cities(catalogue: Catalogue) -> list[str]:
    with catalogue.session() as session:
        from sqlalchemy import select

        from ccn_desktop.catalogue.models import City

        return list(session.scalars(select(City.uuid)))
