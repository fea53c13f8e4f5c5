"""What the three tabs share: filters and table on the left, the record's form on the right.

A tab keeps its filters, its table (`table_view.py`) and the selected record's form
(`detail_pane.py`) in step. This module builds the tab and loads its table; its jobs
live beside it: filters and search (`tab_filters.py`), the selection
(`tab_selection.py`), the form binding (`form_binding.py`), the writes (New, Save,
Delete… in `record_actions.py`, each through the window, `TabHost`, which keeps the
undo stack) and showing what a write changed (`change_view.py`). Subclasses add
structured filters. The detail pane is built when a record is first shown, after
the first paint.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from PySide6.QtCore import (
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import RecordNotFoundError
from ccn_desktop.catalogue.query_types import RecordQuery
from ccn_desktop.ui.labels import entity_label
from ccn_desktop.ui.record_table_model import RecordTableModel
from ccn_desktop.ui.settings import read_bytes
from ccn_desktop.ui.tabs.change_view import ChangeView
from ccn_desktop.ui.tabs.detail_pane import DetailPane
from ccn_desktop.ui.tabs.empty_note import EmptyResultNote
from ccn_desktop.ui.tabs.form_binding import FormBinding
from ccn_desktop.ui.tabs.record_actions import RecordActions
from ccn_desktop.ui.tabs.search_box import SearchBox
from ccn_desktop.ui.tabs.tab_filters import TabFilters
from ccn_desktop.ui.tabs.tab_selection import TabSelection
from ccn_desktop.ui.tabs.table_view import RecordTableView
from ccn_desktop.ui.undo_commands import CommandHost
from ccn_desktop.ui.worker import Task

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.paths import DataPaths

log = logging.getLogger(__name__)

FILTER_DELAY_MS = 150  # typing pauses shorter than this do not re-query


class TabHost(CommandHost, Protocol):
    """What a tab needs from the window (it runs the tab's undo steps too)."""

    catalogue: Catalogue | None  # None while the window paints a peek (catalogue/peek.py)
    paths: DataPaths
    undo_stack: QUndoStack

    def show_record(self, entity: str, uuid: str) -> None: ...

    def show_error(self, title: str, exc: BaseException) -> None: ...

    def changes_made(self, report: ChangeReport, source: RecordTab | None = None) -> None:
        """A write: the other tabs and the status bar show what it changed."""
        ...

    def review_conflict(self, entity: str, uuid: str) -> None:
        """Open the conflict review of a record a write left with two versions."""
        ...


class RecordTab(TabFilters, TabSelection, FormBinding, RecordActions, ChangeView, QWidget):
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
        self._detail_layout = QVBoxLayout(self.detail)
        self._detail_layout.setContentsMargins(0, 0, 0, 0)
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

    @property
    def total(self) -> int:
        """Records in this view (live or deleted) before filtering."""
        return self._total or 0

    @property
    def shown(self) -> int:
        return self.model.rowCount()

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
