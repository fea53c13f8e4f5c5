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
