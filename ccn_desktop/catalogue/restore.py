"""Put a backup back in place of the catalogue file, losing nothing on the way.

Order of work, so that a crash at any moment leaves either the old catalogue or
the restored one in place, never a mix:

1. the backup passes the full check and belongs to this office;
2. it is copied (backup API) into a temporary file in the data folder, so a full
   disk fails here, before anything is touched;
3. the current file is kept: a healthy one is backed up ("before-restore") and its
   WAL checkpointed into it; a damaged one is kept aside under a dated name;
4. the temporary file replaces the catalogue file in one rename.

The catalogue must be closed first (every engine disposed): SQLite refuses to
checkpoint a file another connection holds open, and we report that.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ccn_desktop.catalogue.backups import (
    BEFORE_RESTORE,
    Backup,
    copy_database,
    list_backups,
    make_backup,
    rotate_backups,
    sync_folder,
)
from ccn_desktop.catalogue.errors import CatalogueError
from ccn_desktop.catalogue.integrity import check_file
from ccn_desktop.catalogue.storage import disk_full
from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths
from ccn_desktop.safe_files import replacing

SIDE_FILES = ("-wal", "-shm", "-journal")


class RestoreError(CatalogueError):
    """The backup cannot be restored; the catalogue is as it was."""


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    # The "before-restore" backup of the healthy file that was replaced.
    safety_backup: Path | None
    # Where a damaged catalogue file was kept (never deleted).
    kept_aside: Path | None


def restore_backup(paths: DataPaths, backup: Path | Backup) -> RestoreResult:
    """Replace the (closed) catalogue with `backup`; see the module docstring."""
    source = backup.path if isinstance(backup, Backup) else Path(backup)
    problems = check_file(source, full=True)
    if problems:
        raise RestoreError(
            _("The backup {source} cannot be restored: {value}.").format(
                source=source, value=problems[0]
            )
        )
    _refuse_other_office(paths, source)
    paths.ensure()
    current = paths.catalogue_file
    temporary = paths.data_dir / f".{current.name}.restoring"
    _remove_with_side_files(temporary)
    try:
        with replacing(current, temporary=temporary):  # synced, renamed, folder synced
            copy_database(source, temporary)
            _carry_counter(temporary, _highest_counters(paths))
            safety_backup = kept_aside = None
            if current.exists() and not check_file(current):
                safety_backup = make_backup(current, paths.backups_dir, BEFORE_RESTORE)
                rotate_backups(paths.backups_dir, protect=[safety_backup, source])
                _fold_wal_into(current)
            elif current.exists():
                kept_aside = set_aside(paths)
    except BaseException as exc:
        _remove_with_side_files(temporary)
        if disk_full(exc, paths.data_dir):
            raise RestoreError(
                _(
                    "There is no room in {data_dir} to restore the backup: the disk is full. The "
                    "catalogue is unchanged; free some space and try again."
                ).format(data_dir=paths.data_dir)
            ) from exc
        raise
    return RestoreResult(source, safety_backup, kept_aside)


def set_aside(paths: DataPaths, now: dt.datetime | None = None) -> Path:
    """Keep a damaged catalogue file under a dated name beside it, with its WAL.

    The file stays in place (a hard link, or a copy where links are not supported)
    until the caller replaces it, so there is no moment without a catalogue file.
    The WAL and shared-memory files move with it: left behind, SQLite would apply
    them to the file that replaces it.
    """
    current = paths.catalogue_file
    stamp = f"{(now or dt.datetime.now().astimezone()):%Y%m%d-%H%M%S}"
    aside = current.with_name(f"{current.stem}-damaged-{stamp}{current.suffix}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = current.with_name(f"{current.stem}-damaged-{stamp}-{counter}{current.suffix}")
    for suffix in SIDE_FILES:
        side = Path(f"{current}{suffix}")
        if side.exists():
            side.replace(f"{aside}{suffix}")
    try:
        os.link(current, aside)
    except OSError:
        shutil.copy2(current, aside)
    sync_folder(paths.data_dir)
    return aside


def start_afresh(paths: DataPaths) -> Path:
    """Keep the damaged catalogue aside and remove it, so the next open starts a new one."""
    aside = set_aside(paths)
    paths.catalogue_file.unlink()
    sync_folder(paths.data_dir)
    return aside


def _refuse_other_office(paths: DataPaths, source: Path) -> None:
    """A backup of another installation would sign bundles with a key that is not its own."""
    from ccn_desktop.catalogue.identity import load_private_key, public_key_text

    try:
        own_key = public_key_text(load_private_key(paths.keys_dir).public_key())
    except (OSError, ValueError):
        return  # no key yet (or unreadable): the office in the backup is the only one known
    row = _read_office(source)
    if row is not None and row[3] != own_key:
        raise RestoreError(
            _(
                "The backup {name} belongs to another office ({value}); restore it on that "
                "office's computer, or import one of its bundles instead."
            ).format(name=source.name, value=row[1])
        )


def _read_office(path: Path) -> tuple[str, str, int, str, dict[str, int]] | None:
    """(uuid, name, counter, public key, knowledge) of the file's office, if readable."""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute(
            "SELECT uuid, name, counter, public_key, knowledge FROM office"
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    if row is None:
        return None
    try:
        knowledge = json.loads(row[4]) if row[4] else {}
    except ValueError:
        knowledge = {}
    return str(row[0]), str(row[1]), int(row[2] or 0), str(row[3]), knowledge


def _highest_counters(paths: DataPaths) -> dict[str, int]:
    """The highest counter each office's own records show it used, over the current file
    and every backup: a restore must not hand out counters that already travelled."""
    highest: dict[str, int] = {}
    files = [paths.catalogue_file, *(backup.path for backup in list_backups(paths.backups_dir))]
    for path in files:
        if not path.exists():
            continue
        row = _read_office(path)
        if row is not None:
            highest[row[0]] = max(highest.get(row[0], 0), row[2], row[4].get(row[0], 0))
    return highest


def _carry_counter(path: Path, highest: dict[str, int]) -> None:
    """Raise the restored office's counter to the highest it ever used.

    Otherwise edits made after the restore would reuse counters that edits lost with
    the replaced file already carried to other offices, and be ignored there.
    """
    row = _read_office(path)
    if row is None or highest.get(row[0], 0) <= row[2]:
        return
    counter = highest[row[0]]
    knowledge = {**row[4], row[0]: max(counter, row[4].get(row[0], 0))}
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(
                "UPDATE office SET counter = ?, knowledge = ? WHERE uuid = ?",
                (counter, json.dumps(knowledge), row[0]),
            )
    finally:
        connection.close()


def _fold_wal_into(path: Path) -> None:
    """Checkpoint the WAL into the file and drop it, so none is left for the new file."""
    try:
        connection = sqlite3.connect(path, timeout=2)
    except sqlite3.Error as exc:
        raise RestoreError(
            _("The catalogue {path} cannot be opened to replace it: {exc}.").format(
                path=path, exc=exc
            )
        ) from exc
    try:
        connection.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.OperationalError as exc:
        raise RestoreError(
            _(
                "The catalogue {path} is in use (is CCN Desktop open?); close it and try again."
            ).format(path=path)
        ) from exc
    finally:
        connection.close()
    for suffix in SIDE_FILES:
        if Path(f"{path}{suffix}").exists():
            raise RestoreError(
                _(
                    "The catalogue {path} is in use (is CCN Desktop open?); close it and try again."
                ).format(path=path)
            )


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
