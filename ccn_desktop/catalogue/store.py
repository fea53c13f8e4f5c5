"""Session-level primitives shared by local edits (the facade) and imports (exchange).

Nothing here decides *whether* to write or which version vector a record gets;
it only turns snapshots into rows and back, keeps links and the search index in
step, and writes history. Callers own the transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.entities import ENTITIES, Kind
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.models import (
    LINK_TABLES,
    RECORD_MODELS,
    City,
    History,
    conference_host,
    project_city,
)
from ccn_desktop.catalogue.validation import country_name

Record = Any  # an instance of one of RECORD_MODELS


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def load(session: Session, entity: str, uuid: str) -> Record | None:
    model = RECORD_MODELS[entity]
    return session.scalars(select(model).where(model.uuid == uuid)).one_or_none()


def links_of(
    session: Session, entity: str, record_ids: Sequence[int]
) -> dict[int, dict[str, list[str]]]:
    """Link fields (e.g. a conference's host city UUIDs, in order) for many records at once."""
    result: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for (link_entity, field_name), (table, owner_column) in LINK_TABLES.items():
        if link_entity != entity:
            continue
        for record_id in record_ids:
            result[record_id][field_name] = []
        owner = table.c[owner_column]
        for chunk_start in range(0, len(record_ids), 500):
            chunk = record_ids[chunk_start : chunk_start + 500]
            rows = session.execute(
                select(owner, City.uuid)
                .join(City, City.id == table.c.city_id)
                .where(owner.in_(chunk))
                .order_by(owner, table.c.position)
            )
            for record_id, city_uuid in rows:
                result[record_id][field_name].append(city_uuid)
    return result


def _field_value(record: Record, kind: Kind, name: str) -> Any:
    value = getattr(record, name)
    if kind == Kind.DATE and value is not None:
        return value.isoformat()
    if kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
        return list(value or [])
    return value


def snapshots(session: Session, entity: str, records: Sequence[Record]) -> list[dict[str, Any]]:
    """The JSON-ready form of records: meta fields, every field of the entity spec, and
    `field_versions` (catalogue/field_merge.py)."""
    spec = ENTITIES[entity]
    links = links_of(session, entity, [record.id for record in records])
    result = []
    for record in records:
        snapshot: dict[str, Any] = {
            "uuid": record.uuid,
            "created_at": iso(record.created_at),
            "modified_at": iso(record.modified_at),
            "modified_by": record.modified_by,
            "version": dict(record.version),
            "deleted": bool(record.deleted),
        }
        for field in spec.fields:
            if field.kind == Kind.LINKS:
                snapshot[field.name] = list(links.get(record.id, {}).get(field.name, []))
            else:
                snapshot[field.name] = _field_value(record, field.kind, field.name)
        snapshot["field_versions"] = dict(record.field_versions or {})
        result.append(snapshot)
    return result


def snapshot(session: Session, entity: str, record: Record) -> dict[str, Any]:
    return snapshots(session, entity, [record])[0]


def city_ids(session: Session, uuids: Iterable[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(uuids))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = session.execute(select(City.uuid, City.id).where(City.uuid.in_(chunk)))
        found.update({uuid: city_id for uuid, city_id in rows})
    return found


class DanglingLinkError(ValueError):
    """A link names a city this catalogue does not have."""


def write_fields(session: Session, entity: str, record: Record, values: dict[str, Any]) -> None:
    """Set a record's fields from cleaned values, then its links and search text.

    `record` must already be in the session; it is flushed so that it has an id.
    """
    spec = ENTITIES[entity]
    link_values: dict[str, list[str]] = {}
    for field in spec.fields:
        value = values.get(field.name, field.empty())
        if field.kind == Kind.LINKS:
            link_values[field.name] = list(value)
        elif field.kind == Kind.DATE:
            setattr(record, field.name, dt.date.fromisoformat(value) if value else None)
        elif field.kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
            setattr(record, field.name, list(value))
        else:
            setattr(record, field.name, value)
    record.search_key = fold(title_text(entity, values, session))[:500]
    session.flush()
    for field_name, uuids in link_values.items():
        _write_links(session, entity, record.id, field_name, uuids)
    reindex(session, entity, [record])


def _write_links(
    session: Session, entity: str, record_id: int, field_name: str, uuids: list[str]
) -> None:
    from ccn_desktop.catalogue.aliases import alias_map, resolve_list

    table, owner_column = LINK_TABLES[(entity, field_name)]
    uuids = resolve_list(alias_map(session), uuids)  # a merged-away city means its target
    ids = city_ids(session, uuids)
    missing = [uuid for uuid in uuids if uuid not in ids]
    if missing:
        raise DanglingLinkError(f"{field_name}: no city {missing[0]} in this catalogue")
    session.execute(delete(table).where(table.c[owner_column] == record_id))
    if uuids:
        session.execute(
            insert(table),
            [
                {owner_column: record_id, "city_id": ids[uuid], "position": position}
                for position, uuid in enumerate(uuids)
            ],
        )


def _host_names(session: Session, uuids: Sequence[str]) -> list[str]:
    if not uuids:
        return []
    rows = session.execute(select(City.uuid, City.name).where(City.uuid.in_(list(uuids))))
    names = {uuid: name for uuid, name in rows}
    return [names[uuid] for uuid in uuids if uuid in names]


def title_text(entity: str, values: dict[str, Any], session: Session) -> str:
    """The words a person calls the record by (a conference: year and hosts)."""
    hosts = (
        _host_names(session, values.get("host_city_uuids", [])) if entity == "conference" else []
    )
    return title_from(entity, values, hosts)


def title_from(entity: str, values: Mapping[str, Any], host_names: Sequence[str]) -> str:
    """`title_text` when the host cities' names are already at hand (bulk imports)."""
    if entity == "city":
        return str(values.get("name", ""))
    if entity == "project":
        return str(values.get("title", ""))
    hosts = list(host_names) or [values.get("venue", "")]
    return f"{values.get('year', '')} {' / '.join(name for name in hosts if name)}".strip()


_WEB_ADDRESS = re.compile(r"\bhttps?://\S+", re.IGNORECASE)


def search_text_from(entity: str, values: Mapping[str, Any], linked_names: Sequence[str]) -> str:
    """Folded words a person may type to find the record: its text fields, country
    names, years, and the names of the cities it links to.

    Web addresses are left out: a source link such as krakowcityofliterature.com in
    Gothenburg's notes must not make "krakow" find Gothenburg.
    """
    parts: list[str] = []
    for field in ENTITIES[entity].fields:
        value = values.get(field.name)
        if field.kind in _TEXT_KINDS:
            text = value or ""
            parts.append(_WEB_ADDRESS.sub(" ", text) if "://" in text else text)
        elif field.kind == Kind.TEXT_LIST:
            parts.extend(value or [])
        elif field.kind == Kind.COUNTRY and value:
            parts.extend((value, country_name(value)))
        elif field.kind in (Kind.YEAR, Kind.INT) and value is not None:
            parts.append(str(value))
    parts.extend(linked_names)
    return fold(" \n ".join(part for part in parts if part))


_TEXT_KINDS = (Kind.TEXT, Kind.LONG_TEXT, Kind.CHOICE, Kind.EMAIL)


def _search_text(session: Session, entity: str, record: Record) -> str:
    values = {field.name: getattr(record, field.name, None) for field in ENTITIES[entity].fields}
    names: list[str] = []
    if entity == "conference":
        names = [city.name for city in record.hosts]
    elif entity == "project":
        names = [city.name for city in record.cities]
    return search_text_from(entity, values, names)


def reindex(session: Session, entity: str, records: Sequence[Record]) -> None:
    """Refresh the FTS5 rows of `records` (after any change to their text or links)."""
    table = f"{entity}_fts"
    for record in records:
        session.expire(
            record,
            ["hosts"] if entity == "conference" else ["cities"] if entity == "project" else [],
        )
        session.execute(text(f"DELETE FROM {table} WHERE rowid = :id"), {"id": record.id})
        session.execute(
            text(f"INSERT INTO {table}(rowid, body) VALUES (:id, :body)"),
            {"id": record.id, "body": _search_text(session, entity, record)},
        )


def reindex_linked_to_city(session: Session, city_id: int) -> None:
    """A city's name is part of its conferences' and projects' search text and titles."""
    from ccn_desktop.catalogue.models import Conference, Project

    for model, table, owner in (
        (Conference, conference_host, "conference_id"),
        (Project, project_city, "project_id"),
    ):
        owners = select(table.c[owner]).where(table.c.city_id == city_id)
        records = list(session.scalars(select(model).where(model.id.in_(owners))))
        if model is Conference:
            for record in records:
                values = {
                    "year": record.year,
                    "venue": record.venue,
                    "host_city_uuids": [city.uuid for city in record.hosts],
                }
                record.search_key = fold(title_text("conference", values, session))[:500]
        reindex(session, model.__tablename__, records)


def add_history(
    session: Session,
    entity: str,
    record_snapshot: dict[str, Any],
    *,
    action: str,
    origin: str,
    office_uuid: str,
    bundle_uuid: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    session.add(
        History(
            entity=entity,
            record_uuid=record_snapshot["uuid"],
            action=action,
            origin=origin,
            bundle_uuid=bundle_uuid,
            office_uuid=office_uuid,
            at=at or utc_now(),
            version=dict(record_snapshot["version"]),
            snapshot=record_snapshot,
        )
    )
