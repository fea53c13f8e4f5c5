"""Copies of the catalogue file, made with SQLite's online backup API, and their rotation.

Copying the file with the OS could catch a half-written page or miss the WAL;
the backup API copies a consistent snapshot even while the file is in use.
The backups folder is described by the file names alone (when, in UTC, and what
triggered the backup), so that files copied in or deleted by hand never confuse
the list: a file whose name does not parse is not a backup and is left alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Collection, Iterable
from pathlib import Path

from ccn_desktop.catalogue.backup_record import Backup as Backup
from ccn_desktop.catalogue.errors import StorageError
from ccn_desktop.catalogue.storage import disk_full, storage_error
from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths
from ccn_desktop.safe_files import replacing
from ccn_desktop.safe_files import sync_folder as sync_folder

log = logging.getLogger(__name__)

_REASON = re.compile(r"[^a-z0-9-]+")
_NAME = re.compile(r"^catalogue-(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.sqlite3$")

KEEP_LAST = 10
KEEP_MONTHS = 12
STALE_PARTIAL_SECONDS = 24 * 3600

DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"


def backup_file_name(reason: str, when: dt.datetime | None = None) -> str:
    when = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    slug = _REASON.sub("-", reason.lower()).strip("-") or MANUAL
    return f"catalogue-{when:%Y%m%d-%H%M%S-%f}-{slug}.sqlite3"


def parse_backup_name(name: str) -> tuple[dt.datetime, str] | None:
    """(when in UTC, trigger) of a backup's file name; None for any other file."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        when = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return when, match.group(2)


def list_backups(backups_dir: Path) -> list[Backup]:
    """The backups in the folder, newest first; other files and unreadable ones are skipped."""
    try:
        entries = list(os.scandir(backups_dir))
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for entry in entries:
        parsed = parse_backup_name(entry.name)
        if parsed is None:
            continue
        try:
            if not entry.is_file():
                continue
            size = entry.stat().st_size
        except OSError:  # removed meanwhile, or unreadable
            continue
        found.append(Backup(Path(entry.path), parsed[0], parsed[1], size))
    found.sort(key=lambda backup: (backup.when, backup.name), reverse=True)
    return found


def find_backup(backups_dir: Path, name_or_path: str) -> Path | None:
    """A backup given as a path, or as a file name in the backups folder."""
    given = Path(name_or_path).expanduser()
    if given.is_file():
        return given
    candidate = backups_dir / given.name
    return candidate if candidate.is_file() else None


def _month(moment: dt.datetime) -> int:
    return moment.year * 12 + moment.month - 1


def backups_to_delete(
    backups: Iterable[Backup],
    now: dt.datetime,
    *,
    keep_last: int = KEEP_LAST,
    months: int = KEEP_MONTHS,
    protect: Collection[Path] = (),
) -> list[Backup]:
    """Which backups rotation removes: all but the newest `keep_last`, the newest of each
    of the last `months` calendar months (in `now`'s time zone), and those in `protect`.
    """
    ordered = sorted(backups, key=lambda backup: (backup.when, backup.name), reverse=True)
    kept = {backup.path for backup in ordered[:keep_last]} | set(protect)
    this_month = _month(now)
    months_seen: set[int] = set()
    for backup in ordered:  # newest first: the first seen of a month is its newest
        month = _month(backup.when.astimezone(now.tzinfo))
        if this_month - months < month <= this_month and month not in months_seen:
            months_seen.add(month)
            kept.add(backup.path)
    return [backup for backup in ordered if backup.path not in kept]


def rotate_backups(
    backups_dir: Path, now: dt.datetime | None = None, protect: Collection[Path] = ()
) -> list[Path]:
    """Delete the backups rotation does not keep, and copies abandoned by a crash more than
    a day ago; returns the deleted paths."""
    now = now or dt.datetime.now().astimezone()
    deleted = []
    for leftover in backups_dir.glob("catalogue-*.partial*"):
        try:
            if now.timestamp() - leftover.stat().st_mtime > STALE_PARTIAL_SECONDS:
                leftover.unlink()
                deleted.append(leftover)
        except OSError:
            continue
    for backup in backups_to_delete(list_backups(backups_dir), now, protect=protect):
        try:
            backup.path.unlink()
        except FileNotFoundError:
            continue
        deleted.append(backup.path)
    return deleted


