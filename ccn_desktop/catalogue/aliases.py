"""Merged records: which UUID a reference to a merged-away record now means.

Aliases are a grow-only set of pairs (merged-away UUID, target UUID). The pairs
join records into classes; every reference to a member of a class means the
class's representative: the smallest UUID of the members that were never merged
away (or, if a cycle left none, the smallest of all). This depends only on the set
of pairs, and a reference resolved with fewer pairs resolves, with more pairs, to
what the original reference resolves to — so every office ends with the same
links whatever order the merges reach it in. Two offices merging the same record
into different targets thereby make the two targets one class for references;
both records stay, and show up as likely duplicates.

Only cities are the targets of links, but aliases of every entity are kept (they
travel, and they stop merged pairs being reported as duplicates again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import String, delete, insert, select, type_coerce
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.models import LINK_TABLES, Alias, City, ConflictVersion

AliasMap = Mapping[str, str]  # member UUID -> representative, only for members that move


def representatives(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{uuid: representative} for every UUID whose references move (see module doc)."""
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        root = item
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    merged_away: set[str] = set()
    for alias_uuid, target_uuid in pairs:
        merged_away.add(alias_uuid)
        first, second = find(alias_uuid), find(target_uuid)
        if first != second:
            parent[max(first, second)] = min(first, second)
    classes: dict[str, list[str]] = {}
    for item in list(parent):
        classes.setdefault(find(item), []).append(item)
    result: dict[str, str] = {}
    for members in classes.values():
        standing = [member for member in members if member not in merged_away]
        representative = min(standing or members)
        result.update({member: representative for member in members if member != representative})
    return result


def alias_map(session: Session, entity: str = "city") -> dict[str, str]:
    pairs = session.execute(
        select(Alias.alias_uuid, Alias.target_uuid).where(Alias.entity == entity)
    )
    return representatives((alias_uuid, target) for alias_uuid, target in pairs)


def resolve_list(mapping: AliasMap, uuids: Sequence[str]) -> list[str]:
    """References resolved through `mapping`, in order, without repeats."""
    if not mapping:
        return list(dict.fromkeys(uuids))
    return list(dict.fromkeys(mapping.get(uuid, uuid) for uuid in uuids))


def add_pair(
    session: Session,
    *,
    entity: str,
    alias_uuid: str,
    target_uuid: str,
    office_uuid: str,
    created_at: dt.datetime,
    version: dict[str, int],
) -> bool:
    """Record one pair; of two records of the same pair, every office keeps the earlier.

    Returns whether the stored set of pairs changed.
    """
    existing = session.get(Alias, (alias_uuid, target_uuid))
    if existing is not None:
        if (store_iso(created_at), office_uuid) >= (
            store_iso(existing.created_at),
            existing.office_uuid,
        ):
            return False
        existing.created_at, existing.office_uuid = created_at, office_uuid
        existing.version, existing.entity = dict(version), entity
        return False
    session.add(
        Alias(
            alias_uuid=alias_uuid,
            target_uuid=target_uuid,
            entity=entity,
            created_at=created_at,
            office_uuid=office_uuid,
            version=dict(version),
        )
    )
    return True


def store_iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def relink(session: Session, mapping: AliasMap) -> list[tuple[str, int]]:
    """Point every stored reference to a moved city at its representative.

    Rewrites the link rows of the records shown and the links inside the other
    sides of conflicts. Returns the (entity, id) of records whose links changed, for
    their search text to be refreshed.
    """
    if not mapping:
        return []
    moved_ids = list(session.scalars(select(City.id).where(City.uuid.in_(list(mapping)))))
    changed: list[tuple[str, int]] = []
    for (entity, _field), (table, owner_column) in LINK_TABLES.items():
        owner = table.c[owner_column]
        owners = list(
            session.scalars(select(owner).where(table.c.city_id.in_(moved_ids)).distinct())
        )
        for owner_id in owners:
            current = list(
                session.scalars(
                    select(City.uuid)
                    .join(table, table.c.city_id == City.id)
                    .where(owner == owner_id)
                    .order_by(table.c.position)
                )
            )
            wanted = resolve_list(mapping, current)
            if wanted != current:
                write_link_rows(session, table, owner_column, owner_id, wanted)
                changed.append((entity, owner_id))
    changed += _relink_siblings(session, mapping)
    return changed


def write_link_rows(
    session: Session, table: Any, owner_column: str, owner_id: int, uuids: Sequence[str]
) -> None:
    rows = session.execute(select(City.uuid, City.id).where(City.uuid.in_(list(uuids))))
    ids = {uuid: city_id for uuid, city_id in rows}
    session.execute(delete(table).where(table.c[owner_column] == owner_id))
    if uuids:
        session.execute(
            insert(table),
            [
                {owner_column: owner_id, "city_id": ids[uuid], "position": position}
                for position, uuid in enumerate(uuids)
            ],
        )


def _relink_siblings(session: Session, mapping: AliasMap) -> list[tuple[str, int]]:
    """The link values kept beside the shown ones: a field conflict's other values
    (`field_versions`), and the sides an older program kept in `conflict_version`.

    Two values that now name the same cities are no longer a conflict, so the record's
    review flag is worked out again; returns the records changed.
    """
    from ccn_desktop.catalogue import field_merge, store
    from ccn_desktop.catalogue.models import RECORD_MODELS

    changed: list[tuple[str, int]] = []
    for entity, field_name in LINK_TABLES:
        model: Any = RECORD_MODELS[entity]  # City, Conference or Project: the same columns
        holds = type_coerce(model.field_versions, String).like(f'%"{field_name}"%')
        for record in session.scalars(select(model).where(holds)):
            encoded = dict(record.field_versions)
            others = encoded.get("conflicts", {}).get(field_name)
            if not others:
                continue
            moved = [[*dot, resolve_list(mapping, value)] for *dot, value in others]
            if moved != others:
                encoded["conflicts"] = {**encoded["conflicts"], field_name: moved}
                record.field_versions = encoded
            session.flush()  # the shown value may have moved too (its link rows)
            snapshot = store.snapshot(session, entity, record)
            review = field_merge.state_of(entity, snapshot).needs_review
            if moved != others or review != record.needs_review:
                record.needs_review = review
                changed.append((entity, record.id))
    fields = [(entity, field) for entity, field in LINK_TABLES]
    for row in session.scalars(select(ConflictVersion)):
        snapshot = row.snapshot
        updated = dict(snapshot)
        for entity, field_name in fields:
            if row.entity == entity and field_name in snapshot:
                updated[field_name] = resolve_list(mapping, snapshot[field_name])
        if updated != snapshot:
            row.snapshot = updated
    return changed
