"""A tab's filters and search: the query they make, searching as the person types (on a
worker thread, the newest question winning), and the Recently deleted view."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ccn_desktop.catalogue.query_types import RecordQuery
from ccn_desktop.ui.tabs.tab_state import TabState
from ccn_desktop.ui.worker import Task

if TYPE_CHECKING:
    from ccn_desktop.ui.tabs.base_tab import RecordTab

log = logging.getLogger("ccn_desktop.ui.tabs.base_tab")


class TabFilters(TabState):
    """Mixed into RecordTab (see there for the attributes these methods use)."""

    def current_query(self: RecordTab) -> RecordQuery:
        return RecordQuery(
            text=self.search_box.text(), deleted=self.deleted_view, **self.structured_query()
        )

    def apply_filters(self: RecordTab) -> None:
        self._filter_timer.stop()
        if self.attached:  # else typed text is applied once the catalogue is open
            self.refresh(recount=False)
            self._follow_filter()

    def _follow_filter(self: RecordTab) -> None:
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

    def _search_in_background(self: RecordTab) -> None:
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
        self: RecordTab, generation: int, wanted: RecordQuery, query: RecordQuery, ids: list[int]
    ) -> None:
        if generation != self._generation or self.model.query_for(wanted) != query:
            self._search_again = True  # the filters or the order moved on meanwhile
            return
        if wanted != self.current_query():
            self._search_again = True
        self.model.set_result(wanted, ids)
        self._counted(False)
        self._follow_filter()

    def _search_ended(self: RecordTab) -> None:
        self._search_task = None
        if self._search_again:
            self._search_again = False
            self._search_in_background()

    def wait_for_search(self: RecordTab, timeout_ms: int = 30_000) -> None:
        """Start no more searches and let a running one end (before the catalogue closes)."""
        self._filter_timer.stop()
        self._search_again = False
        if self._search_task is not None:
            self._search_task.wait(timeout_ms)

    def filters_changed(self: RecordTab) -> None:
        """Structured filters apply at once (they change one step at a time)."""
        self.apply_filters()

    def clear_filters(self: RecordTab) -> None:
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.clear_structured_filters()
        self.apply_filters()

    def filters_active(self: RecordTab) -> bool:
        query = self.current_query()
        return bool(query.text.strip() or query.equals or query.ranges or query.linked_city)

    def _search_entered(self: RecordTab) -> None:
        self.apply_filters()
        if self.model.rowCount():
            self.table.setFocus()
            if self.table.currentIndex().row() < 0:
                self.select_row(0)

    @property
    def deleted_view(self: RecordTab) -> bool:
        return self.deleted_toggle.isChecked()

    def set_deleted_view(self: RecordTab, on: bool) -> None:
        self.deleted_toggle.setChecked(on)

    def _deleted_view_toggled(self: RecordTab, on: bool) -> None:
        if self._guard:
            return
        if not self.maybe_leave():
            self._guard = True
            self.deleted_toggle.setChecked(not on)
            self._guard = False
            return
        self.refresh()
        self._show_first()
