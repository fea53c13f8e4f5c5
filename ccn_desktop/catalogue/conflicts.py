"""A record's merged state in the database: read it, write a local change, store it.

The row holds the values shown, the version vector (the state's context), the
`needs_review` flag and `field_versions` (which write set each field, and the other
values of fields changed concurrently); catalogue/field_merge.py holds the rules.
Local edits (the facade) and imports (exchange/) both go through `state_of` and the
rules; callers own the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from ccn_desktop.catalogue import field_merge, store
from ccn_desktop.catalogue.field_merge import RecordState

ONE_MICROSECOND = dt.timedelta(microseconds=1)


def state_of(session: Session, entity: str, record: Any) -> RecordState:
    return field_merge.state_of(entity, store.snapshot(session, entity, record))


def created_state(entity: str, record: Any, values: Mapping[str, Any]) -> RecordState:
    """A record just added: every field written by its creation (no field versions)."""
    return field_merge.new_state(
        entity,
        {
            "uuid": record.uuid,
            "created_at": store.iso(record.created_at),
            "modified_at": store.iso(record.modified_at),
            "modified_by": record.modified_by,
            "version": dict(record.version),
            "deleted": False,
            **values,
        },
    )


def next_modified_at(state: RecordState) -> dt.datetime:
    """Now, or just after the latest write held if a clock elsewhere ran ahead.

    A local edit is made after every version it has seen; keeping its time after
    theirs keeps its values the ones shown, in every office.
    """
    latest = dt.datetime.fromisoformat(state.modified_at)
    now = store.utc_now()
    return latest + ONE_MICROSECOND if latest >= now else now


def store_state(session: Session, entity: str, record: Any, state: RecordState) -> None:
    """Write a state to its row through the one writer: meta, flags, field versions,
    values, links, search text (no history: callers say what the change was)."""
    from ccn_desktop.catalogue import writer

    write = writer.RecordWrite(
        state.uuid, record.id, field_merge.snapshot_of(state), needs_review=state.needs_review
    )
    writer.write_records(session, entity, [write])


def other_sides(session: Session, entity: str, record: Any) -> list[dict[str, Any]]:
    return field_merge.other_sides(state_of(session, entity, record))
