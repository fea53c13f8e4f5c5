"""Bring a catalogue file to the program's schema, safely.

Order of work at open: read the stored revision through a read-only connection
(nothing is written to a file we may refuse), refuse files that are not
catalogues or are newer than the program, back the file up, then let Alembic
upgrade it in one transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ccn_desktop.catalogue.errors import NewerSchemaError, NotACatalogueError
from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD
from ccn_desktop.i18n import _


def stored_revision(path: Path) -> str | None:
    """The file's Alembic revision; None for a new, empty file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotACatalogueError(
            _("{path} cannot be opened as a catalogue: {exc}.").format(path=path, exc=exc)
        ) from exc
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            if tables:
                raise NotACatalogueError(
                    _("{path} is an SQLite file but not a CCN Desktop catalogue.").format(path=path)
                )
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotACatalogueError(
            _("{path} is not a CCN Desktop catalogue ({exc}).").format(path=path, exc=exc)
        ) from exc
    finally:
        connection.close()
    return row[0] if row else None


def _alembic_config(connection: object | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    from ccn_desktop.resources import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    """Every revision this program's migrations know, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def needs_upgrade(revision: str | None) -> bool:
    """Whether the file must be migrated; refuses files newer than the program."""
    if revision == SCHEMA_HEAD:
        return False
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(
            _(
                "This catalogue has schema revision {revision}, newer than this program's "
                "{SCHEMA_HEAD}; open it with a newer version of CCN Desktop."
            ).format(revision=revision, SCHEMA_HEAD=SCHEMA_HEAD)
        )
    return True


def upgrade(engine) -> None:  # type: ignore[no-untyped-def]
    """Run every pending migration in one transaction."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
