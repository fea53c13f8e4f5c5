"""The format's types, the shipped JSON Schema, and the starter bundle agree."""

from __future__ import annotations

import json

from ccn_desktop.catalogue.entities import ENTITIES, Kind
from ccn_desktop.exchange.format import SECTIONS, bundle_json_schema, describe_counts
from ccn_desktop.exchange.schema import schema_text
from ccn_desktop.resources import resource_path


def test_the_shipped_schema_is_the_one_the_types_generate() -> None:
    shipped = resource_path("bundle.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), (
        "resources/bundle.schema.json is stale: run python -m ccn_desktop.exchange.schema"
    )


def test_every_field_of_every_entity_is_in_the_schema() -> None:
    definitions = bundle_json_schema()["$defs"]
    for spec in ENTITIES.values():
        record = definitions[spec.label]
        conflict = definitions[f"{spec.label}Conflict"]
        for field in spec.fields:
            assert field.name in conflict["properties"]
            assert (field.name in record["properties"]) == (field.kind != Kind.LINKS)
        assert record["additionalProperties"] is False


def test_the_schema_is_valid_json_with_the_payload_sections() -> None:
    schema = json.loads(schema_text())
    assert set(schema["$defs"]["Payload"]["properties"]) == set(SECTIONS)


def test_counts_read_like_sentences() -> None:
    text = describe_counts({"cities": 1, "conferences": 2, "aliases": 1})
    assert text.startswith("1 city, 2 conferences, 0 projects, 0 deleted records")
    assert text.endswith("1 merged record")
