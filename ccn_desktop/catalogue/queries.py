"""Listing, filtering, sorting and searching records, for tables of any size.

A table asks for the ordered ids that match (cheap: one indexed query), then for
the rows it is about to paint (`table_rows`), so a 100,000-row table costs one id
list, not 100,000 objects.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.models import (
    RECORD_MODELS,
    City,
    Project,
    conference_host,
    project_city,
)

TRIGRAM = 3  # the FTS5 trigram tokenizer indexes substrings of three characters and more


@dataclass(frozen=True)
class RecordQuery:
    """What a table shows: text search, structured filters, deleted or not, and order."""

    text: str = ""
    equals: dict[str, Any] = field(default_factory=dict)  # field -> value
    ranges: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    linked_city: str | None = None  # conferences hosted by / projects joined by this city UUID
    deleted: bool = False  # True: the "Recently deleted" view
    needs_review: bool | None = None
    sort: str = ""  # a column of the entity's table; "" = the entity's natural order
    descending: bool = False


@dataclass(frozen=True)
class TableRow:
    id: int
    uuid: str
    values: dict[str, Any]
    needs_review: bool


def fts_match_expression(words: Sequence[str]) -> str:
    """An FTS5 MATCH string in which each word is a quoted substring (AND)."""
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def search_words(query_text: str) -> list[str]:
    return [word for word in fold(query_text).split(" ") if word]


@dataclass(frozen=True)
class _TextSearch:
    """A search box's words: their shape goes into the SQL, the words themselves are bound."""

    long_words: tuple[str, ...]  # matched through the trigram index
    short_words: tuple[str, ...]  # too short for it: a scan

    @classmethod
    def of(cls, query_text: str) -> _TextSearch:
        words = search_words(query_text)
        return cls(
            tuple(word for word in words if len(word) >= TRIGRAM),
            tuple(word for word in words if len(word) < TRIGRAM),
        )

    @property
    def shape(self) -> tuple[bool, int]:
        return bool(self.long_words), len(self.short_words)

    def params(self) -> dict[str, str]:
        params = {"match": fts_match_expression(self.long_words)} if self.long_words else {}
        for index, word in enumerate(self.short_words):
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[f"short{index}"] = f"%{escaped}%"
        return params


def _text_condition(entity: str, model: Any, shape: tuple[bool, int]) -> Any:
    has_long_words, short_count = shape
    if not has_long_words and not short_count:
        return None
    table = f"{entity}_fts"
    conditions = [f"{table} MATCH :match"] if has_long_words else []
    # Too short for the trigram index: scan, but only the (few) short-word terms.
    conditions.extend(f"body LIKE :short{index} ESCAPE '\\'" for index in range(short_count))
    subquery = text(f"SELECT rowid FROM {table} WHERE {' AND '.join(conditions)}")
    return model.id.in_(subquery.columns(literal_column("rowid")))


def _filtered(entity: str, query: RecordQuery, text_shape: tuple[bool, int]) -> Select[Any]:
    model = RECORD_MODELS[entity]
    statement = select(model.id).where(model.deleted.is_(query.deleted))
    conditions = []
    for name, value in query.equals.items():
        column = getattr(model, name)
        if isinstance(value, list | tuple | set | frozenset):
            conditions.append(column.in_(list(value)))
        else:
            conditions.append(column == value)
    for name, (low, high) in query.ranges.items():
        if name == "active_year" and model is Project:
            # A project "runs in" year Y if it started by Y and has not ended before Y.
            if high is not None:
                conditions.append(or_(Project.start_year.is_(None), Project.start_year <= high))
            if low is not None:
                conditions.append(
                    or_(
                        Project.end_year >= low,
                        and_(
                            Project.end_year.is_(None),
                            or_(Project.start_year.is_(None), Project.start_year >= low),
                        ),
                    )
                )
            continue
        column = getattr(model, name)
        if low is not None:
            conditions.append(column >= low)
        if high is not None:
            conditions.append(column <= high)
    if query.linked_city:
        link_table, owner = {
            "conference": (conference_host, "conference_id"),
            "project": (project_city, "project_id"),
        }[entity]
        city_id = select(City.id).where(City.uuid == query.linked_city).scalar_subquery()
        conditions.append(
            model.id.in_(select(link_table.c[owner]).where(link_table.c.city_id == city_id))
        )
    if query.needs_review is not None:
        conditions.append(model.needs_review.is_(query.needs_review))
    text_condition = _text_condition(entity, model, text_shape)
    if text_condition is not None:
        conditions.append(text_condition)
    return statement.where(*conditions)


_DEFAULT_ORDER = {
    "city": ("search_key",),
    "conference": ("year", "edition"),
    "project": ("search_key",),
}


