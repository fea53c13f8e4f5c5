"""Bulk reads of a catalogue's versions in bundle shape, for export and for planning imports.

One SELECT per table and plain tuples, not ORM objects: an export of 100,000
records must cost about what reading the rows and writing JSON costs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.entities import ENTITIES, LINK_TYPES, Kind
from ccn_desktop.catalogue.models import LINK_TABLES, RECORD_MODELS, Alias, City, ConflictVersion
from ccn_desktop.catalogue.store import iso

Vector = Mapping[str, int]
Progress = Callable[[str, int, int], None]  # (what is being done, done, total)
Cancel = Callable[[], bool]  # True: stop now

LINK_TYPE_OF = {fields: link_type for link_type, fields in LINK_TYPES.items()}
_CHUNK = 2000


def beyond(vector: Vector, knowledge: Vector | None) -> bool:
    """Whether a version holds an edit that `knowledge` does not include (None: all do)."""
    if knowledge is None:
        return True
    return any(counter > knowledge.get(office, 0) for office, counter in vector.items())


def _stored_columns(entity: str) -> list[str]:
    return [field.name for field in ENTITIES[entity].fields if field.kind != Kind.LINKS]


def _date_fields(entity: str) -> set[str]:
    return {field.name for field in ENTITIES[entity].fields if field.kind == Kind.DATE}


def current_versions(
    session: Session,
    entity: str,
    knowledge: Vector | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(id, snapshot without link fields) of the version shown of each record beyond
    `knowledge`, in id order; deleted records included (their `deleted` says so)."""
    model = RECORD_MODELS[entity]
    columns = _stored_columns(entity)
    dates = _date_fields(entity)
    table = model.__table__
    statement = select(
        table.c.id,
        table.c.uuid,
        # Stored as the bundle writes them (UTC ISO text): read the text, skip two conversions.
        type_coerce(table.c.created_at, String),
        type_coerce(table.c.modified_at, String),
        table.c.modified_by,
        table.c.version,
        table.c.deleted,
        *(table.c[name] for name in columns),
    ).order_by(table.c.id)
    total = progress and session.scalar(select(model.id).order_by(model.id.desc()).limit(1))
    label = f"Reading {ENTITIES[entity].label_plural.lower()}"
    for done, row in enumerate(session.execute(statement)):
        if done % _CHUNK == 0:
            if cancel is not None and cancel():
                from ccn_desktop.exchange.errors import ExchangeCancelled

                raise ExchangeCancelled
            if progress is not None:
                progress(label, done, int(total or 0))
        record_id, uuid, created_at, modified_at, modified_by, version, deleted, *values = row
        if not beyond(version, knowledge):
            continue
        snapshot: dict[str, Any] = {
            "uuid": uuid,
            "created_at": created_at,
            "modified_at": modified_at,
            "modified_by": modified_by,
            "version": version,
            "deleted": bool(deleted),
        }
        for name, value in zip(columns, values, strict=True):
            if name in dates and value is not None:
                value = value.isoformat()
            snapshot[name] = value
        yield record_id, snapshot


def links_of(session: Session, entity: str, owner_ids: set[int] | None) -> list[dict[str, Any]]:
    """The `links` entries of the given owners (all of this entity's when None)."""
    result: list[dict[str, Any]] = []
    model = RECORD_MODELS[entity]
    for (link_entity, field_name), (table, owner_column) in LINK_TABLES.items():
        if link_entity != entity:
            continue
        link_type = LINK_TYPE_OF[(entity, field_name)]
        owner = table.c[owner_column]
        rows = session.execute(
            select(owner, model.uuid, City.uuid)
            .join(model, model.id == owner)
            .join(City, City.id == table.c.city_id)
            .order_by(owner, table.c.position)
        )
        position = 0
        previous = None
        for owner_id, owner_uuid, city_uuid in rows:
            if owner_ids is not None and owner_id not in owner_ids:
                continue
            position = position + 1 if owner_id == previous else 0
            previous = owner_id
            result.append(
                {"type": link_type, "from": owner_uuid, "to": city_uuid, "position": position}
            )
    return result


def conflict_versions(session: Session, knowledge: Vector | None = None) -> list[dict[str, Any]]:
    """The other sides of conflicts beyond `knowledge`, tagged with their entity."""
    rows = session.execute(
        select(ConflictVersion.entity, ConflictVersion.snapshot).order_by(ConflictVersion.id)
    )
    return [
        {"entity": entity, **snapshot}
        for entity, snapshot in rows
        if beyond(snapshot["version"], knowledge)
    ]


def aliases(session: Session, knowledge: Vector | None = None) -> list[dict[str, Any]]:
    rows = session.execute(
        select(
            Alias.entity,
            Alias.alias_uuid,
            Alias.target_uuid,
            Alias.office_uuid,
            Alias.created_at,
            Alias.version,
        ).order_by(Alias.created_at, Alias.alias_uuid, Alias.target_uuid)
    )
    return [
        {
            "entity": entity,
            "alias_uuid": alias_uuid,
            "target_uuid": target_uuid,
            "office_uuid": office_uuid,
            "created_at": iso(created_at),
            "version": version,
        }
        for entity, alias_uuid, target_uuid, office_uuid, created_at, version in rows
        if beyond(version, knowledge)
    ]


def collect_payload(
    session: Session,
    knowledge: Vector | None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Everything beyond `knowledge` (None: everything), in the payload's shape."""
    payload: dict[str, list[dict[str, Any]]] = {spec.plural: [] for spec in ENTITIES.values()}
    tombstones: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for entity, spec in ENTITIES.items():
        owners: set[int] = set()
        for record_id, snapshot in current_versions(
            session, entity, knowledge, progress=progress, cancel=cancel
        ):
            owners.add(record_id)
            if snapshot["deleted"]:
                tombstones.append({"entity": entity, **snapshot})
            else:
                payload[spec.plural].append(snapshot)
        if any(link_entity == entity for link_entity, _ in LINK_TABLES):
            links.extend(links_of(session, entity, owners if knowledge is not None else None))
    payload["tombstones"] = tombstones
    payload["conflicts"] = conflict_versions(session, knowledge)
    payload["links"] = links
    payload["aliases"] = aliases(session, knowledge)
    return payload
