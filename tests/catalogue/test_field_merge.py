"""The field-level merge rule on its own: a join that order, repetition and grouping
never change, and the cases a bug would hide in."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue import field_merge
from ccn_desktop.catalogue.field_merge import RecordState, join, state_of, write
from tests.helpers import city_values

A, B, C = "a" * 8, "b" * 8, "c" * 8
START = "2026-01-01T00:00:00.000000+00:00"


def created() -> RecordState:
    values = {name: None for name in field_merge.ENTITIES["city"].field_names}
    values |= city_values(notes="", description="", objectives=[], report_dates=[])
    for name, value in list(values.items()):
        if value is None:
            values[name] = [] if name in ("objectives", "report_dates") else ""
    snapshot = {"uuid": "u", "created_at": START, "modified_at": START, "modified_by": A,
                "version": {A: 1}, "deleted": False, **values}  # fmt: skip
    return field_merge.new_state("city", snapshot)


class Offices:
    """Three replicas of one record, each office counting its own writes."""

    def __init__(self) -> None:
        self.states = [created()] * 3
        self.counters = {A: 1, B: 0, C: 0}
        self.clock = 0

    def dot(self, office: int) -> tuple[str, int, str]:
        name = (A, B, C)[office]
        self.counters[name] += 1
        self.clock += 1
        return (name, self.counters[name], f"2026-01-01T00:00:{self.clock:02d}.000000+00:00")

    def act(self, action: tuple[Any, ...]) -> None:
        kind, office, *args = action
        state = self.states[office]
        if kind == "edit":
            name = ("notes", "description", "website")[args[0]]
            value = ["same", "other", f"{office}-{self.clock}"][args[1]]
            if name == "website":
                value = f"https://{value}.example.org"
            self.states[office] = write(state, self.dot(office), {name: value})
        elif kind == "delete":
            self.states[office] = write(state, self.dot(office), None, deleted=True)
        elif kind == "restore" and state.deleted:
            self.states[office] = write(state, self.dot(office), None, deleted=False)
        elif kind == "resolve":
            self.states[office] = write(state, self.dot(office), state.values(), settle=True)
        elif kind == "send":
            target = args[0]
            self.states[target] = join(self.states[target], state)


ACTION = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.sampled_from(["delete", "restore", "resolve"]), st.integers(0, 2)),
    st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ACTION, max_size=25))
def test_the_join_is_commutative_associative_and_idempotent(
    actions: list[tuple[Any, ...]],
) -> None:
    offices = Offices()
    for action in actions:
        offices.act(action)
    a, b, c = offices.states
    assert join(a, b) == join(b, a)
    assert join(a, join(b, c)) == join(join(a, b), c)
    assert join(a, a) == a and join(a, join(a, b)) == join(a, b)
    everything = join(join(a, b), c)
    # What is stored and sent reads back as the same state.
    assert state_of("city", field_merge.snapshot_of(everything)) == everything


def test_different_fields_merge_and_the_same_field_conflicts() -> None:
    offices = Offices()
    offices.act(("send", 0, 1))
    offices.act(("edit", 0, 0, 2))  # A: notes
    offices.act(("edit", 1, 1, 2))  # B: description
    merged = join(*offices.states[:2])
    assert merged.conflicting() == [] and not merged.needs_review
    assert merged.value("notes").startswith("0-") and merged.value("description").startswith("1-")
    offices.act(("edit", 1, 0, 2))  # B: notes too, concurrently with A
    merged = join(*offices.states[:2])
    assert merged.conflicting() == ["notes"] and merged.needs_review
    assert merged.value("notes").startswith("1-")  # the later write is shown
    assert field_merge.brought(offices.states[1], offices.states[0].context) == [
        "description", "notes",
    ]  # fmt: skip


def test_the_same_value_is_no_conflict_and_a_review_settles_it() -> None:
    offices = Offices()
    offices.act(("edit", 0, 0, 0))
    offices.act(("edit", 1, 0, 0))
    merged = join(*offices.states[:2])
    assert merged.value("notes") == "same" and not merged.needs_review
    assert len(merged.fields["notes"]) == 2  # both writes stay: a third may overwrite one


def test_a_deletion_against_an_edit_shows_the_edit_flagged() -> None:
    offices = Offices()
    offices.act(("delete", 0))
    offices.act(("edit", 1, 0, 2))
    merged = join(*offices.states[:2])
    assert not merged.deleted and merged.needs_review
    (side,) = field_merge.other_sides(merged)
    assert side["deleted"] is True
    settled = write(merged, ("c" * 8, 1, "2026-02-01T00:00:00.000000+00:00"), deleted=True)
    assert settled.deleted and not settled.needs_review


def test_a_version_without_field_versions_changed_every_field() -> None:
    snapshot = field_merge.snapshot_of(created())
    del snapshot["field_versions"]
    legacy = state_of("city", snapshot)
    assert {siblings[0][0] for siblings in legacy.fields.values()} == {(A, 1, START)}
    assert field_merge.encode(legacy) == {"base": [A, 1, START]}


def test_values_written_at_the_same_time_show_the_greater_office_uuid() -> None:
    """Rule: the value shown is the one written last, then by office UUID — the same in
    every office, whichever arrived first."""
    at = "2026-01-01T00:00:05.000000+00:00"
    start = created()
    from_a = write(start, (A, 2, at), {"notes": "from A"})
    from_b = write(start, (B, 1, at), {"notes": "from B"})
    for merged in (join(from_a, from_b), join(from_b, from_a)):
        assert merged.value("notes") == "from B"
        assert [value for _dot, value in merged.fields["notes"]] == ["from B", "from A"]


def test_a_restore_concurrent_with_a_deletion_stays_in_sight() -> None:
    """Rule: edit against delete at record level — a restore is an edit, so a deletion
    that had not seen it leaves the record shown and flagged, not deleted."""
    offices = Offices()
    offices.act(("send", 0, 1))
    offices.act(("delete", 0))
    offices.act(("send", 0, 1))
    offices.act(("restore", 1))  # B restores the deletion it has seen
    offices.act(("restore", 0))
    offices.act(("delete", 0))  # A deletes again, not having seen B's restore
    merged = join(offices.states[0], offices.states[1])
    assert not merged.deleted and merged.needs_review
    assert [side["deleted"] for side in field_merge.other_sides(merged)] == [True]


def test_an_edit_of_a_deleted_record_keeps_it_deleted() -> None:
    """A write to a deleted record (a merge relinking it) is made by the deletion's side:
    the record stays deleted and is not flagged."""
    offices = Offices()
    offices.act(("delete", 0))
    deleted = offices.states[0]
    relinked = write(deleted, offices.dot(0), {"notes": "relinked"})
    assert relinked.deleted and not relinked.needs_review
    assert relinked.value("notes") == "relinked"


def test_two_reconstructed_histories_keep_the_earliest_write_of_a_value() -> None:
    """Format 1 versions of one record, reconstructed by two offices that saw different
    last writes under the same vector: each has seen the other's write and holds another.
    The merge keeps, per value, the earliest write — the same whichever side holds which."""
    snapshot = field_merge.snapshot_of(created())
    del snapshot["field_versions"]
    vector = {A: 2, B: 1}
    earlier, later = "2026-01-01T00:00:01.000000+00:00", "2026-01-01T00:00:02.000000+00:00"
    mine = state_of("city", snapshot | {"version": vector, "modified_by": A, "modified_at": later})
    theirs = state_of(
        "city", snapshot | {"version": vector, "modified_by": B, "modified_at": earlier}
    )
    for merged in (join(mine, theirs), join(theirs, mine)):
        for name, siblings in merged.fields.items():
            assert siblings == (((B, 1, earlier), snapshot[name]),)
        assert not merged.needs_review
