"""Syncing with a stick that holds nothing new (issue 19).

The common case of a monthly sync, and the one the banner invites: the stick holds
this office's bundles from last time and nothing new for it. The sync reads every
manifest, checks that its own bundles are whole and still current, and writes
nothing. Baseline: reading every file in the folder and taking its SHA-256 — the
least any program must do to know that the files on the stick are whole.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from tests.perf.runner import BenchContext, BenchmarkError, Row, compare

NOTHING_NEW_TARGET = 3.0


def sync_nothing_new(context: BenchContext) -> list[Row]:
    """A sync of a big catalogue that has met one office, with nothing new anywhere."""
    from ccn_desktop.exchange.sync import sync_folder

    stick = context.folder("stick")
    other_paths = DataPaths.in_folder(context.folder("other"))
    with (
        Catalogue.open(context.catalogue_copy(context.records)) as big,
        Catalogue.open(other_paths, office_name="Other", starter=False) as other,
    ):
        sync_folder(other, stick)
        sync_folder(big, stick, trust=True)  # meets Other, leaves its two bundles
        sync_folder(big, stick)

        def ours() -> None:
            report = sync_folder(big, stick)
            if report.arrivals or any(item.written for item in report.left):
                raise BenchmarkError("a sync with nothing new changed something")

        def baseline() -> None:
            for path in sorted((stick / "ccn-exchange").iterdir()):
                hashlib.sha256(Path(path).read_bytes()).hexdigest()

        ours_time, baseline_time = compare(ours, baseline, repeat=context.repeat)
    size = sum(p.stat().st_size for p in (stick / "ccn-exchange").iterdir())
    name = f"sync with nothing new ({context.records:,}-record catalogue)"
    note = (
        f"{name}: every manifest read and its signature checked, this office's own "
        "bundles checked whole (checksum over the bytes) and current (knowledge, name); "
        f"nothing written; {size / 1e6:,.0f} MB in the folder"
    )
    return [
        Row(name, ours_time, "read + SHA-256 of every file", baseline_time,
            NOTHING_NEW_TARGET, note=note)
    ]  # fmt: skip


BENCHMARKS = [sync_nothing_new]
