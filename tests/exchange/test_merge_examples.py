"""The merge rules as examples, each a story of offices and bundles (issue 13).

The property tests (test_properties.py) explore at random; these pin the cases a
person can name, so that breaking one rule fails a test by name, not by chance
(docs/bundle-format.md, "Mutation check", lists which test catches which broken rule).
The expected values are written out here, not computed with the code under test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import export, import_file, send, state
from tests.helpers import city_values


def _held(office: Catalogue, uuid: str) -> dict[str, Any]:
    """notes -> version vector of every version the office holds of the city."""
    versions = [office.get("city", uuid), *office.conflict_versions("city", uuid)]
    return {version["notes"]: version["version"] for version in versions}


def _includes(a: dict[str, int], b: dict[str, int]) -> bool:
    """Whether version `a` includes every edit of `b` (written here, not imported)."""
    return all(a.get(office, 0) >= counter for office, counter in b.items())


def _start(make_office: MakeOffice, stick: Path, *names: str) -> tuple[list[Catalogue], str]:
    """Offices that all hold the same city, made in the first one."""
    offices = [make_office(name) for name in names]
    uuid = offices[0].add("city", city_values(name="Łódź", notes="start"))
    for other in offices[1:]:
        send(offices[0], other, stick)
    return offices, uuid


def _needs_review(office: Catalogue, uuid: str) -> bool:
    return any(row.uuid == uuid for row in _flagged(office))


def _flagged(office: Catalogue) -> list[Any]:
    ids = office.ids("city", RecordQuery(needs_review=True))
    return list(office.rows("city", ids, ()).values())


def test_a_three_way_conflict_keeps_three_versions(make_office: MakeOffice, stick: Path) -> None:
    (a, b, c), uuid = _start(make_office, stick, "A", "B", "C")
    a.update("city", uuid, {"notes": "from A"})
    b.update("city", uuid, {"notes": "from B"})
    c.update("city", uuid, {"notes": "from C"})
    send(b, a, stick)
    send(c, a, stick)
    held = _held(a, uuid)
    assert set(held) == {"from A", "from B", "from C"}
    # One field, three values (field-level merge, issue 15): none replaces another.
    assert a.conflicting_fields("city", uuid) == ["notes"]
    assert _needs_review(a, uuid)
    # The other two offices end with the same three versions, whatever the order.
    send(a, b, stick)
    send(a, c, stick)
    assert state(b) == state(a) == state(c)


def test_a_conflict_side_sent_again_changes_nothing(make_office: MakeOffice, stick: Path) -> None:
    (a, b), uuid = _start(make_office, stick, "A", "B")
    a.update("city", uuid, {"notes": "from A"})
    b.update("city", uuid, {"notes": "from B"})
    bundle = export(b, stick)
    import_file(a, bundle)
    before = state(a)
    history = len(a.history("city", uuid))
    result = import_file(a, bundle)  # the same side once more
    assert result.nothing_new
    assert state(a) == before
    assert set(_held(a, uuid)) == {"from A", "from B"}
    assert len(a.history("city", uuid)) == history


def test_a_newer_version_of_the_shown_side_keeps_the_other_side_pending(
    make_office: MakeOffice, stick: Path
) -> None:
    (a, b), uuid = _start(make_office, stick, "A", "B")
    a.update("city", uuid, {"notes": "from A"})
    b.update("city", uuid, {"notes": "from B"})
    send(b, a, stick)
    assert set(_held(a, uuid)) == {"from A", "from B"}
    b.update("city", uuid, {"notes": "from B, later"})  # B has not seen A's edit
    send(b, a, stick)
    held = _held(a, uuid)
    assert set(held) == {"from A", "from B, later"}  # B's newer replaces B's older only
    assert _needs_review(a, uuid)


def test_pending_sides_are_kept_across_an_unrelated_import(
    make_office: MakeOffice, stick: Path
) -> None:
    (a, b, c), uuid = _start(make_office, stick, "A", "B", "C")
    a.update("city", uuid, {"notes": "from A"})
    b.update("city", uuid, {"notes": "from B"})
    send(b, a, stick)
    pending = a.conflict_versions("city", uuid)
    assert len(pending) == 1
    c.add("city", city_values(name="Niš", country_code="RS"))
    send(c, a, stick)
    assert a.conflict_versions("city", uuid) == pending
    assert _needs_review(a, uuid)


def test_old_sides_are_removed_when_resolved_here_and_where_it_travels(
    make_office: MakeOffice, stick: Path
) -> None:
    (a, b), uuid = _start(make_office, stick, "A", "B")
    a.update("city", uuid, {"notes": "from A"})
    b.update("city", uuid, {"notes": "from B"})
    send(b, a, stick)
    send(a, b, stick)
    assert len(b.conflict_versions("city", uuid)) == 1
    a.resolve_conflict("city", uuid, {"notes": "agreed"})
    assert a.conflict_versions("city", uuid) == []
    assert not _needs_review(a, uuid)
    send(a, b, stick)
    assert b.conflict_versions("city", uuid) == []
    assert b.get("city", uuid)["notes"] == "agreed"
    assert not _needs_review(b, uuid)


def test_a_later_edit_from_the_same_line_replaces_the_earlier(
    make_office: MakeOffice, stick: Path
) -> None:
    """Dominance: a version that includes another replaces it; no conflict."""
    (a, b), uuid = _start(make_office, stick, "A", "B")
    b.update("city", uuid, {"notes": "from B"})
    send(b, a, stick)
    assert set(_held(a, uuid)) == {"from B"}
    assert not _needs_review(a, uuid)
    a.update("city", uuid, {"notes": "from A after B"})
    send(a, b, stick)
    assert set(_held(b, uuid)) == {"from A after B"}
    assert not _needs_review(b, uuid)


def test_an_imported_conference_is_found_by_its_host_citys_name(
    make_office: MakeOffice, stick: Path
) -> None:
    a, b = make_office("A"), make_office("B")
    host = a.add("city", city_values(name="Katowice", country_code="PL"))
    conference = a.add("conference", {"year": 2019, "host_city_uuids": [host]})
    send(a, b, stick)
    found = b.ids("conference", RecordQuery(text="katowice"))
    assert [b.uuid_of("conference", record_id) for record_id in found] == [conference]
