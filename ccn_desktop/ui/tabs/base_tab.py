"""What the three tabs share: filters and table on the left, the record's form on the right.

A tab keeps its filters, its table (`table_view.py`) and the selected record's form
(`detail_pane.py`) in step: it loads and filters the table (typing searches on a
worker thread), keeps the selection across refreshes, loads the selected record
into the form, and shows the catalogue again after each write. The writes
themselves (New, Save, Delete…) are in `record_actions.py`; each goes through the
window (`TabHost`), which keeps the undo stack. Subclasses add structured filters.
The detail pane is built when a record is first shown, after the first paint.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import RecordNotFoundError
from ccn_desktop.catalogue.query_types import RecordQuery
from ccn_desktop.ui.labels import entity_label
from ccn_desktop.ui.record_table_model import ROW_ID_ROLE, RecordTableModel
from ccn_desktop.ui.settings import read_bytes
from ccn_desktop.ui.tabs.detail_pane import DetailPane
from ccn_desktop.ui.tabs.empty_note import EmptyResultNote
from ccn_desktop.ui.tabs.record_actions import RecordActions
from ccn_desktop.ui.tabs.search_box import SearchBox
from ccn_desktop.ui.tabs.table_view import RecordTableView
from ccn_desktop.ui.worker import Task

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.paths import DataPaths
    from ccn_desktop.ui.forms import RecordForm
    from ccn_desktop.ui.history_panel import HistoryPanel

log = logging.getLogger(__name__)

FILTER_DELAY_MS = 150  # typing pauses shorter than this do not re-query


class TabHost(Protocol):
    """What a tab needs from the window."""

    catalogue: Catalogue | None  # None while the window paints a peek (catalogue/peek.py)
    paths: DataPaths
    undo_stack: QUndoStack

    def show_record(self, entity: str, uuid: str) -> None: ...

    def show_error(self, title: str, exc: BaseException) -> None: ...

    def record_changed(self, entity: str) -> None: ...


class RecordTab(RecordActions, QWidget):
    """One entity's master–detail view. Subclasses add their structured filters."""

    entity: ClassVar[str]

    statusChanged = Signal()  # counts, selection, dirty or valid state changed
    dirtyChanged = Signal(bool)

    def __init__(self, host: TabHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.spec = ENTITIES[self.entity]
        self.pane: DetailPane | None = None  # built when a record is first shown
        self._valid = True
        self._loaded = False
        self._stale = False
        self._guard = False  # set while the tab itself moves the selection
        self._shown_id: int | None = None  # the table row the form follows
        self._shown_deleted = False
        self._blank = False  # the form shows "No record selected"
        self._total: int | None = None  # records in this view before filtering

        self.model = RecordTableModel(host.catalogue, self.entity, self, load=False)
        self.peek_office_name = ""
        self.search_box = self._make_search_box()
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._search_in_background)
        self._search_task: Task | None = None
        self._search_again = False
        self._generation = 0  # bumped by every query: an older background result is dropped

        # Widgets are made in reading order, which is Qt's Tab order: the filters, the
        # deleted-records switch, the table, then (built later) the form and history.
        rows = self.build_filters()
        self._first_filter: QWidget | None = rows[0][0] if rows and rows[0] else None
        self.deleted_toggle = QCheckBox(self.tr("Recently deleted"), self)
        self.deleted_toggle.setToolTip(
            self.tr("Show deleted records, to look at them or restore them")
        )
        self.deleted_toggle.toggled.connect(self._deleted_view_toggled)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.clicked.connect(self.clear_filters)
        self.table = self._make_table()
        self.empty_note = EmptyResultNote(self.table, self.clear_filters)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        for row in rows:
            line = QHBoxLayout()
            for widget in row:
                line.addWidget(widget)
            line.addStretch(1)
            left_layout.addLayout(line)
        last = QHBoxLayout()
        last.addWidget(self.deleted_toggle)
        last.addStretch(1)
        last.addWidget(self.clear_button)
        left_layout.addLayout(last)
        left_layout.addWidget(self.table, 1)

        self.detail = QWidget(self)
        self.detail.setLayout(QVBoxLayout())
        self.detail.layout().setContentsMargins(0, 0, 0, 0)
        self.detail.setMinimumWidth(320)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName(f"{self.entity}-splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    # -- what subclasses provide ------------------------------------------------------

    def build_filters(self) -> list[list[QWidget]]:
        """Rows of structured filter widgets, each emitting `changed`."""
        return []

    def first_filter_widget(self) -> QWidget:
        """Where Tab goes from the filter box (in the toolbar)."""
        return self._first_filter or self.deleted_toggle

    def structured_query(self) -> dict[str, Any]:
        """RecordQuery keyword arguments from the structured filters."""
        return {}

    def clear_structured_filters(self) -> None:
        pass

    # -- building -----------------------------------------------------------------------

    def _make_search_box(self) -> QLineEdit:
        box = SearchBox(self.first_filter_widget)
        box.setClearButtonEnabled(True)
        plural = entity_label(self.spec, plural=True).lower()
        box.setPlaceholderText(self.tr("Filter {records}…").format(records=plural))
        box.setAccessibleName(self.tr("Filter {records}").format(records=plural))
        box.setToolTip(self.tr("Type part of any word; accents and case do not matter"))
        box.setMinimumWidth(220)
        box.textChanged.connect(lambda _text: self._filter_timer.start())
        box.returnPressed.connect(self._search_entered)
        return box

    def _make_table(self) -> RecordTableView:
        view = RecordTableView(self.model, self)
        view.setAccessibleName(
            self.tr("{records} table").format(records=entity_label(self.spec, plural=True))
        )
        view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        view.activatedByKey.connect(self.focus_form)
        view.tab_forward = self.focus_form
        view.doubleClicked.connect(lambda _index: self.focus_form())
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        return view

    def column_menu(self) -> QMenu:
        return self.table.column_menu()

    def reset_columns(self) -> None:
        self.table.reset_columns()

    def _ensure_detail(self) -> None:
        if self.pane is not None:
            return
        pane = DetailPane(self.catalogue, self.entity, self.detail)
        pane.form.dirtyChanged.connect(self._form_dirty_changed)
        pane.form.validityChanged.connect(self._form_validity_changed)
        pane.form.linkActivated.connect(self.host.show_record)
        pane.save_button.clicked.connect(self.save)
        pane.revert_button.clicked.connect(self.revert)
        pane.restore_button.clicked.connect(self.restore)
        pane.history.restoreRequested.connect(self.restore_version)
        pane.history.restore_button.setVisible(not self.read_only)
        pane.restore_splitter(self._pending_detail_state)
        self.detail.layout().addWidget(pane)
        self.pane = pane
        current = self.table.currentIndex()
        if current.isValid():
            self._show_id(int(current.data(ROW_ID_ROLE)))
        else:
            self._show_first()

    _pending_detail_state: QByteArray | None = None

    @property
    def form(self) -> RecordForm:
        self._ensure_detail()
        assert self.pane is not None
        return self.pane.form

    @property
    def history(self) -> HistoryPanel:
        self._ensure_detail()
        assert self.pane is not None
        return self.pane.history

    @property
    def detail_built(self) -> bool:
        return self.pane is not None

    @property
    def _form(self) -> RecordForm | None:
        return self.pane.form if self.pane is not None else None

    # -- loading and filtering ----------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        catalogue = self.host.catalogue
        if catalogue is None:
            raise RuntimeError("the catalogue is not open yet")
        return catalogue

    @property
    def attached(self) -> bool:
        """Whether the catalogue is open (before, the table shows a peek and nothing works)."""
        return self.host.catalogue is not None

    def attach(self) -> None:
        """The window has opened the catalogue: replace the peek with the real table."""
        self.model.set_catalogue(self.catalogue)
        if self.model.peeking or self._loaded:
            self._loaded = False
            self.ensure_loaded()

    def peek(self) -> None:
        """Paint the first rows from a plain sqlite3 read, before the catalogue is open."""
        from ccn_desktop.catalogue.peek import PeekError, peek

        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection()
        sort = self.model.columns[column] if 0 <= column < len(self.model.columns) else ""
        try:
            found = peek(
                self.host.paths.catalogue_file,
                self.entity,
                self.model.columns,
                sort=sort,
                descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
            )
        except (PeekError, OSError):
            log.info("no peek at %s; the table fills once it is open", self.entity, exc_info=True)
            return
        self.peek_office_name = found.office_name
        self._total = found.total
        self.model.show_peek(found.rows, found.total)
        self.statusChanged.emit()

    def ensure_loaded(self) -> None:
        """Run the query the first time the tab is shown, or again if it went stale."""
        if not self.attached:
            if not self.model.peeking:
                self.peek()
            return
        if not self._loaded or self._stale:
            stale = self._stale
            self.refresh()
            if stale:
                self._reload_shown()

    def _reload_shown(self) -> None:
        """Show the current record as stored now (its linked names may have changed)."""
        uuid = self.current_uuid
        if self._form is None or uuid is None or self.is_dirty:
            return
        try:
            snapshot = self.catalogue.get(self.entity, uuid)
        except RecordNotFoundError:
            return
        self._load_form(snapshot, deleted=bool(snapshot["deleted"]))

    def mark_stale(self) -> None:
        """Another tab's write may have changed what this one shows (a renamed city)."""
        self._stale = True
        if self.isVisible():
            self.ensure_loaded()

    def refresh(self, *, recount: bool = True) -> None:
        """Re-run the query; the selected record stays selected if it is still shown.

        `recount=False` (typing in the filter) keeps the unfiltered total, which only
        a write or another view can change. Before the catalogue is open, nothing (the
        peek stays; `attach()` runs the query the filters then ask for).
        """
        if not self.attached:
            return
        self._loaded = True
        self._stale = False
        self._generation += 1
        self.model.set_filter(self.current_query())
        self._counted(recount)

    def _counted(self, recount: bool) -> None:
        if not self.filters_active():
            self._total = self.model.rowCount()
        elif recount or self._total is None:
            self._total = self.catalogue.count(self.entity, RecordQuery(deleted=self.deleted_view))
        self._explain_empty()
        self.statusChanged.emit()

    def _explain_empty(self) -> None:
        """Say why the table is empty (and offer to clear the filters), or say nothing."""
        if self.model.rowCount() or not self.attached:
            self.empty_note.hide()
            return
        self.empty_note.explain(
            self.spec, self.search_box.text(), self.filters_active(), self.deleted_view
        )

    def _follow_filter(self) -> None:
        """The form follows the filtered table: a record the filters hide gives way to the
        first match, or to "No record selected" when nothing matches. Unsaved edits and a
        new record being typed stay."""
        if self._form is None or self.is_dirty:
            return
        if self._shown_id is None and not self._blank:
            return  # a new record (New was pressed)
        if self._shown_id is not None and self.model.row_of_id(self._shown_id) >= 0:
            return
        if self.model.rowCount():
            self._select_quietly(self.model.id_at(0))
            self._show_id(self.model.id_at(0))
        elif not self._blank:
            self._select_quietly(None)
            self._load_form(None, deleted=self.deleted_view, blank=True)

    def current_query(self) -> RecordQuery:
        return RecordQuery(
            text=self.search_box.text(), deleted=self.deleted_view, **self.structured_query()
        )

    def apply_filters(self) -> None:
        self._filter_timer.stop()
        if self.attached:  # else typed text is applied once the catalogue is open
            self.refresh(recount=False)
            self._follow_filter()

    def _search_in_background(self) -> None:
        """After a pause in typing: search on a worker thread, so typing never waits on it.

        One search runs at a time; text typed meanwhile is searched when it ends, and a
        result that is no longer what the filters ask for is dropped.
        """
        if not self.attached:
            return
        if self._search_task is not None:
            self._search_again = True
            return
        self._generation += 1
        generation = self._generation
        wanted = self.current_query()
        query = self.model.query_for(wanted)
        catalogue, entity = self.catalogue, self.entity
        task = Task(lambda _progress: catalogue.ids(entity, query), parent=self)
        task.finished.connect(lambda ids: self._searched(generation, wanted, query, ids))
        task.failed.connect(lambda exc: self.host.show_error(self.tr("Filter"), exc))
        task.ended.connect(self._search_ended)
        self._search_task = task
        task.start()

    def _searched(
        self, generation: int, wanted: RecordQuery, query: RecordQuery, ids: list[int]
    ) -> None:
        if generation != self._generation or self.model.query_for(wanted) != query:
            self._search_again = True  # the filters or the order moved on meanwhile
            return
        if wanted != self.current_query():
            self._search_again = True
        self.model.set_result(wanted, ids)
        self._counted(False)
        self._follow_filter()

    def _search_ended(self) -> None:
        self._search_task = None
        if self._search_again:
            self._search_again = False
            self._search_in_background()

    def wait_for_search(self, timeout_ms: int = 30_000) -> None:
        """Start no more searches and let a running one end (before the catalogue closes)."""
        self._filter_timer.stop()
        self._search_again = False
        if self._search_task is not None:
            self._search_task.wait(timeout_ms)

    def filters_changed(self) -> None:
        """Structured filters apply at once (they change one step at a time)."""
        self.apply_filters()

    def clear_filters(self) -> None:
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.clear_structured_filters()
        self.apply_filters()

    def filters_active(self) -> bool:
        query = self.current_query()
        return bool(query.text.strip() or query.equals or query.ranges or query.linked_city)

    def _search_entered(self) -> None:
        self.apply_filters()
        if self.model.rowCount():
            self.table.setFocus()
            if self.table.currentIndex().row() < 0:
                self.select_row(0)

    @property
    def deleted_view(self) -> bool:
        return self.deleted_toggle.isChecked()

    def set_deleted_view(self, on: bool) -> None:
        self.deleted_toggle.setChecked(on)

    def _deleted_view_toggled(self, on: bool) -> None:
        if self._guard:
            return
        if not self.maybe_leave():
            self._guard = True
            self.deleted_toggle.setChecked(not on)
            self._guard = False
            return
        self.refresh()
        self._show_first()

    @property
    def total(self) -> int:
        """Records in this view (live or deleted) before filtering."""
        return self._total or 0

    @property
    def shown(self) -> int:
        return self.model.rowCount()

    # -- selection ------------------------------------------------------------------------

    def _remember_selection(self) -> None:
        current = self.table.currentIndex()
        self._selected_before_reset = self.selected_ids()
        self._current_before_reset = int(current.data(ROW_ID_ROLE)) if current.isValid() else None

    def _restore_selection(self) -> None:
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

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(index.data(ROW_ID_ROLE)) for index in sorted(rows, key=lambda i: i.row())]

    def selected_uuids(self) -> list[str]:
        """The selected records (for printing a batch and the like), in table order."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.uuid_at(index.row()) for index in rows]

    def filtered_uuids(self) -> list[str]:
        """Every record the table shows, in its order (a booklet of the filtered list)."""
        if not self.attached:
            return []
        ids = [self.model.id_at(row) for row in range(self.model.rowCount())]
        rows = self.catalogue.rows(self.entity, ids, ())
        return [rows[record_id].uuid for record_id in ids if record_id in rows]

    def select_row(self, row: int) -> None:
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

    def _select_quietly(self, record_id: int | None) -> None:
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

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
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

    def _show_id(self, record_id: int) -> None:
        try:
            uuid = self.catalogue.uuid_of(self.entity, record_id)
            snapshot = self.catalogue.get(self.entity, uuid)
        except RecordNotFoundError:
            self.refresh()
            return
        self._shown_id = record_id
        self._load_form(snapshot, deleted=bool(snapshot["deleted"]))

    def show_uuid(self, uuid: str) -> bool:
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

    # -- the form ---------------------------------------------------------------------------

    def _load_form(
        self, snapshot: dict[str, Any] | None, *, deleted: bool = False, blank: bool = False
    ) -> None:
        form = self.form
        form.load(snapshot, defaults=not blank)  # "No record selected" shows no values
        self._shown_deleted = deleted
        self._blank = blank
        if snapshot is None:
            self._shown_id = None
        form.setEnabled(not deleted and not blank)
        if self.read_only:  # look and follow relations, change nothing
            for editor in form.editors.values():
                editor.setEnabled(False)
        self._reload_history()
        self._show_record_state(snapshot, blank=blank)
        self.statusChanged.emit()

    def _show_record_state(self, snapshot: dict[str, Any] | None, *, blank: bool = False) -> None:
        if self._form is None:
            return
        uuid = self._form.current_uuid
        if blank:
            title = self.tr("No record selected")
        elif uuid is None:
            title = self.tr("New {record}").format(record=entity_label(self.spec).lower())
        else:
            title = self.catalogue.label(self.entity, uuid)
        notes = []
        if self.read_only:
            notes.append(self.tr("The catalogue is open read-only: nothing can be changed."))
        elif self._shown_deleted:
            notes.append(self.tr("This record is deleted. Restore it to edit it."))
        if snapshot is not None and self._needs_review(snapshot):
            notes.append(self.tr("Needs review: two offices changed this record."))
        self.pane.show_state(title, notes)  # type: ignore[union-attr]
        self._update_buttons()

    def _needs_review(self, snapshot: dict[str, Any]) -> bool:
        row = self.model.row_of_id(self._shown_id) if self._shown_id is not None else -1
        if row < 0:
            return False
        from ccn_desktop.ui.record_table_model import NEEDS_REVIEW_ROLE

        return bool(self.model.index(row, 0).data(NEEDS_REVIEW_ROLE))

    def _reload_history(self) -> None:
        if self.pane is not None:
            uuid = self.pane.form.current_uuid
            self.pane.history.load(self.entity if uuid else None, uuid)

    def _form_dirty_changed(self, dirty: bool) -> None:
        self._update_buttons()
        self.dirtyChanged.emit(dirty)
        self.statusChanged.emit()

    def _form_validity_changed(self, valid: bool) -> None:
        self._valid = valid
        self._update_buttons()
        self.statusChanged.emit()

    def _update_buttons(self) -> None:
        if self.pane is not None:
            self.pane.set_buttons(
                can_save=self.can_save,
                can_revert=self.is_dirty,
                can_restore=self._shown_deleted
                and not self.read_only
                and self.current_uuid is not None,
            )

    @property
    def is_dirty(self) -> bool:
        return self._form is not None and self._form.is_dirty()

    @property
    def can_save(self) -> bool:
        return (
            self._form is not None
            and not self.read_only
            and not self._shown_deleted
            and (self._valid or self._form.has_hidden_problems())  # Save shows them
            and (self._form.is_dirty() or self._form.current_uuid is None)
            and self._form.isEnabled()
        )

    @property
    def read_only(self) -> bool:
        return self.attached and bool(self.catalogue.read_only)

    @property
    def current_uuid(self) -> str | None:
        return self._form.current_uuid if self._form is not None else None

    @property
    def shows_deleted_record(self) -> bool:
        return self._shown_deleted

    def focus_form(self) -> bool:
        """The cursor into the form's first field (Enter or Tab from the table, New)."""
        form = self.form
        return form.isEnabled() and form.focus_first_field()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def after_write(self, uuid: str, row_before: int = -1) -> None:
        """Show the catalogue as it is after a write to `uuid` (here, or undo and redo).

        A record still in this view is selected and shown; one that left it (deleted,
        or restored from Recently deleted) gives its place to its neighbour.
        """
        self.host.record_changed(self.entity)
        self.refresh()
        try:
            snapshot = self.catalogue.get(self.entity, uuid)
        except RecordNotFoundError:
            snapshot = None
        if snapshot is not None and bool(snapshot["deleted"]) == self.deleted_view:
            record_id = self.catalogue.id_of(self.entity, uuid)
            self._select_quietly(record_id)
            self._shown_id = record_id
            self._load_form(snapshot, deleted=self.deleted_view)
            return
        self._show_first(near_row=row_before)

    def row_of_uuid(self, uuid: str) -> int:
        try:
            return self.model.row_of_id(self.catalogue.id_of(self.entity, uuid))
        except RecordNotFoundError:
            return -1

    def _show_first(self, near_row: int = 0) -> None:
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

    # -- settings ------------------------------------------------------------------------------

    def save_settings(self, settings: QSettings) -> None:
        prefix = f"tabs/{self.entity}"
        settings.setValue(f"{prefix}/splitter", self.splitter.saveState())
        settings.setValue(f"{prefix}/header", self.table.horizontalHeader().saveState())
        if self.pane is not None:
            settings.setValue(f"{prefix}/detail_splitter", self.pane.splitter.saveState())
        elif self._pending_detail_state is not None:
            settings.setValue(f"{prefix}/detail_splitter", self._pending_detail_state)

    def restore_settings(self, settings: QSettings) -> None:
        prefix = f"tabs/{self.entity}"
        splitter = read_bytes(settings, f"{prefix}/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self._default_splitter_sizes()
        header = read_bytes(settings, f"{prefix}/header")
        if header is None or not self.table.horizontalHeader().restoreState(header):
            self.table.default_column_widths()
        detail = read_bytes(settings, f"{prefix}/detail_splitter")
        if detail is not None:
            if self.pane is not None:
                self.pane.restore_splitter(detail)
            else:
                self._pending_detail_state = detail

    def _default_splitter_sizes(self) -> None:
        """Table and form share the width; the history gets a fifth of the height."""
        self.splitter.setSizes([5500, 4500])
