"""New, Duplicate, Save, Revert, Delete, Restore and restoring a version, for a RecordTab.

Each write is made through the facade first, so that a refused or failed write
never reaches the undo stack; then it is pushed as an already-done command and
the tab shows the catalogue as it now is (`after_write`). What the user typed is
never dropped by a failure: the form keeps it. Each write names the version the
form showed; one kept beside a newer version opens the conflict review instead of
entering the undo stack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.errors import InvalidRecordError
from ccn_desktop.ui.labels import entity_label
from ccn_desktop.ui.tabs.tab_state import TabState
from ccn_desktop.ui.undo_commands import (
    AddRecord,
    DeleteRecord,
    EditRecord,
    RestoreRecord,
    RestoreVersion,
    field_values,
    version_of,
)
from ccn_desktop.ui.worker import run_and_wait

if TYPE_CHECKING:
    from ccn_desktop.ui.tabs.base_tab import RecordTab

log = logging.getLogger(__name__)

SAVED_MESSAGE_MS = 4000  # how long "Saved" stays in the status bar


class RecordActions(TabState):
    """Mixed into RecordTab (see there for the attributes these methods use)."""

    # -- leaving a record with unsaved changes ---------------------------------------------

    def maybe_leave(self: RecordTab) -> bool:
        """True when the form may be left: saved, discarded, or nothing to lose."""
        if not self.is_dirty:
            return True
        uuid = self.current_uuid
        name = (
            self.catalogue.label(self.entity, uuid)
            if uuid
            else self.tr("the new {record}").format(record=entity_label(self.spec).lower())
        )
        answer = QMessageBox.question(
            self.window(),
            self.tr("Unsaved changes"),
            self.tr("Save your changes to {name}?").format(name=name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.form.revert()
            return True
        return False

    # -- record actions ---------------------------------------------------------------------

    def new_record(self: RecordTab) -> None:
        if self.read_only or not self.maybe_leave():
            return
        if self.deleted_view:
            self._guard = True
            self.deleted_toggle.setChecked(False)
            self._guard = False
            self.refresh()
        self._select_quietly(None)
        self._load_form(None)
        self.focus_form()

    def duplicate_record(self: RecordTab) -> None:
        """A new record with the values of the one shown (saved first if changed)."""
        if self.read_only or self.current_uuid is None or not self.maybe_leave():
            return
        values = dict(self.form.values())
        self._select_quietly(None)
        self._load_form(None)
        self.form.set_values(values)
        self.focus_form()

    def save(self: RecordTab) -> bool:
        """Save the form; on refusal show the problems, on failure keep every value typed.

        The save names the version the form was loaded with: if the record moved on
        meanwhile and a field typed here changed there too, both versions are kept and
        the conflict review opens (catalogue/editing.py).
        """
        form = self.form
        if self._shown_deleted or self.read_only:
            return False
        problems = form.validate_now()
        if problems:  # a new record's untouched fields too: now is the time to say
            form.show_problems(problems)
            form.focus_first_invalid()
            return False
        values = form.values()
        uuid = form.current_uuid
        try:
            if uuid is None:
                report = self._written(lambda: self.catalogue.create(self.entity, values))
                uuid = next(iter(report.records[self.entity]))
                command: Any = AddRecord(
                    self.host, self.entity, uuid, self.catalogue.label(self.entity, uuid),
                    version_of(report, self.entity, uuid),
                )  # fmt: skip
            else:
                before = field_values(self.catalogue.get(self.entity, uuid), self.entity)
                seen, known = form.seen_version, uuid
                report = self._written(
                    lambda: self.catalogue.update(self.entity, known, values, expected=seen)
                )
                after = report.snapshot(self.entity, uuid)
                command = EditRecord(
                    self.host, self.entity, uuid, self.catalogue.label(self.entity, uuid),
                    before, field_values(after or {}, self.entity),
                    version_of(report, self.entity, uuid),
                )  # fmt: skip
        except InvalidRecordError as exc:
            form.show_problems(exc.problems)
            form.focus_first_invalid()
            return False
        except Exception as exc:
            log.exception("saving a %s failed", self.entity)
            QMessageBox.critical(self.window(), self.tr("Save"), self._save_failed_text(exc))
            return False
        scrolled = form.scroll_area.verticalScrollBar().value()
        if not report.conflicts:
            self.host.undo_stack.push(command)
        self.after_write(uuid, changes=report)
        if report.conflicts:
            self.host.review_conflict(self.entity, uuid)
        else:
            self._saved(uuid, scrolled)
        return True

    def _saved(self: RecordTab, uuid: str, scrolled: int) -> None:
        """The form stays where the user was (not back at the top); "Saved" says it worked."""
        if self.current_uuid == uuid:
            bar = self.form.scroll_area.verticalScrollBar()
            bar.setValue(scrolled)
            QTimer.singleShot(0, lambda: bar.setValue(scrolled))  # after the layout settles
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(self.tr("Saved"), SAVED_MESSAGE_MS)

    def _written(self: RecordTab, write: Callable[[], ChangeReport]) -> ChangeReport:
        """Run a write on the worker thread; the window keeps painting while the disk
        syncs (a catalogue on a USB stick), and the form says it is saving."""
        pane = self.pane
        if pane is not None:
            pane.show_saving(True)
        try:
            return run_and_wait(write)
        finally:
            if pane is not None:
                pane.show_saving(False)

    def _save_failed_text(self: RecordTab, exc: BaseException) -> str:
        from ccn_desktop.errors import user_message

        original = getattr(exc, "orig", None)  # SQLite's words: disk full, read-only, locked
        reason = user_message(exc) or (str(original) if original else "") or str(exc)
        return self.tr(
            "The {record} could not be saved: {reason}. Nothing was changed in the catalogue, "
            "and what you typed is still in the form."
        ).format(record=entity_label(self.spec).lower(), reason=reason or type(exc).__name__)

    def revert(self: RecordTab) -> None:
        self.form.revert()

    def delete_record(self: RecordTab) -> None:
        uuid = self.current_uuid
        if uuid is None or self._shown_deleted or self.read_only:
            return
        name = self.catalogue.label(self.entity, uuid)
        answer = QMessageBox.question(
            self.window(),
            self.tr("Delete"),
            self.tr(
                "Delete the {record} “{name}”? You can restore it from Recently deleted."
            ).format(record=entity_label(self.spec).lower(), name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.row_of_uuid(uuid)
        try:
            seen = self.form.seen_version
            report = self._written(lambda: self.catalogue.delete(self.entity, uuid, expected=seen))
        except Exception as exc:
            self.host.show_error(self.tr("Delete"), exc)
            return
        self._pushed(report, uuid, DeleteRecord, name, row)

    def _pushed(
        self: RecordTab, report: ChangeReport, uuid: str, kind: Any, name: str, row: int
    ) -> None:
        """After a delete or restore: its command on the stack (unless it became a
        conflict to review), the tab showing what changed."""
        if not report.conflicts:
            version = version_of(report, self.entity, uuid)
            self.host.undo_stack.push(kind(self.host, self.entity, uuid, name, version))
        self.after_write(uuid, row, changes=report)
        if report.conflicts:
            self.host.review_conflict(self.entity, uuid)

    def restore(self: RecordTab) -> None:
        uuid = self.current_uuid
        if uuid is None or not self._shown_deleted or self.read_only:
            return
        name = self.catalogue.label(self.entity, uuid)
        row = self.row_of_uuid(uuid)
        try:
            seen = self.form.seen_version
            report = self._written(lambda: self.catalogue.restore(self.entity, uuid, expected=seen))
        except Exception as exc:
            self.host.show_error(self.tr("Restore"), exc)
            return
        self._pushed(report, uuid, RestoreRecord, name, row)
        if self.deleted_view and not self.model.rowCount():
            self.show_uuid(uuid)  # the last one: back to the records, on the restored one

    def restore_version(self: RecordTab, history_id: int) -> None:
        uuid = self.current_uuid
        if uuid is None or self.read_only or not self.maybe_leave():
            return
        before = self.catalogue.get(self.entity, uuid)
        try:
            seen = self.form.seen_version
            report = self._written(
                lambda: self.catalogue.restore_version(self.entity, uuid, history_id, expected=seen)
            )
        except Exception as exc:
            self.host.show_error(self.tr("Restore version"), exc)
            return
        name = self.catalogue.label(self.entity, uuid)
        if not report.conflicts:
            version = version_of(report, self.entity, uuid)
            self.host.undo_stack.push(
                RestoreVersion(self.host, self.entity, uuid, name, history_id, before, version)
            )
        self.after_write(uuid, changes=report)
        if report.conflicts:
            self.host.review_conflict(self.entity, uuid)
