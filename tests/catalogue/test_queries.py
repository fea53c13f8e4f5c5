"""Listing and searching: cached statements, bound search words, plain and converted rows."""

from __future__ import annotations

import datetime as dt

import pytest

from ccn_desktop.catalogue import store, writer
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery, count, matching_ids
from ccn_desktop.catalogue.validation import clean
from tests.helpers import city_values


def names(catalogue: Catalogue, query: RecordQuery) -> list[str]:
    ids = catalogue.ids("city", query)
    rows = catalogue.rows("city", ids, ["name"])
    return [rows[record_id].values["name"] for record_id in ids]


def test_each_search_gets_its_own_words(empty_catalogue: Catalogue) -> None:
    for name, country in (("Łódź", "PL"), ("Östersund", "SE"), ("Niš", "RS"), ("Nis Bay", "GB")):
        empty_catalogue.add("city", city_values(name=name, country_code=country))
    # The same shapes of query (one long word; one short word; both) run the same cached
    # statement with other words bound: each must still get its own answer.
    assert names(empty_catalogue, RecordQuery(text="lodz")) == ["Łódź"]
    assert names(empty_catalogue, RecordQuery(text="sund")) == ["Östersund"]
    assert names(empty_catalogue, RecordQuery(text="ni")) == ["Niš", "Nis Bay"]
    assert names(empty_catalogue, RecordQuery(text="od")) == ["Łódź"]
    assert names(empty_catalogue, RecordQuery(text="bay ni")) == ["Nis Bay"]
    assert names(empty_catalogue, RecordQuery(text="sund os")) == ["Östersund"]
    for text in ("lodz", "ni", "bay ni", "", "nowhere"):
        query = RecordQuery(text=text)
        assert empty_catalogue.count("city", query) == len(empty_catalogue.ids("city", query))


def test_filters_with_other_values_are_not_confused(empty_catalogue: Catalogue) -> None:
    empty_catalogue.add("city", city_values(name="A", creative_field="Film"))
    empty_catalogue.add("city", city_values(name="B", creative_field="Music"))
    empty_catalogue.add("city", city_values(name="C", creative_field="Design"))
    film = RecordQuery(equals={"creative_field": ["Film"]})
    film_music = RecordQuery(equals={"creative_field": ["Film", "Music"]})
    assert names(empty_catalogue, film) == ["A"]
    assert names(empty_catalogue, film_music) == ["A", "B"]
    assert names(empty_catalogue, RecordQuery(equals={"creative_field": "Design"})) == ["C"]
    assert names(empty_catalogue, RecordQuery(descending=True)) == ["C", "B", "A"]


def test_rows_hold_python_values(empty_catalogue: Catalogue) -> None:
    city = empty_catalogue.add("city", city_values(designation_year=2019))
    conference = empty_catalogue.add(
        "conference",
        {"year": 2024, "host_city_uuids": [city], "start_date": "2024-07-01", "format": "Online"},
    )
    city_row = next(iter(empty_catalogue.rows("city", empty_catalogue.ids("city")).values()))
    assert city_row.values["designation_year"] == 2019
    assert city_row.needs_review is False
    conference_rows = empty_catalogue.rows("conference", empty_catalogue.ids("conference"))
    row = conference_rows[empty_catalogue.id_of("conference", conference)]
    assert row.values["start_date"] == dt.date(2024, 7, 1)
    assert row.values["hosts"] == "Testville"


class Abandon(Exception):
    """Raised to leave a transaction without committing it."""


def test_reads_in_a_transaction_see_its_writes(empty_catalogue: Catalogue) -> None:
    with pytest.raises(Abandon), empty_catalogue.transaction() as session:
        now = store.iso(store.utc_now())
        uuid = "7d9f1c1e-4b1a-4f43-9d0e-2a51d3c4e5f6"
        snapshot = {
            "uuid": uuid, "created_at": now, "modified_at": now,
            "modified_by": empty_catalogue.office.uuid, "version": {}, "deleted": False,
        } | clean("city", city_values(name="Uncommitted"))[0]  # fmt: skip
        writer.write_records(session, "city", [writer.RecordWrite(uuid, None, snapshot)])
        record = store.load(session, "city", uuid)
        query = RecordQuery(text="uncommitted")
        assert matching_ids(session, "city", query) == [record.id]
        assert count(session, "city", query) == 1
        raise Abandon
    assert empty_catalogue.count("city") == 0
