"""Field-level merge of a record's concurrent versions (DESIGN.md, Exchange rules 3–5).

A record's state is, for every field, the set of its *concurrent values*: each value
with the **dot** of the write that set it — (office, counter, time), the office's
counter taken by that write — plus the record's version vector, the *context*: every
write the state has seen. Usually a field has one value; two when offices changed it
concurrently to values that both survive (a field conflict).

Merging two states (`join`) keeps, field by field, a value whose write the other
state has too, or has not seen; a value whose write the other side has seen but no
longer holds was overwritten there, and is dropped. This is the join of a
multi-value register per field under a causal context: commutative, associative and
idempotent, so offices that have seen the same writes hold the same state whatever
order, duplication or relay brought them. A field changed on one side only takes
that side's value; changed on both sides, both values stay (flagged when they
differ), and the value shown is the one written last (then by office UUID), the same
in every office.

Deletion is a register of its own: each write to it is a deletion (with the context
it was made in) or a restore. A record is shown deleted when every surviving write is
a deletion and no field holds a write that the deletions had not seen; otherwise it
is shown live — and flagged, if a deletion survives beside an edit (an edit made while
another office deleted the record stays in sight, as before).

A version without field versions (bundle format 1, catalogues before schema 0003) is
treated as having changed every field in its last write (`legacy_state`): a field
that differs from a concurrent version is then a field conflict.

Nothing here touches the database; `catalogue/` and `exchange/` convert snapshots.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.versions import Vector, includes, merged

# (office UUID, counter, ISO time). None: the record's creation, seen by every version.
Dot = tuple[str, int, str]
Sibling = tuple[Dot | None, Any]  # a value and the write that set it
# A write to the deletion register: its dot, and the context of a deletion (None: a restore).
RegisterWrite = tuple[Dot, dict[str, int] | None]

META = ("uuid", "created_at", "modified_at", "modified_by", "version", "deleted")


def saw(vector: Vector, dot: Dot | None) -> bool:
    """Whether a version with `vector` has seen the write `dot` (always, the creation)."""
    return dot is None or includes(vector, dot[0], dot[1])


def _order(dot: Dot | None) -> tuple[str, str, int]:
    """Latest write first; the creation last."""
    return ("", "", 0) if dot is None else (dot[2], dot[0], dot[1])


@dataclass(frozen=True)
class RecordState:
    """One record's merged state. `fields[name]` lists its concurrent values, shown first."""

    entity: str
    uuid: str
    created_at: str
    modified_at: str
    modified_by: str
    context: dict[str, int]
    fields: dict[str, tuple[Sibling, ...]]
    register: tuple[RegisterWrite, ...] = ()  # empty: never deleted nor restored

    # -- what it shows ---------------------------------------------------------------

    def value(self, name: str) -> Any:
        return self.fields[name][0][1]

    def values(self) -> dict[str, Any]:
        return {name: siblings[0][1] for name, siblings in self.fields.items()}

    def conflicting(self) -> list[str]:
        """Fields holding two or more different values, in the entity's order."""
        return [name for name, siblings in self.fields.items() if _distinct(siblings) > 1]

    def deletion_contexts(self) -> list[dict[str, int]]:
        return [context for _dot, context in self.register if context is not None]

    def edited_while_deleted(self) -> bool:
        """A deletion survives beside a restore or an edit that it had not seen."""
        deletions = self.deletion_contexts()
        if not deletions:
            return False
        if len(deletions) < len(self.register):
            return True  # a restore concurrent with a deletion
        seen = merged(deletions)
        return any(not saw(seen, dot) for siblings in self.fields.values() for dot, _ in siblings)

    @property
    def deleted(self) -> bool:
        return bool(self.deletion_contexts()) and not self.edited_while_deleted()

    @property
    def needs_review(self) -> bool:
        if self.edited_while_deleted():
            return True
        return not self.deleted and bool(self.conflicting())

    def dots(self) -> set[Dot]:
        """Every write this state still holds (fields and register)."""
        found = {dot for siblings in self.fields.values() for dot, _ in siblings if dot}
        return found | {dot for dot, _ in self.register}


def _distinct(siblings: Sequence[Sibling]) -> int:
    values: list[Any] = []
    for _dot, value in siblings:
        if value not in values:
            values.append(value)
    return len(values)


# -- merging ------------------------------------------------------------------------------


def _join_siblings(
    mine: Sequence[Any], my_context: Vector, theirs: Sequence[Any], their_context: Vector
) -> list[Any]:
    """Keep an item whose write the other side also holds or has not seen."""
    my_dots = {item[0] for item in mine}
    their_dots = {item[0] for item in theirs}
    kept = [item for item in mine if item[0] in their_dots or not saw(their_context, item[0])]
    kept += [item for item in theirs if item[0] not in my_dots and not saw(my_context, item[0])]
    if not kept:
        # Each side has seen the other's write and holds another: only a version whose
        # field versions were reconstructed (format 1, schema 0003) by two offices that saw
        # different histories comes here. Keep, per value, the earliest write: the same
        # choice whichever side holds which.
        earliest: dict[str, Any] = {}
        for item in sorted((*mine, *theirs), key=lambda item: _order(item[0])):
            earliest.setdefault(repr(item[1]), item)
        kept = list(earliest.values())
    return kept


