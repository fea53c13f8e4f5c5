"""Exchange ▸ Sync with a stick or folder…, and the banner when a stick is put in.

The steps are the engine's (`exchange.sync.SyncRun`), each long one on the worker:
read the folder → for each bundle to import: plan, then the usual preview (which shows
an unknown signer's fingerprint and asks to trust it) and apply with a backup — Cancel
in a preview skips that bundle only → leave the bundles → the summary, per office.
The folder chosen is remembered for the next sync.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.errors import ExchangeCancelled, ExchangeError
from ccn_desktop.exchange.plan import ImportPlan
from ccn_desktop.exchange.sync import Arrival, SyncReport, SyncRun
from ccn_desktop.exchange.sync_folder import FolderFile
from ccn_desktop.ui import worker
from ccn_desktop.ui.exchange.preview import PreviewDialog
from ccn_desktop.ui.exchange.previewed_import import engine_progress
from ccn_desktop.ui.exchange.refusal import show_refusal
from ccn_desktop.ui.exchange.sync_summary import SyncBanner, SyncSummaryDialog
from ccn_desktop.ui.exchange.values import CityNameBook, tr
from ccn_desktop.ui.exchange.volumes import StickWatcher, Volume, VolumeProvider, mounted_volumes

SYNC_FOLDER_KEY = "exchange/sync-folder"


def choose_sync_folder(parent: QWidget | None, start: Path) -> Path | None:
    """The stick or shared folder to sync with; None when cancelled (tests replace it)."""
    chosen = QFileDialog.getExistingDirectory(
        parent, tr("Choose the USB stick or shared folder to sync with"), str(start)
    )
    return Path(chosen) if chosen else None


def last_sync_folder(settings: QSettings) -> Path:
    stored = settings.value(SYNC_FOLDER_KEY, "")
    folder = Path(str(stored)) if stored else Path.home()
    return folder if folder.is_dir() else Path.home()


class SyncController(QObject):
    """One sync at a time for a window. `preview`, `summary` and `message` are the
    dialogs open now, for whoever needs to look at them (tests, screenshots)."""

    imported = Signal(object)  # Arrival, after the catalogue changed
    finished = Signal(object)  # SyncReport, or None when the sync could not start

    def __init__(
        self,
        parent: QWidget,
        catalogue: Callable[[], Catalogue],
        settings: QSettings,
        may_write: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._catalogue = catalogue
        self._may_write = may_write
        self.settings = settings
        self.run: SyncRun | None = None
        self.task: worker.Task | None = None
        self.preview: PreviewDialog | None = None
        self.summary: SyncSummaryDialog | None = None
        self.message: QMessageBox | None = None
        self._queue: list[FolderFile] = []
        self._file: FolderFile | None = None

    @property
    def busy(self) -> bool:
        return self.run is not None

    def choose_and_sync(self) -> None:
        if not self._may_write():
            return
        start = last_sync_folder(self.settings)
        folder = choose_sync_folder(self._parent, start)
        if folder is not None:
            self.sync_with(folder)

    def sync_with(self, root: Path) -> None:
        """Sync with `root` (a stick or shared folder; bundles go in its ccn-exchange)."""
        if self.busy:
            self._inform(tr("A sync is already under way; finish it first."))
            return
        if not self._may_write():
            return
        catalogue = self._catalogue()
        if catalogue.read_only:
            self._inform(tr("This catalogue is open read-only, so it cannot be synced."))
            return
        try:
            self.run = SyncRun(catalogue, root)
        except ExchangeError as exc:
            self._inform(str(exc))
            self.finished.emit(None)
            return
        self.settings.setValue(SYNC_FOLDER_KEY, str(root))
        self.settings.sync()
        self._work(tr("Reading {folder}…").format(folder=root), self._start, self._started)

    # -- the steps -------------------------------------------------------------------------

    def _work(self, label: str, function: Callable[..., object], done: Callable[..., None],
              *args: object) -> None:  # fmt: skip
        self.task = worker.run_with_progress(
            self._parent, tr("Sync"), label, function, *args, on_done=done, on_error=self._failed
        )
        self.task.cancelled.connect(self._cancelled)

    def _start(self, progress: worker.Progress) -> None:
        assert self.run is not None
        try:
            self.run.start(progress=engine_progress(progress), cancel=lambda: progress.cancelled)
        except ExchangeCancelled:
            raise worker.Cancelled from None

    def _started(self, _result: object) -> None:
        assert self.run is not None
        self._queue = list(self.run.incoming)
        self._next()

    def _next(self) -> None:
        if not self._queue:
            self._work(tr("Leaving the bundles for the other offices…"), self._finish, self._done)
            return
        self._file = self._queue.pop(0)
        self._work(tr("Checking {name}…").format(name=self._file.name), self._plan,
                   self._planned, self._file)  # fmt: skip

    def _plan(self, progress: worker.Progress, file: FolderFile) -> ImportPlan | Arrival | None:
        assert self.run is not None
        plan = self.run.plan(file, progress=engine_progress(progress))
        if plan is not None and plan.nothing_to_do and plan.trusted:
            return self.run.apply(plan)  # writes nothing: no preview to show
        return plan

    def _planned(self, plan: ImportPlan | Arrival | None) -> None:
        if not isinstance(plan, ImportPlan):
            self._next()
            return
        self.preview = PreviewDialog(self._parent, plan, CityNameBook(self._catalogue()))
        self.preview.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.import_requested.connect(self._apply)
        self.preview.rejected.connect(self._not_imported)
        self.preview.open()

    def _not_imported(self) -> None:
        if self.run is not None and self._file is not None:
            self.run.skip(self._file, tr("not imported: you cancelled its preview"))
        self.preview = None
        self._next()

    def _apply(self, trust: bool) -> None:
        preview = self.preview
        if preview is None or (self.task is not None and self.task.running):
            return
        preview.set_busy(True)
        self.task = worker.Task(self._apply_work, preview.plan, trust, parent=self)
        self.task.progressed.connect(preview.show_progress)
        preview.cancel_requested.connect(self.task.cancel)
        self.task.finished.connect(self._applied)
        self.task.failed.connect(self._apply_failed)
        self.task.cancelled.connect(self._apply_cancelled)
        self.task.start()

    def _apply_work(self, progress: worker.Progress, plan: ImportPlan, trust: bool) -> Arrival:
        assert self.run is not None
        try:
            return self.run.apply(plan, trust=trust, progress=engine_progress(progress),
                                  cancel=lambda: progress.cancelled)  # fmt: skip
        except ExchangeCancelled:
            raise worker.Cancelled from None

    def _close_preview(self) -> None:
        if self.preview is not None:
            self.preview.set_busy(False)
            self.preview.blockSignals(True)
            self.preview.accept()
            self.preview = None

    def _applied(self, arrival: Arrival) -> None:
        self._close_preview()
        self.imported.emit(arrival)
        self._next()

    def _apply_failed(self, exc: BaseException) -> None:
        self._close_preview()
        if self.run is not None and self._file is not None:
            self.run.skip(self._file, str(exc))
        self._next()

    def _apply_cancelled(self) -> None:
        self._close_preview()
        if self.run is not None and self._file is not None:
            self.run.skip(self._file, tr("not imported: you cancelled the import"))
        self._next()

    def _finish(self, progress: worker.Progress) -> SyncReport:
        assert self.run is not None
        try:
            return self.run.finish(progress=engine_progress(progress),
                                   cancel=lambda: progress.cancelled)  # fmt: skip
        except ExchangeCancelled:
            raise worker.Cancelled from None

    def _done(self, report: SyncReport) -> None:
        self.run = None
        self.summary = SyncSummaryDialog(self._parent, report)
        self.summary.setWindowModality(Qt.WindowModality.WindowModal)
        self.summary.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary.destroyed.connect(self._summary_gone)
        self.summary.open()
        self.finished.emit(report)

    def _summary_gone(self, *_args: object) -> None:
        self.summary = None

    def _failed(self, exc: BaseException) -> None:
        self.run = None
        self.message = show_refusal(self._parent, exc, None)
        self.finished.emit(None)

    def _cancelled(self) -> None:
        self.run = None
        self._inform(tr("The sync was stopped. Bundles already imported or left stay whole."))
        self.finished.emit(None)

    def _inform(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, tr("Sync"), text,
                          QMessageBox.StandardButton.Close, self._parent)  # fmt: skip
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = box
        box.open()


def install_sync(
    window: QMainWindow,
    menu: QMenu,
    catalogue: Callable[[], Catalogue],
    settings: QSettings,
    refresh: Callable[[], None],
    may_write: Callable[[], bool],
    *,
    volumes: VolumeProvider | None = None,
) -> tuple[SyncController, SyncBanner, StickWatcher, QAction]:
    """Exchange ▸ Sync with a stick or folder… (first in `menu`), the banner over the
    window's tables, and the watcher that shows it when a stick is put in."""
    controller = SyncController(window, catalogue, settings, may_write)
    controller.imported.connect(lambda _arrival: refresh())
    action = QAction(tr("&Sync with a stick or folder…"), window)
    action.setStatusTip(tr("Import what came for this office and leave a bundle for each office"))
    action.triggered.connect(lambda _checked=False: controller.choose_and_sync())
    actions = menu.actions()
    if actions:
        menu.insertAction(actions[0], action)
        menu.insertSeparator(actions[0])
    else:
        menu.addAction(action)
    banner = SyncBanner(window)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, banner)
    banner.hide()
    banner.sync_requested.connect(lambda volume: controller.sync_with(volume.root))
    watcher = StickWatcher(window, volumes or mounted_volumes)
    watcher.changed.connect(banner.show_volume)
    watcher.start()
    return controller, banner, watcher, action


__all__ = ["SyncController", "Volume", "install_sync"]
