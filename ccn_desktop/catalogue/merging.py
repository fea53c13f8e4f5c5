"""Merging two records found to be one (DESIGN.md, Exchange rule 6).

The facade tombstones the merged-away record and (optionally) edits the kept one as
ordinary local edits that travel as versions. This module adds the alias pair,
which travels too, and points every reference to the merged-away city at the
kept one (catalogue/aliases.py), refreshing the search text of what linked to it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ccn_desktop.catalogue import aliases, linked_text
from ccn_desktop.catalogue.changes import ChangeReport


def record_merge(
    session: Session,
    *,
    entity: str,
    merged_uuid: str,
    target_uuid: str,
    office_uuid: str,
    counter: int,
    at: dt.datetime,
) -> ChangeReport:
    aliases.add_pair(
        session,
        entity=entity,
        alias_uuid=merged_uuid,
        target_uuid=target_uuid,
        office_uuid=office_uuid,
        created_at=at,
        version={office_uuid: counter},
    )
    if entity != "city":
        return ChangeReport()
    session.flush()
    return refresh_relinked(session, aliases.relink(session, aliases.alias_map(session)))


def refresh_relinked(session: Session, changed: list[tuple[str, int]]) -> ChangeReport:
    """Search text and titles of records whose links were pointed elsewhere."""
    report = ChangeReport()
    for entity in sorted({name for name, _ in changed}):
        ids = [record_id for name, record_id in changed if name == entity]
        report.add(linked_text.refresh_derived(session, entity, ids))
    return report
