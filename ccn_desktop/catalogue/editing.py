"""A person's edit becomes a record's next version, knowing which version they saw.

Every local write (a save, a delete, an undo, a restore, a review) takes this
office's next counter and writes the fields it changes with that write's dot, by the
field-level rules (catalogue/field_merge.py: a review settles every field in
conflict, a deletion settles them as shown), and hands the new state to the writer.

An edit may name the version the person last saw (`expected`). If the record has
moved on since (an import, a reference update, another window), the edit is not
applied blindly. Field by field, what the person changed is compared with what
changed underneath: where they did not touch the same field, the edit is applied
on top of the current version (nothing differs). Where they did, the person's
version is made on top of what they saw — concurrent with the current one, as if
another office had made it — and merged with it field by field, so the fields both
changed become field conflicts the review shows, and nothing newer is overwritten
unseen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import field_merge, store, writer
from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import StaleRecordError
from ccn_desktop.catalogue.field_merge import RecordState
from ccn_desktop.catalogue.models import ConflictVersion, History, Office
from ccn_desktop.catalogue.versions import covers
from ccn_desktop.i18n import _

ONE_MICROSECOND = dt.timedelta(microseconds=1)


@dataclass(frozen=True)
class Edit:
    """One record's change as a person asked for it."""

    entity: str
    uuid: str
    values: dict[str, Any] | None  # cleaned fields; None: keep the ones seen
    deleted: bool | None  # None: as it is (an edit of the values only)
    action: str  # what history calls it: insert, update, delete, restore, resolve, ...
    supersede: bool = False  # include (and so end) every other side of a conflict
    expected: Mapping[str, int] | None = None  # the version the person last saw
    new: bool = False  # a record that does not exist yet
    includes: Mapping[str, int] | None = None  # a version the new one must also include
    origin: str = "local"  # what history calls where it came from
    source: str | None = None  # history's bundle_uuid: the import (a spreadsheet) it came with


def next_counter(session: Session, office_uuid: str) -> tuple[str, int]:
    """Take this office's next counter (every local version has its own)."""
    with session.no_autoflush:
        office = session.get_one(Office, office_uuid)
    office.counter += 1
    office.knowledge = {**office.knowledge, office.uuid: office.counter}
    return office.uuid, office.counter


def apply_edit(session: Session, office_uuid: str, edit: Edit) -> ChangeReport:
    """Write `edit` as this office's next version of the record (inside the caller's
    transaction); returns what changed. See the module docstring for `expected`."""
    found = None if edit.new else store.load_snapshot(session, edit.entity, edit.uuid)
    row_id, current = found if found is not None else (None, None)
    legacy = _has_sides(session, edit) if current else False
    values = edit.values
    if (
        current is not None
        and edit.expected is not None
        and dict(current["version"]) != dict(edit.expected)
    ):
        seen = _seen(session, edit, current)
        wanted = _fields(edit.entity, values if values is not None else seen)
        touched = _touched(edit, seen, wanted)
        deleted = _deleted(edit, seen)
        if _clashes(current, seen, wanted, touched, deleted):
            edit = replace(edit, deleted=deleted)
            return _keep_beside(session, office_uuid, edit, row_id, current, seen, legacy)
        # Nothing the person changed was changed underneath: apply just their change.
        values = _fields(edit.entity, current) | {name: wanted[name] for name in touched}
    counter_office, counter = next_counter(session, office_uuid)
    at = _after(current)
    dot = (counter_office, counter, at)
    if current is None:
        fields = _fields(edit.entity, values or {})
        version = {**dict(edit.includes or {}), counter_office: counter}
        snapshot = _snapshot(edit, None, version, at, counter_office) | fields
        state = field_merge.new_state(edit.entity, snapshot)
    else:
        before = field_merge.state_of(edit.entity, current)
        chosen = _fields(edit.entity, values) if values is not None else None
        if edit.includes:  # newer reference data a deletion here must include
            state = field_merge.delete_covering(before, dot, edit.includes)
        else:
            state = field_merge.write(
                before, dot, chosen, deleted=edit.deleted, settle=edit.supersede
            )
    snapshot = field_merge.snapshot_of(state)
    write = writer.RecordWrite(
        edit.uuid,
        row_id,
        snapshot,
        needs_review=state.needs_review,
        siblings=[] if legacy else None,
        history=[writer.HistoryItem(snapshot, edit.action, edit.origin, edit.source)],
    )
    return writer.write_records(session, edit.entity, [write])


