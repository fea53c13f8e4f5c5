"""An import through a preview, whatever is imported: guard (one at a time, not into a
read-only catalogue) → plan (worker) → preview → apply (worker, after a backup) → report.

Nothing is written before the user presses Import in the preview; Cancel there, or
any refusal on the way, leaves the catalogue as it was. A bundle (import_flow.py) and
a spreadsheet (ui/spreadsheet/import_flow.py) say what plans, previews, applies and
reports; the steps between are here once.
"""

from __future__ import annotations

import threading
from abc import abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.errors import ExchangeCancelled
from ccn_desktop.ui import worker
from ccn_desktop.ui.exchange.settings import last_folder, remember_folder
from ccn_desktop.ui.exchange.values import CityNameBook, tr

Report = Callable[[str, int, int], None]


def engine_progress(progress: worker.Progress) -> Report:
    """The engine reports (text, done, total); the worker's Progress takes (done, total, text)."""

    def report(text: str, done: int, total: int) -> None:
        progress.report(done, total, text)

    return report


class PreviewedImport(QObject):
    """Runs one import at a time for a window. Dialogs it opens are kept as attributes
    (`preview`, `message`) for whoever needs to look at them (tests, screenshots).

    A subclass names the flow (`title`), chooses the file (`choose_file`), plans in the
    worker (`plan_file`), says when there is nothing to do (`nothing_to_do`), makes the
    preview (`make_preview`, a dialog with `plan`, `import_requested(bool)`,
    `cancel_requested`, `set_busy` and `show_progress`), applies in the worker
    (`write`), and reports (`show_summary`, `refuse`).
    """

    imported = Signal(object)  # what `write` returned, after the catalogue changed
    finished = Signal()  # the flow ended, however it ended

    def __init__(
        self, parent: QWidget, catalogue: Catalogue | Callable[[], Catalogue], settings: QSettings
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._catalogue = catalogue
        self.settings = settings
        self.preview: Any = None  # the preview dialog shown now
        self.message: QMessageBox | None = None
        self.task: worker.Task | None = None
        self.path: Path | None = None
        self.result: Any = None
        self._stop = threading.Event()

    # -- what a kind of import says ------------------------------------------------------------

    @abstractmethod
    def title(self) -> str: ...

    @abstractmethod
    def choose_file(self, folder: Path) -> Path | None: ...

    @abstractmethod
    def reading_text(self, path: Path) -> str:
        """What the progress says while `path` is read and planned."""

    @abstractmethod
    def plan_file(self, progress: worker.Progress, path: Path) -> Any: ...

    @abstractmethod
    def nothing_to_do(self, plan: Any) -> str | None:
        """The message when the plan changes nothing (then no preview), else None."""

    @abstractmethod
    def make_preview(self, plan: Any, names: CityNameBook) -> Any: ...

    @abstractmethod
    def write(
        self, plan: Any, trust: bool, progress: Report, cancel: Callable[[], bool]
    ) -> Any: ...

    @abstractmethod
    def show_summary(self, result: Any, plan: Any) -> None: ...

    @abstractmethod
    def refuse(self, exc: BaseException) -> None:
        """Say why the file was refused or the import failed (nothing was changed)."""

    # -- the steps ---------------------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue() if callable(self._catalogue) else self._catalogue

    @property
    def busy(self) -> bool:
        return (self.task is not None and self.task.running) or (
            self.preview is not None and self.preview.isVisible()
        )

    def choose_and_import(self) -> None:
        path = self.choose_file(last_folder(self.settings))
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path | str) -> None:
        """Check and plan `path` in the background, then show the preview."""
        path = Path(path)
        if not self._may_start(path):
            return
        if path.parent.is_dir():
            remember_folder(self.settings, path.parent)
        self.task = worker.run_with_progress(
            self._parent,
            self.title(),
            self.reading_text(path),
            self.plan_file,
            path,
            on_done=self._planned,
            on_error=self.refuse,
        )
        self.task.cancelled.connect(self.finished.emit)

    def _may_start(self, path: Path | None) -> bool:
        """Start a new flow, unless one is under way or the catalogue cannot be written
        (the user is told why)."""
        if self.busy:
            self._inform(tr("An import is already under way; finish it first."))
            return False
        if self.catalogue.read_only:
            self._inform(
                tr("This catalogue is open read-only, so nothing can be imported into it.")
            )
            return False
        self.path = path
        self.result = None
        self.message = None
        return True

    def _planned(self, plan: Any) -> None:
        nothing = self.nothing_to_do(plan)
        if nothing is not None:
            self._inform(nothing)
            return
        self.preview = preview = self.make_preview(plan, CityNameBook(self.catalogue))
        preview.setWindowModality(Qt.WindowModality.WindowModal)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.import_requested.connect(self._apply)
        preview.cancel_requested.connect(self._stop.set)
        preview.rejected.connect(self.finished.emit)
        preview.destroyed.connect(self._preview_gone)
        preview.open()

    def _preview_gone(self, *_args: object) -> None:
        self.preview = None

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

    def _apply_work(self, progress: worker.Progress, plan: Any, trust: bool) -> Any:
        try:
            return self.write(plan, trust, engine_progress(progress), self._stop.is_set)
        except ExchangeCancelled:
            raise worker.Cancelled from None

    def _close_preview(self) -> None:
        """Close the preview once the import ended; the flow goes on (summary or message),
        so its closing is not the end of the flow."""
        if self.preview is not None:
            self.preview.set_busy(False)
            self.preview.blockSignals(True)  # `destroyed` still reaches _preview_gone
            self.preview.done(QDialog.DialogCode.Accepted)

    def _applied(self, result: Any) -> None:
        plan = self.preview.plan if self.preview is not None else None
        self._close_preview()
        self.result = result
        self.imported.emit(result)
        self.show_summary(result, plan)

    def _apply_failed(self, exc: BaseException) -> None:
        self._close_preview()
        self.refuse(exc)

    def _apply_cancelled(self) -> None:
        self._close_preview()
        self._inform(tr("The import was cancelled; nothing was changed."))

    # -- messages ----------------------------------------------------------------------------------

    def _inform(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.title(), text,
                          QMessageBox.StandardButton.Close, self._parent)  # fmt: skip
        self._open(box)

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

    def _ended(self, *_args: object) -> None:
        self.finished.emit()
