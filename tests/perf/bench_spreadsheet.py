"""Spreadsheets of 100,000 cities: export to .xlsx and .csv, and import them back unchanged.

Baselines (issue 18), timed in the same run on the same rows:

* export to .xlsx — openpyxl in write-only mode appending the very rows our export
  writes (read back from our file beforehand) and saving the workbook;
* export to .csv — the `csv` module writing those rows to a UTF-8 file;
* import, nothing changed — openpyxl reading the file in read-only mode (or the
  `csv` module reading it) plus one SELECT of every city row; ours reads the file,
  recognises the header, compares every row with the catalogue and finds nothing to do;
* peak memory of the .xlsx and .csv imports, in a fresh process, beside the baseline's.

The heavy benchmarks run at most three times (the median is shown).
"""

from __future__ import annotations

import csv
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from tests.perf.runner import BenchContext, BenchmarkError, Row, compare_processes
from tests.perf.synthetic import records_for_cities

EXPORT_TARGET = 1.5
IMPORT_TARGET = 2.0
HEAVY_REPEAT = 3


class _Sheets:
    """The synthetic catalogue of `context.records` cities, and its exports, shared."""

    def __init__(self, context: BenchContext) -> None:
        self.context = context
        self.paths = context.catalogue_copy(records_for_cities(context.records))
        self.folder = context.folder("sheets")
        from ccn_desktop.exchange.spreadsheet import export_sheet

        self._catalogue = Catalogue.open(self.paths)  # open for every timing (closed at exit)
        self.cities = self._catalogue.count("city")
        for suffix in ("xlsx", "csv"):
            export_sheet(self._catalogue, "city", self.file(suffix))

    def catalogue(self) -> Catalogue:
        return self._catalogue

    def file(self, suffix: str) -> Path:
        return self.folder / f"cities.{suffix}"

    def xlsx_rows(self) -> list[list[Any]]:
        import openpyxl

        workbook = openpyxl.load_workbook(self.file("xlsx"), read_only=True)
        rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
        return rows

    def csv_rows(self) -> list[list[str]]:
        with self.file("csv").open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle))


_SHARED: dict[int, _Sheets] = {}


def _sheets(context: BenchContext) -> _Sheets:
    if id(context) not in _SHARED:
        for old in _SHARED.values():
            old.catalogue().close()
        _SHARED.clear()
        _SHARED[id(context)] = _Sheets(context)
    return _SHARED[id(context)]


def _medians(
    ours: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[float, float]:
    ours_times, baseline_times = [], []
    for _ in range(repeat):
        for function, times in ((ours, ours_times), (baseline, baseline_times)):
            start = time.process_time() if _cpu() else time.perf_counter()
            function()
            end = time.process_time() if _cpu() else time.perf_counter()
            times.append(end - start)
    return statistics.median(ours_times), statistics.median(baseline_times)


def _cpu() -> bool:
    from tests.perf import runner

    return getattr(runner, "_clock_name", "cpu") == "cpu"


def _export(context: BenchContext, suffix: str) -> list[Row]:
    from ccn_desktop.exchange.spreadsheet import export_sheet

    sheets = _sheets(context)
    rows = sheets.xlsx_rows() if suffix == "xlsx" else sheets.csv_rows()
    if len(rows) != sheets.cities + 1:
        raise BenchmarkError(f"the .{suffix} export holds {len(rows) - 1:,} rows")
    target = sheets.folder / f"again.{suffix}"
    baseline_target = sheets.folder / f"baseline.{suffix}"

    catalogue = sheets.catalogue()

    def ours() -> None:
        export_sheet(catalogue, "city", target)

    def baseline() -> None:
        if suffix == "xlsx":
            from openpyxl import Workbook

            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet("Cities")
            for row in rows:
                sheet.append(row)
            workbook.save(baseline_target)
        else:
            with baseline_target.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle).writerows(rows)

    ours_time, baseline_time = _medians(ours, baseline, min(context.repeat, HEAVY_REPEAT))
    size = sheets.file(suffix).stat().st_size
    name = f"export {len(rows) - 1:,} cities to .{suffix}"
    library = "openpyxl write-only" if suffix == "xlsx" else "csv.writer"
    if suffix == "xlsx":
        what = ("values to cells (lists, city names, dates, inert formulas), header, drop-down "
                "lists, frozen pane")  # fmt: skip
    else:
        what = "values to CSV text (lists a line each, city names, formula guard), UTF-8 with BOM"
    note = (f"{name}: export_sheet — one SELECT of the rows and links, {what}; temporary file "
            f"synced and renamed; {size / 1e6:,.0f} MB")  # fmt: skip
    return [Row(name, ours_time, f"{library} of the same rows", baseline_time, EXPORT_TARGET,
                note=note)]  # fmt: skip


