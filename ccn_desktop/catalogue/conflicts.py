"""A record's other sides: the concurrent versions kept beside the one shown.

The record's row holds the version shown; `conflict_version` rows hold the others
(catalogue/versions.py explains the rules). Local edits and imports both keep the
two in step through these functions; callers own the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.models import ConflictVersion
from ccn_desktop.catalogue.versions import Held, covers, needs_review

ONE_MICROSECOND = dt.timedelta(microseconds=1)


def siblings(session: Session, entity: str, uuid: str) -> list[ConflictVersion]:
    return list(
        session.scalars(
            select(ConflictVersion)
            .where(ConflictVersion.entity == entity, ConflictVersion.record_uuid == uuid)
            .order_by(ConflictVersion.id)
        )
    )


def held_of(record: Any) -> Held:
    """The version a record's row shows, as a member of its held set."""
    return Held(
        vector=dict(record.version),
        modified_at=store.iso(record.modified_at),
        modified_by=record.modified_by,
        deleted=bool(record.deleted),
        data=record,
    )


def held_of_sibling(row: ConflictVersion) -> Held:
    return Held(
        vector=dict(row.version),
        modified_at=store.iso(row.modified_at),
        modified_by=row.modified_by,
        deleted=bool(row.snapshot.get("deleted", False)),
        data=row,
    )


def next_modified_at(record: Any, others: Sequence[ConflictVersion]) -> dt.datetime:
    """Now, or just after the latest version held if a clock elsewhere ran ahead.

    A local edit is made after every version it has seen; keeping its time after
    theirs keeps it the version shown, in every office.
    """
    times = [row.modified_at for row in others]
    if record.modified_at is not None:
        times.append(record.modified_at)
    latest = max(times, default=None)
    now = store.utc_now()
    if latest is not None and latest >= now:
        return latest + ONE_MICROSECOND
    return now


def drop_covered(
    session: Session, others: Sequence[ConflictVersion], vector: dict[str, int]
) -> list[ConflictVersion]:
    """Delete the other sides that `vector` includes; returns those that remain."""
    remaining = []
    for row in others:
        if covers(vector, row.version):
            session.delete(row)
        else:
            remaining.append(row)
    return remaining


def review_needed(record: Any, others: Sequence[ConflictVersion]) -> bool:
    return needs_review([held_of(record), *(held_of_sibling(row) for row in others)])


def add_sibling(session: Session, entity: str, snapshot: dict[str, Any]) -> None:
    session.add(
        ConflictVersion(
            entity=entity,
            record_uuid=snapshot["uuid"],
            version=dict(snapshot["version"]),
            modified_at=dt.datetime.fromisoformat(snapshot["modified_at"]),
            modified_by=snapshot["modified_by"],
            snapshot=snapshot,
        )
    )


def clear(session: Session, entity: str, uuid: str) -> None:
    session.execute(
        delete(ConflictVersion).where(
            ConflictVersion.entity == entity, ConflictVersion.record_uuid == uuid
        )
    )
