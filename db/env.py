"""Alembic environment: the program hands over its own connection (see catalogue/migrations.py).

From a shell, `alembic -c db/alembic.ini ...` works on the file named by CCN_CATALOGUE.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from ccn_desktop.catalogue.models import Base

FTS_TABLE_SUFFIXES = (
    "_fts",
    "_fts_data",
    "_fts_idx",
    "_fts_content",
    "_fts_docsize",
    "_fts_config",
)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """FTS5 tables are created by hand in migrations; autogenerate must not see them."""
    return not (type_ == "table" and name is not None and name.endswith(FTS_TABLE_SUFFIXES))


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite's ALTER TABLE is limited
        include_name=include_name,
        transaction_per_migration=False,
    )


connection = context.config.attributes.get("connection")
if connection is not None:
    _configure(connection)
    context.run_migrations()
else:
    engine = create_engine(f"sqlite:///{os.environ.get('CCN_CATALOGUE', 'catalogue.sqlite3')}")
    with engine.begin() as own_connection:
        _configure(own_connection)
        context.run_migrations()
