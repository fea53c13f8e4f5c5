"""File ▸ Back up now and File ▸ Restore from backup…

Restoring replaces the catalogue file under the window, so it runs in three steps
the window takes part in: its catalogue is closed, the backup is restored (the
current file is backed up first), and a freshly opened catalogue is handed to
`reopen`, the window's callback, which shows it. No event is processed between
the first two steps, so nothing in the window touches the file while it is swapped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QObject,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.backups import MANUAL, Backup, list_backups, take_backup
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.restore import RestoreResult, restore_backup
from ccn_desktop.errors import user_message
from ccn_desktop.i18n import N_
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.feature_host import add_file_actions, host_of
from ccn_desktop.ui.table_model import RIGHT_ALIGNED, ItemListModel

log = logging.getLogger(__name__)

Reopen = Callable[[Catalogue], None]

_TRIGGERS = {
    "daily": N_("First opening of the day"),
    "manual": N_("By hand (Back up now)"),
    "before-restore": N_("Before a restore"),
    "before-import": N_("Before an import"),
}


def trigger_label(trigger: str) -> str:
    """What made the backup, in words."""
    if trigger in _TRIGGERS:
        return QCoreApplication.translate("Backups", _TRIGGERS[trigger])
    if trigger.startswith("before-import"):
        return QCoreApplication.translate("Backups", "Before an import")
    if trigger.startswith("before-upgrade"):
        return QCoreApplication.translate("Backups", "Before an upgrade of the catalogue")
    return trigger.replace("-", " ").capitalize()


def when_text(backup: Backup) -> str:
    """The backup's date and time in local time, in words, as this computer writes them."""
    local = backup.when.astimezone()
    locale = QLocale()
    day = locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.LongFormat)
    hour = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return f"{day}, {hour}"


def short_when_text(backup: Backup) -> str:
    """Local date and time, year first, so that a column of them reads in order."""
    return f"{backup.when.astimezone():%Y-%m-%d %H:%M:%S}"


