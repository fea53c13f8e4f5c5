"""Import, per record: the bundle's versions merged field by field with the record here.

For each record the bundle carries, the versions holding a write this catalogue has
not seen are checked (incoming.py) and joined with the record here
(catalogue/field_merge.py); what comes out is the record's new state as `apply`
writes it (`RecordWrite`, with its history) and the change a person reviews
(`RecordChange`). The whole-bundle work around it — signer, aliases, knowledge,
likely duplicates — is plan.py's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pydantic_core
from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import field_merge, store
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.field_merge import RecordState
from ccn_desktop.catalogue.models import RECORD_MODELS, City
from ccn_desktop.catalogue.validation import clean
from ccn_desktop.catalogue.versions import covers, merged
from ccn_desktop.exchange import incoming
from ccn_desktop.exchange.record_changes import (
    KINDS,
    ChangeKind,
    RecordChange,
    field_diffs,
    kind_of,
)
from ccn_desktop.exchange.rows import Progress
from ccn_desktop.exchange.verified import VerifiedBundle, Version

CHUNK = 500  # UUIDs or row ids per query


@dataclass
class RecordWrite:
    """The new held set of one record, as apply writes it."""

    entity: str
    uuid: str
    row_id: int | None  # None: a new record
    winner: dict[str, Any]  # snapshot of the merged state (meta, every field, field_versions)
    winner_changed: bool  # always True: a merged state that changes nothing is not written
    siblings: list[dict[str, Any]]  # unused since field-level merge (no conflict_version rows)
    needs_review: bool
    history: list[tuple[dict[str, Any], str, str]]  # (snapshot, action, origin)


def plan_records(
    session: Session,
    bundle: VerifiedBundle,
    city_map: Mapping[str, str],
    *,
    progress: Progress | None = None,
) -> tuple[list[RecordWrite], list[RecordChange], dict[str, dict[str, int]]]:
    """The writes and changes of every record the bundle changes, and the number of
    records of each kind per entity (unchanged ones only counted); raises BundleError.

    `city_map` sends a merged-away city to the one it was merged into (aliases here and
    arriving now)."""
    groups = _group(bundle.versions())
    incoming_cities = {uuid for entity, uuid in groups if entity == "city"}
    writes: list[RecordWrite] = []
    changes: list[RecordChange] = []
    counts: dict[str, dict[str, int]] = {
        entity: {str(kind): 0 for kind in KINDS} for entity in ENTITIES
    }
    for entity in ENTITIES:
        uuids = [uuid for name, uuid in groups if name == entity]
        if not uuids:
            continue
        if progress is not None:
            progress(f"Comparing {ENTITIES[entity].label_plural.lower()}", 0, len(uuids))
        local = _local_rows(session, entity, uuids)
        outcomes = []
        for uuid in uuids:
            outcome = _unseen(entity, uuid, local.get(uuid), groups[(entity, uuid)])
            if outcome is None:
                counts[entity][ChangeKind.UNCHANGED] += 1
            else:
                outcomes.append(outcome)
        if not outcomes:
            continue
        mine = _snapshots(session, entity, [o.row_id for o in outcomes if o.row_id is not None])
        known = _known_cities(session, outcomes, incoming_cities, city_map)
        for outcome in outcomes:
            prepared = _prepare(outcome, mine.get(outcome.uuid), city_map, known, bundle)
            if prepared is None:
                counts[entity][ChangeKind.UNCHANGED] += 1
                continue
            write, change = prepared
            counts[entity][change.kind] += 1
            changes.append(change)
            writes.append(write)
    return writes, changes, counts


def _group(versions: Iterable[Version]) -> dict[tuple[str, str], list[Version]]:
    groups: dict[tuple[str, str], list[Version]] = {}
    for version in versions:
        groups.setdefault((version.entity, version.record["uuid"]), []).append(version)
    return groups


def _local_rows(
    session: Session, entity: str, uuids: Sequence[str]
) -> dict[str, tuple[int, dict[str, int]]]:
    """(row id, version vector) of each record here, for the UUIDs given.

    Plain SQL: on a re-import this reads every row of the catalogue, and only the
    vector needs converting.
    """
    table = RECORD_MODELS[entity].__tablename__
    columns = f"SELECT uuid, id, version FROM {table}"
    cursor = session.connection().connection.cursor()  # this transaction's connection
    batches: list[list[tuple[Any, ...]]] = []
    wanted: set[str] | None = None
    if len(uuids) > 5 * CHUNK:  # most of the table: one pass is cheaper
        wanted = set(uuids)
        batches.append(cursor.execute(columns).fetchall())
    else:
        for start in range(0, len(uuids), CHUNK):
            chunk = tuple(uuids[start : start + CHUNK])
            marks = ", ".join("?" * len(chunk))
            batches.append(cursor.execute(f"{columns} WHERE uuid IN ({marks})", chunk).fetchall())
    cursor.close()
    found: dict[str, tuple[int, dict[str, int]]] = {}
    parse = pydantic_core.from_json  # far quicker than json.loads on many small texts
    for rows in batches:
        for uuid, row_id, vector in rows:
            if wanted is None or uuid in wanted:
                found[uuid] = (row_id, parse(vector))
    return found


@dataclass
class _Outcome:
    """A record for which the bundle holds writes this catalogue has not seen."""

    entity: str
    uuid: str
    row_id: int | None  # None: new here
    vector: dict[str, int]  # the record's version vector here ({} when new)
    added: list[Version]  # the incoming versions not included in it


def _unseen(
    entity: str, uuid: str, row: tuple[int, dict[str, int]] | None, versions: list[Version]
) -> _Outcome | None:
    """The incoming versions holding a write the record here has not seen; None: none.

    A version whose vector the record's includes brings nothing: the record has seen
    every write it holds (the common case of a re-import).
    """
    vector = row[1] if row is not None else {}
    added = [version for version in versions if not covers(vector, version.record["version"])]
    if not added:
        return None
    return _Outcome(entity, uuid, row[0] if row is not None else None, vector, added)


def _snapshots(session: Session, entity: str, row_ids: list[int]) -> dict[str, dict[str, Any]]:
    """Full snapshots of the records here, by UUID."""
    model = RECORD_MODELS[entity]
    result: dict[str, dict[str, Any]] = {}
    for start in range(0, len(row_ids), CHUNK):
        chunk = row_ids[start : start + CHUNK]
        records = list(session.scalars(select(model).where(model.id.in_(chunk))))
        for snapshot in store.snapshots(session, entity, records):
            result[snapshot["uuid"]] = snapshot
    return result


def _known_cities(
    session: Session,
    outcomes: list[_Outcome],
    incoming_cities: set[str],
    city_map: Mapping[str, str],
) -> set[str]:
    """Which cities the incoming versions' links name that exist here or arrive now."""
    targets: set[str] = set()
    for outcome in outcomes:
        for version in outcome.added:
            targets.update(incoming.link_values(version))
    targets |= {city_map[uuid] for uuid in targets if uuid in city_map}
    outside = [uuid for uuid in targets if uuid not in incoming_cities]
    known = set(incoming_cities)
    for start in range(0, len(outside), CHUNK):
        chunk = outside[start : start + CHUNK]
        known.update(session.scalars(select(City.uuid).where(City.uuid.in_(chunk))))
    return known


