"""File ▸ Import bundle…: choose → verify and plan (worker) → preview → apply (worker) → summary.

Nothing is written before the user presses Import in the preview; Cancel there,
or any refusal on the way, leaves the catalogue as it was. Applying is the
engine's one transaction after a backup; Cancel while it runs rolls it back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWidget

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.apply import ImportResult, apply_plan
from ccn_desktop.exchange.errors import ExchangeCancelled
from ccn_desktop.exchange.plan import ImportPlan, make_plan
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.exchange.reference import ReferenceUpdate, apply_update, plan_update
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.ui import worker
from ccn_desktop.ui.exchange import choosers
from ccn_desktop.ui.exchange.preview import PreviewDialog
from ccn_desktop.ui.exchange.preview_models import COUNT_KINDS, kind_label
from ccn_desktop.ui.exchange.refusal import show_refusal
from ccn_desktop.ui.exchange.settings import last_folder, remember_folder
from ccn_desktop.ui.exchange.values import CityNameBook, entity_label, ntr, tr


def engine_progress(progress: worker.Progress) -> Callable[[str, int, int], None]:
    """The engine reports (text, done, total); the worker's Progress takes (done, total, text)."""

    def report(text: str, done: int, total: int) -> None:
        progress.report(done, total, text)

    return report


def counts_lines(counts: dict[str, dict[str, int]]) -> list[str]:
    """'Cities: 3 new, 1 updated' for each kind of record that changed."""
    lines = []
    for entity in ENTITIES:
        parts = [
            f"{counts[entity].get(kind, 0):,} {kind_label(kind).lower()}"
            for kind in COUNT_KINDS
            if kind != ChangeKind.UNCHANGED and counts[entity].get(kind, 0)
        ]
        if parts:
            lines.append(f"{entity_label(entity, 2)}: {', '.join(parts)}")
    return lines


