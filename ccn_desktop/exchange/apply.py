"""Import, step two: write what the plan says, in one transaction, after a backup.

Rows are written with plain `executemany` statements, not ORM objects, so that
importing 100,000 records costs about what inserting them by hand costs. If the
catalogue changed between the plan and now (an edit made while the preview was
open), the plan is made again inside the transaction, on what is really there.
A plan with nothing to do writes nothing at all: re-importing a bundle leaves
the catalogue file as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import aliases as alias_rules
from ccn_desktop.catalogue import merging, store
from ccn_desktop.catalogue.backups import take_backup
from ccn_desktop.catalogue.engine import begin_immediate
from ccn_desktop.catalogue.entities import ENTITIES, Kind
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.models import (
    LINK_TABLES,
    RECORD_MODELS,
    City,
    ConflictVersion,
    History,
    KnownOffice,
    Office,
)
from ccn_desktop.catalogue.versions import merged
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import ExchangeCancelled, ExchangeError, UntrustedSignerError
from ccn_desktop.exchange.offices import SignerStatus, add_log
from ccn_desktop.exchange.plan import (
    ImportPlan,
    LikelyDuplicate,
    RecordWrite,
    plan_in_session,
    state_of,
)
from ccn_desktop.exchange.rows import Cancel, Progress

_CHUNK = 500
_SLICE = 5000  # records written between two looks at cancel and progress
_JSON_KINDS = (Kind.TEXT_LIST, Kind.DATE_LIST)


@dataclass(frozen=True)
class ImportResult:
    bundle_uuid: str
    office_name: str
    counts: dict[str, dict[str, int]]
    backup_path: Path | None
    duplicates: list[LikelyDuplicate] = field(default_factory=list)
    nothing_new: bool = False


def apply_plan(
    catalogue: Catalogue,
    plan: ImportPlan,
    *,
    trust: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    before_writing: Callable[[Session, ImportPlan], None] | None = None,
) -> ImportResult:
    """Import the planned bundle. `before_writing` may adjust the final plan (made again
    here if the catalogue moved) inside the import's transaction; the reference update
    keeps deleted records deleted with it. Raises UntrustedSignerError unless the signer is trusted
    here or `trust` is given (the user compared the fingerprint), ExchangeCancelled, or
    BundleError if a re-made plan finds a problem. On any error nothing is changed."""
    _check_trust(plan, trust)
    bundle = plan.bundle
    if catalogue.read_only and not plan.nothing_to_do:
        raise ExchangeError(
            "This catalogue is open read-only (a locked stick?), so nothing can be imported "
            "into it; open it from a writable folder."
        )
    if plan.nothing_to_do:
        return ImportResult(bundle.bundle_uuid, bundle.office_name, plan.counts, None,
                            plan.duplicates, nothing_new=True)  # fmt: skip
    # Only what the sender knows is new (no record, no merge): nothing to back up.
    carries_records = bool(plan.writes or plan.new_aliases)
    reason = (
        "before-reference-update"
        if plan.signer.status == SignerStatus.REFERENCE
        else f"before-import-{bundle.bundle_uuid[:8]}"
    )
    backup = take_backup(catalogue.paths, reason).path if carries_records else None
    with catalogue.transaction() as session, collector_paused():
        begin_immediate(session)  # plan again, if need be, as the only writer
        office = session.scalars(select(Office)).one()
        if state_of(office) != plan.state:
            plan = plan_in_session(session, bundle, progress=progress)
            _check_trust(plan, trust)
        if before_writing is not None:
            before_writing(session, plan)
            session.flush()
        _write_aliases(session, plan)
        _write_records(session, plan, progress=progress, cancel=cancel)
        session.expire_all()  # rows were written beside the ORM
        _relink(session, plan)
        office = session.scalars(select(Office)).one()
        office.knowledge = merged([office.knowledge, plan.knowledge_after])
        _remember_office(session, plan, trust)
        add_log(
            session,
            direction="import",
            bundle_uuid=bundle.bundle_uuid,
            office_uuid=bundle.office_uuid,
            office_name=bundle.office_name,
            file_name=str(bundle.path or ""),
            scope=bundle.manifest.scope,
            counts=bundle.counts,
            backup_path=str(backup or ""),
        )
        if cancel is not None and cancel():
            raise ExchangeCancelled
    return ImportResult(
        bundle.bundle_uuid, bundle.office_name, plan.counts, backup, plan.duplicates,
        nothing_new=not carries_records,
    )  # fmt: skip


def _check_trust(plan: ImportPlan, trust: bool) -> None:
    if plan.signer.trusted or trust:
        return
    raise UntrustedSignerError(
        f"The bundle is signed by {plan.signer.describe()}; compare the fingerprint with "
        "that office's, then import it again trusting the office (--trust)."
    )


def _write_aliases(session: Session, plan: ImportPlan) -> None:
    for alias in plan.new_aliases:
        alias_rules.add_pair(
            session,
            entity=alias["entity"],
            alias_uuid=alias["alias_uuid"],
            target_uuid=alias["target_uuid"],
            office_uuid=alias["office_uuid"],
            created_at=dt.datetime.fromisoformat(alias["created_at"]),
            version=alias["version"],
        )
    session.flush()


def _relink(session: Session, plan: ImportPlan) -> None:
    """New merges: point what this catalogue already held at the records kept."""
    if any(alias["entity"] == "city" for alias in plan.new_aliases):
        changed = alias_rules.relink(session, alias_rules.alias_map(session))
        merging.refresh_relinked(session, changed)


def _remember_office(session: Session, plan: ImportPlan, trust: bool) -> None:
    bundle = plan.bundle
    if plan.signer.status in (SignerStatus.THIS_OFFICE, SignerStatus.REFERENCE):
        return
    created = dt.datetime.fromisoformat(bundle.manifest.created_at)
    row = session.get(KnownOffice, bundle.office_uuid)
    if row is None:
        row = KnownOffice(
            uuid=bundle.office_uuid,
            name=bundle.office_name,
            public_key=bundle.public_key,
            trusted=True,
            first_seen=dt.datetime.now(dt.UTC),
            last_bundle_at=created,
            knowledge=dict(plan.sender_knowledge),
        )
        session.add(row)
        return
    if row.last_bundle_at is None or created >= row.last_bundle_at:
        row.name = bundle.office_name  # the latest bundle has the office's current name
        row.last_bundle_at = created
    row.trusted = row.trusted or trust
    # Only grows: an old bundle arriving late must not make the office look like it knows less.
    row.knowledge = merged([row.knowledge, plan.sender_knowledge])


# -- records ---------------------------------------------------------------------------


def _write_records(
    session: Session, plan: ImportPlan, *, progress: Progress | None, cancel: Cancel | None
) -> None:
    """Every record the plan changes, entity by entity (cities first: the others link to
    them), a slice at a time so that a cancel is heard and progress is reported."""
    for entity in ENTITIES:
        writes = [write for write in plan.writes if write.entity == entity]
        if not writes:
            continue
        label = f"Writing {ENTITIES[entity].label_plural.lower()}"
        ids, fresh = _row_ids(session, entity, writes)
        for start in range(0, len(writes), _SLICE):
            if cancel is not None and cancel():
                raise ExchangeCancelled
            if progress is not None:
                progress(label, start, len(writes))
            _write_slice(session, plan, entity, writes[start : start + _SLICE], ids, fresh)
        if progress is not None:
            progress(label, len(writes), len(writes))


def _row_ids(
    session: Session, entity: str, writes: list[RecordWrite]
) -> tuple[dict[str, int], set[str]]:
    """The row id of every record written (new ones numbered after the last), and which
    are new."""
    table = RECORD_MODELS[entity].__table__
    next_id = (session.scalar(text(f"SELECT max(id) FROM {table.name}")) or 0) + 1
    ids: dict[str, int] = {}
    fresh: set[str] = set()
    for write in writes:
        if write.row_id is None:
            ids[write.uuid] = next_id
            fresh.add(write.uuid)
            next_id += 1
        else:
            ids[write.uuid] = write.row_id
    return ids, fresh


def _write_slice(
    session: Session,
    plan: ImportPlan,
    entity: str,
    writes: list[RecordWrite],
    ids: dict[str, int],
    fresh: set[str],
) -> None:
    connection = session.connection()
    table = RECORD_MODELS[entity].__table__
    shown = [write for write in writes if write.winner_changed]
    names = _linked_names(session, entity, shown)
    inserts = [write for write in shown if write.uuid in fresh]
    updates = [write for write in shown if write.uuid not in fresh]
    columns = _record_columns(entity)
    rows = [_record_row(entity, write, ids, columns, names) for write in inserts]
    _executemany(connection, _insert_sql(table.name, ["id", *columns]), rows)
    rows = [(*_record_row(entity, write, ids, columns, names)[1:], ids[write.uuid])
            for write in updates]  # fmt: skip
    _executemany(connection, _update_sql(table.name, columns), rows)
    review_only = [(int(w.needs_review), ids[w.uuid]) for w in writes if not w.winner_changed]
    _executemany(connection, f"UPDATE {table.name} SET needs_review = ? WHERE id = ?",
                 review_only)  # fmt: skip
    _write_links(session, entity, shown, ids)
    replaced = [ids[write.uuid] for write in updates]
    _write_search(connection, entity, shown, ids, names, replace=replaced)
    _write_sides(connection, entity, writes)
    _write_history(connection, entity, writes, plan.bundle.bundle_uuid)
    if entity == "city":
        _refresh_renamed_cities(session, plan, updates, ids)


def _executemany(connection: Any, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    if rows:
        connection.exec_driver_sql(sql, list(rows))


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _update_sql(table: str, columns: Sequence[str]) -> str:
    assignments = ", ".join(f"{name} = ?" for name in columns)
    return f"UPDATE {table} SET {assignments} WHERE id = ?"


def _record_columns(entity: str) -> list[str]:
    stored = [spec.name for spec in ENTITIES[entity].fields if spec.kind != Kind.LINKS]
    return ["uuid", "created_at", "modified_at", "modified_by", "version", "deleted",
            "needs_review", "search_key", *stored]  # fmt: skip


def _record_row(
    entity: str,
    write: RecordWrite,
    ids: dict[str, int],
    columns: list[str],
    names: dict[str, str],
) -> tuple[Any, ...]:
    """(id, *columns) as stored: the same text SQLAlchemy's column types write."""
    snapshot = write.winner
    hosts = [names[uuid] for uuid in snapshot.get("host_city_uuids", []) if uuid in names]
    values: list[Any] = [ids[write.uuid]]
    json_fields = _JSON_FIELDS[entity]
    for name in columns:
        if name == "needs_review":
            values.append(int(write.needs_review))
        elif name == "search_key":
            values.append(fold(store.title_from(entity, snapshot, hosts))[:500])
        elif name == "deleted":
            values.append(int(snapshot["deleted"]))
        elif name == "version" or name in json_fields:
            values.append(json.dumps(snapshot[name]))
        else:
            values.append(snapshot[name])
    return tuple(values)