def _prepare(
    outcome: _Outcome,
    mine: dict[str, Any] | None,
    city_map: Mapping[str, str],
    known_cities: set[str],
    bundle: VerifiedBundle,
) -> tuple[RecordWrite, RecordChange] | None:
    """Check the incoming versions, merge them with the record here; None: no change."""
    entity = outcome.entity
    checked = [
        incoming.checked(version, city_map, known_cities, bundle) for version in outcome.added
    ]
    theirs = [field_merge.state_of(entity, snapshot) for snapshot in checked]
    if mine is not None and city_map:
        mine = incoming.resolved(entity, mine, city_map)  # merges arriving now apply to it too
    local = field_merge.state_of(entity, mine) if mine is not None else None
    result = field_merge.join_all([*([local] if local is not None else []), *theirs])
    winner = field_merge.snapshot_of(result)
    if mine is not None and winner == mine:
        return None
    review = result.needs_review or _breaks_form_rules(entity, winner)
    write = RecordWrite(
        entity=entity,
        uuid=outcome.uuid,
        row_id=outcome.row_id,
        winner=winner,
        winner_changed=True,
        siblings=[],
        needs_review=review,
        history=[],
    )
    change = _change(outcome, result, review, local, mine, checked)
    action = {ChangeKind.MERGED: "field-merge", ChangeKind.CONFLICT: "field-merge"}.get(
        change.kind, _winner_action(winner, mine)
    )
    origin = origin_of(bundle)
    write.history.append((winner, action, origin))
    for snapshot in checked:  # what the other office sent, when it is not what is shown
        if _values(entity, snapshot) != _values(entity, winner):
            write.history.append((snapshot, "received", origin))
    return write, change


def origin_of(bundle: VerifiedBundle) -> str:
    """How history names a version that came with `bundle`: "bundle", or "reference-N" for
    release N of the network's reference data."""
    if bundle.manifest.scope != "starter":
        return "bundle"
    return f"reference-{max(bundle.manifest.knowledge.values(), default=0)}"


def _values(entity: str, snapshot: Mapping[str, Any]) -> dict[str, Any]:
    return {name: snapshot[name] for name in (*ENTITIES[entity].field_names, "deleted")}


def _breaks_form_rules(entity: str, snapshot: Mapping[str, Any]) -> bool:
    """A merge of two valid versions can break a rule across fields (a start year taken
    from one office, an end year from another): shown, and flagged for review."""
    if snapshot["deleted"]:
        return False
    _cleaned, problems = clean(
        entity, {name: snapshot[name] for name in ENTITIES[entity].field_names}
    )
    return bool(problems)


def _winner_action(winner: Mapping[str, Any], mine: Mapping[str, Any] | None) -> str:
    if mine is None:
        return "insert"
    if winner["deleted"] and not mine["deleted"]:
        return "delete"
    if mine["deleted"] and not winner["deleted"]:
        return "restore"
    return "update"


def _change(
    outcome: _Outcome,
    result: RecordState,
    review: bool,
    local: RecordState | None,
    mine: dict[str, Any] | None,
    checked: list[dict[str, Any]],
) -> RecordChange:
    theirs = field_merge.snapshot_of(result)
    incoming_vector = merged(snapshot["version"] for snapshot in checked)
    fields_here = field_merge.brought(local, incoming_vector) if local is not None else []
    fields_there = field_merge.brought(result, outcome.vector) if local is not None else []
    kind = kind_of(
        mine, theirs, review=review, incoming_vector=incoming_vector, here_vector=outcome.vector
    )
    if kind == ChangeKind.CONFLICT:
        theirs = checked[-1]  # the conflicting side
    title = store.title_from(outcome.entity, theirs, [])
    diffs = field_diffs(outcome.entity, mine, theirs) if mine is not None else []
    where = outcome.added[0].path
    return RecordChange(
        outcome.entity, outcome.uuid, kind, title, where, mine, theirs, diffs,
        fields_here=fields_here, fields_there=fields_there, conflicting=result.conflicting(),
    )  # fmt: skip
