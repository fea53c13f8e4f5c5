"""Engine and sessions for one catalogue file, with the pragmas every connection needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from ccn_desktop.catalogue.sqlite_file import SQLITE_HEADER as SQLITE_HEADER
from ccn_desktop.catalogue.sqlite_file import looks_like_sqlite as looks_like_sqlite
from ccn_desktop.i18n import _

BUSY_TIMEOUT_MS = 10_000


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed edit survives a power cut, which matters more here than speed.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """An engine whose pooled connections may serve any thread, one thread at a time.

    The window runs long work (opening, import, export) on worker threads; each
    facade call checks a connection out of the pool for the length of its session,
    so no connection is ever used by two threads at once, and sqlite3's
    same-thread check (which would refuse a connection made on another thread) is
    turned off on purpose rather than left to SQLAlchemy's default. WAL lets
    readers go on while one thread writes; busy_timeout makes writers queue.
    """
    # URL.create, not an f-string: a folder named "Stick #1?" must not become a query string.
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        future=True,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "handle_error", _say_what_the_disk_did)
    return engine


def _say_what_the_disk_did(context: Any) -> None:
    """Turn SQLite's damage and storage failures into one sentence for the user.

    A transaction that fails this way has been rolled back: nothing of it is stored,
    and the values the user typed are still in the form.
    """
    from ccn_desktop.catalogue.storage import is_damage, storage_error

    original = context.original_exception
    path = Path(context.engine.url.database) if context.engine is not None else Path("?")
    if is_damage(original):
        from ccn_desktop.catalogue.integrity import check_at_next_open, damaged_error
        from ccn_desktop.paths import DataPaths

        check_at_next_open(path.parent)
        raise damaged_error(
            DataPaths.in_folder(path.parent), _("it is damaged ({detail})").format(detail=original)
        ) from original
    error = storage_error(path, original)
    if error is not None:
        raise error from original


def begin_immediate(session: Session) -> None:
    """Start the session's transaction as a writer (BEGIN IMMEDIATE), before it reads.

    A transaction that reads, plans and then writes must not plan on a catalogue another
    writer is about to change: taking the write lock first makes the other writer wait
    (up to the busy timeout) instead of both writing from stale reads.
    """
    connection = session.connection()
    if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects outlive their session (short sessions per operation), so keep their values.
    return sessionmaker(engine, expire_on_commit=False)