_JSON_FIELDS = {
    entity: frozenset(spec.name for spec in ENTITIES[entity].fields if spec.kind in _JSON_KINDS)
    for entity in ENTITIES
}


def _link_fields(entity: str) -> list[tuple[str, Any, str]]:
    return [
        (field_name, table, owner_column)
        for (link_entity, field_name), (table, owner_column) in LINK_TABLES.items()
        if link_entity == entity
    ]


def _linked_names(session: Session, entity: str, writes: Iterable[RecordWrite]) -> dict[str, str]:
    """Names of the cities the written records link to (as stored now)."""
    fields = _link_fields(entity)
    if not fields:
        return {}
    uuids = list({uuid for w in writes for name, _, _ in fields for uuid in w.winner[name]})
    names: dict[str, str] = {}
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start : start + _CHUNK]
        rows = session.execute(select(City.uuid, City.name).where(City.uuid.in_(chunk)))
        names.update({uuid: name for uuid, name in rows})
    return names


def _write_links(
    session: Session, entity: str, writes: list[RecordWrite], ids: dict[str, int]
) -> None:
    connection = session.connection()
    for field_name, table, owner_column in _link_fields(entity):
        targets = list({uuid for write in writes for uuid in write.winner[field_name]})
        city_ids = store.city_ids(session, targets)
        owners = [(ids[write.uuid],) for write in writes]
        _executemany(connection, f"DELETE FROM {table.name} WHERE {owner_column} = ?", owners)
        rows = [
            (ids[write.uuid], city_ids[uuid], position)
            for write in writes
            for position, uuid in enumerate(write.winner[field_name])
        ]
        _executemany(connection, _insert_sql(table.name, [owner_column, "city_id", "position"]),
                     rows)  # fmt: skip


