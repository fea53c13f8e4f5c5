"""Plain SQL for writing many rows at once (the writer's `executemany` statements)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

CHUNK = 500  # values in one IN (...) list


def executemany(connection: Connection, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    if rows:
        connection.exec_driver_sql(sql, list(rows))


def insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def update_sql(table: str, columns: Sequence[str]) -> str:
    assignments = ", ".join(f"{name} = ?" for name in columns)
    return f"UPDATE {table} SET {assignments} WHERE id = ?"


def in_marks(count: int) -> str:
    """The `?, ?, …` of an IN list of `count` values."""
    return ", ".join("?" * count)
