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

from ccn_desktop.catalogue import derived
from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.entities import ENTITIES, META_FIELDS, Kind, LinkSpec
from ccn_desktop.catalogue.models import ConflictVersion, History

CHUNK = 500  # ids in one IN (...) list
SLICE = 5000  # records written between two calls of `between_slices`
_JSON_KINDS = (Kind.TEXT_LIST, Kind.DATE_LIST)


class DanglingLinkError(ValueError):
    """A link names a record this catalogue does not have."""


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
    spec = ENTITIES[entity]
    table = entity
    shown = [write for write in writes if write.snapshot is not None]
    before = _rows_before(connection, entity, [w.row_id for w in shown if w.row_id is not None])
    ids = _row_ids(connection, table, writes)
    titles = _linked_titles(connection, entity, shown)
    linked = {write.uuid: _linked_of(spec.links, write, titles) for write in shown}
    keys = {write.uuid: derived.search_key(entity, write.snapshot or {}, linked[write.uuid])
            for write in shown}  # fmt: skip
    report = ChangeReport()
    for group in _by_extra_columns(shown):
        columns = _record_columns(entity, group[0].extra)
        inserts = [w for w in group if w.row_id is None]
        updates = [w for w in group if w.row_id is not None]
        rows = [(ids[w.uuid], *_row(entity, w, columns, keys[w.uuid])) for w in inserts]
        _executemany(connection, _insert_sql(table, ["id", *columns]), rows)
        rows = [(*_row(entity, w, columns, keys[w.uuid]), ids[w.uuid]) for w in updates]
        _executemany(connection, _update_sql(table, columns), rows)
    review_only = [(int(w.needs_review), ids[w.uuid]) for w in writes if w.snapshot is None]
    _executemany(connection, f"UPDATE {table} SET needs_review = ? WHERE id = ?", review_only)
    _write_links(connection, entity, shown, ids)
    _write_search(connection, entity, shown, ids, linked)
    _write_sides(connection, entity, writes)
    _write_history(connection, entity, writes)
    for write in writes:
        old = before.get(ids[write.uuid])
        snapshot = write.snapshot
        if snapshot is not None and (old is None or old[0] != bool(snapshot["deleted"])):
            report.counts_changed = True
        report.note(entity, write.uuid, snapshot)
    report.add(_refresh_retitled(session, connection, entity, shown, ids, before, keys))
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


def _by_extra_columns(writes: Iterable[RecordWrite]) -> list[list[RecordWrite]]:
    groups: dict[tuple[str, ...], list[RecordWrite]] = {}
    for write in writes:
        groups.setdefault(tuple(sorted(write.extra)), []).append(write)
    return list(groups.values())


def _record_columns(entity: str, extra: dict[str, Any]) -> list[str]:
    stored = [spec.name for spec in ENTITIES[entity].stored_fields]
    return [*META_FIELDS, "needs_review", "search_key", *stored, *sorted(extra)]


_JSON_FIELDS = {
    entity: frozenset(
        {"version", *(spec.name for spec in ENTITIES[entity].fields if spec.kind in _JSON_KINDS)}
    )
    for entity in ENTITIES
}


def _row(entity: str, write: RecordWrite, columns: list[str], key: str) -> tuple[Any, ...]:
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
        elif name in write.extra:
            value = write.extra[name]
            values.append(json.dumps(value) if isinstance(value, dict | list) else value)
        else:
            values.append(snapshot[name])
    return tuple(values)