def _write_search(
    connection: Any,
    entity: str,
    writes: list[RecordWrite],
    ids: dict[str, int],
    names: dict[str, str],
    *,
    replace: list[int],
) -> None:
    table = f"{entity}_fts"
    _executemany(connection, f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i in replace])
    link_fields = [name for name, _, _ in _link_fields(entity)]
    rows = []
    for write in writes:
        linked = [names[uuid] for name in link_fields for uuid in write.winner[name]
                  if uuid in names]  # fmt: skip
        rows.append((ids[write.uuid], store.search_text_from(entity, write.winner, linked)))
    _executemany(connection, f"INSERT INTO {table}(rowid, body) VALUES (?, ?)", rows)


def _write_sides(connection: Any, entity: str, writes: list[RecordWrite]) -> None:
    table = ConflictVersion.__tablename__
    _executemany(
        connection,
        f"DELETE FROM {table} WHERE entity = ? AND record_uuid = ?",
        [(entity, write.uuid) for write in writes],
    )
    rows = [
        (entity, write.uuid, json.dumps(side["version"]), side["modified_at"],
         side["modified_by"], json.dumps(side))
        for write in writes
        for side in write.siblings
    ]  # fmt: skip
    columns = ["entity", "record_uuid", "version", "modified_at", "modified_by", "snapshot"]
    _executemany(connection, _insert_sql(table, columns), rows)


def _write_history(
    connection: Any, entity: str, writes: list[RecordWrite], bundle_uuid: str
) -> None:
    rows = [
        (entity, write.uuid, action, origin, bundle_uuid, snapshot["modified_by"],
         snapshot["modified_at"], json.dumps(snapshot["version"]), json.dumps(snapshot))
        for write in writes
        for snapshot, action, origin in write.history
    ]  # fmt: skip
    columns = ["entity", "record_uuid", "action", "origin", "bundle_uuid", "office_uuid", "at",
               "version", "snapshot"]  # fmt: skip
    _executemany(connection, _insert_sql(History.__tablename__, columns), rows)


def _refresh_renamed_cities(
    session: Session, plan: ImportPlan, updates: list[RecordWrite], ids: dict[str, int]
) -> None:
    """A city's name is part of its conferences' and projects' titles and search text."""
    before = {change.uuid: change.mine for change in plan.changes if change.entity == "city"}
    for write in updates:
        mine = before.get(write.uuid)
        if mine is not None and mine["name"] != write.winner["name"]:
            session.expire_all()
            store.reindex_linked_to_city(session, ids[write.uuid])
