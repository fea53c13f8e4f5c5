"""A tab's selection: kept across refreshes, moved quietly by the tab itself, and the
selected record shown in the form (asking first when the form has unsaved changes)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView

from ccn_desktop.catalogue.errors import RecordNotFoundError
from ccn_desktop.ui.record_table_model import ROW_ID_ROLE
from ccn_desktop.ui.tabs.tab_state import TabState

if TYPE_CHECKING:
    from ccn_desktop.ui.tabs.base_tab import RecordTab

log = logging.getLogger("ccn_desktop.ui.tabs.base_tab")


class TabSelection(TabState):
    """Mixed into RecordTab (see there for the attributes these methods use)."""

    # -- selection ------------------------------------------------------------------------

    def _remember_selection(self: RecordTab) -> None:
        current = self.table.currentIndex()
        self._selected_before_reset = self.selected_ids()
        self._current_before_reset = int(current.data(ROW_ID_ROLE)) if current.isValid() else None

    def _restore_selection(self: RecordTab) -> None:
        """After a reset, select again the records that are still shown."""
        current = getattr(self, "_current_before_reset", None)
        selected = getattr(self, "_selected_before_reset", [])
        self._guard = True
        try:
            selection = self.table.selectionModel()
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            for record_id in selected:
                row = self.model.row_of_id(record_id)
                if row >= 0:
                    selection.select(self.model.index(row, 0), flags)
            row = self.model.row_of_id(current) if current is not None else -1
            if row >= 0:
                selection.setCurrentIndex(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            self._guard = False

    def selected_ids(self: RecordTab) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(index.data(ROW_ID_ROLE)) for index in sorted(rows, key=lambda i: i.row())]

    def selected_uuids(self: RecordTab) -> list[str]:
        """The selected records (for printing a batch and the like), in table order."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.uuid_at(index.row()) for index in rows]

    def filtered_uuids(self: RecordTab) -> list[str]:
        """Every record the table shows, in its order (a booklet of the filtered list)."""
        if not self.attached:
            return []
        ids = [self.model.id_at(row) for row in range(self.model.rowCount())]
        rows = self.catalogue.rows(self.entity, ids, ())
        return [rows[record_id].uuid for record_id in ids if record_id in rows]

    def select_row(self: RecordTab, row: int) -> None:
        """Select one row and show its record (asks first if the form has unsaved changes)."""
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _select_quietly(self: RecordTab, record_id: int | None) -> None:
        """Move the table's selection without touching the form."""
        self._guard = True
        try:
            selection = self.table.selectionModel()
            row = self.model.row_of_id(record_id) if record_id is not None else -1
            if row < 0:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
                return
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        finally:
            self._guard = False

    def _current_row_changed(self: RecordTab, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._guard:
            return
        if not current.isValid():
            return
        record_id = int(current.data(ROW_ID_ROLE))
        if self._form is None:
            return  # the form loads the current record when it is built
        if record_id == self._shown_id:
            return
        previous_id = self._shown_id
        if not self.maybe_leave():
            self._select_quietly(previous_id)
            return
        # Saving may have re-run the query: find the chosen record again.
        if self.model.row_of_id(record_id) < 0:
            return
        self._select_quietly(record_id)
        self._show_id(record_id)

    def _show_id(self: RecordTab, record_id: int) -> None:
        try:
            uuid = self.catalogue.uuid_of(self.entity, record_id)
            snapshot = self.catalogue.get(self.entity, uuid)
        except RecordNotFoundError:
            self.refresh()
            return
        self._shown_id = record_id
        self._load_form(snapshot, deleted=bool(snapshot["deleted"]))

    def show_uuid(self: RecordTab, uuid: str) -> bool:
        """Select and show a record, clearing filters (or switching view) if they hide it."""
        try:
            record_id = self.catalogue.id_of(self.entity, uuid)
            deleted = bool(self.catalogue.get(self.entity, uuid)["deleted"])
        except RecordNotFoundError as exc:
            self.host.show_error(self.tr("Go to record"), exc)
            return False
        self.ensure_loaded()
        if deleted != self.deleted_view:
            self._guard = True
            self.deleted_toggle.setChecked(deleted)
            self._guard = False
            self.refresh()
        if self.model.row_of_id(record_id) < 0:
            self.clear_filters()
        self._select_quietly(record_id)
        row = self.model.row_of_id(record_id)
        if row >= 0:  # a record come to from elsewhere: in the middle, not at an edge
            self.table.scrollTo(
                self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter
            )
        self._show_id(record_id)
        return True

    def row_of_uuid(self: RecordTab, uuid: str) -> int:
        try:
            return self.model.row_of_id(self.catalogue.id_of(self.entity, uuid))
        except RecordNotFoundError:
            return -1

    def _show_first(self: RecordTab, near_row: int = 0) -> None:
        """Select the row at `near_row` (or the last); an empty view shows a new record."""
        if self._form is None:
            return
        if self.model.rowCount():
            row = min(max(near_row, 0), self.model.rowCount() - 1)
            self._select_quietly(self.model.id_at(row))
            self._show_id(self.model.id_at(row))
        else:
            self._select_quietly(None)
            self._load_form(None, deleted=self.deleted_view, blank=self.deleted_view)
