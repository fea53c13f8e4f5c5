"""The one writer: every record that reaches the catalogue file goes through here.

Local edits, undo and redo, restores, conflict reviews, merges, the starter and
imports all hand the writer the versions to store as snapshots (meta fields and
every field of the entity spec). It writes, inside the caller's transaction, the
record's row, its links, its folded title and search text, its other conflict
sides and its history — with `executemany`, so that one edit and an import of
100,000 records take the same path. Whatever the path, the same snapshot gives the
same rows; tests/catalogue/test_writer.py compares them.

Nothing here decides *which* version a record gets (the facade and the import
plan do); it returns a ChangeReport saying what changed, for the window to
refresh exactly that.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import derived, linked_text
from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.entities import ENTITIES, META_FIELDS, ROW_COLUMNS, Kind
from ccn_desktop.catalogue.linked_text import DanglingLinkError
from ccn_desktop.catalogue.models import RECORD_MODELS, ConflictVersion, History
from ccn_desktop.catalogue.sql_rows import CHUNK, executemany, insert_sql, update_sql

__all__ = ["DanglingLinkError", "HistoryItem", "RecordWrite", "write_records"]

SLICE = 5000  # records written between two calls of `between_slices`
_JSON_KINDS = (Kind.TEXT_LIST, Kind.DATE_LIST)


@dataclass
class HistoryItem:
    """One version to add to a record's history."""

    snapshot: dict[str, Any]
    action: str  # insert, update, delete, restore, resolve, merge, ...
    origin: str  # local, bundle, starter, conflict
    bundle_uuid: str | None = None
    at: str | None = None  # ISO time; default: the snapshot's modified_at


@dataclass
class RecordWrite:
    """What to store for one record.

    `snapshot` is the version to show (None: the row keeps the version it shows and
    only `needs_review`, the other sides and history change). `siblings` replaces the
    record's other conflict sides (None: they stay as they are). `extra` sets other
    columns of the record's row by name (e.g. per-field versions).
    """

    uuid: str
    row_id: int | None  # None: a new record
    snapshot: dict[str, Any] | None
    needs_review: bool = False
    siblings: list[dict[str, Any]] | None = None
    history: list[HistoryItem] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def write_records(
    session: Session,
    entity: str,
    writes: Sequence[RecordWrite],
    *,
    links_resolved: bool = False,
    between_slices: Callable[[int, int], None] | None = None,
) -> ChangeReport:
    """Store `writes` (records of one entity); returns what changed.

    Links naming a merged-away record are resolved to the record kept unless
    `links_resolved` says the caller did it. `between_slices(done, total)` is called
    before each slice of SLICE records (to report progress, or raise to cancel).
    """
    session.flush()  # pending ORM changes (the office's counter) go first
    connection = session.connection()
    report = ChangeReport()
    alias_map = None if links_resolved else _alias_map(session, entity)
    for start in range(0, len(writes), SLICE):
        if between_slices is not None:
            between_slices(start, len(writes))
        part = writes[start : start + SLICE]
        if alias_map:
            _resolve_links(entity, part, alias_map)
        report.add(_write_slice(session, connection, entity, part))
    if between_slices is not None:
        between_slices(len(writes), len(writes))
    session.expire_all()  # rows were written beside the ORM
    return report


def _alias_map(session: Session, entity: str) -> dict[str, str]:
    if not ENTITIES[entity].links:
        return {}
    from ccn_desktop.catalogue.aliases import alias_map

    return alias_map(session)


def _resolve_links(entity: str, writes: Sequence[RecordWrite], mapping: dict[str, str]) -> None:
    from ccn_desktop.catalogue.aliases import resolve_list

    for write in writes:
        if write.snapshot is not None:
            for link in ENTITIES[entity].links:
                write.snapshot[link.field] = resolve_list(mapping, write.snapshot[link.field])


def _write_slice(
    session: Session, connection: Connection, entity: str, writes: Sequence[RecordWrite]
) -> ChangeReport:
    table = entity
    shown = [write for write in writes if write.snapshot is not None]
    before = _rows_before(connection, entity, [w.row_id for w in shown if w.row_id is not None])
    ids = _row_ids(connection, table, writes)
    snapshots = [write.snapshot or {} for write in shown]
    titles = linked_text.linked_titles(connection, entity, snapshots)
    linked = {w.uuid: linked_text.linked_of(entity, w.snapshot or {}, titles) for w in shown}
    keys = {write.uuid: derived.search_key(entity, write.snapshot or {}, linked[write.uuid])
            for write in shown}  # fmt: skip
    report = ChangeReport()
    for columns, group in _by_columns(entity, shown).items():
        inserts = [w for w in group if w.row_id is None]
        updates = [w for w in group if w.row_id is not None]
        rows = [(ids[w.uuid], *_row(entity, w, columns, keys[w.uuid])) for w in inserts]
        executemany(connection, insert_sql(table, ["id", *columns]), rows)
        rows = [(*_row(entity, w, columns, keys[w.uuid]), ids[w.uuid]) for w in updates]
        executemany(connection, update_sql(table, columns), rows)
    review_only = [(int(w.needs_review), ids[w.uuid]) for w in writes if w.snapshot is None]
    executemany(connection, f"UPDATE {table} SET needs_review = ? WHERE id = ?", review_only)
    linked_text.write_links(connection, entity, [(ids[w.uuid], w.snapshot or {}) for w in shown])
    linked_text.write_search(
        connection, entity,
        [(ids[w.uuid], w.snapshot or {}, linked[w.uuid]) for w in shown],
        replaced=[ids[w.uuid] for w in shown if w.row_id is not None],
    )  # fmt: skip
    _write_sides(connection, entity, writes)
    _write_history(connection, entity, writes)
    for write in writes:
        old = before.get(ids[write.uuid])
        snapshot = write.snapshot
        if snapshot is not None and (old is None or old[0] != bool(snapshot["deleted"])):
            report.counts_changed = True
        report.note(entity, write.uuid, snapshot)
    retitled = [
        ids[w.uuid] for w in shown if w.row_id in before and before[w.row_id][1] != keys[w.uuid]
    ]
    if retitled:  # a city's name is in its conferences' titles and search text
        report.add(linked_text.refresh_linking(session, entity, retitled))
    return report


