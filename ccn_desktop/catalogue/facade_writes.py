"""The writing half of the `Catalogue` facade: validation, and every write a person makes.

Each write runs in one transaction: catalogue/editing.py makes the record's next
version (checked against the version the person saw, `expected`) and
catalogue/writer.py stores it. Every write returns a ChangeReport
(catalogue/changes.py) saying what changed.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ccn_desktop.catalogue import conflicts, duplicates, merging, store
from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.editing import Edit, apply_edit, next_counter
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import InvalidRecordError, RecordNotFoundError
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.identity import OfficeInfo
from ccn_desktop.catalogue.models import City, History
from ccn_desktop.catalogue.validation import Problem, clean
from ccn_desktop.i18n import _


class CatalogueWrites:
    """Mixed into Catalogue, which opens the file and sets these."""

    _sessions: sessionmaker[Session]
    _office: OfficeInfo

    # -- validating ------------------------------------------------------------

    def validate(
        self, entity: str, values: Mapping[str, Any], uuid: str | None = None
    ) -> list[Problem]:
        """Every rule, including those that need the catalogue (duplicates, links)."""
        cleaned, problems = clean(entity, values)
        with self._sessions() as session:
            problems.extend(self._catalogue_rules(session, entity, cleaned, uuid))
        return problems

    def _catalogue_rules(
        self, session: Session, entity: str, values: dict[str, Any], uuid: str | None
    ) -> list[Problem]:
        problems = []
        for field in ENTITIES[entity].fields:
            if field.target and values.get(field.name):
                known = store.city_ids(session, values[field.name])
                missing = [item for item in values[field.name] if item not in known]
                if missing:
                    problems.append(
                        Problem(
                            field.name,
                            _("no city {value} in this catalogue").format(value=missing[0]),
                        )
                    )
        if (
            entity == "city"
            and values.get("name")
            and values.get("country_code")
            and values.get("creative_field")
        ):
            duplicate = session.scalar(
                select(City.name).where(
                    City.search_key == fold(values["name"]),
                    City.country_code == values["country_code"],
                    City.creative_field == values["creative_field"],
                    City.deleted.is_(False),
                    City.uuid != (uuid or ""),
                )
            )
            if duplicate:
                where = f"{values['country_code']}, {values['creative_field']}"
                message = _("{city} ({where}) is already in the catalogue").format(
                    city=duplicate, where=where
                )
                problems.append(Problem("name", message))
        return problems

    # -- writing ---------------------------------------------------------------
    #
    # Every write returns a ChangeReport (catalogue/changes.py). Writes from the window
    # name the version the person last saw (`expected`): see catalogue/editing.py.

    def create(
        self, entity: str, values: Mapping[str, Any], *, uuid: str | None = None
    ) -> ChangeReport:
        """Create a record (its UUID is the report's only record). Raises InvalidRecordError."""
        new_uuid = uuid or str(uuid_module.uuid4())
        with self._sessions.begin() as session:
            cleaned = self._cleaned(session, entity, values, None)
            edit = Edit(entity, new_uuid, cleaned, False, "insert", new=True)
            return apply_edit(session, self._office.uuid, edit)

    def add(self, entity: str, values: Mapping[str, Any], *, uuid: str | None = None) -> str:
        """Create a record; returns its new UUID. Raises InvalidRecordError."""
        report = self.create(entity, values, uuid=uuid)
        return next(iter(report.records[entity]))

    def update(
        self,
        entity: str,
        uuid: str,
        changes: Mapping[str, Any],
        *,
        expected: Mapping[str, int] | None = None,
        step: str = "",
    ) -> ChangeReport:
        """Change some fields of a record (the others keep their values).

        `step` is UNDO or REDO (catalogue/steps.py) when the window's undo stack makes
        the change, so the record's history says "Undone"/"Redone", not another edit."""
        with self._sessions.begin() as session:
            current = store.snapshot(session, entity, self._load(session, entity, uuid))
            merged = {name: current[name] for name in ENTITIES[entity].field_names} | dict(changes)
            cleaned = self._cleaned(session, entity, merged, uuid)
            edit = Edit(entity, uuid, cleaned, None, step or "update", expected=expected)
            return apply_edit(session, self._office.uuid, edit)

    def write_in(
        self,
        session: Session,
        entity: str,
        uuid: str,
        values: Mapping[str, Any],
        *,
        new: bool,
        origin: str,
        source: str | None = None,
    ) -> ChangeReport:
        """Create (`new`) or change some fields of a record inside the caller's transaction
        (`transaction()`), so that many records are written all or nothing (a spreadsheet
        import); `origin` and `source` say in history where the change came from."""
        if new:
            cleaned = self._cleaned(session, entity, values, None)
            edit = Edit(entity, uuid, cleaned, False, "insert", new=True, origin=origin,
                        source=source)  # fmt: skip
        else:
            current = store.snapshot(session, entity, self._load(session, entity, uuid))
            fields = ENTITIES[entity].field_names
            merged = {name: current[name] for name in fields} | dict(values)
            cleaned = self._cleaned(session, entity, merged, uuid)
            edit = Edit(entity, uuid, cleaned, None, "update", origin=origin, source=source)
        return apply_edit(session, self._office.uuid, edit)

    def delete(
        self,
        entity: str,
        uuid: str,
        *,
        expected: Mapping[str, int] | None = None,
        step: str = "",
    ) -> ChangeReport:
        """Mark a record deleted (a tombstone that travels); its values stay for restoring."""
        return self._set_deleted(entity, uuid, deleted=True, expected=expected, step=step)

    def restore(
        self,
        entity: str,
        uuid: str,
        *,
        expected: Mapping[str, int] | None = None,
        step: str = "",
    ) -> ChangeReport:
        """Bring a deleted record back, as a new local edit."""
        return self._set_deleted(entity, uuid, deleted=False, expected=expected, step=step)

    def restore_version(
        self,
        entity: str,
        uuid: str,
        history_id: int,
        *,
        expected: Mapping[str, int] | None = None,
    ) -> ChangeReport:
        """Make an earlier version current again, as a new local edit."""
        with self._sessions.begin() as session:
            row = session.get(History, history_id)
            if row is None or row.record_uuid != uuid or row.entity != entity:
                raise RecordNotFoundError(
                    _("No version {history_id} of this {entity}.").format(
                        history_id=history_id, entity=entity
                    )
                )
            self._load(session, entity, uuid)
            values = {name: row.snapshot.get(name) for name in ENTITIES[entity].field_names}
            cleaned = self._cleaned(session, entity, values, uuid)
            deleted = bool(row.snapshot.get("deleted", False))
            edit = Edit(entity, uuid, cleaned, deleted, "restore-version", supersede=deleted,
                        expected=expected)  # fmt: skip
            return apply_edit(session, self._office.uuid, edit)

    # -- conflicts and duplicates ------------------------------------------------

    def conflict_versions(self, entity: str, uuid: str) -> list[dict[str, Any]]:
        """The other sides of a record's conflict (snapshots with their vectors), if any.

        `get()` gives the version shown; `resolve_conflict()` ends the conflict.
        """
        with self._sessions() as session:
            return [dict(row.snapshot) for row in conflicts.siblings(session, entity, uuid)]

    def resolve_conflict(
        self, entity: str, uuid: str, values: Mapping[str, Any], *, deleted: bool = False
    ) -> ChangeReport:
        """End a conflict with the values a person chose (field by field, from any side).

        A new local edit that includes every side, so it replaces them wherever it
        travels; the sides stay in history. `deleted=True` settles on deletion.
        """
        with self._sessions.begin() as session:
            current = store.snapshot(session, entity, self._load(session, entity, uuid))
            merged = {name: current[name] for name in ENTITIES[entity].field_names} | dict(values)
            if deleted:
                cleaned = self._field_rules_only(entity, merged)
            else:
                cleaned = self._cleaned(session, entity, merged, uuid)
            edit = Edit(entity, uuid, cleaned, deleted, "resolve", supersede=True)
            return apply_edit(session, self._office.uuid, edit)

    def likely_duplicates(self, entity: str) -> list[tuple[str, ...]]:
        """Groups of live records that look like one record (DESIGN.md rule 6)."""
        with self._sessions() as session:
            return duplicates.likely_duplicates(session, entity)

    def merge_records(
        self,
        entity: str,
        keep_uuid: str,
        merged_uuid: str,
        values: Mapping[str, Any] | None = None,
    ) -> ChangeReport:
        """Make two records one: `merged_uuid` is deleted and becomes an alias of `keep_uuid`.

        `values` (optional, any fields) are written to the kept record, e.g. the
        values a person picked from either side. References to the merged-away city
        now point at the kept one, here and, through the alias, in every office.
        """
        if keep_uuid == merged_uuid:
            raise InvalidRecordError(
                entity, [Problem("uuid", _("a record cannot merge with itself"))]
            )
        office_uuid = self._office.uuid
        with self._sessions.begin() as session:
            keep = store.snapshot(session, entity, self._load(session, entity, keep_uuid))
            gone = self._load(session, entity, merged_uuid)
            if keep["deleted"] or gone.deleted:
                raise InvalidRecordError(
                    entity,
                    [Problem("uuid", _("a deleted record cannot be merged; restore it first"))],
                )
            report = apply_edit(session, office_uuid, Edit(
                entity, merged_uuid, None, True, "merge-away", supersede=True
            ))  # fmt: skip
            if values:
                fields = ENTITIES[entity].field_names
                wanted = {name: keep[name] for name in fields} | dict(values)
                cleaned = self._cleaned(session, entity, wanted, keep_uuid)
                if any(cleaned[name] != keep[name] for name in fields):
                    edit = Edit(entity, keep_uuid, cleaned, None, "merge")
                    report.add(apply_edit(session, office_uuid, edit))
            counter_office, counter = next_counter(session, office_uuid)
            report.add(merging.record_merge(
                session, entity=entity, merged_uuid=merged_uuid, target_uuid=keep_uuid,
                office_uuid=counter_office, counter=counter, at=store.utc_now(),
            ))  # fmt: skip
            report.counts_changed = True
            return report

    def _set_deleted(
        self,
        entity: str,
        uuid: str,
        *,
        deleted: bool,
        expected: Mapping[str, int] | None,
        step: str = "",
    ) -> ChangeReport:
        with self._sessions.begin() as session:
            current = store.snapshot(session, entity, self._load(session, entity, uuid))
            if current["deleted"] == deleted:
                return ChangeReport()
            if not deleted and entity == "city":
                # Restoring must not create a second copy of a city re-entered since.
                problems = self._catalogue_rules(session, entity, current, uuid)
                if problems:
                    raise InvalidRecordError(entity, problems)
            # Deleting a record with a pending conflict deletes every side of it (they
            # stay in history); restoring is an edit of the version shown.
            action = step or ("delete" if deleted else "restore")
            edit = Edit(entity, uuid, None, deleted, action, supersede=deleted, expected=expected)
            return apply_edit(session, self._office.uuid, edit)

    def keep_deleted(
        self, session: Session, entity: str, uuid: str, covering: Mapping[str, int], origin: str
    ) -> ChangeReport:
        """Delete again, inside the caller's transaction, a record this office deleted and
        that newer reference data (`covering`, its version) would bring back: a new local
        deletion that includes that version, so it wins wherever it travels."""
        self._load(session, entity, uuid)
        edit = Edit(entity, uuid, None, True, "delete", supersede=True, includes=covering,
                    origin=origin)  # fmt: skip
        return apply_edit(session, self._office.uuid, edit)

    @staticmethod
    def _field_rules_only(entity: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """Values of a version being deleted: a deleted record need not be unique."""
        cleaned, problems = clean(entity, values)
        if problems:
            raise InvalidRecordError(entity, problems)
        return cleaned

    def _cleaned(
        self, session: Session, entity: str, values: Mapping[str, Any], uuid: str | None
    ) -> dict[str, Any]:
        cleaned, problems = clean(entity, values)
        problems.extend(self._catalogue_rules(session, entity, cleaned, uuid))
        if problems:
            raise InvalidRecordError(entity, problems)
        return cleaned

    @staticmethod
    def _load(session: Session, entity: str, uuid: str) -> Any:
        record = store.load(session, entity, uuid)
        if record is None:
            raise RecordNotFoundError(
                _("No {value} {uuid} in this catalogue.").format(
                    value=ENTITIES[entity].label.lower(), uuid=uuid
                )
            )
        return record