class ImportController(QObject):
    """Runs one import at a time for a window. Dialogs it opens are kept as attributes
    (`preview`, `message`) for whoever needs to look at them (tests, screenshots)."""

    imported = Signal(object)  # ImportResult, after the catalogue changed
    conflicts_requested = Signal()
    duplicates_requested = Signal()
    finished = Signal()  # the flow ended, however it ended

    def __init__(
        self, parent: QWidget, catalogue: Catalogue | Callable[[], Catalogue], settings: QSettings
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._catalogue = catalogue
        self.settings = settings
        self.preview: PreviewDialog | None = None
        self.message: QMessageBox | None = None
        self.task: worker.Task | None = None
        self.path: Path | None = None
        self.result: ImportResult | None = None
        self.reference: ReferenceUpdate | None = None  # set while the reference is the source
        self._stop = threading.Event()

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue() if callable(self._catalogue) else self._catalogue

    @property
    def busy(self) -> bool:
        return (self.task is not None and self.task.running) or (
            self.preview is not None and self.preview.isVisible()
        )

    # -- step 1: the file ----------------------------------------------------------------------

    def choose_and_import(self) -> None:
        path = choosers.choose_bundle_file(self._parent, last_folder(self.settings))
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path | str) -> None:
        """Check and plan `path` in the background, then show the preview."""
        path = Path(path)
        if not self._may_start(path, None):
            return
        if path.parent.is_dir():
            remember_folder(self.settings, path.parent)
        self.task = worker.run_with_progress(
            self._parent,
            tr("Import bundle"),
            tr("Checking {name}…").format(name=path.name),
            self._read_and_plan,
            path,
            on_done=self._planned,
            on_error=self._refused,
        )
        self.task.cancelled.connect(self.finished.emit)

    def _may_start(self, path: Path | None, reference: ReferenceUpdate | None) -> bool:
        """Start a new flow from `path` or the reference data, unless one is under way or
        the catalogue cannot be written (the user is told why)."""
        if self.busy:
            self._inform(tr("An import is already under way; finish it first."))
            return False
        if self.catalogue.read_only:
            self._inform(
                tr("This catalogue is open read-only, so nothing can be imported into it.")
            )
            return False
        self.path = path
        self.reference = reference
        self.result = None
        self.message = None
        return True

    def update_reference(self, update: ReferenceUpdate | None = None) -> None:
        """Preview, then take, the reference data installed with the program; `update` is
        a plan already made (by the notice), else it is made now in the background."""
        if not self._may_start(None, update):
            return
        if update is not None:
            self._reference_planned(update)
            return
        self.task = worker.run_with_progress(
            self._parent,
            tr("Update reference data"),
            tr("Comparing the reference data with this catalogue…"),
            lambda progress: plan_update(self.catalogue, progress=engine_progress(progress)),
            on_done=self._reference_planned,
            on_error=self._refused,
        )
        self.task.cancelled.connect(self.finished.emit)

    def _reference_planned(self, update: ReferenceUpdate) -> None:
        self.reference = update
        if update.nothing_new:
            self._inform(update.summary())
            return
        self._planned(update.plan)

    def _read_and_plan(self, progress: worker.Progress, path: Path) -> ImportPlan:
        progress.report(0, 0, tr("Checking {name}…").format(name=path.name))
        bundle = read_bundle(path)
        progress.check()
        return make_plan(self.catalogue, bundle, progress=engine_progress(progress))

    def _refused(self, exc: BaseException) -> None:
        self._track(show_refusal(self._parent, exc, self.path))

    # -- step 2: the preview -------------------------------------------------------------------

    def _planned(self, plan: ImportPlan) -> None:
        if plan.nothing_to_do:
            self._inform(
                tr(
                    "Nothing new: everything in {name} from {office} is already in this "
                    "catalogue. Nothing was changed."
                ).format(name=self.path.name if self.path else "", office=plan.bundle.office_name)
            )
            return
        names = CityNameBook(self.catalogue)
        self.preview = PreviewDialog(self._parent, plan, names)
        self.preview.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.import_requested.connect(self._apply)
        self.preview.cancel_requested.connect(self._stop.set)
        self.preview.rejected.connect(self.finished.emit)
        self.preview.destroyed.connect(self._preview_gone)
        self.preview.open()

    def _preview_gone(self, *_args: object) -> None:
        self.preview = None

    # -- step 3: apply ---------------------------------------------------------------------------

    def _apply(self, trust: bool) -> None:
        preview = self.preview
        if preview is None or (self.task is not None and self.task.running):
            return
        self._stop.clear()
        preview.set_busy(True)
        self.task = worker.Task(self._apply_work, preview.plan, trust, parent=self)
        self.task.progressed.connect(preview.show_progress)
        self.task.finished.connect(self._applied)
        self.task.failed.connect(self._apply_failed)
        self.task.cancelled.connect(self._apply_cancelled)
        self.task.start()

    def _apply_work(self, progress: worker.Progress, plan: ImportPlan, trust: bool) -> ImportResult:
        try:
            reference = self.reference
            if reference is not None and plan is reference.plan:
                return apply_update(
                    self.catalogue,
                    reference,
                    progress=engine_progress(progress),
                    cancel=self._stop.is_set,
                )
            return apply_plan(
                self.catalogue,
                plan,
                trust=trust,
                progress=engine_progress(progress),
                cancel=self._stop.is_set,
            )
        except ExchangeCancelled:
            raise worker.Cancelled from None

    def _close_preview(self) -> None:
        """Close the preview once the import ended; the flow goes on (summary or message),
        so its closing is not the end of the flow."""
        if self.preview is not None:
            self.preview.set_busy(False)
            self.preview.blockSignals(True)  # `destroyed` still reaches _preview_gone
            self.preview.done(QDialog.DialogCode.Accepted)

    def _applied(self, result: ImportResult) -> None:
        plan = self.preview.plan if self.preview is not None else None
        self._close_preview()
        self.result = result
        self.imported.emit(result)
        self._show_summary(result, plan)

    def _apply_failed(self, exc: BaseException) -> None:
        self._close_preview()
        self._track(show_refusal(self._parent, exc, self.path))

    def _apply_cancelled(self) -> None:
        self._close_preview()
        self._inform(tr("The import was cancelled; nothing was changed."))

    # -- step 4: the summary ---------------------------------------------------------------------

    def _show_summary(self, result: ImportResult, plan: ImportPlan | None) -> None:
        name = self.path.name if self.path is not None else ""
        box = QMessageBox(self._parent)
        box.setObjectName("import-summary")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(tr("Import bundle"))
        if self.reference is not None:
            box.setWindowTitle(tr("Update reference data"))
            box.setText(
                tr("Release {release} of the network's reference data was taken.").format(
                    release=self.reference.release
                )
            )
        else:
            box.setText(
                tr("{name} from {office} was imported.").format(
                    name=name, office=result.office_name
                )
            )
        lines = counts_lines(result.counts) or [tr("No record changed.")]
        conflicts = sum(per.get(ChangeKind.CONFLICT, 0) for per in result.counts.values())
        if conflicts:
            lines.append(
                ntr(
                    "{count} record was changed both here and there: both versions are "
                    "kept, and the record waits for your review.",
                    "{count} records were changed both here and there: both versions are "
                    "kept, and the records wait for your review.",
                    conflicts,
                )
            )
        if result.duplicates:
            lines.append(
                ntr(
                    "{count} arriving record looks like a record already here.",
                    "{count} arriving records look like records already here.",
                    len(result.duplicates),
                )
            )
        if result.backup_path is not None:
            lines.append(
                tr("The catalogue was backed up before the import, as {file}.").format(
                    file=result.backup_path.name
                )
            )
        box.setInformativeText("\n".join(lines))
        if result.backup_path is not None:
            box.setDetailedText(tr("Backup: {path}").format(path=result.backup_path))
        self.conflicts_button: QPushButton | None = None
        self.duplicates_button: QPushButton | None = None
        if conflicts:
            self.conflicts_button = box.addButton(
                tr("Review conflicts…"), QMessageBox.ButtonRole.ActionRole
            )
        if result.duplicates:
            self.duplicates_button = box.addButton(
                tr("Review likely duplicates…"), QMessageBox.ButtonRole.ActionRole
            )
        box.addButton(QMessageBox.StandardButton.Close)
        box.buttonClicked.connect(self._summary_clicked)
        self._open(box)

    def _summary_clicked(self, button: Any) -> None:
        """Open the review once the click is over (it may ask a question of its own,
        which must not run inside the closing message box's click)."""
        if button is not None and button is self.conflicts_button:
            QTimer.singleShot(0, self, self.conflicts_requested.emit)
        elif button is not None and button is self.duplicates_button:
            QTimer.singleShot(0, self, self.duplicates_requested.emit)

    # -- messages ------------------------------------------------------------------------------

    def _inform(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, tr("Import bundle"), text,
                          QMessageBox.StandardButton.Close, self._parent)  # fmt: skip
        self._open(box)

    def _ended(self, *_args: object) -> None:
        self.finished.emit()

    def _open(self, box: QMessageBox) -> None:
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._track(box)
        box.open()

    def _track(self, box: QMessageBox) -> None:
        """`message` is the box shown now, and None once it is closed."""
        self.message = box
        box.finished.connect(self._ended)

        def gone(*_args: object) -> None:
            if self.message is box:
                self.message = None

        box.destroyed.connect(gone)