# -- rows ------------------------------------------------------------------------------


def _rows_before(
    connection: Connection, entity: str, row_ids: list[int]
) -> dict[int, tuple[bool, str]]:
    """(deleted, search key) of rows about to be replaced: did counts or titles change."""
    found: dict[int, tuple[bool, str]] = {}
    for start in range(0, len(row_ids), CHUNK):
        chunk = row_ids[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = connection.exec_driver_sql(
            f"SELECT id, deleted, search_key FROM {entity} WHERE id IN ({marks})", tuple(chunk)
        )
        found.update({row_id: (bool(deleted), key) for row_id, deleted, key in rows})
    return found


def _row_ids(connection: Connection, table: str, writes: Sequence[RecordWrite]) -> dict[str, int]:
    """The row id of every record written; new ones are numbered after the last."""
    next_id = (connection.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0) + 1
    ids: dict[str, int] = {}
    for write in writes:
        if write.row_id is None:
            ids[write.uuid] = next_id
            next_id += 1
        else:
            ids[write.uuid] = write.row_id
    return ids


def _by_columns(
    entity: str, writes: Iterable[RecordWrite]
) -> dict[tuple[str, ...], list[RecordWrite]]:
    """Writes grouped by the columns they set: the entity's, then any other column of
    the record's table their snapshot carries (a column added by a later schema, such
    as per-field versions), then their `extra` columns."""
    stored = [spec.name for spec in ENTITIES[entity].stored_fields]
    base = (*META_FIELDS, "needs_review", "search_key", *stored)
    carried = _CARRIED[entity]
    groups: dict[tuple[str, ...], list[RecordWrite]] = {}
    for write in writes:
        snapshot = write.snapshot or {}
        more = [name for name in carried if name in snapshot and name not in write.extra]
        groups.setdefault((*base, *more, *sorted(write.extra)), []).append(write)
    return groups


# Columns of each record table that are neither row columns, meta fields nor fields.
_CARRIED = {
    entity: tuple(
        column.name
        for column in RECORD_MODELS[entity].__table__.columns
        if column.name not in {*ROW_COLUMNS, *META_FIELDS, *spec.field_names}
    )
    for entity, spec in ENTITIES.items()
}


_JSON_FIELDS = {
    entity: frozenset(
        {"version", *(spec.name for spec in ENTITIES[entity].fields if spec.kind in _JSON_KINDS)}
    )
    for entity in ENTITIES
}


def _row(entity: str, write: RecordWrite, columns: Sequence[str], key: str) -> tuple[Any, ...]:
    """The row's values as stored: the same text SQLAlchemy's column types write."""
    snapshot = write.snapshot or {}
    json_fields = _JSON_FIELDS[entity]
    values: list[Any] = []
    for name in columns:
        if name == "needs_review":
            values.append(int(write.needs_review))
        elif name == "search_key":
            values.append(key)
        elif name == "deleted":
            values.append(int(snapshot["deleted"]))
        elif name in json_fields:
            values.append(json.dumps(snapshot[name]))
        else:
            value = write.extra[name] if name in write.extra else snapshot[name]
            values.append(json.dumps(value) if isinstance(value, dict | list) else value)
    return tuple(values)


# -- other sides and history -------------------------------------------------------------


def _write_sides(connection: Connection, entity: str, writes: Sequence[RecordWrite]) -> None:
    replaced = [write for write in writes if write.siblings is not None]
    table = ConflictVersion.__tablename__
    executemany(
        connection,
        f"DELETE FROM {table} WHERE entity = ? AND record_uuid = ?",
        [(entity, write.uuid) for write in replaced],
    )
    rows = [
        (entity, write.uuid, json.dumps(side["version"]), side["modified_at"],
         side["modified_by"], json.dumps(side))
        for write in replaced
        for side in write.siblings or []
    ]  # fmt: skip
    columns = ["entity", "record_uuid", "version", "modified_at", "modified_by", "snapshot"]
    executemany(connection, insert_sql(table, columns), rows)


def _write_history(connection: Connection, entity: str, writes: Sequence[RecordWrite]) -> None:
    rows = [
        (entity, write.uuid, item.action, item.origin, item.bundle_uuid,
         item.snapshot["modified_by"], item.at or item.snapshot["modified_at"],
         json.dumps(item.snapshot["version"]), json.dumps(item.snapshot))
        for write in writes
        for item in write.history
    ]  # fmt: skip
    columns = ["entity", "record_uuid", "action", "origin", "bundle_uuid", "office_uuid", "at",
               "version", "snapshot"]  # fmt: skip
    executemany(connection, insert_sql(History.__tablename__, columns), rows)
