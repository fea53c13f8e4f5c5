"""A read-only table model over one StatTable (the numbers under a chart)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ccn_desktop.catalogue.statistics_tables import StatTable
from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS
from ccn_desktop.ui.chips import field_chip
from ccn_desktop.ui.table_model import DISPLAY, RIGHT_ALIGNED, Index, ItemListModel, bold_font

Row = tuple[str | int, ...]


class StatTableModel(ItemListModel[Row]):
    """The table's own headers (already in the reader's language) over its rows."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: StatTable | None = None

    def set_table(self, table: StatTable) -> None:
        self.beginResetModel()  # the columns change with the rows
        self.table = table
        self._items = list(table.rows)
        self.endResetModel()

    def column_count(self) -> int:
        return 0 if self.table is None else len(self.table.headers)

    def header(self, section: int) -> Any:
        return self.table.headers[section] if self.table is not None else None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        total = self.table is not None and self.table.total_row
        last = index.row() == self.rowCount() - 1
        if role == Qt.ItemDataRole.FontRole and index.isValid() and total and last:
            return bold_font()
        return super().data(index, role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        value = row[column]
        if role == DISPLAY:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return field_chip(str(value)) if value in CREATIVE_FIELDS else None
        return None
