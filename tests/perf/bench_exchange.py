"""Exchanging a big catalogue: export, import into an empty catalogue, import again.

Baselines (issue 5), timed in the same run on the same data:

* export — raw `sqlite3` SELECT of the rows the bundle carries (records and links)
  and `json.dump` of them to a file;
* import into an empty catalogue — `json.load` of the bundle, then raw `sqlite3`
  `executemany` of exactly the rows our import writes (records, links, search
  index, history), captured from a catalogue the import filled;
* import again, nothing new — `json.load` of the bundle and one SELECT of every
  record's UUID and version;
* peak memory of the import, in a fresh process, beside `json.load` of the bundle
  in a fresh process and the bundle's size on disk.

The heavy benchmarks run at most three times (the median is shown): one import of
100,000 records takes about a minute on a small machine.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from tests.perf.runner import CLOCKS, BenchContext, BenchmarkError, Row, compare_processes

EXPORT_TARGET = 2.0
IMPORT_TARGET = 3.0
REIMPORT_TARGET = 2.0
HEAVY_REPEAT = 3
RECORD_TABLES = ("city", "conference", "project")
LINK_TABLES = ("conference_host", "project_city")
# What our import writes, besides the office's own rows.
WRITTEN_TABLES = (*RECORD_TABLES, *LINK_TABLES, "city_fts", "conference_fts", "project_fts",
                  "history")  # fmt: skip


def _valid_copy(context: BenchContext) -> DataPaths:
    """The synthetic catalogue, with the values the form's rules refuse brought in range.

    The generator numbers conferences up to 5,000 editions; a catalogue only holds
    editions 1–1000 (catalogue/entities.py), and an import checks every value.
    """
    paths = context.catalogue_copy(context.records)
    connection = sqlite3.connect(paths.catalogue_file)
    connection.execute(
        "UPDATE conference SET edition = ((edition - 1) % 1000) + 1 WHERE edition > 1000"
    )
    connection.commit()
    connection.close()
    return paths


def _timed(setup: Callable[[], Any], run: Callable[[Any], object], clock: str) -> float:
    """Seconds of one `run` on the runner's clock (CPU time unless `--clock wall`)."""
    prepared = setup()
    now = CLOCKS[clock]
    start = now()
    run(prepared)
    return now() - start


def _medians(
    ours: tuple[Callable[[], Any], Callable[[Any], object]],
    baseline: tuple[Callable[[], Any], Callable[[Any], object]],
    context: BenchContext,
) -> tuple[float, float]:
    """Median times of ours and the baseline, in turns, each after an untimed set-up."""
    ours_times, baseline_times = [], []
    for _ in range(min(context.repeat, HEAVY_REPEAT)):
        ours_times.append(_timed(*ours, context.clock))
        baseline_times.append(_timed(*baseline, context.clock))
    return statistics.median(ours_times), statistics.median(baseline_times)


