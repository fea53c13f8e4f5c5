"""Every write says what it changed (issue 13): the records with their new snapshots,
the records whose derived text changed, and whether the counts changed."""

from __future__ import annotations

from ccn_desktop.catalogue.facade import Catalogue
from tests.helpers import city_values


def test_an_add_reports_the_new_record_and_new_counts(empty_catalogue: Catalogue) -> None:
    report = empty_catalogue.create("city", city_values(name="Łódź"))
    [(uuid, snapshot)] = report.records["city"].items()
    assert snapshot == empty_catalogue.get("city", uuid)
    assert report.counts_changed and report.conflicts == []


def test_an_edit_reports_its_snapshot_and_no_new_counts(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values())
    report = empty_catalogue.update("city", uuid, {"notes": "changed"})
    assert report.records == {"city": {uuid: empty_catalogue.get("city", uuid)}}
    assert report.snapshot("city", uuid)["notes"] == "changed"  # type: ignore[index]
    assert not report.counts_changed


def test_a_delete_and_a_restore_change_the_counts(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values())
    assert empty_catalogue.delete("city", uuid).counts_changed
    assert empty_catalogue.restore("city", uuid).counts_changed
    assert not empty_catalogue.restore("city", uuid)  # already live: nothing changed


def test_renaming_a_city_reports_the_records_that_name_it(empty_catalogue: Catalogue) -> None:
    city = empty_catalogue.add("city", city_values(name="Katowice", country_code="PL"))
    conference = empty_catalogue.add("conference", {"year": 2019, "host_city_uuids": [city]})
    project = empty_catalogue.add(
        "project", {"title": "Sound lab", "status": "Planned", "city_uuids": [city]}
    )
    report = empty_catalogue.update("city", city, {"name": "Katowice-Śląsk"})
    assert report.retitled == {"conference": {conference}, "project": {project}}
    assert report.uuids("conference") == {conference}
    assert empty_catalogue.label("conference", conference) == "2019 Katowice-Śląsk"
    # The notes of a city are in no other record's title: nothing else to refresh.
    assert empty_catalogue.update("city", city, {"notes": "n"}).retitled == {}


def test_a_merge_reports_both_records_and_what_linked_to_the_one_gone(
    empty_catalogue: Catalogue,
) -> None:
    keep = empty_catalogue.add("city", city_values(name="Dakar", country_code="SN"))
    gone = empty_catalogue.add("city", city_values(name="Dakar ", country_code="SN",
                                                   creative_field="Music"))  # fmt: skip
    conference = empty_catalogue.add("conference", {"year": 2020, "host_city_uuids": [gone]})
    report = empty_catalogue.merge_records("city", keep, gone)
    assert set(report.records["city"]) == {gone}
    assert report.records["city"][gone]["deleted"] is True  # type: ignore[index]
    assert conference in report.uuids("conference")
    assert report.counts_changed
    assert empty_catalogue.get("conference", conference)["host_city_uuids"] == [keep]