def join(a: RecordState, b: RecordState) -> RecordState:
    """The state that has seen everything `a` and `b` have seen."""
    if a == b:
        return a
    fields = {}
    for name in a.fields:
        siblings = _join_siblings(a.fields[name], a.context, b.fields[name], b.context)
        fields[name] = tuple(sorted(siblings, key=lambda item: _order(item[0]), reverse=True))
    register = _join_siblings(a.register, a.context, b.register, b.context)
    latest = max(a, b, key=lambda state: (state.modified_at, state.modified_by))
    return RecordState(
        entity=a.entity,
        uuid=a.uuid,
        created_at=min(a.created_at, b.created_at),
        modified_at=latest.modified_at,
        modified_by=latest.modified_by,
        context=merged([a.context, b.context]),
        fields=fields,
        register=tuple(sorted(register, key=lambda item: _order(item[0]), reverse=True)),
    )


def join_all(states: Iterable[RecordState]) -> RecordState:
    result: RecordState | None = None
    for state in states:
        result = state if result is None else join(result, state)
    if result is None:
        raise ValueError("join_all needs at least one state")
    return result


def brought(state: RecordState, other_context: Vector) -> list[str]:
    """Fields where `state` holds a write that a version with `other_context` had not seen."""
    return [
        name
        for name, siblings in state.fields.items()
        if any(not saw(other_context, dot) for dot, _ in siblings)
    ]


# -- writing locally ----------------------------------------------------------------------


def write(
    state: RecordState,
    dot: Dot,
    values: Mapping[str, Any] | None = None,
    *,
    deleted: bool | None = None,
    settle: bool = False,
) -> RecordState:
    """A local write: `values` (any fields) set with `dot`, and the deletion register.

    A field is written when its value differs from the one shown; with `settle` (a
    conflict review) every field in conflict is written too, so the review's choice
    replaces each concurrent value. Deleting settles every field conflict with the
    values shown (the user deletes what they see); restoring is an edit.
    """
    office, counter, at = dot
    context = merged([state.context, {office: counter}])
    conflicting = set(state.conflicting())
    fields = dict(state.fields)
    wanted = dict(values or {})
    if deleted:
        wanted = {name: state.value(name) for name in conflicting} | wanted
        conflicting_settled = True
    else:
        conflicting_settled = settle
    for name, value in wanted.items():
        if value != state.value(name) or (conflicting_settled and name in conflicting):
            fields[name] = ((dot, value),)
    register = state.register
    if deleted or (deleted is None and not settle and state.deleted):
        register = ((dot, context),)  # a deletion, or an edit of a deleted record (kept so)
    elif (
        state.register
        and (deleted is False or settle)
        and (state.deleted or state.edited_while_deleted())
    ):
        register = ((dot, None),)
    return replace(
        state, modified_at=at, modified_by=office, context=context, fields=fields,
        register=register,
    )  # fmt: skip


def delete_covering(state: RecordState, dot: Dot, covering: Vector) -> RecordState:
    """A local deletion that also includes `covering`, a version it does not hold (newer
    reference data for a record this office deleted): every field is written by the
    deletion with the value it has, so the state stays one whose writes its vector names,
    and the deletion wins wherever it travels."""
    widened = replace(state, context=merged([state.context, covering]))
    deleted = write(widened, dot, None, deleted=True)
    fields: dict[str, tuple[Sibling, ...]] = {
        name: ((dot, siblings[0][1]),) for name, siblings in deleted.fields.items()
    }
    return replace(deleted, fields=fields)


# -- snapshots ------------------------------------------------------------------------------


def new_state(entity: str, snapshot: Mapping[str, Any]) -> RecordState:
    """The state of a record just created: every field written by its creation."""
    return _state(entity, snapshot, None)


def legacy_state(entity: str, snapshot: Mapping[str, Any]) -> RecordState:
    """A version without field versions: every field written by its last write."""
    vector = snapshot["version"]
    office = snapshot["modified_by"]
    dot: Dot = (office, vector[office], snapshot["modified_at"])
    state = _state(entity, snapshot, dot)
    if snapshot["deleted"]:
        state = replace(state, register=((dot, dict(vector)),))
    return state


def _state(entity: str, snapshot: Mapping[str, Any], dot: Dot | None) -> RecordState:
    return RecordState(
        entity=entity,
        uuid=snapshot["uuid"],
        created_at=snapshot["created_at"],
        modified_at=snapshot["modified_at"],
        modified_by=snapshot["modified_by"],
        context=dict(snapshot["version"]),
        fields={name: ((dot, snapshot[name]),) for name in ENTITIES[entity].field_names},
    )


