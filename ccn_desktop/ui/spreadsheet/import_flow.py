"""File ▸ Import spreadsheet…: choose → read and plan (worker) → preview → apply (worker) → summary.

The steps of every previewed import (ui/exchange/previewed_import.py), as for a
bundle: nothing is written before Import in the preview; a refusal is one sentence,
and a sheet whose cells break the rules lists every problem by its place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ccn_desktop.exchange.record_changes import ChangeKind, counted
from ccn_desktop.exchange.spreadsheet import (
    SheetPlan,
    SheetProblems,
    SheetResult,
    apply_sheet_plan,
    make_sheet_plan,
)
from ccn_desktop.i18n import number
from ccn_desktop.ui import worker
from ccn_desktop.ui.exchange.previewed_import import PreviewedImport, Report, engine_progress
from ccn_desktop.ui.exchange.refusal import show_refusal
from ccn_desktop.ui.exchange.values import CityNameBook
from ccn_desktop.ui.spreadsheet import choosers
from ccn_desktop.ui.spreadsheet.choosers import tr
from ccn_desktop.ui.spreadsheet.preview import SheetPreviewDialog

SHOWN_PROBLEMS = 15  # in the message itself; every listed problem is in its details


class SheetImportController(PreviewedImport):
    """One sheet import at a time; `preview` and `message` are the dialogs shown now;
    `imported` carries the SheetResult."""

    preview: SheetPreviewDialog | None
    result: SheetResult | None

    def title(self) -> str:
        return tr("Import spreadsheet")

    def choose_file(self, folder: Path) -> Path | None:
        return choosers.choose_sheet(self._parent, folder)

    def reading_text(self, path: Path) -> str:
        return tr("Reading {name}…").format(name=path.name)

    def plan_file(self, progress: worker.Progress, path: Path) -> SheetPlan:
        progress.report(0, 0, tr("Reading {name}…").format(name=path.name))
        return make_sheet_plan(self.catalogue, path, progress=engine_progress(progress))

    def refuse(self, exc: BaseException) -> None:
        if isinstance(exc, SheetProblems):
            box = QMessageBox(self._parent)
            box.setObjectName("spreadsheet-problems")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(tr("Import spreadsheet"))
            box.setText(exc.summary)
            shown = exc.problems[:SHOWN_PROBLEMS]
            more = exc.total - len(shown)
            lines = list(shown)
            if more:
                lines.append(tr("… and {count} more (Show Details…).").format(count=more))
            lines.append("")
            lines.append(tr("Correct the sheet and import it again; nothing was changed."))
            box.setInformativeText("\n".join(lines))
            box.setDetailedText(str(exc))
            box.setStandardButtons(QMessageBox.StandardButton.Close)
            self._open(box)
            return
        box = show_refusal(self._parent, exc, self.path)
        box.setWindowTitle(tr("Import spreadsheet"))
        self._track(box)

    def nothing_to_do(self, plan: SheetPlan) -> str | None:
        if not plan.nothing_to_do:
            return None
        return tr(
            "Nothing to change: every row of {name} is already as in this catalogue ({count} rows)."
        ).format(name=plan.file_name, count=number(plan.total(ChangeKind.UNCHANGED)))

    def make_preview(self, plan: SheetPlan, names: CityNameBook) -> SheetPreviewDialog:
        return SheetPreviewDialog(self._parent, plan, names)

    def write(
        self, plan: SheetPlan, trust: bool, progress: Report, cancel: Callable[[], bool]
    ) -> SheetResult:
        """`trust` is a bundle's matter: a sheet is always checked."""
        return apply_sheet_plan(self.catalogue, plan, progress=progress, cancel=cancel)

    def show_summary(self, result: SheetResult, plan: SheetPlan | None) -> None:
        lines = [
            ", ".join(
                counted(kind, result.total(kind))
                for kind in (ChangeKind.NEW, ChangeKind.UPDATED, ChangeKind.UNCHANGED)
            )
            + "."
        ]
        if result.backup_path is not None:
            lines.append(
                tr("The catalogue was backed up before the import, as {file}.").format(
                    file=result.backup_path.name
                )
            )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            tr("Import spreadsheet"),
            tr("{name} was imported.").format(name=result.file_name),
            QMessageBox.StandardButton.Close,
            self._parent,
        )
        box.setObjectName("spreadsheet-summary")
        box.setInformativeText("\n".join(lines))
        self._open(box)
