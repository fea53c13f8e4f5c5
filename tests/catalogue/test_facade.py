"""Writes through the facade: version vectors, history, search, and all-or-nothing."""

from __future__ import annotations

import pytest

from ccn_desktop.catalogue import writer
from ccn_desktop.catalogue.errors import InvalidRecordError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from tests.helpers import city_values, database_dump


def test_add_stamps_version_and_history(empty_catalogue: Catalogue) -> None:
    office = empty_catalogue.office.uuid
    uuid = empty_catalogue.add("city", city_values())
    record = empty_catalogue.get("city", uuid)
    assert record["version"] == {office: 1}
    assert record["modified_by"] == office
    assert [(h.action, h.origin) for h in empty_catalogue.history("city", uuid)] == [
        ("insert", "local")
    ]


def test_each_write_takes_the_next_counter(empty_catalogue: Catalogue) -> None:
    office = empty_catalogue.office.uuid
    first = empty_catalogue.add("city", city_values(name="A"))
    second = empty_catalogue.add("city", city_values(name="B"))
    empty_catalogue.update("city", first, {"notes": "changed"})
    assert empty_catalogue.get("city", second)["version"] == {office: 2}
    assert empty_catalogue.get("city", first)["version"] == {office: 3}
    assert [h.action for h in empty_catalogue.history("city", first)] == ["update", "insert"]


def test_update_keeps_other_fields(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values(website="https://a.org"))
    empty_catalogue.update("city", uuid, {"focal_point_email": "x@a.org"})
    record = empty_catalogue.get("city", uuid)
    assert (record["website"], record["focal_point_email"]) == ("https://a.org", "x@a.org")


def test_invalid_values_are_refused_with_the_field(empty_catalogue: Catalogue) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        empty_catalogue.add("city", city_values(focal_point_email="nope"))
    assert [p.field for p in caught.value.problems] == ["focal_point_email"]
    assert empty_catalogue.count("city") == 0


def test_no_second_city_with_same_folded_name_country_and_field(empty_catalogue: Catalogue) -> None:
    empty_catalogue.add("city", city_values(name="Łódź", country_code="PL"))
    with pytest.raises(InvalidRecordError, match="already in the catalogue"):
        empty_catalogue.add("city", city_values(name="LODZ", country_code="PL"))
    empty_catalogue.add("city", city_values(name="LODZ", country_code="PL", creative_field="Music"))


def test_delete_and_restore_travel_as_versions(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values())
    empty_catalogue.delete("city", uuid)
    assert empty_catalogue.count("city") == 0
    assert empty_catalogue.count("city", RecordQuery(deleted=True)) == 1
    assert empty_catalogue.get("city", uuid)["deleted"] is True
    empty_catalogue.restore("city", uuid)
    assert empty_catalogue.count("city") == 1
    office = empty_catalogue.office.uuid
    assert empty_catalogue.get("city", uuid)["version"] == {office: 3}
    assert [h.action for h in empty_catalogue.history("city", uuid)] == [
        "restore",
        "delete",
        "insert",
    ]


def test_restore_an_earlier_version(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values(notes="first"))
    empty_catalogue.update("city", uuid, {"notes": "second"})
    first = empty_catalogue.history("city", uuid)[-1]
    empty_catalogue.restore_version("city", uuid, first.id)
    assert empty_catalogue.get("city", uuid)["notes"] == "first"
    assert empty_catalogue.history("city", uuid)[0].action == "restore-version"


def test_links_keep_their_order(empty_catalogue: Catalogue) -> None:
    krakow = empty_catalogue.add("city", city_values(name="Kraków", country_code="PL"))
    katowice = empty_catalogue.add("city", city_values(name="Katowice", country_code="PL"))
    conference = empty_catalogue.add(
        "conference", {"year": 2018, "host_city_uuids": [katowice, krakow]}
    )
    assert empty_catalogue.get("conference", conference)["host_city_uuids"] == [katowice, krakow]
    assert empty_catalogue.label("conference", conference) == "2018 Katowice / Kraków"
    assert empty_catalogue.linked("conference", krakow) == [conference]


