"""Syncing test offices through one folder, and what must not change when nothing is new."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.sync import SyncReport, sync_folder


def sync(office: Catalogue, folder: Path, *, trust: bool = True) -> SyncReport:
    return sync_folder(office, folder, trust=trust)


def settled_hash(catalogue: Catalogue) -> str:
    """The catalogue file's hash once every committed write is in it (WAL checkpointed)."""
    path = catalogue.paths.catalogue_file
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder`, hidden ones included, by relative path."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def bundle_files(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / "ccn-exchange").iterdir())
