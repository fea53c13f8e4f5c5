"""Fact sheets to PDF: our printing against a bare QTextDocument printing the same HTML.

Run on its own with `python -m tests.perf.bench_factsheet [--repeat N]`; it also
exposes BENCHMARKS for the runner (`python -m tests.perf`) when that is present.
Both rows start from HTML already rendered, so the ratio is the cost of our
layout, per-page footers and atomic file writing over Qt's own `print()`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHEET_TARGET = 2.0  # one sheet may take at most twice the bare QTextDocument (issue 7)

try:  # the shared runner, when it is on this branch
    from tests.perf.runner import Row, compare
except ImportError:  # standalone: the same shape of row and the same alternating timing

    @dataclass(frozen=True)
    class Row:  # type: ignore[no-redef]
        name: str
        ours: float
        baseline_name: str = ""
        baseline: float | None = None
        target: float | None = None
        note: str = ""
        unit: str = "s"
        error: str = ""

        @property
        def ratio(self) -> float | None:
            return self.ours / self.baseline if self.baseline else None

        @property
        def verdict(self) -> str:
            if self.target is None or self.ratio is None:
                return "—"
            return "ok" if self.ratio <= self.target else "MISS"

    def compare(  # type: ignore[misc]
        ours: Callable[[], object], baseline: Callable[[], object], *, repeat: int, warmup: int = 1
    ) -> tuple[float, float]:
        for _ in range(warmup):
            ours()
            baseline()
        ours_times: list[float] = []
        baseline_times: list[float] = []
        for _ in range(repeat):
            for function, times in ((ours, ours_times), (baseline, baseline_times)):
                start = time.perf_counter()
                function()
                times.append(time.perf_counter() - start)
        return statistics.median(ours_times), statistics.median(baseline_times)


SARAJEVO = "d96e3dca-5377-5172-aa56-35f38dee4101"


def _application() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _folder(context: Any, label: str) -> Path:
    return Path(context.folder(label))


def _starter_catalogue(context: Any) -> Any:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.paths import DataPaths

    return Catalogue.open(DataPaths.in_folder(_folder(context, "starter") / "data"))


def one_sheet(context: Any) -> list[Row]:
    """Sarajevo's sheet to a PDF file: ours (footer, atomic write) vs QTextDocument.print."""
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrinter

    from ccn_desktop.factsheet.content import SheetSource
    from ccn_desktop.factsheet.printing import page_layout, sheet_font, sheet_part, write_pdf

    app = _application()
    folder = _folder(context, "one-sheet")
    with _starter_catalogue(context) as catalogue:
        source = SheetSource(catalogue)
        part = sheet_part(source.sheet(SARAJEVO))

        def gather_and_render() -> None:
            sheet_part(SheetSource(catalogue).sheet(SARAJEVO))

        def ours() -> None:
            write_pdf(folder / "ours.pdf", [part], "A4")

        def baseline() -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(folder / "bare.pdf"))
            printer.setPageLayout(page_layout("A4"))
            document = QTextDocument()
            document.setDefaultFont(sheet_font())
            document.setHtml(part.html)
            document.print_(printer)

        repeat = getattr(context, "repeat", 7)
        ours_time, baseline_time = compare(ours, baseline, repeat=repeat)
        gather_time, _ = compare(gather_and_render, lambda: None, repeat=repeat)
    del app
    return [
        Row("factsheet: one sheet to PDF", ours_time, "bare QTextDocument.print", baseline_time,
            SHEET_TARGET, "same HTML, A4, HighResolution"),
        Row("factsheet: gather + render HTML", gather_time, note="facade queries + Jinja2"),
    ]  # fmt: skip


def booklet(context: Any) -> list[Row]:
    """A booklet of every starter city: time, pages per second."""
    from ccn_desktop.factsheet.content import SheetSource, all_city_uuids
    from ccn_desktop.factsheet.printing import booklet_parts, write_pdf

    app = _application()
    folder = _folder(context, "booklet")
    with _starter_catalogue(context) as catalogue:
        uuids = all_city_uuids(catalogue)
        start = time.perf_counter()
        pages = write_pdf(
            folder / "all.pdf", booklet_parts(SheetSource(catalogue), uuids, "All"), "A4"
        )
        seconds = time.perf_counter() - start
    del app
    note = f"{len(uuids)} cities, {pages} pages, {pages / seconds:.0f} pages/s"
    return [Row("factsheet: booklet of every starter city", seconds, note=note)]


BENCHMARKS = [one_sheet, booklet]


@dataclass
class _Context:
    """What the runner's context offers that these benchmarks use: repeats, scratch folders."""

    repeat: int
    scratch: Path

    def folder(self, label: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=f"{label}-", dir=self.scratch))
        return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-factsheet-") as scratch:
        context = _Context(args.repeat, Path(scratch))
        rows = [row for benchmark in BENCHMARKS for row in benchmark(context)]
    table = [("benchmark", "ours", "baseline", "baseline time", "ratio", "target", "verdict",
              "note")]  # fmt: skip
    for row in rows:
        table.append((
            row.name, f"{row.ours * 1000:.1f} ms", row.baseline_name,
            f"{row.baseline * 1000:.1f} ms" if row.baseline else "",
            f"{row.ratio:.2f}×" if row.ratio else "",
            f"≤ {row.target:.1f}×" if row.target else "", row.verdict, row.note,
        ))  # fmt: skip
    widths = [max(len(line[column]) for line in table) for column in range(len(table[0]))]
    for number, line in enumerate(table):
        print(" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if number == 0:
            print("-+-".join("-" * width for width in widths))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
