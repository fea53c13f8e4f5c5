"""Import: new records that look like one already here ("likely duplicates", rule 6).

An office that types in a city another office already sent makes a second record of
it; the import cannot know they are one, but it can point at the pair so that a
person merges them (docs/bundle-format.md). Found from the duplicate keys of
catalogue/duplicates.py, leaving out pairs already merged here or merged by the
bundle itself. A spreadsheet import finds its own (it holds the rows already) and
lists them with the same `LikelyDuplicate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ccn_desktop.catalogue import aliases as alias_rules
from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.duplicates import duplicate_key, live_keys, merged_pairs
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.exchange.record_changes import ChangeKind, RecordChange
from ccn_desktop.exchange.verified import VerifiedBundle


@dataclass(frozen=True)
class LikelyDuplicate:
    entity: str
    incoming_uuid: str
    incoming_title: str
    existing_uuid: str
    existing_title: str


def likely_duplicates(
    session: Session, changes: list[RecordChange], bundle: VerifiedBundle
) -> list[LikelyDuplicate]:
    """New live records that look like a record already here (rule 6), unless the
    bundle itself merges the two (its aliases join them): that merge is being imported."""
    found: list[LikelyDuplicate] = []
    for entity in ENTITIES:
        new = [c for c in changes if c.entity == entity and c.kind == ChangeKind.NEW]
        if not new:
            continue
        existing = live_keys(session, entity)
        if not existing:
            continue
        merged_already = merged_pairs(session, entity)
        joined = alias_rules.representatives(
            (alias["alias_uuid"], alias["target_uuid"])
            for alias in bundle.payload["aliases"]
            if alias["entity"] == entity
        )
        titles: dict[str, str] = {}
        for change in new:
            key = duplicate_key(entity, change.theirs)
            for other in existing.get(key, []) if key is not None else []:
                if other == change.uuid or frozenset((other, change.uuid)) in merged_already:
                    continue
                if joined.get(other, other) == joined.get(change.uuid, change.uuid):
                    continue
                if other not in titles:
                    titles[other] = _title_of(session, entity, other)
                found.append(
                    LikelyDuplicate(entity, change.uuid, change.title, other, titles[other])
                )
    return found


def _title_of(session: Session, entity: str, uuid: str) -> str:
    record = store.load(session, entity, uuid)
    return store.title_text(entity, store.snapshot(session, entity, record), session)