def _raw_rows(path: Path, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    connection = sqlite3.connect(path)
    try:
        cursor = connection.execute(
            f"SELECT rowid, body FROM {table}"
            if table.endswith("_fts")
            else f"SELECT * FROM {table}"
        )
        columns = [description[0] for description in cursor.description]
        return columns, cursor.fetchall()
    finally:
        connection.close()


class _Exchange:
    """One export of the synthetic catalogue, shared by the four benchmarks."""

    def __init__(self, context: BenchContext) -> None:
        self.context = context
        self.source = _valid_copy(context)
        empty = DataPaths.in_folder(context.folder("empty-template") / "data")
        Catalogue.open(empty, office_name="Receiving office", starter=False).close()
        self.empty_template = empty.data_dir
        from ccn_desktop.exchange.export import export_bundle

        with Catalogue.open(self.source) as catalogue:
            self.bundle = export_bundle(catalogue, self.context.folder("bundle")).path

    def empty_catalogue(self) -> DataPaths:
        target = self.context.folder("receiver") / "data"
        shutil.copytree(self.empty_template, target)
        return DataPaths.in_folder(target)

    def import_into(self, paths: DataPaths) -> Any:
        from ccn_desktop.exchange.apply import apply_plan
        from ccn_desktop.exchange.plan import make_plan
        from ccn_desktop.exchange.verify import read_bundle

        with Catalogue.open(paths) as catalogue:
            plan = make_plan(catalogue, read_bundle(self.bundle))
            return apply_plan(catalogue, plan, trust=True)


_SHARED: dict[int, _Exchange] = {}


def _exchange(context: BenchContext) -> _Exchange:
    if id(context) not in _SHARED:
        _SHARED.clear()
        _SHARED[id(context)] = _Exchange(context)
    return _SHARED[id(context)]


def export_full(context: BenchContext) -> list[Row]:
    """Export the whole catalogue to a bundle file (verified after writing)."""
    from ccn_desktop.exchange.export import export_bundle

    exchange = _exchange(context)
    path = exchange.source.catalogue_file

    def ours(folder: Path) -> None:
        with Catalogue.open(exchange.source) as catalogue:
            export_bundle(catalogue, folder)

    def baseline(folder: Path) -> None:
        connection = sqlite3.connect(path)
        data: dict[str, list[dict[str, Any]]] = {}
        for table in (*RECORD_TABLES, *LINK_TABLES):
            cursor = connection.execute(f"SELECT * FROM {table}")
            columns = [description[0] for description in cursor.description]
            data[table] = [dict(zip(columns, row, strict=True)) for row in cursor]
        connection.close()
        with (folder / "baseline.json").open("w", encoding="utf-8") as handle:
            json.dump(data, handle)

    def folder() -> Path:
        return context.folder("export")

    ours_time, baseline_time = _medians((folder, ours), (folder, baseline), context)
    size = exchange.bundle.stat().st_size
    name = f"export {context.records:,}-record catalogue (full bundle)"
    note = (f"{name}: export_bundle — read, canonical JSON, checksum, Ed25519 signature, "
            "temporary file, fsync, rename, read back and compared; "
            f"bundle {size / 1e6:,.0f} MB")  # fmt: skip
    return [Row(name, ours_time, "sqlite3 SELECT + json.dump", baseline_time,
                EXPORT_TARGET, note=note)]  # fmt: skip


def import_into_empty(context: BenchContext) -> list[Row]:
    """Verify, plan and apply the bundle in a new, empty catalogue."""
    exchange = _exchange(context)
    filled = exchange.empty_catalogue()
    result = exchange.import_into(filled)
    if result.nothing_new:
        raise BenchmarkError("the import into an empty catalogue found nothing new")
    rows = {table: _raw_rows(filled.catalogue_file, table) for table in WRITTEN_TABLES}
    expected = sum(len(rows[table][1]) for table in RECORD_TABLES)
    if expected != context.records:
        raise BenchmarkError(f"{expected:,} records imported, not {context.records:,}")

    def baseline(paths: DataPaths) -> None:
        with exchange.bundle.open("rb") as handle:
            json.load(handle)
        connection = sqlite3.connect(paths.catalogue_file)
        for table, (columns, values) in rows.items():
            names = ", ".join(columns)
            marks = ", ".join("?" * len(columns))
            connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)
        connection.commit()
        connection.close()

    ours_time, baseline_time = _medians(
        (exchange.empty_catalogue, exchange.import_into),
        (exchange.empty_catalogue, baseline),
        context,
    )
    name = f"import that bundle into an empty catalogue ({context.records:,} new)"
    note = (f"{name}: read_bundle (size, JSON, signature, checksum, schema, references) + "
            "make_plan (form rules on every record) + apply_plan (backup, one transaction: "
            "records, links, search index, history, knowledge, log)")  # fmt: skip
    return [Row(name, ours_time, "json.load + executemany of the same rows", baseline_time,
                IMPORT_TARGET, note=note)]  # fmt: skip


def import_again(context: BenchContext) -> list[Row]:
    """Import the same bundle a second time: everything is unchanged, nothing is written."""
    exchange = _exchange(context)
    filled = exchange.empty_catalogue()
    exchange.import_into(filled)

    def ours(_prepared: None) -> None:
        if not exchange.import_into(filled).nothing_new:
            raise BenchmarkError("the second import changed something")

    def baseline(_prepared: None) -> None:
        with exchange.bundle.open("rb") as handle:
            json.load(handle)
        connection = sqlite3.connect(filled.catalogue_file)
        for table in RECORD_TABLES:
            connection.execute(f"SELECT uuid, version FROM {table}").fetchall()
        connection.close()

    def nothing() -> None:
        return None

    ours_time, baseline_time = _medians((nothing, ours), (nothing, baseline), context)
    name = "import the same bundle again (nothing changes)"
    note = (f"{name}: the whole check of the bundle, then every version compared with the "
            "catalogue's; nothing written, no backup")  # fmt: skip
    return [Row(name, ours_time, "json.load + one SELECT of all rows", baseline_time,
                REIMPORT_TARGET, note=note)]  # fmt: skip


def import_memory(context: BenchContext) -> list[Row]:
    """Peak memory of an import into an empty catalogue, in a fresh process."""
    exchange = _exchange(context)
    ours = f"""
        from pathlib import Path
        from ccn_desktop.catalogue.facade import Catalogue
        from ccn_desktop.exchange.apply import apply_plan
        from ccn_desktop.exchange.plan import make_plan
        from ccn_desktop.exchange.verify import read_bundle
        from ccn_desktop.paths import DataPaths
        import shutil, tempfile
        folder = Path(tempfile.mkdtemp()) / "data"
        shutil.copytree({str(exchange.empty_template)!r}, folder)
        with Catalogue.open(DataPaths.in_folder(folder)) as catalogue:
            plan = make_plan(catalogue, read_bundle({str(exchange.bundle)!r}))
            apply_plan(catalogue, plan, trust=True)
        shutil.rmtree(folder.parent)
    """
    baseline = f"""
        import json
        with open({str(exchange.bundle)!r}, "rb") as handle:
            json.load(handle)
    """
    (_, ours_mb), (_, base_mb) = compare_processes(ours, baseline, repeat=1)
    size = exchange.bundle.stat().st_size / 1024 / 1024
    name = f"import into an empty catalogue: peak memory (bundle {size:,.0f} MB on disk)"
    return [Row(name, ours_mb, "python + json.load of the bundle", base_mb, unit="MB")]


BENCHMARKS = [export_full, import_into_empty, import_again, import_memory]