class BackupTableModel(ItemListModel[Backup]):
    """The backups folder as a table: when (local time), size, what triggered it."""

    HEADERS = (N_("When"), N_("Size"), N_("Reason"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locale = QLocale()

    def set_backups(self, backups: Sequence[Backup]) -> None:
        self.set_items(backups)

    def backup(self, row: int) -> Backup:
        return self.item_at(row)

    def cell(self, backup: Backup, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return short_when_text(backup)
            if column == 1:
                return self._locale.formattedDataSize(backup.size)
            if column == 2:
                return trigger_label(backup.trigger)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.UserRole:
            return str(backup.path)
        return None


class RestoreDialog(QDialog):
    """Pick a backup; `restore_requested` carries it once the user has confirmed."""

    restore_requested = Signal(object)

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setWindowTitle(self.tr("Restore from backup"))
        intro = QLabel(
            self.tr(
                "Choose the backup to bring back. The catalogue as it is now is backed up "
                "first, so a restore can itself be undone by restoring that backup."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setAccessibleName(self.tr("Backups"))
        self.empty = QLabel(self.tr("There are no backups yet."), self)
        folder_text = self.tr("Backups are kept in %1").replace("%1", str(paths.backups_dir))
        self.folder = QLabel(folder_text, self)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._confirm)
        self.view.doubleClicked.connect(self._confirm)
        layout = QVBoxLayout(self)
        for widget in (intro, self.view, self.empty, self.folder, buttons):
            layout.addWidget(widget)
        layout.setStretch(1, 1)  # extra height goes to the list, never between labels
        self.refresh()
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.resize(620, self._fitted_height())

    def _fitted_height(self) -> int:
        """A first guess of the height the backups need; `_fit` trims it once shown."""
        rows = min(max(self.model.rowCount(), 3), 12)
        table = (
            self.view.horizontalHeader().sizeHint().height()
            + rows * self.view.verticalHeader().defaultSectionSize()
            + 2 * self.view.frameWidth()
            + 4
        )
        return self.sizeHint().height() - self.view.sizeHint().height() + table

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        """As tall as the backups need (three to a dozen rows), not an acre of blank."""
        if self.model.rowCount():
            rows = min(max(self.model.rowCount(), 3), 12)
            wanted = rows * self.view.verticalHeader().defaultSectionSize()
            spare = self.view.viewport().height() - wanted
        else:
            spare = self.height() - self.minimumSizeHint().height()
        if spare > 0:
            self.resize(self.width(), self.height() - spare)

    def refresh(self) -> None:
        self.model.set_backups(list_backups(self.paths.backups_dir))
        has_backups = self.model.rowCount() > 0
        self.view.setVisible(has_backups)
        self.empty.setVisible(not has_backups)
        if has_backups:
            self.view.selectRow(0)
        self._selection_changed()

    def selected_backup(self) -> Backup | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.backup(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def _confirm(self, *_args: object) -> None:
        backup = self.selected_backup()
        if backup is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore from backup"),
            self.tr(
                "Replace the catalogue with the backup of %1?\n\nChanges made since then "
                "leave the catalogue; it is backed up first, so you can restore it again."
            ).replace("%1", when_text(backup)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(backup)
            self.accept()


def back_up_now(window: QMainWindow, catalogue: Catalogue) -> Backup | None:
    """File ▸ Back up now: a backup through SQLite's backup API, said in the status bar."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        backup = take_backup(catalogue.paths, MANUAL)
    except Exception as exc:
        message = user_message(exc)
        if message is None:
            raise
        QMessageBox.warning(window, window.tr("Back up now"), message)
        return None
    finally:
        QApplication.restoreOverrideCursor()
    size = QLocale().formattedDataSize(backup.size)
    window.statusBar().showMessage(
        window.tr("Backed up: %1 (%2)").replace("%1", backup.name).replace("%2", size), 10_000
    )
    return backup


def restore_into_window(
    window: QMainWindow, catalogue: Catalogue, backup: Backup, reopen: Reopen
) -> RestoreResult | None:
    """Close the window's catalogue, restore `backup`, and hand the reopened one to `reopen`.

    On failure the untouched catalogue is reopened and the reason shown.
    """
    paths = catalogue.paths
    failure: Exception | None = None
    result = None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        catalogue.close()
        try:
            result = restore_backup(paths, backup)
        except Exception as exc:
            failure = exc
        reopened = Catalogue.open(paths)
    finally:
        QApplication.restoreOverrideCursor()
    reopen(reopened)
    title = window.tr("Restore from backup")
    parent = window if window.isVisible() else QApplication.activeWindow()
    if failure is not None:
        message = user_message(failure)
        if message is None:
            raise failure
        QMessageBox.warning(parent, title, message)
        return None
    assert result is not None
    lines = [window.tr("The catalogue was restored from the backup of %1.")]
    if result.safety_backup is not None:
        lines.append(window.tr("The catalogue it replaced was backed up as %2."))
    if result.kept_aside is not None:
        lines.append(window.tr("The damaged catalogue was kept as %2."))
    kept = result.safety_backup or result.kept_aside
    text = " ".join(lines).replace("%1", when_text(backup)).replace("%2", str(kept))
    QMessageBox.information(parent, title, text)
    return result


def install_backup_actions(
    window: QMainWindow, reopen: Reopen, catalogue: Callable[[], Catalogue] | None = None
) -> tuple[QAction, QAction]:
    """Add File ▸ Back up now and File ▸ Restore from backup… to `window`.

    Uses the window's `add_file_action(action, toolbar=False)` when it has one, else a
    File menu in its menu bar. `catalogue` returns the window's open catalogue (by
    default its `catalogue` attribute); `reopen` receives the catalogue after a restore.
    """
    host = host_of(window)

    def window_catalogue() -> Catalogue:
        shown = host.catalogue if host is not None else None
        if shown is None:
            raise ValueError("backups need a catalogue: pass one or install in the main window")
        return shown

    current = catalogue or window_catalogue
    back_up = QAction(window.tr("&Back up now"), window)
    back_up.setStatusTip(window.tr("Save a copy of the catalogue in the backups folder"))
    back_up.triggered.connect(lambda: back_up_now(window, current()))
    restore = QAction(window.tr("&Restore from backup…"), window)
    restore.setStatusTip(window.tr("Bring back the catalogue as it was in an earlier backup"))

    def open_restore_dialog() -> None:
        if window.isWindowModified():
            QMessageBox.information(
                window,
                window.tr("Restore from backup"),
                window.tr(
                    "The form has changes that are not saved. Save them (or undo them) "
                    "before restoring a backup, so that nothing you typed is lost."
                ),
            )
            return
        dialog = RestoreDialog(current().paths, window)
        dialog.restore_requested.connect(
            lambda backup: restore_into_window(window, current(), backup, reopen)
        )
        dialog.exec()
        dialog.deleteLater()

    restore.triggered.connect(open_restore_dialog)
    back_up.setShortcut(QKeySequence("Ctrl+Shift+B"))
    add_file_actions(window, (back_up, restore), toolbar=False)
    return back_up, restore
