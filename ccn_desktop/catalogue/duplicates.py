"""Likely duplicates (DESIGN.md, Exchange rule 6): different UUIDs, same natural key.

Cities: the same folded name, country and creative field; conferences: the same
year; projects: the same folded title. Records already merged (one an alias of the
other) are not reported again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.models import RECORD_MODELS, Alias, City, Conference, Project


def duplicate_key(entity: str, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """The key two likely duplicates share; None when the record has too little to tell."""
    if entity == "city":
        name = fold(str(values.get("name") or ""))[:500]
        return (name, values.get("country_code"), values.get("creative_field")) if name else None
    if entity == "conference":
        return (values.get("year"),) if values.get("year") is not None else None
    title = fold(str(values.get("title") or ""))[:500]
    return (title,) if title else None


def _key_columns(entity: str) -> list[Any]:
    if entity == "city":
        return [City.search_key, City.country_code, City.creative_field]
    if entity == "conference":
        return [Conference.year]
    return [Project.search_key]


def live_keys(session: Session, entity: str) -> dict[tuple[Any, ...], list[str]]:
    """{key: [uuid, …]} of the records not deleted."""
    model = RECORD_MODELS[entity]
    rows = session.execute(
        select(model.uuid, *_key_columns(entity)).where(model.deleted.is_(False))
    )
    keys: dict[tuple[Any, ...], list[str]] = {}
    for uuid, *key in rows:
        if key[0] not in (None, ""):
            keys.setdefault(tuple(key), []).append(uuid)
    return keys


def merged_pairs(session: Session, entity: str) -> set[frozenset[str]]:
    rows = session.execute(
        select(Alias.alias_uuid, Alias.target_uuid).where(Alias.entity == entity)
    )
    return {frozenset(pair) for pair in rows}


def likely_duplicates(session: Session, entity: str) -> list[tuple[str, ...]]:
    """Groups (two or more UUIDs, sorted) of live records that look like one."""
    merged = merged_pairs(session, entity)
    groups = []
    for uuids in live_keys(session, entity).values():
        if len(uuids) < 2:
            continue
        if len(uuids) == 2 and frozenset(uuids) in merged:
            continue
        groups.append(tuple(sorted(uuids)))
    return sorted(groups)
