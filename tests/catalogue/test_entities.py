"""entities.py is the single description of records (issue 13): every column of the
records' tables, every field a bundle carries and every link table is described
there, and the derived text follows its declarations."""

from __future__ import annotations

from typing import Any

import pytest

from ccn_desktop.catalogue import derived
from ccn_desktop.catalogue.entities import (
    ENTITIES,
    LINK_TYPES,
    LINKS,
    META_FIELDS,
    ROW_COLUMNS,
    Kind,
)
from ccn_desktop.catalogue.models import RECORD_MODELS, Base
from ccn_desktop.exchange import format as bundle_format


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_column_of_a_record_table_is_described(entity: str) -> None:
    spec = ENTITIES[entity]
    columns = {column.name for column in RECORD_MODELS[entity].__table__.columns}
    described = {*ROW_COLUMNS, *META_FIELDS, *(field.name for field in spec.stored_fields)}
    assert columns == described


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_link_field_has_its_table(entity: str) -> None:
    spec = ENTITIES[entity]
    link_fields = {field.name for field in spec.fields if field.kind == Kind.LINKS}
    assert {link.field for link in spec.links} == link_fields
    for link in spec.links:
        assert spec.field(link.field).target == link.target
        table = Base.metadata.tables[link.table]
        assert {column.name for column in table.columns} == {
            link.owner_column, link.target_column, link.position_column,
        }  # fmt: skip


def test_every_link_table_of_the_file_is_described() -> None:
    record_tables = set(RECORD_MODELS)
    other_tables = {"history", "office", "known_office", "alias", "conflict_version",
                    "exchange_log"}  # fmt: skip
    link_tables = set(Base.metadata.tables) - record_tables - other_tables
    assert link_tables == set(LINKS) == set(LINK_TYPES)


def _bundle_fields(typed_dict: Any) -> set[str]:
    return set(typed_dict.__annotations__) - {"entity"}


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_field_a_bundle_carries_is_described(entity: str) -> None:
    spec = ENTITIES[entity]
    record = bundle_format._record_type(spec, "record")
    side = bundle_format._record_type(spec, "conflict")
    assert _bundle_fields(record) == {*META_FIELDS, *(f.name for f in spec.stored_fields)}
    assert _bundle_fields(side) == {*META_FIELDS, *spec.field_names}
    assert list(record.__annotations__)[: len(META_FIELDS)] == list(META_FIELDS)


def test_titles_follow_the_declarations() -> None:
    assert derived.title_of("city", {"name": "Łódź"}, {}) == "Łódź"
    conference = {"year": 2018, "venue": "Congress centre", "host_city_uuids": ["a", "b"]}
    linked = {"host_city_uuids": ["Kraków", "Katowice"]}
    assert derived.title_of("conference", conference, linked) == "2018 Kraków / Katowice"
    assert derived.title_of("conference", conference, {}) == "2018 Congress centre"


def test_search_text_holds_the_searched_fields_and_linked_titles_only() -> None:
    values = {"title": "Film lab", "website": "https://film.example.org", "budget": 10.0,
              "notes": "see https://krakow.example.org", "partners": ["Łódź Film School"],
              "city_uuids": ["x"]}  # fmt: skip
    text = derived.search_text("project", values, {"city_uuids": ["Katowice"]})
    assert "film lab" in text and "lodz film school" in text and "katowice" in text
    assert "example" not in text and "krakow" not in text
