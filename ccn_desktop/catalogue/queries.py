"""Listing, filtering, sorting and searching records, for tables of any size.

A table asks for the ordered ids that match (cheap: one indexed query), then for
the rows it is about to paint (`table_rows`), so a 100,000-row table costs one id
list, not 100,000 objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, func, literal_column, or_, select, text
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


def _text_condition(entity: str, model: Any, query_text: str) -> Any:
    words = search_words(query_text)
    if not words:
        return None
    table = f"{entity}_fts"
    long_words = [word for word in words if len(word) >= TRIGRAM]
    short_words = [word for word in words if len(word) < TRIGRAM]
    conditions = []
    if long_words:
        conditions.append(f"{table} MATCH :match")
    params: dict[str, str] = {"match": fts_match_expression(long_words)} if long_words else {}
    for index, word in enumerate(short_words):
        # Too short for the trigram index: scan, but only the (few) short-word terms.
        conditions.append(f"body LIKE :short{index} ESCAPE '\\'")
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params[f"short{index}"] = f"%{escaped}%"
    subquery = text(f"SELECT rowid FROM {table} WHERE {' AND '.join(conditions)}").bindparams(
        **params
    )
    return model.id.in_(subquery.columns(literal_column("rowid")))


def _filtered(entity: str, query: RecordQuery) -> Select[Any]:
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
    text_condition = _text_condition(entity, model, query.text)
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


def matching_ids(session: Session, entity: str, query: RecordQuery) -> list[int]:
    statement = _filtered(entity, query).order_by(*_order(entity, query))
    return list(session.scalars(statement))


def count(session: Session, entity: str, query: RecordQuery) -> int:
    return (
        session.scalar(select(func.count()).select_from(_filtered(entity, query).subquery())) or 0
    )


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


def table_rows(
    session: Session, entity: str, ids: Sequence[int], columns: Sequence[str]
) -> dict[int, TableRow]:
    """The given rows' display values, keyed by id (ids not found are absent)."""
    model = RECORD_MODELS[entity]
    wants_hosts = entity == "conference" and "hosts" in columns
    stored = [name for name in columns if name != "hosts"] + (["venue"] if wants_hosts else [])
    selected = [getattr(model, name).label(name) for name in dict.fromkeys(stored)]
    rows: dict[int, TableRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        statement = select(model.id, model.uuid, model.needs_review, *selected)
        hosts = _host_names(session, chunk) if wants_hosts else {}
        for row in session.execute(statement.where(model.id.in_(chunk))):
            mapping = row._mapping
            values = {
                name: (hosts.get(row.id) or mapping["venue"]) if name == "hosts" else mapping[name]
                for name in columns
            }
            rows[row.id] = TableRow(row.id, row.uuid, values, bool(row.needs_review))
    return rows
