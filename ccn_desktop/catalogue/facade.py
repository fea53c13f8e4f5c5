"""`Catalogue`: the one door to a catalogue for the window, the command line and the tests.

Every write runs in one transaction: catalogue/editing.py makes the record's next
version (this office's next counter in its version vector, checked against the
version the person saw) and catalogue/writer.py stores the record, its links, its
search text and a history snapshot — or, on any failure, none of these.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import uuid as uuid_module
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.backups import make_backup, start_daily_backup
from ccn_desktop.catalogue.engine import looks_like_sqlite, make_engine, make_session_factory
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import (
    CatalogueError,
    InvalidRecordError,
    NotACatalogueError,
    RecordNotFoundError,
)
from ccn_desktop.catalogue.facade_writes import CatalogueWrites
from ccn_desktop.catalogue.identity import OfficeInfo, create_key_pair, default_office_name
from ccn_desktop.catalogue.integrity import ensure_healthy
from ccn_desktop.catalogue.locations import CityLocations, city_locations
from ccn_desktop.catalogue.migrations import needs_upgrade, stored_revision, upgrade
from ccn_desktop.catalogue.models import RECORD_MODELS, History, Office
from ccn_desktop.catalogue.queries import count, matching_ids, table_rows
from ccn_desktop.catalogue.query_types import RecordQuery, TableRow
from ccn_desktop.catalogue.read_only import (
    check_writable,
    make_read_only_engine,
    stored_revision_read_only,
)
from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD
from ccn_desktop.catalogue.statistics import NetworkFilter, NetworkStatistics, network_statistics
from ccn_desktop.catalogue.steps import REDO, UNDO  # noqa: F401 - `step=` values
from ccn_desktop.catalogue.validation import Problem
from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths


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


class Catalogue(CatalogueWrites):
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
            raise CatalogueError(
                _("There is no catalogue at {path} to open read-only.").format(path=path)
            )
        if not looks_like_sqlite(path):
            raise NotACatalogueError(
                _("{path} is not a CCN Desktop catalogue (not an SQLite file).").format(path=path)
            )
        engine = make_read_only_engine(path)
        try:
            revision = stored_revision_read_only(engine, path)
            if revision != SCHEMA_HEAD:
                needs_upgrade(revision)  # refuses a newer catalogue, naming both versions
                raise CatalogueError(
                    _(
                        "The catalogue {path} must first be upgraded to this version of CCN "
                        "Desktop, which cannot be done read-only; open it once from a writable "
                        "folder."
                    ).format(path=path)
                )
            with make_session_factory(engine)() as session:
                office = session.scalars(select(Office)).one_or_none()
            if office is None:
                raise NotACatalogueError(
                    _("The catalogue {path} has no office; it is incomplete.").format(path=path)
                )
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
            raise InvalidRecordError(_("office"), [Problem("name", _("is required"))])
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
            raise RecordNotFoundError(
                _("No {entity} with id {record_id}.").format(entity=entity, record_id=record_id)
            )
        return found

    def ids_of(self, entity: str, uuids: Sequence[str]) -> dict[str, int]:
        """Row ids of the records with these UUIDs (unknown ones are left out)."""
        model = RECORD_MODELS[entity]
        with self._sessions() as session:
            rows = session.execute(select(model.uuid, model.id).where(model.uuid.in_(list(uuids))))
            return {uuid: record_id for uuid, record_id in rows}

    def id_of(self, entity: str, uuid: str) -> int:
        model = RECORD_MODELS[entity]
        with self._sessions() as session:
            found = session.scalar(select(model.id).where(model.uuid == uuid))
        if found is None:
            raise RecordNotFoundError(
                _("No {entity} {uuid} in this catalogue.").format(entity=entity, uuid=uuid)
            )
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

    # -- the network overview --------------------------------------------------

    def statistics(
        self, network_filter: NetworkFilter | None = None, today: dt.date | None = None
    ) -> NetworkStatistics:
        """Members by field and region, growth, reports, conferences (statistics.py)."""
        with self._engine.connect() as connection:
            return network_statistics(connection, network_filter or NetworkFilter(), today)

    def locations(self, network_filter: NetworkFilter | None = None) -> CityLocations:
        """The cities a map places, and those it cannot (no coordinates)."""
        with self._engine.connect() as connection:
            return city_locations(connection, network_filter or NetworkFilter())