def _select_all(paths: DataPaths) -> int:
    connection = sqlite3.connect(paths.catalogue_file)
    try:
        return len(connection.execute("SELECT * FROM city").fetchall())
    finally:
        connection.close()


def _import(context: BenchContext, suffix: str) -> list[Row]:
    from ccn_desktop.exchange.spreadsheet import make_sheet_plan

    sheets = _sheets(context)
    path = sheets.file(suffix)
    catalogue = sheets.catalogue()
    plan = make_sheet_plan(catalogue, path)
    if not plan.nothing_to_do:
        raise BenchmarkError(f"importing the unchanged .{suffix} export would change records")

    def ours() -> None:
        make_sheet_plan(catalogue, path)

    def baseline() -> None:
        if suffix == "xlsx":
            import openpyxl

            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
            for _row in workbook.worksheets[0].iter_rows(values_only=True):
                pass
            workbook.close()
        else:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for _row in csv.reader(handle):
                    pass
        _select_all(sheets.paths)

    ours_time, baseline_time = _medians(ours, baseline, min(context.repeat, HEAVY_REPEAT))
    unchanged = plan.counts["city"]["unchanged"]
    name = f"import that .{suffix} back, nothing changed ({unchanged:,} rows)"
    library = "openpyxl read-only" if suffix == "xlsx" else "csv.reader"
    note = (f"{name}: make_sheet_plan — size and format checks, formula scan, read, header "
            "recognised, one SELECT of the records, every row compared cell by cell")  # fmt: skip
    return [Row(name, ours_time, f"{library} + one SELECT of all rows", baseline_time,
                IMPORT_TARGET, note=note)]  # fmt: skip


def export_xlsx(context: BenchContext) -> list[Row]:
    return _export(context, "xlsx")


def export_csv(context: BenchContext) -> list[Row]:
    return _export(context, "csv")


def import_xlsx(context: BenchContext) -> list[Row]:
    return _import(context, "xlsx")


def import_csv(context: BenchContext) -> list[Row]:
    return _import(context, "csv")


def _import_memory(context: BenchContext, suffix: str) -> list[Row]:
    """Peak memory of planning the import, in a fresh process each."""
    sheets = _sheets(context)
    data_dir, sheet = str(sheets.paths.data_dir), str(sheets.file(suffix))
    ours = f"""
        from ccn_desktop.catalogue.facade import Catalogue
        from ccn_desktop.exchange.spreadsheet import make_sheet_plan
        from ccn_desktop.paths import DataPaths
        with Catalogue.open(DataPaths.in_folder({data_dir!r})) as catalogue:
            make_sheet_plan(catalogue, {sheet!r})
    """
    if suffix == "xlsx":
        read = f"""
        import openpyxl
        workbook = openpyxl.load_workbook({sheet!r}, read_only=True, data_only=True)
        rows = [row for row in workbook.worksheets[0].iter_rows(values_only=True)]
        """
    else:
        read = f"""
        import csv
        with open({sheet!r}, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        """
    baseline = (
        read
        + f"""
        import sqlite3
        connection = sqlite3.connect({str(sheets.paths.catalogue_file)!r})
        everything = connection.execute("SELECT * FROM city").fetchall()
    """
    )
    (_, ours_mb), (_, baseline_mb) = compare_processes(ours, baseline, repeat=1)
    name = f"peak memory of the .{suffix} import (MB)"
    library = "openpyxl" if suffix == "xlsx" else "csv.reader"
    note = (f"{name}: a fresh process planning the import, beside one reading every row "
            "into a list and SELECTing every city")  # fmt: skip
    return [Row(name, ours_mb, f"{library} rows + SELECT, kept in lists", baseline_mb,
                note=note, unit="MB")]  # fmt: skip


def import_memory(context: BenchContext) -> list[Row]:
    return _import_memory(context, "xlsx")


def import_csv_memory(context: BenchContext) -> list[Row]:
    return _import_memory(context, "csv")


BENCHMARKS = [export_xlsx, export_csv, import_xlsx, import_csv, import_memory, import_csv_memory]
