"""What the campaigns share: throw-away data folders, a deterministic clock, dumps."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from tests.helpers import database_dump

CLOCK_START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


class DeterministicClock:
    """Timestamps from a counter while installed, so that two runs of the same edits write
    identical files (and the crash campaign can compare them)."""

    def __init__(self) -> None:
        self.ticks = 0

    def now(self) -> dt.datetime:
        self.ticks += 1
        return CLOCK_START + dt.timedelta(microseconds=self.ticks)

    @contextmanager
    def installed(self) -> Iterator[None]:
        original = store.utc_now
        store.utc_now = self.now  # type: ignore[assignment]
        try:
            yield
        finally:
            store.utc_now = original  # type: ignore[assignment]


def make_template(folder: Path, office_name: str = "Campaign office") -> DataPaths:
    """A starter catalogue, opened twice so that today's daily backup is already made."""
    paths = DataPaths.in_folder(folder)
    Catalogue.open(paths, office_name=office_name).close()
    Catalogue.open(paths).close()
    return paths


def copy_folder(template: DataPaths, target: Path) -> DataPaths:
    shutil.copytree(template.data_dir, target)
    return DataPaths.in_folder(target)


def dump_digest(path: Path, *, skip_office: bool = False) -> str:
    """A digest of the logical content (independent of page layout and WAL)."""
    lines = database_dump(path)
    if skip_office:  # a restore moves the office's counter on, by design
        lines = [line for line in lines if not line.startswith('INSERT INTO "office"')]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def logical_digest(path: Path, volatile: tuple[str, ...] = (), *, count: bool = True) -> str:
    """A digest of the dump in which the rows of `volatile` tables (those holding the time
    of writing: history, logs) count only by number, or (count=False) not at all."""
    counts: dict[str, int] = {}
    kept = []
    for line in database_dump(path):
        table = line.split('"')[1] if line.startswith('INSERT INTO "') else ""
        if table in volatile:
            counts[table] = counts.get(table, 0) + 1
        else:
            kept.append(line)
    if count:
        kept.append(repr(sorted(counts.items())))
    return hashlib.sha256("\n".join(kept).encode()).hexdigest()


def exchange_available() -> bool:
    """Whether this checkout has the exchange engine (export, verify, import)."""
    import importlib.util

    return all(
        importlib.util.find_spec(f"ccn_desktop.exchange.{name}") is not None
        for name in ("export", "verify", "plan", "apply")
    )


@contextmanager
def scratch(name: str, keep: bool = False, memory: bool = False) -> Iterator[Path]:
    """A folder for a campaign's files: in the system's temporary folder (a disk, where
    fsync costs what it costs on a laptop), or with `memory` in /dev/shm where there is
    one (real files, faster)."""
    base = "/dev/shm" if memory and os.access("/dev/shm", os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix=f"ccn-{name}-", dir=base))
    try:
        yield folder
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def print_table(title: str, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, tuple("-" * width for width in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
