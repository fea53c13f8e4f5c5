"""Showing what a write changed, and only that (issue 13: change reports).

Every write returns a ChangeReport (catalogue/changes.py). The window hands it to
each tab: a tab re-reads the rows of the records that changed (the whole list only
when the records it shows or their order changed), recounts when the number of
records changed, and reloads the open form if it shows a changed record — unless
the person is typing in it: then the typing stays, and the form says the record
changed underneath (saving then checks field by field, catalogue/editing.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.errors import RecordNotFoundError
from ccn_desktop.ui.tabs.tab_state import TabState

if TYPE_CHECKING:
    from ccn_desktop.ui.tabs.base_tab import RecordTab

# Beyond this many changed records (an import) the table is simply read again.
MANY_CHANGES = 200


class ChangeView(TabState):
    """Mixed into RecordTab (see there for the attributes these methods use)."""

    _changed_underneath: bool = False

    def apply_changes(self: RecordTab, report: ChangeReport) -> None:
        """A write made outside this tab's own actions (another tab, undo, an import)."""
        uuids = report.uuids(self.entity)
        recount = report.counts_changed and self.entity in report.records
        if not self.attached or not self._loaded or not (uuids or recount):
            return  # a tab not yet loaded reads everything when it first shows
        self.show_changed_rows(report)
        current = self.current_uuid
        if current is not None and current in uuids:
            self._reload_changed(current)

    def show_changed_rows(self: RecordTab, report: ChangeReport) -> None:
        uuids = report.uuids(self.entity)
        ids: list[int] | None = None
        if len(uuids) <= MANY_CHANGES:
            ids = list(self.catalogue.ids_of(self.entity, sorted(uuids)).values())
        self._generation += 1  # a search still running answers an older question
        self.model.apply_changes(ids)
        self._counted(report.counts_changed and self.entity in report.records)

    def _reload_changed(self: RecordTab, uuid: str) -> None:
        try:
            snapshot = self.catalogue.get(self.entity, uuid)
        except RecordNotFoundError:
            return
        if self.is_dirty:
            self._changed_underneath = True
            self._show_record_state(snapshot)
            return
        if bool(snapshot["deleted"]) != self.deleted_view:
            return  # it left this view; the table shows that
        self._load_form(snapshot, deleted=self.deleted_view)

    def underneath_note(self: RecordTab) -> str:
        """What the form says while it keeps typing over a record that changed."""
        if not (self._changed_underneath and self.is_dirty):
            self._changed_underneath = False
            return ""
        return self.tr(
            "This record was changed elsewhere (an import or another window) while you were "
            "editing. Your typing is kept; saving applies the fields you changed, and opens "
            "the conflict review where the same field changed there too."
        )
