"""A first look at a catalogue with `sqlite3` alone: what the window paints first.

Opening the catalogue properly loads SQLAlchemy, which takes longer than starting a
bare Qt window. The window's first paint needs only the office's name, how many
records a table has and its first page of rows, so these are read here, through a
read-only connection, with the same order and the same values as `queries.py`
gives (a test holds the two together). The catalogue is opened properly right
after that paint; nothing here writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ccn_desktop.catalogue.query_types import DEFAULT_ORDER, TableRow

PEEK_ROWS = 200

_TABLES = {"city", "conference", "project"}


class PeekError(Exception):
    """The file cannot be peeked at (not a catalogue, damaged, locked): open it the slow way."""


@dataclass(frozen=True)
class Peek:
    office_name: str
    total: int  # live records of the entity
    rows: list[TableRow]  # the first rows, in table order


def order_by(entity: str, columns: set[str], sort: str = "", descending: bool = False) -> str:
    """The ORDER BY of the window's table in plain SQL (`columns`: the table's columns)."""
    names = (sort,) if sort else DEFAULT_ORDER[entity]
    parts = []
    for name in names:
        if entity == "conference" and name == "hosts":
            name = "search_key"  # as queries._order: the folded "year hosts"
        elif name in ("name", "title") or name not in columns:
            name = "search_key"
        parts.append(f'"{name}" {"DESC" if descending else "ASC"}')
    parts.append(f"id {'DESC' if descending else 'ASC'}")
    return ", ".join(parts)


def peek(
    path: Path,
    entity: str,
    columns: Sequence[str],
    *,
    sort: str = "",
    descending: bool = False,
    limit: int = PEEK_ROWS,
) -> Peek:
    """The office name, the live record count and the first `limit` rows of a table.

    Raises PeekError for a file that is not a readable catalogue; the caller then
    opens it the slow way, which says what is wrong.
    """
    if entity not in _TABLES:
        raise ValueError(f"unknown record type {entity!r}")
    try:
        return _peek(path, entity, columns, sort, descending, limit)
    except sqlite3.Error as exc:
        raise PeekError(f"{path}: {exc}") from exc


def _peek(
    path: Path, entity: str, columns: Sequence[str], sort: str, descending: bool, limit: int
) -> Peek:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        stored = {row[1] for row in connection.execute(f"PRAGMA table_info({entity})")}
        wanted = [name for name in columns if name != "hosts"]
        unknown = [name for name in wanted if name not in stored]
        if unknown:
            raise sqlite3.OperationalError(f"no column {unknown[0]} in {entity}")
        office = connection.execute("SELECT name FROM office LIMIT 1").fetchone()
        total = connection.execute(f"SELECT count(*) FROM {entity} WHERE deleted = 0").fetchone()[0]
        with_hosts = entity == "conference" and "hosts" in columns
        read = list(dict.fromkeys([*wanted, "venue"] if with_hosts else wanted))
        selected = ", ".join(f'"{name}"' for name in read) or "NULL"
        order = order_by(entity, stored, sort, descending)
        found = connection.execute(
            f"SELECT id, uuid, needs_review, {selected} FROM {entity} "
            f"WHERE deleted = 0 ORDER BY {order} LIMIT ?",
            (limit,),
        ).fetchall()
        values = [dict(zip(read, row[3:], strict=False)) for row in found]
        if with_hosts:  # as queries.table_rows: the member cities, else the venue
            hosts = _hosts(connection, [row[0] for row in found])
            for row, shown in zip(found, values, strict=True):
                shown["hosts"] = hosts.get(row[0]) or shown["venue"]
        rows = [
            TableRow(row[0], row[1], {name: shown.get(name) for name in columns}, bool(row[2]))
            for row, shown in zip(found, values, strict=True)
        ]
        return Peek(office[0] if office else "", total, rows)
    finally:
        connection.close()


def _hosts(connection: sqlite3.Connection, conference_ids: list[int]) -> dict[int, str]:
    """Host city names per conference, in the order the record lists them."""
    if not conference_ids:
        return {}
    marks = ", ".join("?" * len(conference_ids))
    names: dict[int, list[str]] = {}
    for conference_id, name in connection.execute(
        "SELECT h.conference_id, c.name FROM conference_host h JOIN city c ON c.id = h.city_id "
        f"WHERE h.conference_id IN ({marks}) ORDER BY h.conference_id, h.position",
        conference_ids,
    ):
        names.setdefault(conference_id, []).append(name)
    return {conference_id: " / ".join(found) for conference_id, found in names.items()}
