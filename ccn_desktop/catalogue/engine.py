"""Engine and sessions for one catalogue file, with the pragmas every connection needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

SQLITE_HEADER = b"SQLite format 3\x00"
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
    # URL.create, not an f-string: a folder named "Stick #1?" must not become a query string.
    engine = create_engine(URL.create("sqlite", database=str(path)), future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects outlive their session (short sessions per operation), so keep their values.
    return sessionmaker(engine, expire_on_commit=False)


def looks_like_sqlite(path: Path) -> bool:
    """An empty file (just created) or one that starts with SQLite's header."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    return header in (b"", SQLITE_HEADER)
