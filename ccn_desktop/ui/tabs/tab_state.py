"""The attributes a RecordTab and its parts share, declared once with their types.

RecordTab (base_tab.py) sets them in its constructor; its parts (filters and search,
selection, form binding, record actions, change view) read and set them. Declaring
them here gives every part the same types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray
    from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

    from ccn_desktop.ui.record_table_model import RecordTableModel
    from ccn_desktop.ui.tabs.detail_pane import DetailPane
    from ccn_desktop.ui.tabs.table_view import RecordTableView
    from ccn_desktop.ui.worker import Task


class TabState:
    pane: DetailPane | None  # built when a record is first shown
    model: RecordTableModel
    table: RecordTableView
    detail: QWidget
    _detail_layout: QVBoxLayout
    deleted_toggle: QCheckBox
    _guard: bool  # set while the tab itself moves the selection
    _generation: int  # bumped by every query: an older background result is dropped
    _loaded: bool
    _shown_id: int | None  # the table row the form follows
    _shown_deleted: bool
    _blank: bool  # the form shows "No record selected"
    _search_task: Task | None
    _search_again: bool
    _pending_detail_state: QByteArray | None
    _selected_before_reset: list[int]
    _current_before_reset: int | None