def _executemany(connection: Connection, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    if rows:
        connection.exec_driver_sql(sql, list(rows))


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _update_sql(table: str, columns: Sequence[str]) -> str:
    assignments = ", ".join(f"{name} = ?" for name in columns)
    return f"UPDATE {table} SET {assignments} WHERE id = ?"


# -- links and derived text ------------------------------------------------------------


def _ids_by_uuid(connection: Connection, table: str, uuids: Iterable[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(uuids))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = connection.exec_driver_sql(
            f"SELECT uuid, id FROM {table} WHERE uuid IN ({marks})", tuple(chunk)
        )
        found.update({uuid: row_id for uuid, row_id in rows})
    return found


def _linked_titles(
    connection: Connection, entity: str, writes: Sequence[RecordWrite]
) -> dict[str, dict[str, str]]:
    """Target entity -> {uuid: title} of the records the written records link to."""
    result: dict[str, dict[str, str]] = {}
    for link in ENTITIES[entity].links:
        uuids = list({u for w in writes for u in (w.snapshot or {}).get(link.field, [])})
        title_field = ENTITIES[link.target].title_field
        titles = result.setdefault(link.target, {})
        for start in range(0, len(uuids), CHUNK):
            chunk = uuids[start : start + CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = connection.exec_driver_sql(
                f"SELECT uuid, {title_field} FROM {link.target} WHERE uuid IN ({marks})",
                tuple(chunk),
            )
            titles.update({uuid: str(title) for uuid, title in rows})
    return result


def _linked_of(
    links: Sequence[LinkSpec], write: RecordWrite, titles: dict[str, dict[str, str]]
) -> dict[str, list[str]]:
    snapshot = write.snapshot or {}
    result = {}
    for link in links:
        known = titles[link.target]
        result[link.field] = [known[uuid] for uuid in snapshot[link.field] if uuid in known]
    return result


def _write_links(
    connection: Connection, entity: str, writes: Sequence[RecordWrite], ids: dict[str, int]
) -> None:
    for link in ENTITIES[entity].links:
        targets = _ids_by_uuid(
            connection, link.target, (u for w in writes for u in (w.snapshot or {})[link.field])
        )
        for write in writes:
            missing = [u for u in (write.snapshot or {})[link.field] if u not in targets]
            if missing:
                raise DanglingLinkError(
                    f"{link.field}: no {link.target} {missing[0]} in this catalogue"
                )
        owners = [(ids[write.uuid],) for write in writes]
        _executemany(connection, f"DELETE FROM {link.table} WHERE {link.owner_column} = ?", owners)
        rows = [
            (ids[write.uuid], targets[uuid], position)
            for write in writes
            for position, uuid in enumerate((write.snapshot or {})[link.field])
        ]
        columns = [link.owner_column, link.target_column, link.position_column]
        _executemany(connection, _insert_sql(link.table, columns), rows)


def _write_search(
    connection: Connection,
    entity: str,
    writes: Sequence[RecordWrite],
    ids: dict[str, int],
    linked: dict[str, dict[str, list[str]]],
) -> None:
    table = f"{entity}_fts"
    replaced = [(ids[w.uuid],) for w in writes if w.row_id is not None]
    _executemany(connection, f"DELETE FROM {table} WHERE rowid = ?", replaced)
    rows = [
        (ids[w.uuid], derived.search_text(entity, w.snapshot or {}, linked[w.uuid])) for w in writes
    ]
    _executemany(connection, f"INSERT INTO {table}(rowid, body) VALUES (?, ?)", rows)


def _refresh_retitled(
    session: Session,
    connection: Connection,
    entity: str,
    writes: Sequence[RecordWrite],
    ids: dict[str, int],
    before: dict[int, tuple[bool, str]],
    keys: dict[str, str],
) -> ChangeReport:
    """A record's title is part of the titles and search text of the records linking to
    it (a city's name in its conferences'): refresh those when it changed."""
    retitled = [ids[w.uuid] for w in writes
                if w.row_id is not None and before.get(w.row_id, (False, keys[w.uuid]))[1]
                != keys[w.uuid]]  # fmt: skip
    if not retitled:
        return ChangeReport()
    return refresh_linking(session, entity, retitled)


def refresh_linking(session: Session, target: str, target_ids: Sequence[int]) -> ChangeReport:
    """Rewrite the search key and search text of every record linking to `target_ids`."""
    connection = session.connection()
    report = ChangeReport()
    for owner, spec in ENTITIES.items():
        for link in spec.links:
            if link.target != target:
                continue
            owners: set[int] = set()
            for start in range(0, len(target_ids), CHUNK):
                chunk = list(target_ids[start : start + CHUNK])
                marks = ", ".join("?" * len(chunk))
                rows = connection.exec_driver_sql(
                    f"SELECT DISTINCT {link.owner_column} FROM {link.table} "
                    f"WHERE {link.target_column} IN ({marks})",
                    tuple(chunk),
                )
                owners.update(row_id for (row_id,) in rows)
            report.add(refresh_derived(session, owner, sorted(owners)))
    return report


def refresh_derived(session: Session, entity: str, row_ids: Sequence[int]) -> ChangeReport:
    """Rewrite the search key and search text of records from what is stored (after their
    links were pointed elsewhere, or a record they link to was renamed)."""
    from ccn_desktop.catalogue import store

    report = ChangeReport()
    if not row_ids:
        return report
    session.flush()
    connection = session.connection()
    for start in range(0, len(row_ids), CHUNK):
        chunk = list(row_ids[start : start + CHUNK])
        snapshots = store.snapshots_by_id(session, entity, chunk)
        writes = [RecordWrite(snap["uuid"], row_id, snap) for row_id, snap in snapshots.items()]
        titles = _linked_titles(connection, entity, writes)
        ids = {w.uuid: row_id for row_id, w in zip(snapshots, writes, strict=True)}
        linked = {w.uuid: _linked_of(ENTITIES[entity].links, w, titles) for w in writes}
        rows = [(derived.search_key(entity, w.snapshot or {}, linked[w.uuid]), ids[w.uuid])
                for w in writes]  # fmt: skip
        _executemany(connection, f"UPDATE {entity} SET search_key = ? WHERE id = ?", rows)
        _write_search(connection, entity, writes, ids, linked)
        for write in writes:
            report.note(entity, write.uuid, write.snapshot, derived_only=True)
    session.expire_all()
    return report


# -- other sides and history -------------------------------------------------------------


def _write_sides(connection: Connection, entity: str, writes: Sequence[RecordWrite]) -> None:
    replaced = [write for write in writes if write.siblings is not None]
    table = ConflictVersion.__tablename__
    _executemany(
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
    _executemany(connection, _insert_sql(table, columns), rows)


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
    _executemany(connection, _insert_sql(History.__tablename__, columns), rows)
