"""The starter catalogue: every listed city and conference, the same identities everywhere."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.catalogue.starter import REFERENCE_RELEASE, STARTER_FILE, STARTER_OFFICE_UUID
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
    assert catalogue.count("city") == len(csv_rows("uccn_cities.csv")) == 406
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
    releases = {json.dumps({STARTER_OFFICE_UUID: n}) for n in range(1, REFERENCE_RELEASE + 1)}
    assert {version for _, _, version in first} <= releases


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


@needs_shared_data
def test_every_city_is_located_where_geonames_puts_it(catalogue: Catalogue) -> None:
    expected = {
        (row["name"], row["country_code"]): (float(row["latitude"]), float(row["longitude"]))
        for row in csv_rows("uccn_city_coordinates.csv")
    }
    uuids = [row.uuid for row in catalogue.rows("city", catalogue.ids("city"), ()).values()]
    located = {
        (city["name"], city["country_code"]): (city["latitude"], city["longitude"])
        for city in catalogue.get_many("city", uuids)
    }
    assert len(located) == 406
    assert all(None not in point for point in located.values())
    for key, point in located.items():  # several fields share a city: each row, one point
        assert point == expected[key]


@needs_shared_data
def test_conference_dates_come_from_the_reference_data(catalogue: Catalogue) -> None:
    dated = {
        (int(row["year"]), row["host_cities"]): (row["start_date"] or None, row["end_date"] or None)
        for row in csv_rows("uccn_conferences.csv")
    }
    uuids = [
        row.uuid for row in catalogue.rows("conference", catalogue.ids("conference"), ()).values()
    ]
    shown = {
        (conference["year"], conference["start_date"], conference["end_date"])
        for conference in catalogue.get_many("conference", uuids)
    }
    assert shown == {(year, start, end) for (year, _), (start, end) in dated.items()}
    assert (2014, "2014-09-27", "2014-09-29") in shown  # Chengdu, dated in the latest pass


def test_unchanged_reference_records_keep_their_release() -> None:
    """Only what a release changed carries its counter: an office holding the earlier
    release sees the project, unchanged since release 1, as nothing new."""
    shipped = json.loads(resource_path(STARTER_FILE).read_text(encoding="utf-8"))
    (project,) = shipped["payload"]["projects"]
    assert project["version"] == {STARTER_OFFICE_UUID: 1}
    assert all(
        city["version"] == {STARTER_OFFICE_UUID: REFERENCE_RELEASE}
        for city in shipped["payload"]["cities"]
    )
    assert shipped["manifest"]["knowledge"] == {STARTER_OFFICE_UUID: REFERENCE_RELEASE}


def test_a_field_keeps_the_release_from_which_it_has_not_changed() -> None:
    from ccn_desktop.catalogue.starter_build import field_digests, field_releases

    record = {"uuid": "u", "version": {}, "name": "Quito", "latitude": None}
    first = field_digests(record)
    assert set(first) == {"name", "latitude"}  # meta fields are not facts
    moved = field_digests(record | {"latitude": -0.22})
    assert field_releases("u", first, {1: {"u": first}}) == {"name": 1, "latitude": 1}
    assert field_releases("u", moved, {1: {"u": first}}) == {
        "name": 1,
        "latitude": REFERENCE_RELEASE,
    }
    assert set(field_releases("new", first, {1: {"u": first}}).values()) == {REFERENCE_RELEASE}