def state_of(entity: str, snapshot: Mapping[str, Any]) -> RecordState:
    """A snapshot (meta, shown values, `field_versions`) as a state; format 1: legacy."""
    encoded = snapshot.get("field_versions")
    if encoded is None:
        return legacy_state(entity, snapshot)
    base = _dot(encoded.get("base"))
    dots: dict[str, Dot | None] = dict.fromkeys(ENTITIES[entity].field_names, base)
    for office, counter, at, names in encoded.get("changes", ()):
        for name in names:
            dots[name] = (office, counter, at)
    conflicts = encoded.get("conflicts", {})
    fields: dict[str, tuple[Sibling, ...]] = {}
    for name, dot in dots.items():
        others = [((o, c, t) if o else None, value) for o, c, t, value in conflicts.get(name, ())]
        siblings = [(dot, snapshot[name]), *others]
        fields[name] = tuple(sorted(siblings, key=lambda item: _order(item[0]), reverse=True))
    register = tuple(
        ((office, counter, at), dict(context) if context is not None else None)
        for office, counter, at, context in encoded.get("deleted", ())
    )
    return RecordState(
        entity=entity,
        uuid=snapshot["uuid"],
        created_at=snapshot["created_at"],
        modified_at=snapshot["modified_at"],
        modified_by=snapshot["modified_by"],
        context=dict(snapshot["version"]),
        fields=fields,
        register=tuple(sorted(register, key=lambda item: _order(item[0]), reverse=True)),
    )


def _dot(value: Sequence[Any] | None) -> Dot | None:
    return None if value is None else (value[0], value[1], value[2])


def encode(state: RecordState) -> dict[str, Any]:
    """`field_versions`, compact and canonical: the dot most fields share is `base`;
    `changes` groups the other fields by the write that set them; `conflicts` holds
    the values beside the one shown; `deleted`, the writes to the deletion register.
    Empty members are left out, so a record never edited since its creation is `{}`."""
    shown = {name: siblings[0][0] for name, siblings in state.fields.items()}
    tally = Counter(shown.values())
    # The creation when any field still holds it, so that `changes` names real writes only.
    base = None if None in tally else max(tally, key=lambda dot: (tally[dot], _order(dot)))
    encoded: dict[str, Any] = {}
    if base is not None:
        encoded["base"] = list(base)
    groups: dict[Dot, list[str]] = {}
    for name, dot in shown.items():
        if dot != base:
            groups.setdefault(dot, []).append(name)  # type: ignore[arg-type]
    if groups:
        encoded["changes"] = [
            [*dot, names] for dot, names in sorted(groups.items(), key=lambda item: item[0])
        ]
    conflicts = {
        name: [[*(dot or (None, 0, "")), value] for dot, value in siblings[1:]]
        for name, siblings in state.fields.items()
        if len(siblings) > 1
    }
    if conflicts:
        encoded["conflicts"] = conflicts
    if state.register:
        encoded["deleted"] = [[*dot, context] for dot, context in state.register]
    return encoded


def snapshot_of(state: RecordState) -> dict[str, Any]:
    """Meta, the values shown and `field_versions`: what a row and a bundle record hold."""
    return {
        "uuid": state.uuid,
        "created_at": state.created_at,
        "modified_at": state.modified_at,
        "modified_by": state.modified_by,
        "version": dict(state.context),
        "deleted": state.deleted,
        **state.values(),
        "field_versions": encode(state),
    }


def other_sides(state: RecordState) -> list[dict[str, Any]]:
    """The values beside the ones shown, as whole versions for a side-by-side review:
    one per office that wrote them (the shown values elsewhere), plus a deletion."""
    shown = snapshot_of(state)
    sides: dict[str, dict[str, Any]] = {}
    for name, siblings in state.fields.items():
        if _distinct(siblings) < 2:
            continue
        for dot, value in siblings[1:]:
            if dot is None or value == siblings[0][1]:
                continue
            side = sides.setdefault(dot[0], _side_of(shown, dot))
            if (dot[2], dot[1]) >= (side["modified_at"], side["version"][dot[0]]):
                side["modified_at"], side["version"] = dot[2], {dot[0]: dot[1]}
            side[name] = value
    result = [sides[office] for office in sorted(sides)]
    if state.edited_while_deleted():
        dot, context = next(item for item in state.register if item[1] is not None)
        result.append(_side_of(shown, dot) | {"deleted": True, "version": dict(context or {})})
    return result


def _side_of(shown: Mapping[str, Any], dot: Dot) -> dict[str, Any]:
    side = {key: value for key, value in shown.items() if key != "field_versions"}
    return side | {
        "modified_by": dot[0], "modified_at": dot[2], "version": {dot[0]: dot[1]},
        "deleted": False,
    }  # fmt: skip
