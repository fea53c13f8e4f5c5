"""`Catalogue`: the one door to a catalogue for the window, the command line and the tests.

Every write runs in one transaction that takes this office's next counter, sets
it in the record's version vector, writes the record, its links, its search text
and a history snapshot — or, on any failure, none of these.
"""

from __future__ import annotations

import contextlib
import threading
import uuid as uuid_module
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import conflicts, duplicates, merging, store, versions
from ccn_desktop.catalogue.backups import make_backup, start_daily_backup
from ccn_desktop.catalogue.engine import looks_like_sqlite, make_engine, make_session_factory
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import (
    CatalogueError,
    InvalidRecordError,
    NotACatalogueError,
    RecordNotFoundError,
)
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.identity import create_key_pair, default_office_name, fingerprint
from ccn_desktop.catalogue.integrity import ensure_healthy
from ccn_desktop.catalogue.migrations import needs_upgrade, stored_revision, upgrade
from ccn_desktop.catalogue.models import RECORD_MODELS, City, History, Office
from ccn_desktop.catalogue.queries import RecordQuery, TableRow, count, matching_ids, table_rows
from ccn_desktop.catalogue.read_only import (
    check_writable,
    make_read_only_engine,
    stored_revision_read_only,
)
from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD
from ccn_desktop.catalogue.validation import Problem, clean
from ccn_desktop.paths import DataPaths


@dataclass(frozen=True)
class OfficeInfo:
    uuid: str
    name: str
    public_key: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    action: str
    origin: str
    office_uuid: str
    bundle_uuid: str | None
    at: str
    version: dict[str, int]
    snapshot: dict[str, Any]


