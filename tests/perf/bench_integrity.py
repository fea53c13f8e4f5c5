"""What the safety net costs on a big catalogue: the checks and the backup.

Each is set against the least its work needs: the quick and the full check against
reading the whole file from start to end, the backup (SQLite's online backup API)
against copying the file with the operating system.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ccn_desktop.catalogue.backups import make_backup
from ccn_desktop.catalogue.integrity import check_file, ensure_healthy
from tests.perf.runner import BenchContext, BenchmarkError, Row, compare

CHUNK = 1 << 20


def _read_all(path: Path) -> int:
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            size += len(chunk)
    return size


def checks(context: BenchContext) -> list[Row]:
    """The quick check every opening runs, and `ccn-desktop check`'s full one."""
    paths = context.catalogue_copy(context.records)
    path = paths.catalogue_file
    if not ensure_healthy(paths) or check_file(path, full=True):
        raise BenchmarkError("the synthetic catalogue does not pass the checks")
    size_mb = path.stat().st_size / 1e6
    quick, read = compare(lambda: ensure_healthy(paths), lambda: _read_all(path),
                          repeat=context.repeat)  # fmt: skip
    full, read_again = compare(lambda: check_file(path, full=True), lambda: _read_all(path),
                               repeat=max(1, context.repeat // 2))  # fmt: skip
    return [
        Row(f"quick check at opening, {context.records:,} records", quick,
            "read the file", read,
            note=f"PRAGMA quick_check + foreign_key_check of a {size_mb:.0f} MB file"),
        Row(f"full check (ccn-desktop check), {context.records:,} records", full,
            "read the file", read_again, note="PRAGMA integrity_check + foreign_key_check"),
    ]  # fmt: skip


def backup(context: BenchContext) -> list[Row]:
    """The daily backup (SQLite's online backup API) against a plain file copy."""
    paths = context.catalogue_copy(context.records)
    target = context.folder("backups")
    copies = context.folder("copies")

    def ours() -> None:
        make_backup(paths.catalogue_file, target, "daily").unlink()

    def baseline() -> None:
        shutil.copyfile(paths.catalogue_file, copies / "copy.sqlite3")

    ours_time, baseline_time = compare(ours, baseline, repeat=max(1, context.repeat // 2))
    return [
        Row(f"daily backup, {context.records:,} records", ours_time, "shutil.copyfile",
            baseline_time, note="backup API into a .partial file, journal mode set, renamed"),
    ]  # fmt: skip


BENCHMARKS = [checks, backup]
