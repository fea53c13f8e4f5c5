"""Listing, filtering, sorting and searching records, for tables of any size.

A table asks for the ordered ids that match (cheap: one indexed query), then for
the rows it is about to paint (`table_rows`), so a 100,000-row table costs one id
list, not 100,000 objects.
"""

from __future__ import annotations

# RecordQuery and TableRow live in query_types (no SQLAlchemy); they are imported here
# too, so `from ccn_desktop.catalogue.queries import RecordQuery` keeps working.
import json
from collections.abc import Callable, Hashable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Dialect,
    Engine,
    Select,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.country_names import with_stored_country_names
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.models import (
    RECORD_MODELS,
    City,
    Project,
    conference_host,
    project_city,
)
from ccn_desktop.catalogue.query_types import DEFAULT_ORDER
from ccn_desktop.catalogue.query_types import RecordQuery as RecordQuery
from ccn_desktop.catalogue.query_types import TableRow as TableRow

TRIGRAM = 3  # the FTS5 trigram tokenizer indexes substrings of three characters and more


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
        # A country typed in French or Spanish finds the name the catalogue stores.
        words = search_words(with_stored_country_names(query_text))
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


def _order(entity: str, query: RecordQuery) -> list[Any]:
    model = RECORD_MODELS[entity]
    names = (query.sort,) if query.sort else DEFAULT_ORDER[entity]
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


def _connection(session: Session) -> AbstractContextManager[Connection]:
    """Where a read runs: inside the session's transaction when it has one (to see its
    uncommitted writes), else on a pooled connection of its own, which spares a
    short-lived session the bookkeeping of a transaction it never needed."""
    if session.in_transaction():
        return nullcontext(session.connection())
    bind = session.get_bind()
    return bind.connect() if isinstance(bind, Engine) else nullcontext(bind)


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
    # A search may match 100,000 ids: plain integers, read straight from the DBAPI
    # cursor, because the ORM's (or even Core's) per-row work would take longer than
    # the query itself.
    with _connection(session) as connection:
        result = connection.execute(statement, params)
        try:
            return [row[0] for row in result.cursor.fetchall()]
        finally:
            result.close()


def count(session: Session, entity: str, query: RecordQuery) -> int:
    statement, params = _statement(
        "count",
        entity,
        query,
        lambda shape: select(func.count()).select_from(_filtered(entity, query, shape).subquery()),
    )
    with _connection(session) as connection:
        return connection.execute(statement, params).scalar() or 0


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
    wanted: Select[Any] = select(literal_column("value")).select_from(
        func.json_each(bindparam("ids"))
    )
    return select(model.id, model.uuid, model.needs_review, *selected).where(
        model.id.in_(wanted.scalar_subquery())
    )


@lru_cache(maxsize=64)
def _plain_columns(entity: str, columns: tuple[str, ...], dialect: Dialect) -> bool:
    """True when SQLite's values of these display columns are already what Python shows."""
    displayed = _rows_statement(entity, columns).selected_columns[3:]  # after id, uuid, review
    return all(
        column.type.dialect_impl(dialect).result_processor(dialect, None) is None
        for column in displayed
    )


def table_rows(
    session: Session, entity: str, ids: Sequence[int], columns: Sequence[str]
) -> dict[int, TableRow]:
    """The given rows' display values, keyed by id (ids not found are absent)."""
    names = tuple(columns)
    statement = _rows_statement(entity, names)
    # Core, not the ORM: these are plain values, and the ORM's per-row work would
    # cost more than the query when a table pages through its rows.
    with _connection(session) as connection:
        cursor_result = connection.execute(statement, {"ids": json.dumps(list(ids))})
        # Plain tuples straight from the DBAPI cursor when no column's type converts
        # what SQLite returns (dates do): SQLAlchemy's Row costs more than the query.
        if _plain_columns(entity, names, connection.dialect):
            result: Sequence[Any] = cursor_result.cursor.fetchall()
            cursor_result.close()
        else:
            result = cursor_result.all()
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
