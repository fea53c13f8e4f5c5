"""Opening a catalogue that must not or cannot be written: a locked USB stick.

A read-only catalogue is opened through SQLite's `mode=ro` URI, so that no write
can reach the file, and every connection also sets `query_only`. When the file has
no write-ahead log beside it (the program closed cleanly), it is opened
`immutable`: SQLite then needs no `-shm` file either, which a read-only folder
could not hold. Any write is refused with one sentence (ReadOnlyCatalogueError).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from ccn_desktop.catalogue.errors import CatalogueError, NotACatalogueError
from ccn_desktop.i18n import _
from ccn_desktop.paths import folder_writable


class ReadOnlyCatalogueError(CatalogueError):
    """A change was asked of a catalogue opened read-only."""


class ReadOnlyFolderError(CatalogueError):
    """The catalogue exists but its folder (or the file) cannot be written."""


def check_writable(catalogue_file: Path, folder: Path) -> None:
    """Raise ReadOnlyFolderError, saying which, if the catalogue or its folder is read-only."""
    if not folder_writable(folder):
        raise ReadOnlyFolderError(
            _(
                "The catalogue {catalogue_file} is in a folder that cannot be written (a locked "
                "USB stick?); it can only be opened read-only."
            ).format(catalogue_file=catalogue_file)
        )
    if not os.access(catalogue_file, os.W_OK):
        raise ReadOnlyFolderError(
            _(
                "The catalogue {catalogue_file} is a read-only file; it can only be opened "
                "read-only."
            ).format(catalogue_file=catalogue_file)
        )


def read_only_uri(path: Path) -> str:
    """The SQLite URI that reads `path` without writing anything beside it."""
    wal = path.with_name(path.name + "-wal")
    has_log = wal.exists() and wal.stat().st_size > 0
    # With a non-empty log, its pages are part of the catalogue: read them (mode=ro).
    return f"{path.as_uri()}?mode=ro" + ("" if has_log else "&immutable=1")


def _set_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _refuse_writes(context: Any) -> None:
    original = context.original_exception
    if isinstance(original, sqlite3.OperationalError) and "readonly" in str(original):
        raise ReadOnlyCatalogueError(
            _("This catalogue is open read-only, so the change was not saved.")
        ) from original


def make_read_only_engine(path: Path) -> Engine:
    uri = read_only_uri(path)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    event.listen(engine, "connect", _set_read_only_pragmas)
    event.listen(engine, "handle_error", _refuse_writes)
    return engine


def stored_revision_read_only(engine: Engine, path: Path) -> str | None:
    """The schema revision, read through the read-only engine (nothing is created)."""
    try:
        with engine.connect() as connection:
            tables = set(
                connection.scalars(text("SELECT name FROM sqlite_master WHERE type='table'"))
            )
            if "alembic_version" not in tables:
                raise NotACatalogueError(
                    _("{path} is not a CCN Desktop catalogue.").format(path=path)
                )
            revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
            return None if revision is None else str(revision)
    except DBAPIError as exc:
        raise NotACatalogueError(
            _(
                "The catalogue {path} cannot be read ({orig}); copy its folder to a writable "
                "place and open it from there."
            ).format(path=path, orig=exc.orig)
        ) from exc
