"""A person's edit becomes a record's next version, knowing which version they saw.

Every local write (a save, a delete, an undo, a restore, a review) takes this
office's next counter, makes the new version include the version shown (and, when
it supersedes, every other side of a conflict) and hands it to the writer.

An edit may name the version the person last saw (`expected`). If the record has
moved on since (an import, a reference update, another window), the edit is not
applied blindly. Field by field, what the person changed is compared with what
changed underneath: where they did not touch the same field, the edit is applied
on top of the current version (nothing differs). Where they did, the person's
version is kept as another side of a conflict — concurrent with the current one,
as if another office had made it — so the conflict review shows both and nothing
newer is overwritten unseen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import conflicts, store, writer
from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import StaleRecordError
from ccn_desktop.catalogue.models import ConflictVersion, History, Office
from ccn_desktop.catalogue.versions import Held, add_version, covers, merged, needs_review, split
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
    others = conflicts.siblings(session, edit.entity, edit.uuid) if current else []
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
            return _keep_beside(session, office_uuid, edit, row_id, current, others, seen)
        # Nothing the person changed was changed underneath: apply just their change.
        values = _fields(edit.entity, current) | {name: wanted[name] for name in touched}
    counter_office, counter = next_counter(session, office_uuid)
    base = dict(current["version"]) if current else {}
    if edit.supersede:
        base = merged([base, *(row.version for row in others)])
    if edit.includes:
        base = merged([base, edit.includes])
    version = {**base, counter_office: counter}
    now = _after(current, others)
    fields = _fields(edit.entity, values if values is not None else current or {})
    snapshot = _snapshot(edit, current, version, now, counter_office) | fields
    remaining = [row for row in others if not covers(version, row.version)]
    held = [_held(snapshot), *(conflicts.held_of_sibling(row) for row in remaining)]
    write = writer.RecordWrite(
        edit.uuid,
        row_id,
        snapshot,
        needs_review=needs_review(held),
        siblings=None if len(remaining) == len(others) else [dict(r.snapshot) for r in remaining],
        history=[writer.HistoryItem(snapshot, edit.action, edit.origin, edit.source)],
    )
    return writer.write_records(session, edit.entity, [write])


def _keep_beside(
    session: Session,
    office_uuid: str,
    edit: Edit,
    row_id: int | None,
    current: dict[str, Any],
    others: list[ConflictVersion],
    seen: dict[str, Any],
) -> ChangeReport:
    """Store the person's version as a side concurrent with the current one: it
    includes what they saw and their new edit, not what came after."""
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
    side = _snapshot(edit, current, version, _after(current, others), counter_office) | wanted
    held: list[Held] = [_held(current), *(conflicts.held_of_sibling(row) for row in others)]
    held, _changed = add_version(held, _held(side))
    shown, rest = split(held)
    write = writer.RecordWrite(
        edit.uuid,
        row_id,
        side if shown.data is side else None,  # None: the current version stays shown
        needs_review=needs_review(held),
        siblings=[_side_snapshot(version.data) for version in rest],
        history=[writer.HistoryItem(side, edit.action, "local")],
    )
    report = writer.write_records(session, edit.entity, [write])
    report.conflicts.append((edit.entity, edit.uuid))
    return report


def _side_snapshot(data: Any) -> dict[str, Any]:
    return dict(data.snapshot) if isinstance(data, ConflictVersion) else dict(data)


def _deleted(edit: Edit, seen: dict[str, Any]) -> bool:
    return bool(seen["deleted"]) if edit.deleted is None else edit.deleted


def _held(snapshot: dict[str, Any]) -> Held:
    return Held(
        vector=dict(snapshot["version"]),
        modified_at=snapshot["modified_at"],
        modified_by=snapshot["modified_by"],
        deleted=bool(snapshot["deleted"]),
        data=snapshot,
    )


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


def _after(current: dict[str, Any] | None, others: list[ConflictVersion]) -> str:
    """Now, or just after the latest version held if a clock elsewhere ran ahead: a
    local edit is made after every version it has seen, and stays the one shown."""
    times = [row.modified_at for row in others]
    if current is not None:
        times.append(dt.datetime.fromisoformat(current["modified_at"]))
    now = store.utc_now()
    latest = max(times, default=None)
    if latest is not None and latest >= now:
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