def test_a_link_to_an_unknown_city_is_refused(empty_catalogue: Catalogue) -> None:
    with pytest.raises(InvalidRecordError, match="no city"):
        empty_catalogue.add(
            "conference",
            {
                "year": 2018,
                "host_city_uuids": [city_values and "0" * 8 + "-0000-4000-8000-" + "0" * 12],
            },
        )


def test_a_failure_midway_leaves_nothing_behind(
    empty_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = empty_catalogue.add("city", city_values())
    before = database_dump(empty_catalogue.paths.catalogue_file)

    def broken_history(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writer, "_write_history", broken_history)
    with pytest.raises(OSError, match="disk full"):
        empty_catalogue.update("city", uuid, {"name": "Renamed"})
    with pytest.raises(OSError, match="disk full"):
        empty_catalogue.add("city", city_values(name="Other"))
    assert database_dump(empty_catalogue.paths.catalogue_file) == before


@pytest.mark.parametrize(
    ("typed", "found"),
    [("lodz", "Łódź"), ("osterSUND", "Östersund"), ("nis", "Niš"), ("釜山", "釜山")],
)
def test_folded_search_finds_the_city(empty_catalogue: Catalogue, typed: str, found: str) -> None:
    for name in ("Łódź", "Östersund", "Niš", "釜山", "Kraków"):
        empty_catalogue.add("city", city_values(name=name))
    ids = empty_catalogue.ids("city", RecordQuery(text=typed))
    names = [row.values["name"] for row in empty_catalogue.rows("city", ids).values()]
    assert found in names
    assert "Kraków" not in names


def test_search_index_follows_edits_and_city_renames(empty_catalogue: Catalogue) -> None:
    city = empty_catalogue.add("city", city_values(name="Oldname"))
    conference = empty_catalogue.add("conference", {"year": 2020, "host_city_uuids": [city]})
    empty_catalogue.update("city", city, {"name": "Newname"})
    assert empty_catalogue.ids("city", RecordQuery(text="oldname")) == []
    assert len(empty_catalogue.ids("city", RecordQuery(text="newname"))) == 1
    found = empty_catalogue.ids("conference", RecordQuery(text="newname"))
    assert [empty_catalogue.uuid_of("conference", i) for i in found] == [conference]
    assert empty_catalogue.label("conference", conference) == "2020 Newname"


def test_structured_filters(catalogue: Catalogue) -> None:
    film_2019 = RecordQuery(
        equals={"creative_field": "Film"}, ranges={"designation_year": (2019, 2019)}
    )
    rows = catalogue.rows("city", catalogue.ids("city", film_2019)).values()
    assert rows and all(
        r.values["creative_field"] == "Film" and r.values["designation_year"] == 2019 for r in rows
    )
    assert "Sarajevo" in {r.values["name"] for r in rows}


def test_web_addresses_in_notes_do_not_match_searches(empty_catalogue: Catalogue) -> None:
    empty_catalogue.add(
        "city", city_values(name="Gothenburg", notes="Source: https://krakowcity.org/x")
    )
    assert empty_catalogue.ids("city", RecordQuery(text="krakow")) == []
    assert len(empty_catalogue.ids("city", RecordQuery(text="source"))) == 1


def test_conference_rows_list_hosts_in_the_record_order(empty_catalogue: Catalogue) -> None:
    first = empty_catalogue.add("city", city_values(name="Zeta"))
    second = empty_catalogue.add("city", city_values(name="Alpha"))
    conference = empty_catalogue.add(
        "conference", {"year": 2018, "host_city_uuids": [first, second]}
    )
    venue_only = empty_catalogue.add("conference", {"year": 2008, "venue": "UNESCO Headquarters"})
    rows = empty_catalogue.rows("conference", empty_catalogue.ids("conference"))
    hosts = {row.uuid: row.values["hosts"] for row in rows.values()}
    assert hosts == {conference: "Zeta / Alpha", venue_only: "UNESCO Headquarters"}