def _keep_beside(
    session: Session,
    office_uuid: str,
    edit: Edit,
    row_id: int | None,
    current: dict[str, Any],
    seen: dict[str, Any],
    legacy: bool,
) -> ChangeReport:
    """The person's version, made on top of what they saw and so concurrent with the
    current one, merged with it field by field (their clashing fields become field
    conflicts)."""
    counter_office, counter = next_counter(session, office_uuid)
    version = {**dict(edit.expected or {}), counter_office: counter}
    if covers(version, current["version"]):
        # Everything that moved the record on was made here (another window of this
        # office): a version of this office cannot be concurrent with its own later one.
        raise StaleRecordError(
            _("This {record} was changed in another window since you opened it, in a field "
              "you changed too; nothing was saved. Your changes are still in the form: "
              "compare them with the record as it is now, then save again.").format(
                record=ENTITIES[edit.entity].label.lower())
        )  # fmt: skip
    wanted = _fields(edit.entity, edit.values if edit.values is not None else seen)
    dot = (counter_office, counter, _after(current))
    theirs: RecordState = field_merge.state_of(edit.entity, seen)
    mine = field_merge.write(theirs, dot, wanted, deleted=edit.deleted)
    state = field_merge.join(field_merge.state_of(edit.entity, current), mine)
    snapshot = field_merge.snapshot_of(state)
    write = writer.RecordWrite(
        edit.uuid,
        row_id,
        snapshot,
        needs_review=state.needs_review,
        siblings=[] if legacy else None,
        history=[writer.HistoryItem(field_merge.snapshot_of(mine), edit.action, "local")],
    )
    report = writer.write_records(session, edit.entity, [write])
    report.conflicts.append((edit.entity, edit.uuid))
    return report


def _has_sides(session: Session, edit: Edit) -> bool:
    """Whether an older program left other sides in `conflict_version` (the write
    replaces them: migration 0003 merged them into the record)."""
    found = session.scalar(
        select(ConflictVersion.id).where(
            ConflictVersion.entity == edit.entity, ConflictVersion.record_uuid == edit.uuid
        )
    )
    return found is not None


def _deleted(edit: Edit, seen: dict[str, Any]) -> bool:
    return bool(seen["deleted"]) if edit.deleted is None else edit.deleted


def _fields(entity: str, values: Mapping[str, Any]) -> dict[str, Any]:
    return {spec.name: values.get(spec.name, spec.empty()) for spec in ENTITIES[entity].fields}


def _snapshot(
    edit: Edit,
    current: dict[str, Any] | None,
    version: dict[str, int],
    at: str,
    office_uuid: str,
) -> dict[str, Any]:
    return {
        "uuid": edit.uuid,
        "created_at": current["created_at"] if current else at,
        "modified_at": at,
        "modified_by": office_uuid,
        "version": version,
        "deleted": bool(current and current["deleted"]) if edit.deleted is None else edit.deleted,
    }


def _after(current: dict[str, Any] | None) -> str:
    """Now, or just after the latest write held if a clock elsewhere ran ahead: a local
    edit is made after every version it has seen, and its values stay the ones shown."""
    now = store.utc_now()
    if current is not None:
        latest = dt.datetime.fromisoformat(current["modified_at"])
        if latest >= now:
            now = latest + ONE_MICROSECOND
    return store.iso(now)


def _seen(session: Session, edit: Edit, current: dict[str, Any]) -> dict[str, Any]:
    """The version the person saw, from the record's history or the record's other
    sides (or, should neither have it, the current one)."""
    wanted = dict(edit.expected or {})
    rows = session.scalars(
        select(History.snapshot)
        .where(History.entity == edit.entity, History.record_uuid == edit.uuid)
        .order_by(History.id.desc())
    )
    for snapshot in rows:
        if dict(snapshot.get("version", {})) == wanted:
            return dict(snapshot)
    side = session.scalars(
        select(ConflictVersion.snapshot).where(
            ConflictVersion.entity == edit.entity, ConflictVersion.record_uuid == edit.uuid
        )
    )
    for snapshot in side:
        if dict(snapshot.get("version", {})) == wanted:
            return dict(snapshot)
    return dict(current)


def _touched(edit: Edit, seen: dict[str, Any], wanted: dict[str, Any]) -> set[str]:
    """The fields the person changed from what they saw; an edit that keeps the values
    (a delete, a restore) vouches for all of them."""
    names = ENTITIES[edit.entity].field_names
    if edit.values is None:
        return set(names)
    return {name for name in names if wanted[name] != seen[name]}


def _clashes(
    current: dict[str, Any],
    seen: dict[str, Any],
    wanted: dict[str, Any],
    touched: set[str],
    deleted: bool,
) -> bool:
    """Whether something the person changed was also changed, differently, underneath."""
    for name in touched:
        if current[name] != seen[name] and current[name] != wanted[name]:
            return True
    return bool(current["deleted"] != seen["deleted"] and current["deleted"] != deleted)
