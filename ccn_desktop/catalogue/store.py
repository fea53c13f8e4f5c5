"""Reading records as snapshots, for the facade, the writer and the exchange.

Snapshots are what every write takes and every reader gets: the meta fields and
every field of the entity spec, JSON-ready. Writing them is the writer's job
(catalogue/writer.py). Callers own the session.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import derived
from ccn_desktop.catalogue.entities import ENTITIES, META_FIELDS, Kind
from ccn_desktop.catalogue.models import LINK_TABLES, RECORD_MODELS, City

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
    for link in ENTITIES[entity].links:
        table, owner_column = LINK_TABLES[(entity, link.field)]
        target = RECORD_MODELS[link.target]
        for record_id in record_ids:
            result[record_id][link.field] = []
        owner = table.c[owner_column]
        for chunk_start in range(0, len(record_ids), 500):
            chunk = record_ids[chunk_start : chunk_start + 500]
            rows = session.execute(
                select(owner, target.uuid)
                .join(target, target.id == table.c[link.target_column])
                .where(owner.in_(chunk))
                .order_by(owner, table.c[link.position_column])
            )
            for record_id, target_uuid in rows:
                result[record_id][link.field].append(target_uuid)
    return result


def _field_value(record: Record, kind: Kind, name: str) -> Any:
    value = getattr(record, name)
    if kind == Kind.DATE and value is not None:
        return value.isoformat()
    if kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
        return list(value or [])
    return value


def snapshots(session: Session, entity: str, records: Sequence[Record]) -> list[dict[str, Any]]:
    """The JSON-ready form of records: meta fields and every field of the entity spec."""
    spec = ENTITIES[entity]
    links = links_of(session, entity, [record.id for record in records])
    result = []
    for record in records:
        snapshot = {name: _META_READERS[name](getattr(record, name)) for name in META_FIELDS}
        for field in spec.fields:
            if field.kind == Kind.LINKS:
                snapshot[field.name] = list(links.get(record.id, {}).get(field.name, []))
            else:
                snapshot[field.name] = _field_value(record, field.kind, field.name)
        result.append(snapshot)
    return result


_META_READERS: dict[str, Any] = {
    "uuid": str,
    "created_at": iso,
    "modified_at": iso,
    "modified_by": str,
    "version": dict,
    "deleted": bool,
}


def snapshot(session: Session, entity: str, record: Record) -> dict[str, Any]:
    return snapshots(session, entity, [record])[0]


def snapshots_by_id(
    session: Session, entity: str, record_ids: Sequence[int]
) -> dict[int, dict[str, Any]]:
    """Snapshots of the records with these row ids, by row id."""
    model = RECORD_MODELS[entity]
    records: list[Record] = list(
        session.scalars(select(model).where(model.id.in_(list(record_ids))))
    )
    return {
        record.id: snap
        for record, snap in zip(records, snapshots(session, entity, records), strict=True)
    }


def load_snapshot(session: Session, entity: str, uuid: str) -> tuple[int, dict[str, Any]] | None:
    """(row id, snapshot) of a record, or None."""
    record = load(session, entity, uuid)
    return None if record is None else (record.id, snapshot(session, entity, record))


def city_ids(session: Session, uuids: Iterable[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(uuids))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = session.execute(select(City.uuid, City.id).where(City.uuid.in_(chunk)))
        found.update({uuid: city_id for uuid, city_id in rows})
    return found


def title_text(entity: str, values: Mapping[str, Any], session: Session) -> str:
    """How a person names the record, the titles of the records it links to read here."""
    spec = ENTITIES[entity]
    titles: dict[str, list[str]] = {}
    if spec.title_links:
        link = spec.link(spec.title_links)
        uuids = list(values.get(link.field) or [])
        model = RECORD_MODELS[link.target]
        title_column = getattr(model, ENTITIES[link.target].title_field)
        rows = session.execute(select(model.uuid, title_column).where(model.uuid.in_(uuids)))
        names = {uuid: str(title) for uuid, title in rows}
        titles[link.field] = [names[uuid] for uuid in uuids if uuid in names]
    return derived.title_of(entity, values, titles)


def title_from(entity: str, values: Mapping[str, Any], linked_titles: Sequence[str]) -> str:
    """`title_text` when the linked records' titles are already at hand (imports)."""
    spec = ENTITIES[entity]
    return derived.title_of(entity, values, {spec.title_links: linked_titles})
