"""Local writes on a record with a pending field conflict (the other values stay or are
settled)."""

from __future__ import annotations

import datetime as dt

from ccn_desktop.catalogue import conflicts, field_merge, store, writer
from ccn_desktop.catalogue.facade import Catalogue
from tests.helpers import city_values, includes

OTHER = "7e7e7e7e-1111-4222-8333-444455556666"


def add_other_side(catalogue: Catalogue, uuid: str, **changes: object) -> dict[str, object]:
    """Give the record a concurrent version from another office, as an import would."""
    with catalogue.transaction() as session:
        record = store.load(session, "city", uuid)
        snapshot = store.snapshot(session, "city", record)
        when = changes.pop("modified_at", "2026-01-01T00:00:00.000000+00:00")
        vector = changes.pop("version", {catalogue.office.uuid: 1, OTHER: 1})
        side = snapshot | {"version": vector, "modified_by": OTHER, "modified_at": when}
        side |= changes
        names = [name for name in changes if name in snapshot]
        side["field_versions"] = {"changes": [[OTHER, 1, when, names]]} if OTHER in vector else {}
        state = conflicts.state_of(session, "city", record)
        merged = field_merge.join(state, field_merge.state_of("city", side))
        snapshot = field_merge.snapshot_of(merged)
        write = writer.RecordWrite(uuid, record.id, snapshot, needs_review=merged.needs_review)
        writer.write_records(session, "city", [write])
    return side


def test_editing_a_flagged_record_keeps_the_other_side(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values(notes="first"))
    empty_catalogue.update("city", uuid, {"notes": "mine"})
    add_other_side(empty_catalogue, uuid, notes="theirs")
    empty_catalogue.update("city", uuid, {"website": "https://mine.example.org"})
    record = empty_catalogue.get("city", uuid)
    assert record["version"] == {empty_catalogue.office.uuid: 3, OTHER: 1}
    assert (record["notes"], record["website"]) == ("mine", "https://mine.example.org")
    assert [side["notes"] for side in empty_catalogue.conflict_versions("city", uuid)] == ["theirs"]
    assert empty_catalogue.conflicting_fields("city", uuid) == ["notes"]
    assert empty_catalogue.rows("city", [empty_catalogue.id_of("city", uuid)])[1].needs_review


def test_deleting_a_flagged_record_settles_every_side(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values())
    empty_catalogue.update("city", uuid, {"notes": "mine"})
    add_other_side(empty_catalogue, uuid, notes="theirs")
    empty_catalogue.delete("city", uuid)
    record = empty_catalogue.get("city", uuid)
    assert includes(record["version"], {OTHER: 1}) and record["deleted"]
    assert empty_catalogue.conflict_versions("city", uuid) == []


def test_resolving_a_conflict_is_a_new_edit_over_every_side(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values())
    empty_catalogue.update("city", uuid, {"notes": "mine", "website": "https://mine.example.org"})
    add_other_side(empty_catalogue, uuid, notes="theirs", website="https://theirs.example.org")
    side = empty_catalogue.conflict_versions("city", uuid)[0]
    empty_catalogue.resolve_conflict("city", uuid, {"notes": "mine", "website": side["website"]})
    record = empty_catalogue.get("city", uuid)
    assert (record["notes"], record["website"]) == ("mine", "https://theirs.example.org")
    assert record["version"] == {empty_catalogue.office.uuid: 3, OTHER: 1}
    assert empty_catalogue.conflict_versions("city", uuid) == []
    assert empty_catalogue.history("city", uuid)[0].action == "resolve"
    row = empty_catalogue.rows("city", [empty_catalogue.id_of("city", uuid)])
    assert not row[1].needs_review


def test_a_local_edit_is_later_than_a_version_from_a_fast_clock(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values())
    ahead = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)).isoformat(timespec="microseconds")
    add_other_side(empty_catalogue, uuid, notes="theirs", modified_at=ahead)
    empty_catalogue.update("city", uuid, {"notes": "mine, later"})
    assert empty_catalogue.get("city", uuid)["modified_at"] > ahead


def test_an_edit_that_includes_an_older_side_drops_it(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values())
    office = empty_catalogue.office.uuid
    add_other_side(empty_catalogue, uuid, version={office: 1}, notes="old mine")
    empty_catalogue.update("city", uuid, {"notes": "new"})
    assert empty_catalogue.conflict_versions("city", uuid) == []
