"""The starter catalogue: every listed city and conference, the same identities everywhere."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.catalogue.starter import STARTER_FILE, STARTER_VERSION
from ccn_desktop.paths import DataPaths
from ccn_desktop.resources import resource_path

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def csv_rows(name: str) -> list[dict[str, str]]:
    with (SHARED_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(),
    reason="the reference data (../shared/data) is not beside this checkout",
)


@needs_shared_data
def test_counts_equal_the_reference_data(catalogue: Catalogue) -> None:
    assert catalogue.count("city") == len(csv_rows("uccn_cities.csv")) == 405
    assert catalogue.count("conference") == len(csv_rows("uccn_conferences.csv")) == 16
    assert catalogue.count("project") == 1


@needs_shared_data
def test_the_shipped_bundle_is_what_the_script_builds() -> None:
    from ccn_desktop.catalogue.starter_build import build_bundle

    shipped = json.loads(resource_path(STARTER_FILE).read_text(encoding="utf-8"))
    assert build_bundle(SHARED_DATA) == shipped


def test_two_new_catalogues_hold_the_same_records(tmp_path: Path) -> None:
    def identities(folder: Path) -> set[tuple[str, str, str]]:
        with Catalogue.open(DataPaths.in_folder(folder)) as catalogue:
            found = set()
            for entity in ("city", "conference", "project"):
                uuids = [
                    row.uuid for row in catalogue.rows(entity, catalogue.ids(entity), ()).values()
                ]
                for record in catalogue.get_many(entity, uuids):
                    found.add((entity, record["uuid"], json.dumps(record["version"])))
            return found

    first, second = identities(tmp_path / "a"), identities(tmp_path / "b")
    assert first == second
    assert {version for _, _, version in first} == {json.dumps(STARTER_VERSION)}


def test_seed_facts_are_in_place(catalogue: Catalogue) -> None:
    (sarajevo_id,) = catalogue.ids("city", RecordQuery(text="sarajevo"))
    sarajevo = catalogue.get("city", catalogue.uuid_of("city", sarajevo_id))
    assert sarajevo["creative_field"] == "Film" and sarajevo["designation_year"] == 2019
    assert len(sarajevo["objectives"]) == 5
    (krakow_id,) = catalogue.ids("city", RecordQuery(text="krakow"))
    hosted = catalogue.linked("conference", catalogue.uuid_of("city", krakow_id))
    assert [catalogue.label("conference", uuid) for uuid in hosted] == ["2018 Kraków / Katowice"]
    (project_id,) = catalogue.ids("project")
    project = catalogue.get("project", catalogue.uuid_of("project", project_id))
    assert project["participants"] == 50 and len(project["activities"]) == 6