def daily_backup_due(backups: Iterable[Backup], now: dt.datetime | None = None) -> bool:
    """No daily backup has been made yet on `now`'s local calendar day."""
    now = now or dt.datetime.now().astimezone()
    return not any(
        backup.trigger == DAILY and backup.when.astimezone(now.tzinfo).date() == now.date()
        for backup in backups
    )


def copy_database(source: Path, target: Path) -> None:
    """Copy a consistent snapshot of `source` into the new file `target` (one file, no WAL)."""
    source_connection = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        target_connection = sqlite3.connect(target)
        try:
            source_connection.backup(target_connection)
            # The copy carries the source's WAL flag; a rollback journal keeps it one file.
            target_connection.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            target_connection.close()
    finally:
        source_connection.close()


def make_backup(source: Path, backups_dir: Path, reason: str) -> Path:
    """Copy `source` into `backups_dir`; the name says when and why.

    The copy is written under a `.partial` name and renamed once complete, so a
    crash or a full disk never leaves a file that looks like a whole backup.
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = backups_dir / backup_file_name(reason)
    partial = target.with_suffix(".partial")
    try:
        with replacing(target, temporary=partial):
            copy_database(source, partial)
    except BaseException as exc:
        for leftover in (partial, Path(f"{partial}-journal")):
            with contextlib.suppress(OSError):  # a read-only disk refuses even this
                leftover.unlink(missing_ok=True)
        if disk_full(exc, backups_dir):
            raise StorageError(
                _(
                    "There is no room for a backup in {backups_dir}: the disk is full. Nothing "
                    "was changed; free some space and try again."
                ).format(backups_dir=backups_dir)
            ) from exc
        error = storage_error(backups_dir, exc)
        if error is not None:
            raise error from exc
        raise
    return target


def take_backup(paths: DataPaths, trigger: str) -> Backup:
    """Back the catalogue up, then rotate the folder (never removing the new backup)."""
    target = make_backup(paths.catalogue_file, paths.backups_dir, trigger)
    rotate_backups(paths.backups_dir, protect=[target])
    parsed = parse_backup_name(target.name)
    assert parsed is not None  # we just named it
    return Backup(target, parsed[0], parsed[1], target.stat().st_size)


def daily_backup(paths: DataPaths, now: dt.datetime | None = None) -> Backup | None:
    """The first open of each day backs the (checked) catalogue up.

    A backup that fails (a full disk) must not keep the user from the catalogue: it is
    logged, and the next open tries again.
    """
    if not daily_backup_due(list_backups(paths.backups_dir), now):
        return None
    try:
        return take_backup(paths, DAILY)
    except (OSError, sqlite3.Error, StorageError):
        log.warning("the daily backup of %s failed", paths.catalogue_file, exc_info=True)
        return None


def start_daily_backup(paths: DataPaths) -> threading.Thread | None:
    """The daily backup, if one is due, on a thread of its own: on a large catalogue it
    takes seconds, which the window's first paint must not wait for. Join the thread
    before replacing or deleting the catalogue file (`Catalogue.close` does)."""
    if not daily_backup_due(list_backups(paths.backups_dir)):
        return None
    thread = threading.Thread(
        target=_daily_backup_logged, args=(paths,), name="daily-backup", daemon=True
    )
    thread.start()
    return thread


def _daily_backup_logged(paths: DataPaths) -> None:
    try:
        daily_backup(paths)
    except Exception:  # a thread has no caller to tell: the log is where it goes
        log.exception("the daily backup of %s failed", paths.catalogue_file)
