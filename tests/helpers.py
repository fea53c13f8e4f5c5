"""Small builders the tests share."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def city_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Testville",
        "country_code": "FR",
        "country": "France",
        "creative_field": "Film",
        "designation_year": 2021,
        "membership_status": "Active",
    }
    values.update(overrides)
    return values


def database_dump(path: Path) -> list[str]:
    """The logical content of an SQLite file (independent of WAL and page layout)."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def includes(newer: dict[str, int], older: dict[str, int]) -> bool:
    """Whether version vector `newer` has seen every write `older` has (element-wise ≥),
    written here from the rule so that a test does not check the merge with its own code."""
    return all(newer.get(office, 0) >= counter for office, counter in older.items())
