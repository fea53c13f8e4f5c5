"""A tab's form binding: the detail pane built on first use, a record loaded into the
form with its state (deleted, needs review, changed underneath), the buttons that
follow the form, and showing the catalogue again after a write."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt

from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.errors import RecordNotFoundError
from ccn_desktop.ui.labels import entity_label
from ccn_desktop.ui.record_table_model import ROW_ID_ROLE
from ccn_desktop.ui.tabs.detail_pane import DetailPane
from ccn_desktop.ui.tabs.tab_state import TabState

if TYPE_CHECKING:
    from ccn_desktop.ui.forms import RecordForm
    from ccn_desktop.ui.history_panel import HistoryPanel
    from ccn_desktop.ui.tabs.base_tab import RecordTab

log = logging.getLogger("ccn_desktop.ui.tabs.base_tab")


class FormBinding(TabState):
    """Mixed into RecordTab (see there for the attributes these methods use)."""

    # -- the detail pane ----------------------------------------------------------------

    def _ensure_detail(self: RecordTab) -> None:
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
        self._detail_layout.addWidget(pane)
        self.pane = pane
        current = self.table.currentIndex()
        if current.isValid():
            self._show_id(int(current.data(ROW_ID_ROLE)))
        else:
            self._show_first()

    _pending_detail_state: QByteArray | None = None  # the splitter, until the pane is built

    @property
    def form(self: RecordTab) -> RecordForm:
        self._ensure_detail()
        assert self.pane is not None
        return self.pane.form

    @property
    def history(self: RecordTab) -> HistoryPanel:
        self._ensure_detail()
        assert self.pane is not None
        return self.pane.history

    @property
    def detail_built(self: RecordTab) -> bool:
        return self.pane is not None

    @property
    def _form(self: RecordTab) -> RecordForm | None:
        return self.pane.form if self.pane is not None else None

    # -- the form ---------------------------------------------------------------------------

    def _load_form(
        self: RecordTab,
        snapshot: dict[str, Any] | None,
        *,
        deleted: bool = False,
        blank: bool = False,
    ) -> None:
        form = self.form
        form.load(snapshot, defaults=not blank)  # "No record selected" shows no values
        self._changed_underneath = False
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

    def _show_record_state(
        self: RecordTab, snapshot: dict[str, Any] | None, *, blank: bool = False
    ) -> None:
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
        underneath = self.underneath_note()
        if underneath:
            notes.append(underneath)
        self.pane.show_state(title, notes)  # type: ignore[union-attr]
        self._update_buttons()

    def _needs_review(self: RecordTab, snapshot: dict[str, Any]) -> bool:
        row = self.model.row_of_id(self._shown_id) if self._shown_id is not None else -1
        if row < 0:
            return False
        from ccn_desktop.ui.record_table_model import NEEDS_REVIEW_ROLE

        return bool(self.model.index(row, 0).data(NEEDS_REVIEW_ROLE))

    def _reload_history(self: RecordTab) -> None:
        if self.pane is not None:
            uuid = self.pane.form.current_uuid
            self.pane.history.load(self.entity if uuid else None, uuid)

    def _form_dirty_changed(self: RecordTab, dirty: bool) -> None:
        self._update_buttons()
        self.dirtyChanged.emit(dirty)
        self.statusChanged.emit()

    def _form_validity_changed(self: RecordTab, valid: bool) -> None:
        self._valid = valid
        self._update_buttons()
        self.statusChanged.emit()

    def _update_buttons(self: RecordTab) -> None:
        if self.pane is not None:
            self.pane.set_buttons(
                can_save=self.can_save,
                can_revert=self.is_dirty,
                can_restore=self._shown_deleted
                and not self.read_only
                and self.current_uuid is not None,
            )

    @property
    def is_dirty(self: RecordTab) -> bool:
        return self._form is not None and self._form.is_dirty()

    @property
    def can_save(self: RecordTab) -> bool:
        return (
            self._form is not None
            and not self.read_only
            and not self._shown_deleted
            and (self._valid or self._form.has_hidden_problems())  # Save shows them
            and (self._form.is_dirty() or self._form.current_uuid is None)
            and self._form.isEnabled()
        )

    @property
    def read_only(self: RecordTab) -> bool:
        return self.attached and bool(self.catalogue.read_only)

    @property
    def current_uuid(self: RecordTab) -> str | None:
        return self._form.current_uuid if self._form is not None else None

    @property
    def shows_deleted_record(self: RecordTab) -> bool:
        return self._shown_deleted

    def focus_form(self: RecordTab) -> bool:
        """The cursor into the form's first field (Enter or Tab from the table, New)."""
        form = self.form
        return form.isEnabled() and form.focus_first_field()

    def focus_search(self: RecordTab) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def after_write(
        self: RecordTab, uuid: str, row_before: int = -1, *, changes: ChangeReport | None = None
    ) -> None:
        """Show the catalogue as it is after a write to `uuid` (here, or undo and redo):
        the rows it changed (`changes`; without it, as if everything had), the others
        tabs and the counts through the window.

        A record still in this view is selected and shown; one that left it (deleted,
        or restored from Recently deleted) gives its place to its neighbour.
        """
        if changes is None:
            changes = ChangeReport(counts_changed=True)
            changes.note(self.entity, uuid, None)
        self.host.changes_made(changes, self)
        if not self._loaded:
            self.refresh()
        else:
            self.show_changed_rows(changes)
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
