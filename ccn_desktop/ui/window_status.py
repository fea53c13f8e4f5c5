"""What the main window shows of its state: which actions are on, the undo texts, the
title (office, read-only, unsaved changes) and the status bar (counts, reviews, office)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from ccn_desktop import APP_NAME
from ccn_desktop.catalogue.query_types import RecordQuery
from ccn_desktop.i18n import number
from ccn_desktop.ui.labels import entity_label
from ccn_desktop.ui.window_state import WindowState

if TYPE_CHECKING:
    from ccn_desktop.ui.main_window import MainWindow
    from ccn_desktop.ui.tabs import RecordTab


class WindowStatus(WindowState):
    """Mixed into MainWindow (see window_state.py for the attributes these methods use)."""

    def _make_status_bar(self: MainWindow) -> None:
        bar = self.statusBar()
        self.count_label = QLabel(bar)
        self.count_label.setAccessibleName(self.tr("Record count"))
        self.review_label = QLabel(bar)
        self.review_label.setAccessibleName(self.tr("Records needing review"))
        self.review_label.hide()
        self.office_label = QLabel(bar)
        self.office_label.setAccessibleName(self.tr("Office"))
        for label in (self.review_label, self.count_label, self.office_label):
            label.setContentsMargins(12, 0, 12, 0)
            bar.addPermanentWidget(label)

    def _show_office(self: MainWindow) -> None:
        if self.catalogue is not None:
            name = self.catalogue.office.name
        else:
            name = self.current_tab().peek_office_name
        title = f"{APP_NAME} — {name}" if name else APP_NAME
        if self.catalogue is not None and self.catalogue.read_only:
            title = self.tr("{title} (read-only)").format(title=title)
        self.setWindowTitle(f"{title}[*]")
        self.office_label.setText(self.tr("Office: {name}").format(name=name) if name else "")

    def _count_reviews(self: MainWindow) -> None:
        review = RecordQuery(needs_review=True)
        catalogue = self.catalogue
        if catalogue is None:  # still painting a peek
            self._review_count = 0
            return
        self._review_count = sum(catalogue.count(name, review) for name in self._tabs)

    def _update_state(self: MainWindow) -> None:
        # Not while building, nor while Qt tears the window down (the stack emits as it dies).
        if not hasattr(self, "count_label") or not shiboken6.isValid(self.undo_stack):
            return
        if self.catalogue is None:  # a peek: nothing works until the catalogue is open
            for action in self._record_actions():
                action.setEnabled(False)
            self._show_counts(self.current_tab())
            return
        tab = self.current_tab()
        built = tab.detail_built
        deleted_record = tab.shows_deleted_record
        self.new_action.setEnabled(True)
        self.save_action.setEnabled(built and tab.can_save)
        self.revert_action.setEnabled(built and tab.is_dirty)
        self.duplicate_action.setEnabled(
            built and tab.current_uuid is not None and not deleted_record
        )
        self.delete_action.setEnabled(built and tab.current_uuid is not None and not deleted_record)
        self.restore_action.setEnabled(built and tab.current_uuid is not None and deleted_record)
        self.deleted_action.setChecked(tab.deleted_view)
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())
        if self.catalogue.read_only:
            for action in (self.new_action, self.duplicate_action, self.delete_action,
                           self.restore_action):  # fmt: skip
                action.setEnabled(False)
        self.undo_action.setText(
            self.tr("&Undo {what}").format(what=self.undo_stack.undoText()).strip()
        )
        self.redo_action.setText(
            self.tr("&Redo {what}").format(what=self.undo_stack.redoText()).strip()
        )
        self.undo_action.setIconText(self.tr("Undo"))
        self.redo_action.setIconText(self.tr("Redo"))
        self.setWindowModified(tab.is_dirty)
        self._show_counts(tab)
        if self._review_count:
            self.review_label.setText(
                self.tr("{count} records need review").format(count=number(self._review_count))
                if self._review_count != 1
                else self.tr("1 record needs review")
            )
        self.review_label.setVisible(bool(self._review_count))

    def _show_counts(self: MainWindow, tab: RecordTab) -> None:
        records = entity_label(tab.spec, plural=tab.total != 1).lower()
        filtered = tab.shown != tab.total
        if tab.deleted_view:
            text = (
                self.tr("{shown} of {total} deleted {records}")
                if filtered
                else self.tr("{total} deleted {records}")
            )
        else:
            text = (
                self.tr("{shown} of {total} {records}")
                if filtered
                else self.tr("{total} {records}")
            )
        self.count_label.setText(
            text.format(shown=number(tab.shown), total=number(tab.total), records=records)
        )

    def _record_actions(self: MainWindow) -> tuple[QAction, ...]:
        return (
            self.new_action, self.duplicate_action, self.save_action, self.revert_action,
            self.delete_action, self.restore_action, self.undo_action, self.redo_action,
        )  # fmt: skip
