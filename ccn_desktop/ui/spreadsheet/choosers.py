"""The file choosers of the spreadsheet features: module-level functions, so tests replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Spreadsheet", text)


def _filters() -> str:
    return tr("Excel workbook (*.xlsx);;CSV file, UTF-8 (*.csv)")


def choose_target(parent: QWidget | None, title: str, start: Path) -> Path | None:
    """Where to write a sheet (.xlsx or .csv, by the filter chosen); None when cancelled."""
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(start), _filters())
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_name(path.name + (".csv" if "csv" in chosen_filter.lower() else ".xlsx"))
    return path


def choose_sheet(parent: QWidget | None, start: Path) -> Path | None:
    """The sheet to import; None when cancelled."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        tr("Import a spreadsheet"),
        str(start),
        tr("Spreadsheets (*.xlsx *.csv);;All files (*)"),
    )
    return Path(chosen) if chosen else None