class Catalogue:
    """An open catalogue file. Use `Catalogue.open(paths)`; close it when done.

    `read_only` is true when it was opened with `read_only=True` (a locked stick):
    the window shows it, and every change raises ReadOnlyCatalogueError.
    """

    def __init__(
        self, paths: DataPaths, engine: Any, office: OfficeInfo, *, read_only: bool = False
    ) -> None:
        self.paths = paths
        self._engine = engine
        self._sessions = make_session_factory(engine)
        self._office = office
        self.read_only = read_only
        self._daily_backup: threading.Thread | None = None

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(
        cls,
        paths: DataPaths,
        *,
        office_name: str | None = None,
        starter: bool = True,
        read_only: bool = False,
    ) -> Catalogue:
        """Open (creating, migrating and seeding as needed) the catalogue in `paths`.

        Raises DataDirError, DamagedCatalogueError (a NotACatalogueError, naming the
        newest good backup) or NewerSchemaError with a message for the user; in each case
        the file on disk is left as it was. A catalogue whose folder cannot be written
        raises ReadOnlyFolderError: offer `read_only=True`, which creates, migrates,
        backs up and writes nothing. The first open of each day backs the file up, on a
        thread of its own that `close()` waits for.
        """
        if read_only:
            return cls._open_read_only(paths)
        path = paths.catalogue_file
        if path.exists():
            check_writable(path, paths.data_dir)
        paths.ensure()
        # A newer program's catalogue is refused as such, before our own checks judge it;
        # a file that is no catalogue at all is left to ensure_healthy, which names a backup.
        with contextlib.suppress(NotACatalogueError):
            needs_upgrade(stored_revision(path))
        existed = ensure_healthy(paths)  # DamagedCatalogueError names the newest good backup
        revision = stored_revision(path)
        migrate = needs_upgrade(revision)
        if migrate and revision is not None:
            make_backup(path, paths.backups_dir, f"before-upgrade-from-{revision}")
        engine = make_engine(path)
        try:
            if migrate:
                upgrade(engine)
            office = cls._office_or_create(engine, paths, office_name, starter)
        except BaseException:
            engine.dispose()
            raise
        catalogue = cls(paths, engine, office)
        if existed:
            catalogue._daily_backup = start_daily_backup(paths)
        return catalogue

    @classmethod
    def _open_read_only(cls, paths: DataPaths) -> Catalogue:
        path = paths.catalogue_file
        if not path.is_file():
            raise CatalogueError(f"There is no catalogue at {path} to open read-only.")
        if not looks_like_sqlite(path):
            raise NotACatalogueError(f"{path} is not a CCN Desktop catalogue (not an SQLite file).")
        engine = make_read_only_engine(path)
        try:
            revision = stored_revision_read_only(engine, path)
            if revision != SCHEMA_HEAD:
                needs_upgrade(revision)  # refuses a newer catalogue, naming both versions
                raise CatalogueError(
                    f"The catalogue {path} must first be upgraded to this version of CCN "
                    "Desktop, which cannot be done read-only; open it once from a writable folder."
                )
            with make_session_factory(engine)() as session:
                office = session.scalars(select(Office)).one_or_none()
            if office is None:
                raise NotACatalogueError(f"The catalogue {path} has no office; it is incomplete.")
        except BaseException:
            engine.dispose()
            raise
        info = OfficeInfo(office.uuid, office.name, office.public_key)
        return cls(paths, engine, info, read_only=True)

    @staticmethod
    def _office_or_create(
        engine: Any, paths: DataPaths, office_name: str | None, starter: bool
    ) -> OfficeInfo:
        sessions = make_session_factory(engine)
        with sessions() as session:
            office = session.scalars(select(Office)).one_or_none()
            if office is not None:
                return OfficeInfo(office.uuid, office.name, office.public_key)
        public_key = create_key_pair(paths.keys_dir)
        office_uuid = str(uuid_module.uuid4())
        with sessions.begin() as session:
            office = Office(
                uuid=office_uuid,
                name=(office_name or default_office_name()).strip()[:200],
                public_key=public_key,
                created_at=store.utc_now(),
                counter=0,
                knowledge={},
            )
            session.add(office)
            if starter:
                from ccn_desktop.catalogue.starter import load_starter

                load_starter(session, office)
        return OfficeInfo(office.uuid, office.name, office.public_key)

    def close(self) -> None:
        if self._daily_backup is not None:
            self._daily_backup.join()  # a backup under way finishes before the file is let go
        self._engine.dispose()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- about -----------------------------------------------------------------

    @property
    def office(self) -> OfficeInfo:
        return self._office

    @property
    def schema_revision(self) -> str:
        return SCHEMA_HEAD

    def knowledge(self) -> dict[str, int]:
        """The highest counter this catalogue has seen from each office."""
        with self._sessions() as session:
            return dict(session.get_one(Office, self._office.uuid).knowledge)

    def rename_office(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise InvalidRecordError("office", [Problem("name", "is required")])
        with self._sessions.begin() as session:
            session.get_one(Office, self._office.uuid).name = name[:200]
        self._office = OfficeInfo(self._office.uuid, name[:200], self._office.public_key)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read-only session for the exchange engine's queries."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction for a multi-record write (an import); all or nothing."""
        with self._sessions.begin() as session:
            yield session

    # -- reading ---------------------------------------------------------------

    def count(self, entity: str, query: RecordQuery | None = None) -> int:
        with self._sessions() as session:
            return count(session, entity, query or RecordQuery())

    def counts(self) -> dict[str, int]:
        return {name: self.count(name) for name in ENTITIES}

    def ids(self, entity: str, query: RecordQuery | None = None) -> list[int]:
        """Ordered ids of the matching records; fetch what is shown with `rows()`."""
        with self._sessions() as session:
            return matching_ids(session, entity, query or RecordQuery())

    def rows(
        self, entity: str, ids: Sequence[int], columns: Sequence[str] | None = None
    ) -> dict[int, TableRow]:
        with self._sessions() as session:
            return table_rows(session, entity, ids, columns or ENTITIES[entity].table_columns)

    def get(self, entity: str, uuid: str) -> dict[str, Any]:
        """A record's snapshot (meta and every field), deleted or not."""
        with self._sessions() as session:
            return store.snapshot(session, entity, self._load(session, entity, uuid))

    def get_many(self, entity: str, uuids: Sequence[str]) -> list[dict[str, Any]]:
        """Snapshots of several records, in the order given (unknown UUIDs are skipped)."""
        model = RECORD_MODELS[entity]
        with self._sessions() as session:
            records = list(session.scalars(select(model).where(model.uuid.in_(list(uuids)))))
            by_uuid = {snap["uuid"]: snap for snap in store.snapshots(session, entity, records)}
        return [by_uuid[uuid] for uuid in uuids if uuid in by_uuid]

    def uuid_of(self, entity: str, record_id: int) -> str:
        model = RECORD_MODELS[entity]
        with self._sessions() as session:
            found = session.scalar(select(model.uuid).where(model.id == record_id))
        if found is None:
            raise RecordNotFoundError(f"No {entity} with id {record_id}.")
        return found

    def id_of(self, entity: str, uuid: str) -> int:
        model = RECORD_MODELS[entity]
        with self._sessions() as session:
            found = session.scalar(select(model.id).where(model.uuid == uuid))
        if found is None:
            raise RecordNotFoundError(f"No {entity} {uuid} in this catalogue.")
        return found

    def label(self, entity: str, uuid: str) -> str:
        """How a person names the record ("Łódź", "2018 Kraków / Katowice")."""
        with self._sessions() as session:
            record = self._load(session, entity, uuid)
            return store.title_text(entity, store.snapshot(session, entity, record), session)

    def history(self, entity: str, uuid: str) -> list[HistoryEntry]:
        """The record's versions, newest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(History)
                .where(History.entity == entity, History.record_uuid == uuid)
                .order_by(History.id.desc())
            )
            return [
                HistoryEntry(row.id, row.action, row.origin, row.office_uuid, row.bundle_uuid,
                             store.iso(row.at), dict(row.version), dict(row.snapshot))
                for row in rows
            ]  # fmt: skip

    def linked(self, entity: str, city_uuid: str) -> list[str]:
        """UUIDs of the conferences a city hosted, or the projects it takes part in."""
        query = RecordQuery(linked_city=city_uuid)
        with self._sessions() as session:
            ids = matching_ids(session, entity, query)
            return [row.uuid for row in table_rows(session, entity, ids, ()).values()]

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
                    problems.append(Problem(field.name, f"no city {missing[0]} in this catalogue"))
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
                message = f"{duplicate} ({where}) is already in the catalogue"
                problems.append(Problem("name", message))
        return problems

    # -- writing ---------------------------------------------------------------

    def add(self, entity: str, values: Mapping[str, Any], *, uuid: str | None = None) -> str:
        """Create a record; returns its new UUID. Raises InvalidRecordError."""
        new_uuid = uuid or str(uuid_module.uuid4())
        with self._sessions.begin() as session:
            cleaned = self._cleaned(session, entity, values, None)
            now = store.utc_now()
            record = RECORD_MODELS[entity](
                uuid=new_uuid, created_at=now, modified_at=now, modified_by=self._office.uuid,
                version={}, deleted=False, needs_review=False, search_key="",
            )  # fmt: skip
            session.add(record)
            self._local_write(session, entity, record, cleaned, "insert")
        return new_uuid

    def update(self, entity: str, uuid: str, changes: Mapping[str, Any]) -> None:
        """Change some fields of a record (the others keep their values)."""
        with self._sessions.begin() as session:
            record = self._load(session, entity, uuid)
            current = store.snapshot(session, entity, record)
            merged = {name: current[name] for name in ENTITIES[entity].field_names} | dict(changes)
            cleaned = self._cleaned(session, entity, merged, uuid)
            renamed = entity == "city" and cleaned["name"] != record.name
            self._local_write(session, entity, record, cleaned, "update")
            if renamed:
                store.reindex_linked_to_city(session, record.id)

    def delete(self, entity: str, uuid: str) -> None:
        """Mark a record deleted (a tombstone that travels); its values stay for restoring."""
        self._set_deleted(entity, uuid, deleted=True)

    def restore(self, entity: str, uuid: str) -> None:
        """Bring a deleted record back, as a new local edit."""
        self._set_deleted(entity, uuid, deleted=False)

    def restore_version(self, entity: str, uuid: str, history_id: int) -> None:
        """Make an earlier version current again, as a new local edit."""
        with self._sessions.begin() as session:
            row = session.get(History, history_id)
            if row is None or row.record_uuid != uuid or row.entity != entity:
                raise RecordNotFoundError(f"No version {history_id} of this {entity}.")
            record = self._load(session, entity, uuid)
            values = {name: row.snapshot.get(name) for name in ENTITIES[entity].field_names}
            cleaned = self._cleaned(session, entity, values, uuid)
            record.deleted = bool(row.snapshot.get("deleted", False))
            self._local_write(
                session, entity, record, cleaned, "restore-version", supersede=record.deleted
            )

    # -- conflicts and duplicates ------------------------------------------------

    def conflict_versions(self, entity: str, uuid: str) -> list[dict[str, Any]]:
        """The other sides of a record's conflict (snapshots with their vectors), if any.

        `get()` gives the version shown; `resolve_conflict()` ends the conflict.
        """
        with self._sessions() as session:
            return [dict(row.snapshot) for row in conflicts.siblings(session, entity, uuid)]

    def resolve_conflict(
        self, entity: str, uuid: str, values: Mapping[str, Any], *, deleted: bool = False
    ) -> None:
        """End a conflict with the values a person chose (field by field, from any side).

        A new local edit that includes every side, so it replaces them wherever it
        travels; the sides stay in history. `deleted=True` settles on deletion.
        """
        with self._sessions.begin() as session:
            record = self._load(session, entity, uuid)
            current = store.snapshot(session, entity, record)
            merged = {name: current[name] for name in ENTITIES[entity].field_names} | dict(values)
            if deleted:
                cleaned = self._field_rules_only(entity, merged)
            else:
                cleaned = self._cleaned(session, entity, merged, uuid)
            record.deleted = deleted
            self._local_write(session, entity, record, cleaned, "resolve", supersede=True)

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
    ) -> None:
        """Make two records one: `merged_uuid` is deleted and becomes an alias of `keep_uuid`.

        `values` (optional, any fields) are written to the kept record, e.g. the
        values a person picked from either side. References to the merged-away city
        now point at the kept one, here and, through the alias, in every office.
        """
        if keep_uuid == merged_uuid:
            raise InvalidRecordError(entity, [Problem("uuid", "a record cannot merge with itself")])
        with self._sessions.begin() as session:
            keep = self._load(session, entity, keep_uuid)
            merged = self._load(session, entity, merged_uuid)
            if keep.deleted or merged.deleted:
                raise InvalidRecordError(
                    entity, [Problem("uuid", "a deleted record cannot be merged; restore it first")]
                )
            merged.deleted = True
            self._bump(session, entity, merged, supersede=True)
            store.add_history(
                session, entity, store.snapshot(session, entity, merged),
                action="merge-away", origin="local", office_uuid=self._office.uuid,
            )  # fmt: skip
            session.flush()
            if values:
                current = store.snapshot(session, entity, keep)
                fields = ENTITIES[entity].field_names
                wanted = {name: current[name] for name in fields} | dict(values)
                cleaned = self._cleaned(session, entity, wanted, keep_uuid)
                if any(cleaned[name] != current[name] for name in fields):
                    self._local_write(session, entity, keep, cleaned, "merge")
            office = self._next_counter(session)
            merging.record_merge(
                session, entity=entity, merged_uuid=merged_uuid, target_uuid=keep_uuid,
                office_uuid=office.uuid, counter=office.counter, at=store.utc_now(),
            )  # fmt: skip

    def _set_deleted(self, entity: str, uuid: str, *, deleted: bool) -> None:
        with self._sessions.begin() as session:
            record = self._load(session, entity, uuid)
            if record.deleted == deleted:
                return
            if not deleted and entity == "city":
                # Restoring must not create a second copy of a city re-entered since.
                current = store.snapshot(session, entity, record)
                problems = self._catalogue_rules(session, entity, current, uuid)
                if problems:
                    raise InvalidRecordError(entity, problems)
            record.deleted = deleted
            # Deleting a record with a pending conflict deletes every side of it (they
            # stay in history); restoring is an edit of the version shown.
            self._bump(session, entity, record, supersede=deleted)
            store.add_history(
                session,
                entity,
                store.snapshot(session, entity, record),
                action="delete" if deleted else "restore",
                origin="local",
                office_uuid=self._office.uuid,
            )

    def keep_deleted(
        self, session: Session, entity: str, uuid: str, covering: Mapping[str, int], origin: str
    ) -> None:
        """Delete again, inside the caller's transaction, a record this office deleted and
        that newer reference data (`covering`, its version) would bring back: a new local
        deletion that includes that version, so it wins wherever it travels."""
        record = self._load(session, entity, uuid)
        record.version = versions.merged([record.version, covering])
        record.deleted = True
        self._bump(session, entity, record, supersede=True)
        store.add_history(
            session, entity, store.snapshot(session, entity, record),
            action="delete", origin=origin, office_uuid=self._office.uuid,
        )  # fmt: skip

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

    def _next_counter(self, session: Session) -> Office:
        with session.no_autoflush:  # a new record is not complete until write_fields
            office = session.get_one(Office, self._office.uuid)
        office.counter += 1
        office.knowledge = {**office.knowledge, office.uuid: office.counter}
        return office

    def _bump(self, session: Session, entity: str, record: Any, *, supersede: bool = False) -> None:
        """Take this office's next counter and stamp the record with it.

        The new version includes the version shown. With `supersede` (a review that
        resolves a conflict, a delete) it also includes every other side of a conflict,
        which it thereby replaces; otherwise the other sides stay pending for review:
        correcting a field of a flagged record does not silently discard what another
        office wrote.
        """
        office = self._next_counter(session)
        with session.no_autoflush:
            others = conflicts.siblings(session, entity, record.uuid)
        base = dict(record.version)
        if supersede:
            base = versions.merged([base, *(row.version for row in others)])
        record.version = {**base, office.uuid: office.counter}
        record.modified_at = conflicts.next_modified_at(record, others)
        record.modified_by = office.uuid
        remaining = conflicts.drop_covered(session, others, record.version)
        record.needs_review = conflicts.review_needed(record, remaining)

    def _local_write(
        self,
        session: Session,
        entity: str,
        record: Any,
        values: dict[str, Any],
        action: str,
        *,
        supersede: bool = False,
    ) -> None:
        self._bump(session, entity, record, supersede=supersede)
        store.write_fields(session, entity, record, values)
        store.add_history(
            session, entity, store.snapshot(session, entity, record),
            action=action, origin="local", office_uuid=self._office.uuid,
        )  # fmt: skip

    @staticmethod
    def _load(session: Session, entity: str, uuid: str) -> Any:
        record = store.load(session, entity, uuid)
        if record is None:
            raise RecordNotFoundError(
                f"No {ENTITIES[entity].label.lower()} {uuid} in this catalogue."
            )
        return record
