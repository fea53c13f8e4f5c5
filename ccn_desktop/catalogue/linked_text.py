"""The parts of a written record that depend on the records it links to: its link rows,
the titles of its linked records in its own title and search text.

The writer (catalogue/writer.py) calls these for every record it stores; when a
record's title changes (a city renamed), or links are pointed at another record (a
merge), the records linking to it are refreshed here from what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import derived
from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.sql_rows import CHUNK, executemany, in_marks, insert_sql
from ccn_desktop.i18n import _

Snapshot = Mapping[str, Any]


class DanglingLinkError(ValueError):
    """A link names a record this catalogue does not have."""


def ids_by_uuid(connection: Connection, table: str, uuids: Iterable[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(uuids))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        rows = connection.exec_driver_sql(
            f"SELECT uuid, id FROM {table} WHERE uuid IN ({in_marks(len(chunk))})", tuple(chunk)
        )
        found.update({uuid: row_id for uuid, row_id in rows})
    return found


def linked_titles(
    connection: Connection, entity: str, snapshots: Sequence[Snapshot]
) -> dict[str, dict[str, str]]:
    """Target entity -> {uuid: title} of the records these snapshots link to."""
    result: dict[str, dict[str, str]] = {}
    for link in ENTITIES[entity].links:
        uuids = list({uuid for snapshot in snapshots for uuid in snapshot.get(link.field, [])})
        title_field = ENTITIES[link.target].title_field
        titles = result.setdefault(link.target, {})
        for start in range(0, len(uuids), CHUNK):
            chunk = uuids[start : start + CHUNK]
            rows = connection.exec_driver_sql(
                f"SELECT uuid, {title_field} FROM {link.target} "
                f"WHERE uuid IN ({in_marks(len(chunk))})",
                tuple(chunk),
            )
            titles.update({uuid: str(title) for uuid, title in rows})
    return result


def linked_of(
    entity: str, snapshot: Snapshot, titles: dict[str, dict[str, str]]
) -> dict[str, list[str]]:
    """Link field -> the titles of the records it names, in order."""
    result = {}
    for link in ENTITIES[entity].links:
        known = titles[link.target]
        result[link.field] = [known[uuid] for uuid in snapshot[link.field] if uuid in known]
    return result


def write_links(
    connection: Connection, entity: str, records: Sequence[tuple[int, Snapshot]]
) -> None:
    """Replace the link rows of (row id, snapshot) records; raises DanglingLinkError."""
    for link in ENTITIES[entity].links:
        targets = ids_by_uuid(
            connection, link.target, (uuid for _row, snap in records for uuid in snap[link.field])
        )
        for _row, snapshot in records:
            missing = [uuid for uuid in snapshot[link.field] if uuid not in targets]
            if missing:
                raise DanglingLinkError(
                    _("{field}: no {record_type} {uuid} in this catalogue").format(
                        field=link.field,
                        record_type=_(ENTITIES[link.target].label).lower(),
                        uuid=missing[0],
                    )
                )
        owners = [(row_id,) for row_id, _snapshot in records]
        executemany(connection, f"DELETE FROM {link.table} WHERE {link.owner_column} = ?", owners)
        rows = [
            (row_id, targets[uuid], position)
            for row_id, snapshot in records
            for position, uuid in enumerate(snapshot[link.field])
        ]
        columns = [link.owner_column, link.target_column, link.position_column]
        executemany(connection, insert_sql(link.table, columns), rows)


def write_search(
    connection: Connection,
    entity: str,
    records: Sequence[tuple[int, Snapshot, Mapping[str, Sequence[str]]]],
    *,
    replaced: Sequence[int],
) -> None:
    """The search text of (row id, snapshot, linked titles) records; `replaced` rows had one."""
    table = f"{entity}_fts"
    executemany(connection, f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i in replaced])
    rows = [
        (row_id, derived.search_text(entity, snapshot, linked))
        for row_id, snapshot, linked in records
    ]
    executemany(connection, f"INSERT INTO {table}(rowid, body) VALUES (?, ?)", rows)


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
                rows = connection.exec_driver_sql(
                    f"SELECT DISTINCT {link.owner_column} FROM {link.table} "
                    f"WHERE {link.target_column} IN ({in_marks(len(chunk))})",
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
        snapshots = store.snapshots_by_id(session, entity, list(row_ids[start : start + CHUNK]))
        titles = linked_titles(connection, entity, list(snapshots.values()))
        records = [(row_id, snap, linked_of(entity, snap, titles))
                   for row_id, snap in snapshots.items()]  # fmt: skip
        keys = [(derived.search_key(entity, snap, linked), row_id)
                for row_id, snap, linked in records]  # fmt: skip
        executemany(connection, f"UPDATE {entity} SET search_key = ? WHERE id = ?", keys)
        write_search(connection, entity, records, replaced=list(snapshots))
        for snapshot in snapshots.values():
            report.note(entity, snapshot["uuid"], snapshot, derived_only=True)
    session.expire_all()
    return report
