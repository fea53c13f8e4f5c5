"""Real damage to real catalogue files, for the integrity tests and the campaigns."""

from __future__ import annotations

import random
from pathlib import Path

PAGE = 4096


def overwrite_pages(path: Path, first: int, count: int, seed: int = 8) -> None:
    """Write random bytes over `count` whole pages from page number `first` (0-based)."""
    noise = random.Random(seed)
    with path.open("r+b") as handle:
        handle.seek(first * PAGE)
        handle.write(noise.randbytes(count * PAGE))


def overwrite_middle(path: Path, count: int = 8) -> None:
    """Garbage over pages in the middle of the file, where the records are."""
    pages = path.stat().st_size // PAGE
    overwrite_pages(path, max(1, pages // 2 - count // 2), count)


def truncate(path: Path, fraction: float = 0.5) -> None:
    """Cut the file, as a copy interrupted halfway would."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(int(size * fraction) // PAGE * PAGE)


def overwrite_table_pages(path: Path, table: str, count: int = 4) -> None:
    """Garbage over leaf pages of one table only (found with SQLite's dbstat table)."""
    import sqlite3

    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        pages = [
            row[0]
            for row in connection.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (table,),
            )
        ]
    finally:
        connection.close()
    for page in pages[len(pages) // 2 : len(pages) // 2 + count]:
        overwrite_pages(path, page - 1, 1, seed=page)
