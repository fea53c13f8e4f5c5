"""One call puts the whole exchange into a window: `install_exchange_actions(window, refresh)`.

Adds File ▸ Import bundle… and Export bundle… (through `window.add_file_action`
when the window has it, else to its File menu), an Exchange menu with Sync with a
stick or folder… (and a banner offering it when a stick is put in), those, and
Conflicts, Likely duplicates, Offices and the Exchange log, the count of records
waiting for review in the status bar, and dropping a bundle file on the window.

`refresh()` is called after every change the exchange makes (an import, a
review, a merge, a rename); the window re-reads its tables there, keeping the
selection. A conflict review goes on the window's undo stack (`undo_stack`) and
is run through its `apply_write` when it has them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QStyle

from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.apply import ImportResult
from ccn_desktop.exchange.reference import ReferenceUpdate
from ccn_desktop.i18n import number
from ccn_desktop.ui.exchange.conflicts import (
    ConflictReviewDialog,
    ConflictsDialog,
    review_count,
)
from ccn_desktop.ui.exchange.drop import BundleDropFilter
from ccn_desktop.ui.exchange.duplicates import DuplicatesDialog
from ccn_desktop.ui.exchange.exchange_log import ExchangeLogDialog, RestoreBackup
from ccn_desktop.ui.exchange.exchange_menu import add_to_file_menu, exchange_menu, menu_action
from ccn_desktop.ui.exchange.export_dialog import ExportDialog, open_export_dialog
from ccn_desktop.ui.exchange.import_flow import ImportController
from ccn_desktop.ui.exchange.offices import OfficesDialog
from ccn_desktop.ui.exchange.reference_notice import install_reference_notice, plan_in_background
from ccn_desktop.ui.exchange.review_count import ReviewCount
from ccn_desktop.ui.exchange.settings import exchange_settings
from ccn_desktop.ui.exchange.sync_flow import install_sync
from ccn_desktop.ui.exchange.undo import CallbackHost, CommandHost
from ccn_desktop.ui.exchange.values import tr
from ccn_desktop.ui.exchange.volumes import VolumeProvider
from ccn_desktop.ui.exchange.window_features import features_of

_D = TypeVar("_D", bound=QDialog)


class ExchangeActions(QObject):
    """The exchange's actions and dialogs for one window (see the module docstring)."""

    def __init__(
        self,
        window: QMainWindow,
        refresh: Callable[[], None],
        *,
        catalogue: Callable[[], Catalogue] | None = None,
        restore: RestoreBackup | None = None,
        changes: Callable[[ChangeReport], None] | None = None,
        volumes: VolumeProvider | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._refresh = refresh
        self._changes = changes
        # The main window's features (a typed protocol), or None for a plain window.
        self.features = features = features_of(window)
        self._catalogue = catalogue or (lambda: _catalogue_of(window))
        self._restore = restore or (self.restore_backup if features else None)
        self.settings: QSettings = (
            features.settings if features else exchange_settings(self.catalogue.paths)
        )
        self.undo_stack: QUndoStack = features.undo_stack if features else QUndoStack(self)
        self._own_undo_stack = features is None
        self.host: CommandHost = (
            features
            if features is not None
            else CallbackHost(self._catalogue, window, lambda _entity, _uuid: self.refresh())
        )
        self.importer = ImportController(window, self._catalogue, self.settings)
        self.importer.imported.connect(self._imported)
        self.importer.conflicts_requested.connect(self.show_conflicts)
        self.importer.duplicates_requested.connect(self.show_duplicates)
        self.dialog: Any = None  # the exchange dialog open now, if any
        self._make_actions()
        self._install_menus()
        self.review_status = ReviewCount(window, features)
        self.review_status.clicked.connect(self.show_conflicts)
        self.drop_filter = BundleDropFilter(window, self.import_bundle)
        self.syncer, self.sync_banner, self.stick_watcher, self.sync_action = install_sync(
            window, self.menu, self._catalogue, self.settings, self.refresh, self.may_write,
            volumes=volumes,
        )  # fmt: skip
        self.reference_notice = install_reference_notice(window)
        self.reference_notice.review_requested.connect(self.update_reference)
        self.refresh_state()
        QTimer.singleShot(0, self, self.offer_reference_update)

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue()

    # -- building ----------------------------------------------------------------------------

    def _make_actions(self) -> None:
        style, window = self.window.style(), self.window
        self.import_action = menu_action(
            window, tr("&Import bundle…"), tr("Import a bundle from another office"),
            self.import_bundle,
        )  # fmt: skip
        self.import_action.setIconText(tr("Import"))
        self.import_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.export_action = menu_action(
            window, tr("&Export bundle…"), tr("Write a bundle for other offices"), self.export
        )
        self.export_action.setIconText(tr("Export"))
        self.export_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.conflicts_action = menu_action(
            window, tr("&Conflicts…"), tr("Review records changed in two offices at once"),
            self.show_conflicts,
        )  # fmt: skip
        self.duplicates_action = menu_action(
            window, tr("Likely &duplicates…"), tr("Merge records that look like one"),
            self.show_duplicates,
        )  # fmt: skip
        self.offices_action = menu_action(
            window, tr("&Offices…"),
            tr("This office's name and key; the offices bundles came from"), self.show_offices,
        )  # fmt: skip
        self.reference_action = menu_action(
            window, tr("Update &reference data…"),
            tr("Take the network's reference data that came with this program"),
            self.update_reference,
        )  # fmt: skip
        self.log_action = menu_action(
            window, tr("Exchange &log…"),
            tr("Every bundle exported and imported, and their backups"), self.show_log,
        )  # fmt: skip

    def _install_menus(self) -> None:
        add_to_file_menu(self.window, (self.import_action, self.export_action))
        self.menu, undo, redo = exchange_menu(
            self.window,
            (
                (self.import_action, self.export_action),
                (self.conflicts_action, self.duplicates_action, self.reference_action),
                (self.offices_action, self.log_action),
            ),
            self.undo_stack if self._own_undo_stack else None,
        )
        if undo is not None and redo is not None:
            self.undo_action, self.redo_action = undo, redo

    @property
    def review_label(self) -> QLabel | None:
        """Our review count in the status bar; None where the window keeps its own."""
        return self.review_status.label

    # -- state ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """After a change: the window re-reads what it shows; counts and actions follow."""
        self._refresh()
        self.refresh_state()

    def refresh_state(self) -> None:
        catalogue = self.catalogue
        writable = not catalogue.read_only
        self.import_action.setEnabled(writable)
        self.export_action.setEnabled(writable)
        self.reference_action.setEnabled(writable)
        if hasattr(self, "sync_action"):
            self.sync_action.setEnabled(writable)
        count = review_count(catalogue)
        self.conflicts_action.setText(
            tr("&Conflicts ({count})…").format(count=number(count)) if count else tr("&Conflicts…")
        )
        self.review_status.show_count(count)

    # -- the actions -----------------------------------------------------------------------------

    def export(self) -> ExportDialog | None:
        """The Export dialog; a form with unsaved changes is settled first, so that what
        was typed goes into the bundle (or is knowingly left out)."""
        if not self.may_write():
            return None
        dialog = open_export_dialog(self.window, self.catalogue, self.settings,
                                    lambda _result: self.refresh_state())  # fmt: skip
        self.dialog = dialog
        return dialog

    def may_write(self) -> bool:
        """Whether the exchange may go on: a form with unsaved changes is saved or
        discarded first (the window asks), so that saving it later cannot silently undo
        what an import or a review wrote."""
        if self.features is None or self.catalogue is None:
            return True
        return bool(self.features.current_tab().maybe_leave())

    def import_bundle(self, path: Path | None = None) -> None:
        """Import `path`, or the file the user chooses."""
        if not self.may_write():
            return
        if path is None:
            self.importer.choose_and_import()
        else:
            self.importer.import_file(path)

    def update_reference(self, update: ReferenceUpdate | None = None) -> None:
        """The usual import preview for the reference data installed with the program."""
        if not self.may_write():
            return
        self.reference_notice.hide()
        self.importer.update_reference(update)

    def offer_reference_update(self) -> None:
        """The quiet notice, when the installed reference data is newer than the catalogue's."""
        catalogue = self.catalogue
        if catalogue is not None:
            plan_in_background(self, catalogue, self.reference_notice.show_update)

    def _imported(self, result: ImportResult) -> None:
        """The window shows exactly what the import changed (when it can be told)."""
        if self._changes is None:
            self.refresh()
            return
        self._changes(result.changes)
        self.refresh_state()

    def review_conflict(self, entity: str, uuid: str) -> ConflictReviewDialog | None:
        """The review of one record's versions (a write of this window kept two)."""
        if not self.may_write():
            return None
        dialog = ConflictReviewDialog(
            self.window, self.catalogue, entity, uuid, host=self.host, undo_stack=self.undo_stack
        )
        dialog.resolved.connect(lambda _entity, _uuid: self.refresh())
        return self._open(dialog)

    def _open(self, dialog: _D) -> _D:
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_conflicts(self) -> ConflictsDialog | None:
        if not self.may_write():
            return None
        dialog = ConflictsDialog(
            self.window, self.catalogue, host=self.host, undo_stack=self.undo_stack
        )
        dialog.resolved.connect(lambda _entity, _uuid: self.refresh())
        return self._open(dialog)

    def show_duplicates(self) -> DuplicatesDialog | None:
        if not self.may_write():
            return None
        dialog = DuplicatesDialog(self.window, self.catalogue)
        dialog.merged.connect(lambda _entity, _uuid: self.refresh())
        return self._open(dialog)

    def show_offices(self) -> OfficesDialog:
        old_name = self.catalogue.office.name

        def renamed(name: str) -> None:
            nonlocal old_name
            title = self.window.windowTitle()
            if old_name in title:
                self.window.setWindowTitle(title.replace(old_name, name))
            label = self.features.office_label if self.features else None
            if label is not None and old_name in label.text():
                label.setText(label.text().replace(old_name, name))
            old_name = name
            self.refresh()

        return self._open(OfficesDialog(self.window, self.catalogue, renamed))

    def show_log(self) -> ExchangeLogDialog:
        restore = self._restore_soon if self._restore is not None else None
        return self._open(ExchangeLogDialog(self.window, self.catalogue, restore))

    def _restore_soon(self, path: Path) -> None:
        """Restore once the confirmation's click is over: the restore closes the log and
        shows messages of its own, which must not delete the button being clicked."""
        restore = self._restore
        if restore is not None:
            QTimer.singleShot(0, self, lambda: restore(path))

    def restore_backup(self, path: Path) -> None:
        """Put back the catalogue as it was before an import, through the safety net's
        restore (which checks the backup and backs the current file up first); the
        window then works on the reopened catalogue."""
        from ccn_desktop.catalogue.backups import list_backups
        from ccn_desktop.ui.backup_dialogs import restore_into_window

        if not self.may_write():
            return
        wanted = path.resolve()
        backup = next((b for b in list_backups(path.parent) if b.path.resolve() == wanted), None)
        if backup is None:
            QMessageBox.warning(
                self.window, tr("Restore this backup"),
                tr("The backup {name} is no longer in the backups folder.").format(
                    name=path.name),
            )  # fmt: skip
            return
        restore_into_window(self.window, self.catalogue, backup, self._reopen)
        self.refresh_state()

    def _reopen(self, catalogue: Catalogue) -> None:
        """As the window does after File ▸ Restore from backup… (ui/app.py): its undo
        history belonged to the catalogue that was replaced."""
        if self.features is not None:
            self.features.undo_stack.clear()
            self.features.attach(catalogue)


def _catalogue_of(window: QMainWindow) -> Catalogue:
    """The catalogue a window shows: the main window's, or a plain window's attribute
    `catalogue` (install_exchange_actions' `catalogue` argument says it otherwise)."""
    features = features_of(window)
    found = features.catalogue if features is not None else window.__dict__.get("catalogue")
    if not isinstance(found, Catalogue):
        raise RuntimeError("the window has no catalogue open")
    return found


def install_exchange_actions(
    window: QMainWindow,
    refresh_callback: Callable[[], None],
    *,
    catalogue: Callable[[], Catalogue] | None = None,
    restore: RestoreBackup | None = None,
    changes: Callable[[ChangeReport], None] | None = None,
    volumes: VolumeProvider | None = None,
) -> ExchangeActions:
    """Add every part of the exchange to `window` (see the module docstring).

    `catalogue` returns the window's open catalogue (default: `window.catalogue`);
    `restore(backup_path)` restores a backup made before an import — by default, for
    a window that can `attach` a reopened catalogue, the safety net's restore; the
    exchange log offers it only when there is one. `changes(report)`, when given, is
    called after an import instead of `refresh_callback`, with what it changed.
    `volumes` lists the mounted volumes the stick banner looks at (default: the
    system's; tests give their own).
    """
    return ExchangeActions(
        window,
        refresh_callback,
        catalogue=catalogue,
        restore=restore,
        changes=changes,
        volumes=volumes,
    )
