"""Reading bundles: every kind of bad input gets one sentence naming what and where."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ccn_desktop.catalogue.canonical import canonical_bytes
from ccn_desktop.exchange import file_checks, manifest_checks, verify
from ccn_desktop.exchange import format as bundle_format
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.resources import resource_path
from tests.exchange.bundles import (
    CITY_A,
    CITY_B,
    CONFERENCE,
    OFFICE,
    OTHER,
    make_bundle,
    office_key,
    resign,
    sample_payload,
    write,
)

KEY = office_key()


@pytest.fixture
def good() -> dict[str, Any]:
    return make_bundle(sample_payload(), KEY)


def refusal(path: Path) -> str:
    with pytest.raises(BundleError) as caught:
        read_bundle(path)
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    return message


def test_a_good_bundle_reads_with_links_attached(tmp_path: Path, good: dict[str, Any]) -> None:
    bundle = read_bundle(write(tmp_path / "b.ccnbundle.json", good))
    assert bundle.counts["cities"] == 2 and bundle.counts["tombstones"] == 1
    conference = next(v for v in bundle.versions() if v.entity == "conference")
    assert conference.record["host_city_uuids"] == [CITY_A, CITY_B]
    project = next(v for v in bundle.versions() if v.entity == "project")
    assert project.record["city_uuids"] == [CITY_B]
    assert bundle.fingerprint.count(" ") == 7


def test_the_shipped_starter_is_a_valid_bundle_but_not_importable() -> None:
    path = resource_path("starter.ccnbundle.json")
    starter = read_bundle(path, allow_starter=True)
    assert starter.counts["cities"] == 406 and starter.manifest.scope == "starter"
    assert "starter catalogue" in refusal(path)


def test_a_byte_order_mark_is_tolerated(tmp_path: Path, good: dict[str, Any]) -> None:
    path = tmp_path / "bom.ccnbundle.json"
    path.write_bytes(b"\xef\xbb\xbf" + canonical_bytes(good))
    assert read_bundle(path).counts["cities"] == 2


def _raw(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "raw.ccnbundle.json"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"{'manifest': 1}", "not valid JSON (line 1"),
        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b'{"a": ' * 100_000, "nested too deeply"),
        (b"[1, 2, 3]", "no manifest"),
        (b'{"manifest": {"format": "zip"}, "payload": {}}', "not a CCN bundle"),
        (b'{"manifest": {"format": "ccn-bundle", "format_version": "1"}}', "whole number"),
        (b'{"manifest": {"format": "ccn-bundle", "format_version": 0}}', "unknown format"),
    ],
)
def test_files_that_are_not_bundles(tmp_path: Path, data: bytes, expected: str) -> None:
    assert expected in refusal(_raw(tmp_path, data))


def test_a_truncated_bundle(tmp_path: Path, good: dict[str, Any]) -> None:
    data = canonical_bytes(good)
    for cut in (len(data) // 3, len(data) - 2):
        assert "incomplete" in refusal(_raw(tmp_path, data[:cut]))


def test_a_newer_format_names_both_versions(tmp_path: Path, good: dict[str, Any]) -> None:
    good["manifest"]["format_version"] = 3
    message = refusal(write(tmp_path / "b.json", good))
    assert "format version 3" in message and "up to 2" in message and "update" in message


def test_a_format_1_reader_given_format_2_is_told_the_version_it_needs(
    tmp_path: Path, good: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert good["manifest"]["format_version"] == 2
    path = write(tmp_path / "b.json", good)
    monkeypatch.setattr(manifest_checks, "FORMAT_VERSION", 1)
    monkeypatch.setattr(manifest_checks, "READABLE_VERSIONS", (1,))
    monkeypatch.setattr(verify, "READABLE_VERSIONS", (1,))
    message = refusal(path)
    assert "format version 2" in message and "up to 1" in message and "update" in message


def test_a_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, good: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "big.ccnbundle.json", good)
    monkeypatch.setattr(file_checks, "MAX_BUNDLE_BYTES", 1000)
    monkeypatch.setattr(file_checks.Path, "open", _no_open)
    monkeypatch.setattr(file_checks.os, "open", _no_open)
    assert "too large" in refusal(path)


def _no_open(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("the file was opened")


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    assert "no file" in refusal(tmp_path / "nothing.ccnbundle.json")
    assert "is a folder" in refusal(tmp_path)


def test_a_changed_payload_fails_the_checksum(tmp_path: Path, good: dict[str, Any]) -> None:
    good["payload"]["cities"][0]["notes"] = "changed on the way"
    assert "checksum" in refusal(write(tmp_path / "b.json", good))


def test_a_changed_manifest_fails_the_signature(tmp_path: Path, good: dict[str, Any]) -> None:
    good["manifest"]["office"]["name"] = "Someone else"
    assert "signature does not match" in refusal(write(tmp_path / "b.json", good))


def test_a_signature_by_another_key_fails(tmp_path: Path, good: dict[str, Any]) -> None:
    forged = resign(good, office_key())
    forged["manifest"]["office"]["public_key"] = good["manifest"]["office"]["public_key"]
    assert "signature does not match" in refusal(write(tmp_path / "b.json", forged))


def test_an_unsigned_bundle_is_refused(tmp_path: Path, good: dict[str, Any]) -> None:
    good["manifest"]["signature"] = ""
    assert "not signed" in refusal(write(tmp_path / "b.json", good))
    del good["manifest"]["signature"]
    assert "manifest.signature: is missing" in refusal(write(tmp_path / "b.json", good))


Change = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Change:
    def change(payload: dict[str, Any]) -> None:
        target = payload
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _drop(section: str, index: int, field: str) -> Change:
    return lambda payload: payload[section][index].pop(field)


SCHEMA_CASES: list[tuple[Change, str]] = [
    (_set(("cities", 1, "designation_year"), 1999), "cities[1].designation_year: input should "
     "be greater than or equal to 2004"),
    (_set(("cities", 1, "designation_year"), "2019"), "cities[1].designation_year: input "
     "should be a valid integer"),
    (_set(("cities", 0, "name"), "x" * 201), "cities[0].name: string should have at most 200"),
    (_set(("cities", 0, "notes"), "x" * 20_001), "cities[0].notes: string should have at most"),
    (_set(("cities", 0, "creative_field"), "Dance"), "cities[0].creative_field: input should be"),
    (_set(("cities", 0, "deleted"), True), "cities[0].deleted: input should be False"),
    (_set(("cities", 0, "uuid"), "not-a-uuid"), "cities[0].uuid: is not a UUID"),
    (_set(("cities", 0, "latitude"), True), "cities[0].latitude: input should be a valid number"),
    (_set(("cities", 0, "objectives"), ["x"] * 1001), "cities[0].objectives: list should have"),
    (_set(("cities", 0, "version"), {}), "cities[0].version: dictionary should have at least 1"),
    (_set(("cities", 0, "modified_at"), "2026-01-05 10:00"), "cities[0].modified_at: is not a "
     "UTC time"),
    (_set(("cities", 0, "colour"), "red"), "cities[0].colour: is not a field of this format"),
    (_drop("cities", 0, "name"), "cities[0].name: is missing"),
    (_set(("tombstones", 0, "entity"), "festival"), "tombstones[0].entity: unknown record type "
     "'festival'"),
    (_set(("tombstones", 0, "deleted"), False), "tombstones[0].deleted: input should be True"),
    (_set(("festivals",), []), "festivals: unknown record type 'festivals'"),
    (_set(("links", 0, "type"), "city_twin"), "links[0].type: input should be"),
    (_set(("links", 0, "position"), -1), "links[0].position: input should be greater"),
    (_set(("conferences", 0, "start_date"), "1 June"), "conferences[0].start_date: is not "
     "a date written YYYY-MM-DD"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "expected"), SCHEMA_CASES)
def test_schema_violations_name_the_path(
    tmp_path: Path, good: dict[str, Any], change: Change, expected: str
) -> None:
    change(good["payload"])
    message = refusal(write(tmp_path / "b.json", resign(good, KEY)))
    assert expected in message


def test_a_manifest_violation_names_the_path(tmp_path: Path, good: dict[str, Any]) -> None:
    good["manifest"]["office"]["name"] = ""
    assert "manifest.office.name" in refusal(write(tmp_path / "b.json", resign(good, KEY)))


CONSISTENCY_CASES: list[tuple[Change, str]] = [
    (_set(("cities", 1, "uuid"), CITY_A), "cities[1].uuid: " + CITY_A + " appears twice"),
    (_set(("tombstones", 0, "uuid"), CITY_A), "tombstones[0].uuid: " + CITY_A + " appears twice"),
    (_set(("links", 0, "to"), "99999999-9999-4999-8999-999999999999"),
     "links[0].to: no city 99999999-9999-4999-8999-999999999999 in this bundle"),
    (_set(("links", 0, "from"), CITY_A), "links[0].from: no conference"),
    (_set(("links", 1, "position"), 0), "links[1].position: position 0 is used twice"),
    (_set(("links", 1, "to"), CITY_A), "links[1]: the same link appears twice"),
    (_set(("cities", 0, "modified_at"), "2093-01-01T00:00:00.000000+00:00"),
     "cities[0].modified_at: 2093-01-01 is in the future"),
    (_set(("cities", 0, "created_at"), "1970-01-01T00:00:00.000000+00:00"),
     "cities[0].created_at: 1970-01-01 is before 2000"),
    (_set(("cities", 0, "modified_at"), "2026-02-30T00:00:00.000000+00:00"),
     "not a real date"),
    (_set(("cities", 0, "modified_by"), CITY_B), "cities[0].version: does not include the office"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "expected"), CONSISTENCY_CASES)
def test_inconsistent_bundles_are_refused(
    tmp_path: Path, good: dict[str, Any], change: Change, expected: str
) -> None:
    change(good["payload"])
    assert expected in refusal(write(tmp_path / "b.json", resign(good, KEY)))


def test_counts_must_match(tmp_path: Path, good: dict[str, Any]) -> None:
    good["manifest"]["counts"]["cities"] = 3
    message = refusal(write(tmp_path / "b.json", resign(good, KEY)))
    assert "manifest.counts.cities: says 3 but the bundle holds 2" in message


def test_knowledge_must_cover_the_content(tmp_path: Path) -> None:
    bundle = make_bundle(sample_payload(), KEY, knowledge={})
    assert "beyond the manifest's knowledge" in refusal(write(tmp_path / "b.json", bundle))


def test_a_for_office_bundle_may_link_to_cities_it_does_not_carry(tmp_path: Path) -> None:
    payload = sample_payload()
    payload["cities"] = payload["cities"][:1]
    other = "66666666-6666-4666-8666-666666666666"
    bundle = make_bundle(payload, KEY, scope="for-office", for_office=other)
    read = read_bundle(write(tmp_path / "b.json", bundle))
    assert read.outside_references == {CITY_B: "links[1].to"}
    full = make_bundle(payload, KEY)
    assert "no city" in refusal(write(tmp_path / "full.json", full))


def test_scope_and_for_office_agree(tmp_path: Path, good: dict[str, Any]) -> None:
    good["manifest"]["scope"] = "for-office"
    assert "for_office" in refusal(write(tmp_path / "b.json", resign(good, KEY)))


def test_aliases_are_checked(tmp_path: Path) -> None:
    payload = sample_payload()
    alias = {"entity": "city", "alias_uuid": CITY_A, "target_uuid": CITY_A,
             "office_uuid": payload["cities"][0]["modified_by"],
             "created_at": payload["cities"][0]["created_at"],
             "version": payload["cities"][0]["version"]}  # fmt: skip
    payload["aliases"] = [alias]
    message = refusal(write(tmp_path / "b.json", make_bundle(payload, KEY)))
    assert "aliases[0].target_uuid: a record cannot be merged into itself" in message
    payload["aliases"] = [dict(alias, target_uuid=CITY_B), dict(alias, target_uuid=CITY_B)]
    assert "the same merge appears twice" in refusal(
        write(tmp_path / "b.json", make_bundle(payload, KEY))
    )


def test_a_conflict_side_equal_to_the_current_version_is_a_duplicate(tmp_path: Path) -> None:
    payload = sample_payload()
    payload["conflicts"] = [{"entity": "conference", **payload["conferences"][0],
                             "host_city_uuids": [CITY_A]}]  # fmt: skip
    message = refusal(write(tmp_path / "b.json", make_bundle(payload, KEY)))
    assert "conflicts[0]: the same version of " + CONFERENCE + " appears twice" in message


def test_a_bundle_holding_json_that_json_dump_would_write_differently(tmp_path: Path) -> None:
    """Pretty-printed or reordered JSON is the same bundle: the checksum is over content."""
    bundle = make_bundle(sample_payload(), KEY)
    path = tmp_path / "pretty.ccnbundle.json"
    path.write_text(json.dumps(copy.deepcopy(bundle), indent=3), encoding="utf-8")
    assert read_bundle(path).counts["links"] == 3


def test_the_format_version_constants_agree() -> None:
    assert max(bundle_format.READABLE_VERSIONS) == bundle_format.FORMAT_VERSION


def test_a_bundle_as_written_is_checked_without_writing_its_payload_again(
    tmp_path: Path, good: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "b.json", good)
    expected = read_bundle(path)

    def not_needed(_value: Any) -> str:
        raise AssertionError("the canonical payload was written again")

    monkeypatch.setattr(verify, "sha256_of", not_needed)
    quick = read_bundle(path)
    assert quick.payload == expected.payload and quick.manifest == expected.manifest
    tampered = path.read_bytes().replace(b'"Gone"', b'"Back"')
    monkeypatch.undo()
    assert "checksum" in refusal(_raw(tmp_path, tampered))


AT = "2026-01-05T10:00:00.000000+00:00"


@pytest.mark.parametrize(
    ("field_versions", "place", "expected"),
    [
        ({"changes": [[OFFICE, 9, AT, ["notes"]]]}, "changes[0]", "does not include"),
        ({"base": [OTHER, 1, AT]}, "base", "does not include"),
        ({"changes": [[OFFICE, 1, AT, ["notes", "notes"]]]}, "changes[0]", "a field twice"),
        ({"conflicts": {"notes": [[OFFICE, 1, "2099-01-01T00:00:00.000000+00:00", "x"]]}},
         "conflicts.notes[0]", "in the future"),
        ({"deleted": [[OFFICE, 1, AT, {OFFICE: 5}]]}, "deleted[0]", "has not seen"),
    ],
)  # fmt: skip
def test_field_versions_name_only_writes_the_version_has_seen(
    tmp_path: Path, good: dict[str, Any], field_versions: dict[str, Any], place: str, expected: str
) -> None:
    good["manifest"]["format_version"] = 2
    city = good["payload"]["cities"][0]
    city["field_versions"] = field_versions
    message = refusal(write(tmp_path / "b.json", resign(good, KEY)))
    assert f"cities[0].field_versions.{place}" in message and expected in message


def test_field_versions_of_the_right_shape_are_read(tmp_path: Path, good: dict[str, Any]) -> None:
    good["manifest"]["format_version"] = 2
    city = good["payload"]["cities"][0]
    vector = city["version"]
    office, counter = next(iter(vector.items()))
    city["field_versions"] = {"changes": [[office, counter, AT, ["notes"]]]}
    bundle = read_bundle(write(tmp_path / "b.json", resign(good, KEY)))
    assert bundle.payload["cities"][0]["field_versions"]["changes"][0][3] == ["notes"]
