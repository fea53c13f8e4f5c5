"""File ▸ Import bundle…: choose → verify and plan (worker) → preview → apply (worker) → summary.

The steps are those of every previewed import (previewed_import.py): nothing is
written before the user presses Import in the preview; Cancel there, or any refusal
on the way, leaves the catalogue as it was. Applying is the engine's one transaction
after a backup; Cancel while it runs rolls it back. The same flow takes the reference
data installed with the program (`update_reference`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.exchange.apply import ImportResult, apply_plan
from ccn_desktop.exchange.plan import ImportPlan, make_plan
from ccn_desktop.exchange.record_changes import ChangeKind, counted
from ccn_desktop.exchange.reference import ReferenceUpdate, apply_update, plan_update
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.ui import worker
from ccn_desktop.ui.exchange import choosers
from ccn_desktop.ui.exchange.preview import PreviewDialog
from ccn_desktop.ui.exchange.preview_models import COUNT_KINDS
from ccn_desktop.ui.exchange.previewed_import import PreviewedImport, Report, engine_progress
from ccn_desktop.ui.exchange.refusal import show_refusal
from ccn_desktop.ui.exchange.values import CityNameBook, entity_label, ntr, tr


def counts_lines(counts: dict[str, dict[str, int]]) -> list[str]:
    """'Cities: 3 new, 1 updated' for each kind of record that changed."""
    lines = []
    for entity in ENTITIES:
        parts = [
            counted(kind, counts[entity][kind])
            for kind in COUNT_KINDS
            if kind != ChangeKind.UNCHANGED and counts[entity].get(kind, 0)
        ]
        if parts:
            lines.append(
                tr("{label}: {value}").format(label=entity_label(entity, 2), value=", ".join(parts))
            )
    return lines


class ImportController(PreviewedImport):
    """Imports a bundle, or the reference data, through the preview."""

    # `imported` (PreviewedImport) carries the ImportResult.
    conflicts_requested = Signal()
    duplicates_requested = Signal()

    preview: PreviewDialog | None
    result: ImportResult | None
    reference: ReferenceUpdate | None = None  # set while the reference is the source

    # -- step 1: the file, or the reference data ---------------------------------------------------

    def title(self) -> str:
        return tr("Import bundle")

    def choose_file(self, folder: Path) -> Path | None:
        return choosers.choose_bundle_file(self._parent, folder)

    def reading_text(self, path: Path) -> str:
        return tr("Checking {name}…").format(name=path.name)

    def _may_start(self, path: Path | None, reference: ReferenceUpdate | None = None) -> bool:
        if not super()._may_start(path):
            return False
        self.reference = reference
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
            on_error=self.refuse,
        )
        self.task.cancelled.connect(self.finished.emit)

    def _reference_planned(self, update: ReferenceUpdate) -> None:
        self.reference = update
        if update.nothing_new:
            self._inform(update.summary())
            return
        self._planned(update.plan)

    def plan_file(self, progress: worker.Progress, path: Path) -> ImportPlan:
        progress.report(0, 0, tr("Checking {name}…").format(name=path.name))
        bundle = read_bundle(path)
        progress.check()
        return make_plan(self.catalogue, bundle, progress=engine_progress(progress))

    def refuse(self, exc: BaseException) -> None:
        self._track(show_refusal(self._parent, exc, self.path))

    # -- step 2: the preview -------------------------------------------------------------------

    def nothing_to_do(self, plan: ImportPlan) -> str | None:
        if not plan.nothing_to_do:
            return None
        return tr(
            "Nothing new: everything in {name} from {office} is already in this "
            "catalogue. Nothing was changed."
        ).format(name=self.path.name if self.path else "", office=plan.bundle.office_name)

    def make_preview(self, plan: ImportPlan, names: CityNameBook) -> PreviewDialog:
        return PreviewDialog(self._parent, plan, names)

    # -- step 3: apply ---------------------------------------------------------------------------

    def write(
        self, plan: ImportPlan, trust: bool, progress: Report, cancel: Callable[[], bool]
    ) -> ImportResult:
        reference = self.reference
        if reference is not None and plan is reference.plan:
            return apply_update(self.catalogue, reference, progress=progress, cancel=cancel)
        return apply_plan(self.catalogue, plan, trust=trust, progress=progress, cancel=cancel)

    # -- step 4: the summary ---------------------------------------------------------------------

    def show_summary(self, result: ImportResult, plan: ImportPlan | None) -> None:
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
