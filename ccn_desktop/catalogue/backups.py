"""Copies of the catalogue file, made with SQLite's online backup API.

Copying the file with the OS could catch a half-written page or miss the WAL;
the backup API copies a consistent snapshot even while the file is in use.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

_REASON = re.compile(r"[^a-z0-9-]+")


def backup_file_name(reason: str, when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now(dt.UTC)
    slug = _REASON.sub("-", reason.lower()).strip("-") or "manual"
    return f"catalogue-{when:%Y%m%d-%H%M%S-%f}-{slug}.sqlite3"


def make_backup(source: Path, backups_dir: Path, reason: str) -> Path:
    """Copy `source` into `backups_dir`; the name says when and why."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = backups_dir / backup_file_name(reason)
    partial = target.with_suffix(".partial")
    source_connection = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        target_connection = sqlite3.connect(partial)
        try:
            source_connection.backup(target_connection)
        finally:
            target_connection.close()
    finally:
        source_connection.close()
    partial.replace(target)
    return target
