"""A record's merged state as the database holds it, and its other sides for a review.

The row holds the values shown, the version vector (the state's context), the
`needs_review` flag and `field_versions` (which write set each field, and the other
values of fields changed concurrently); catalogue/field_merge.py holds the rules, and
catalogue/editing.py and exchange/ write through the one writer.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ccn_desktop.catalogue import field_merge, store
from ccn_desktop.catalogue.field_merge import RecordState


def state_of(session: Session, entity: str, record: Any) -> RecordState:
    return field_merge.state_of(entity, store.snapshot(session, entity, record))


def other_sides(session: Session, entity: str, record: Any) -> list[dict[str, Any]]:
    return field_merge.other_sides(state_of(session, entity, record))