def _order(entity: str, query: RecordQuery) -> list[Any]:
    model = RECORD_MODELS[entity]
    names = (query.sort,) if query.sort else _DEFAULT_ORDER[entity]
    columns = []
    for name in names:
        if entity == "conference" and name == "hosts":
            name = "search_key"  # "year hosts", folded: sorts like the column reads
        elif name in ("name", "title") or not hasattr(model, name):
            name = "search_key"
        column = getattr(model, name)
        columns.append(column.desc() if query.descending else column.asc())
    columns.append(model.id.desc() if query.descending else model.id.asc())
    return columns


# Built statements by entity, filters and the shape of the search words; the words are
# bound at each call. Building and keying a statement costs more than running it when a
# search matches a few records, and each keystroke in a search box runs one.
_STATEMENTS: dict[Hashable, Select[Any]] = {}
_STATEMENT_CACHE_SIZE = 256


def _frozen(mapping: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(
        sorted(
            (name, tuple(value) if isinstance(value, list | tuple | set | frozenset) else value)
            for name, value in mapping.items()
        )
    )


def _statement(
    kind: str, entity: str, query: RecordQuery, build: Callable[[tuple[bool, int]], Select[Any]]
) -> tuple[Select[Any], dict[str, str]]:
    search = _TextSearch.of(query.text)
    try:
        key: Hashable | None = (
            kind, entity, _frozen(query.equals), _frozen(query.ranges), query.linked_city,
            query.deleted, query.needs_review, query.sort, query.descending, search.shape,
        )  # fmt: skip
        statement = _STATEMENTS.get(key)
    except TypeError:  # a filter value that cannot be a key (e.g. a dict): build each time
        key, statement = None, None
    if statement is None:
        statement = build(search.shape)
        if key is not None:
            if len(_STATEMENTS) >= _STATEMENT_CACHE_SIZE:
                _STATEMENTS.clear()
            _STATEMENTS[key] = statement
    return statement, search.params()


def matching_ids(session: Session, entity: str, query: RecordQuery) -> list[int]:
    statement, params = _statement(
        "ids",
        entity,
        query,
        lambda shape: _filtered(entity, query, shape).order_by(*_order(entity, query)),
    )
    # Core, not the ORM: a search may match 100,000 ids, and the ORM's per-row work
    # would take longer than the query itself.
    return list(session.connection().execute(statement, params).scalars().all())


def count(session: Session, entity: str, query: RecordQuery) -> int:
    statement, params = _statement(
        "count",
        entity,
        query,
        lambda shape: select(func.count()).select_from(_filtered(entity, query, shape).subquery()),
    )
    return session.connection().execute(statement, params).scalar() or 0


def _host_names(session: Session, conference_ids: Sequence[int]) -> dict[int, str]:
    """Host city names per conference, in the order the record lists them."""
    rows = session.execute(
        select(conference_host.c.conference_id, City.name)
        .join(City, City.id == conference_host.c.city_id)
        .where(conference_host.c.conference_id.in_(list(conference_ids)))
        .order_by(conference_host.c.conference_id, conference_host.c.position)
    )
    names: dict[int, list[str]] = {}
    for conference_id, name in rows:
        names.setdefault(conference_id, []).append(name)
    return {conference_id: " / ".join(found) for conference_id, found in names.items()}


@lru_cache(maxsize=64)
def _rows_statement(entity: str, columns: tuple[str, ...]) -> Select[Any]:
    """Built once per entity and column list; the ids are bound at each call.

    The ids travel as one JSON array read by `json_each`: an `IN` list of 200
    parameters would be re-rendered into the SQL at every call, which costs more
    than the query.
    """
    model = RECORD_MODELS[entity]
    stored = [name for name in columns if name != "hosts"]
    if entity == "conference" and "hosts" in columns:
        stored.append("venue")  # shown when no member city hosted
    selected = [getattr(model, name).label(name) for name in dict.fromkeys(stored)]
    wanted = select(literal_column("value")).select_from(func.json_each(bindparam("ids")))
    return select(model.id, model.uuid, model.needs_review, *selected).where(
        model.id.in_(wanted.scalar_subquery())
    )


def table_rows(
    session: Session, entity: str, ids: Sequence[int], columns: Sequence[str]
) -> dict[int, TableRow]:
    """The given rows' display values, keyed by id (ids not found are absent)."""
    names = tuple(columns)
    statement = _rows_statement(entity, names)
    # Core, not the ORM: these are plain values, and the ORM's per-row work would
    # cost more than the query when a table pages through its rows.
    connection = session.connection()
    result = connection.execute(statement, {"ids": json.dumps(list(ids))}).all()
    stored = [name for name in names if name != "hosts"]
    if "hosts" not in names or entity != "conference":
        return {
            row[0]: TableRow(row[0], row[1], dict(zip(names, row[3:], strict=True)), bool(row[2]))
            for row in result
        }
    hosts = _host_names(session, [row[0] for row in result])
    rows = {}
    for row in result:
        values = dict(zip([*dict.fromkeys([*stored, "venue"])], row[3:], strict=True))
        values["hosts"] = hosts.get(row[0]) or values["venue"]
        rows[row[0]] = TableRow(
            row[0], row[1], {name: values[name] for name in names}, bool(row[2])
        )
    return rows
