"""File ▸ Import spreadsheet…: choose → read and plan (worker) → preview → apply (worker) → summary.

The same steps as a bundle's import (`ui/exchange/import_flow.py`): nothing is
written before Import in the preview; a refusal is one sentence, and a sheet whose
cells break the rules lists every problem by its place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.errors import ExchangeCancelled
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.exchange.spreadsheet import (
    SheetPlan,
    SheetProblems,
    SheetResult,
    apply_sheet_plan,
    make_sheet_plan,
)
from ccn_desktop.ui import worker
from ccn_desktop.ui.exchange.import_flow import engine_progress
from ccn_desktop.ui.exchange.refusal import show_refusal
from ccn_desktop.ui.exchange.settings import last_folder, remember_folder
from ccn_desktop.ui.exchange.values import CityNameBook
from ccn_desktop.ui.spreadsheet import choosers
from ccn_desktop.ui.spreadsheet.choosers import tr
from ccn_desktop.ui.spreadsheet.preview import SheetPreviewDialog

SHOWN_PROBLEMS = 15  # in the message itself; every listed problem is in its details


class SheetImportController(QObject):
    """One sheet import at a time; `preview` and `message` are the dialogs shown now."""

    imported = Signal(object)  # SheetResult, after the catalogue changed
    finished = Signal()

    def __init__(
        self, parent: QWidget, catalogue: Callable[[], Catalogue], settings: QSettings
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._catalogue = catalogue
        self.settings = settings
        self.preview: SheetPreviewDialog | None = None
        self.message: QMessageBox | None = None
        self.task: worker.Task | None = None
        self.path: Path | None = None
        self.result: SheetResult | None = None
        self._stop = threading.Event()

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue()

    @property
    def busy(self) -> bool:
        return (self.task is not None and self.task.running) or (
            self.preview is not None and self.preview.isVisible()
        )

    def choose_and_import(self) -> None:
        path = choosers.choose_sheet(self._parent, last_folder(self.settings))
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path | str) -> None:
        path = Path(path)
        if self.busy:
            self._inform(tr("An import is already under way; finish it first."))
            return
        if self.catalogue.read_only:
            self._inform(
                tr("This catalogue is open read-only, so nothing can be imported into it.")
            )
            return
        self.path, self.result, self.message = path, None, None
        if path.parent.is_dir():
            remember_folder(self.settings, path.parent)
        self.task = worker.run_with_progress(
            self._parent,
            tr("Import spreadsheet"),
            tr("Reading {name}…").format(name=path.name),
            self._plan,
            path,
            on_done=self._planned,
            on_error=self._refused,
        )
        self.task.cancelled.connect(self.finished.emit)

    def _plan(self, progress: worker.Progress, path: Path) -> SheetPlan:
        progress.report(0, 0, tr("Reading {name}…").format(name=path.name))
        return make_sheet_plan(self.catalogue, path, progress=engine_progress(progress))

    def _refused(self, exc: BaseException) -> None:
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

    def _planned(self, plan: SheetPlan) -> None:
        if plan.nothing_to_do:
            self._inform(
                tr(
                    "Nothing to change: every row of {name} is already as in this catalogue "
                    "({count:,} rows)."
                ).format(name=plan.file_name, count=plan.total(ChangeKind.UNCHANGED))
            )
            return
        self.preview = SheetPreviewDialog(self._parent, plan, CityNameBook(self.catalogue))
        self.preview.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.import_requested.connect(self._apply)
        self.preview.cancel_requested.connect(self._stop.set)
        self.preview.rejected.connect(self.finished.emit)
        self.preview.destroyed.connect(self._preview_gone)
        self.preview.open()

    def _preview_gone(self, *_args: object) -> None:
        self.preview = None

    def _apply(self, _trust: bool) -> None:
        preview = self.preview
        if preview is None or (self.task is not None and self.task.running):
            return
        self._stop.clear()
        preview.set_busy(True)
        self.task = worker.Task(self._apply_work, preview.plan, parent=self)
        self.task.progressed.connect(preview.show_progress)
        self.task.finished.connect(self._applied)
        self.task.failed.connect(self._apply_failed)
        self.task.cancelled.connect(self._apply_cancelled)
        self.task.start()

    def _apply_work(self, progress: worker.Progress, plan: SheetPlan) -> SheetResult:
        try:
            return apply_sheet_plan(
                self.catalogue, plan, progress=engine_progress(progress), cancel=self._stop.is_set
            )
        except ExchangeCancelled:
            raise worker.Cancelled from None

    def _close_preview(self) -> None:
        if self.preview is not None:
            self.preview.set_busy(False)
            self.preview.blockSignals(True)
            self.preview.done(QDialog.DialogCode.Accepted)

    def _applied(self, result: SheetResult) -> None:
        self._close_preview()
        self.result = result
        self.imported.emit(result)
        lines = [
            tr("{new:,} new, {updated:,} updated, {unchanged:,} unchanged.").format(
                new=result.total(ChangeKind.NEW),
                updated=result.total(ChangeKind.UPDATED),
                unchanged=result.total(ChangeKind.UNCHANGED),
            )
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

    def _apply_failed(self, exc: BaseException) -> None:
        self._close_preview()
        self._refused(exc)

    def _apply_cancelled(self) -> None:
        self._close_preview()
        self._inform(tr("The import was cancelled; nothing was changed."))

    def _inform(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            tr("Import spreadsheet"),
            text,
            QMessageBox.StandardButton.Close,
            self._parent,
        )
        self._open(box)

    def _open(self, box: QMessageBox) -> None:
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._track(box)
        box.open()

    def _track(self, box: QMessageBox) -> None:
        self.message = box
        box.finished.connect(lambda *_args: self.finished.emit())

        def gone(*_args: object) -> None:
            if self.message is box:
                self.message = None

        box.destroyed.connect(gone)
