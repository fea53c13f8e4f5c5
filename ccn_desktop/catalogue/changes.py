"""What a write changed, so that the window refreshes exactly that.

Every write of the facade and every import returns a ChangeReport: the records
whose shown version changed (with the new snapshot, or None when only their
review flag, other sides or derived text changed), whether the number of live
records changed, and the records a write could not apply blindly because they had
moved on since the user saw them (their conflict review should open).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ChangeReport:
    # entity -> record uuid -> snapshot shown now (None: the shown values are as before)
    records: dict[str, dict[str, dict[str, Any] | None]] = field(default_factory=dict)
    # entity -> uuids whose derived text (a linked city's name) changed, values as before
    retitled: dict[str, set[str]] = field(default_factory=dict)
    counts_changed: bool = False
    # (entity, uuid) of records left with the user's version beside a newer one: review
    conflicts: list[tuple[str, str]] = field(default_factory=list)

    def note(
        self,
        entity: str,
        uuid: str,
        snapshot: dict[str, Any] | None,
        *,
        derived_only: bool = False,
    ) -> None:
        if derived_only:
            self.retitled.setdefault(entity, set()).add(uuid)
            return
        held = self.records.setdefault(entity, {})
        if snapshot is not None or uuid not in held:
            held[uuid] = snapshot

    def add(self, other: ChangeReport) -> ChangeReport:
        """Fold `other` into this report (a later write wins); returns self."""
        for entity, records in other.records.items():
            for uuid, snapshot in records.items():
                self.note(entity, uuid, snapshot)
        for entity, uuids in other.retitled.items():
            self.retitled.setdefault(entity, set()).update(uuids)
        self.counts_changed = self.counts_changed or other.counts_changed
        self.conflicts.extend(c for c in other.conflicts if c not in self.conflicts)
        return self

    def entities(self) -> set[str]:
        """Every entity whose records (or their derived text) changed."""
        return {*self.records, *self.retitled}

    def uuids(self, entity: str) -> set[str]:
        return set(self.records.get(entity, {})) | self.retitled.get(entity, set())

    def snapshot(self, entity: str, uuid: str) -> dict[str, Any] | None:
        return self.records.get(entity, {}).get(uuid)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for entity in self.entities():
            for uuid in self.uuids(entity):
                yield entity, uuid

    def __bool__(self) -> bool:
        return bool(self.records or self.retitled or self.conflicts)
