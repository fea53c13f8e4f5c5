"""Is this file a healthy catalogue? Checks run at every open, by `ccn-desktop check`,
and on a backup before it is restored.

Every check reads through its own read-only connection, so checking never writes
to a file that may be damaged — except where a crash left a hot journal, which only
a read-write connection can roll back (any opening of the file would).

The quick check (`PRAGMA quick_check`: the b-tree structure of every page) reads the
whole file, through a memory map: a few milliseconds for the real network's catalogue,
about a second for 100,000 fully filled records (635 MB; docs/reliability.md). So a
large catalogue gets it once a day and after damage met in use (`ensure_healthy`).
The full check (`PRAGMA integrity_check`) also compares every index with its table
and takes about twice as long: it runs on request and on backups about to be restored.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from ccn_desktop.catalogue.backups import Backup, daily_backup_due, list_backups
from ccn_desktop.catalogue.errors import DamagedCatalogueError, StorageError
from ccn_desktop.catalogue.read_only import read_only_uri
from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD
from ccn_desktop.catalogue.sqlite_file import SQLITE_HEADER
from ccn_desktop.catalogue.storage import error_name, is_damage, storage_error
from ccn_desktop.i18n import N_, _
from ccn_desktop.paths import DataPaths, folder_writable

# Tables without which a file at this program's revision is not one of our catalogues.
REQUIRED_TABLES = frozenset({"alembic_version", "office", "city", "conference", "project"})
MAX_PROBLEMS = 20
EMPTY = N_("it is empty")
NO_TABLES = N_("it holds no tables")
# Phrases that say the file is no catalogue of ours (rather than a damaged one).
NOT_A_SQLITE_FILE = N_("it is not a CCN Desktop catalogue (not an SQLite file)")
NOT_OURS = N_("it is an SQLite database but not a CCN Desktop catalogue")
_MMAP_BYTES = 1 << 30
# About 10,000 fully filled records; the quick check of such a file takes ~0.1 s.
SCAN_EVERY_OPEN_BELOW = 64_000_000
CHECK_MARKER = ".check-at-next-open"
# What a read-only connection cannot do after a crash: roll back a hot journal, rebuild
# the WAL index.
NEEDS_A_WRITER = frozenset(
    {"SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY", "SQLITE_READONLY_CANTINIT"}
)


def check_file(path: Path, *, full: bool = False, scan: bool = True) -> list[str]:
    """What is wrong with the catalogue file at `path`, as phrases that follow "it": "it is
    damaged (…)", "it is empty"; [] when healthy.

    A disk that fails (full, removed, unreadable) is not damage: that raises StorageError,
    so that nobody is told to restore a backup over a file that is fine. Without `scan`,
    only the header, the schema and the revision are read (the links between records
    are checked with the pages: on 100,000 records that takes a tenth of a second).
    """
    try:
        size = path.stat().st_size
        if size == 0:
            return [_(EMPTY)]
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return [_("it does not exist")]
    except OSError as exc:
        raise storage_error(path, exc) or exc from exc
    if header != SQLITE_HEADER:
        return [_(NOT_A_SQLITE_FILE)]
    if not folder_writable(path.parent):  # a locked stick: not even a -shm file can be made
        return _check_through(path, read_only_uri(path), full=full, scan=scan)
    try:
        return _check_through(path, f"{path.as_uri()}?mode=ro", full=full, scan=scan)
    except sqlite3.DatabaseError as exc:
        if error_name(exc) not in NEEDS_A_WRITER:
            return _damage_or_raise(path, exc)
    # A crash left a hot journal (or a WAL index to rebuild): SQLite puts the last
    # committed state back at the first read-write open, as the program's next open would.
    try:
        return _check_through(path, path.as_uri(), full=full, scan=scan)
    except sqlite3.DatabaseError as exc:
        return _damage_or_raise(path, exc)


def _check_through(path: Path, uri: str, *, full: bool, scan: bool) -> list[str]:
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise storage_error(path, exc) or exc from exc
    try:
        connection.execute("PRAGMA query_only=ON").fetchall()
        return _check_connection(connection, full=full, scan=scan)
    finally:
        connection.close()


def _damage_or_raise(path: Path, exc: sqlite3.DatabaseError) -> list[str]:
    if is_damage(exc):
        return [_("it is damaged ({detail})").format(detail=exc)]
    raise storage_error(path, exc) or exc from exc


def _check_connection(connection: sqlite3.Connection, *, full: bool, scan: bool) -> list[str]:
    scan = scan or full
    connection.execute(f"PRAGMA mmap_size={_MMAP_BYTES}").fetchall()
    if scan:
        pragma = "integrity_check" if full else "quick_check"
        rows = connection.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
        problems = [
            _("it is damaged ({detail})").format(detail=row[0]) for row in rows if row[0] != "ok"
        ]
        if problems:
            return problems
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if not tables:
        return [_(NO_TABLES)]
    if "alembic_version" not in tables:
        return [_(NOT_OURS)]
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None:
        return [_("it has no schema revision")]
    # Another revision's tables are the migrations' business (a newer one is refused,
    # naming both versions); this program's must all be there.
    if revision[0] == SCHEMA_HEAD and not tables >= REQUIRED_TABLES:
        return [_(NOT_OURS)]
    if not scan:
        return []
    broken_links = connection.execute("PRAGMA foreign_key_check").fetchmany(MAX_PROBLEMS)
    return [
        _("it is damaged (row {row} of table {table} refers to a missing row of {parent})").format(
            row=rowid, table=table, parent=parent
        )
        for table, rowid, parent, _key in broken_links
    ]


def newest_good_backup(backups_dir: Path) -> Backup | None:
    """The newest backup that passes the full check (None if none does)."""
    for backup in list_backups(backups_dir):
        try:
            if not check_file(backup.path, full=True):
                return backup
        except (StorageError, sqlite3.Error, OSError):
            continue  # unreadable now: not one to offer
    return None


def damaged_error(paths: DataPaths, problem: str) -> DamagedCatalogueError:
    return DamagedCatalogueError(
        paths.catalogue_file, problem, newest_good_backup(paths.backups_dir)
    )


def ensure_healthy(paths: DataPaths) -> bool:
    """Check the catalogue before it is opened; True if there is one to open.

    The quick check reads every page, so it runs at every opening of a catalogue under
    SCAN_EVERY_OPEN_BELOW bytes, and otherwise at the first opening of the day (before
    the daily backup, which must never copy a damaged file into the rotation) and at
    the first opening after damage was met in use; other openings of a large file read
    its header, schema and revision only.

    A missing file is a new catalogue. An empty one (a first start cut short) is too,
    unless backups exist: then its content was lost and the user is offered a backup.
    Raises DamagedCatalogueError, naming the newest good backup.
    """
    path = paths.catalogue_file
    if not path.exists():
        return False
    marker = paths.data_dir / CHECK_MARKER
    scan = (
        path.stat().st_size < SCAN_EVERY_OPEN_BELOW
        or marker.exists()
        or daily_backup_due(list_backups(paths.backups_dir))
    )
    problems = check_file(path, scan=scan)
    if problems in ([_(EMPTY)], [_(NO_TABLES)]) and not list_backups(paths.backups_dir):
        return False
    if problems:
        raise damaged_error(paths, problems[0])
    if scan:
        marker.unlink(missing_ok=True)
    return True


def check_at_next_open(data_dir: Path) -> None:
    """Damage was met while the catalogue was in use: scan it at the next opening."""
    with contextlib.suppress(OSError):  # a read-only or full disk: the daily scan will do
        (data_dir / CHECK_MARKER).touch()
