"""One table model for every entity: the matching ids up front, rows fetched as painted.

Holding only the ordered id list keeps a 100,000-row table cheap to open and to
re-filter; the visible rows are fetched in pages through the facade and cached
until the next reset. Filters come from the tab (`set_filter`), the order from the
header (`sort`); the model joins them into one `RecordQuery`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from ccn_desktop.catalogue.country_names import local_country_name, shown_country
from ccn_desktop.catalogue.entities import ENTITIES, NUMBER_KINDS, Kind
from ccn_desktop.catalogue.query_types import RecordQuery, TableRow
from ccn_desktop.ui.chips import field_chip
from ccn_desktop.ui.labels import column_label, vocabulary_label

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue

PAGE_SIZE = 200
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
UUID_ROLE = Qt.ItemDataRole.UserRole + 2
NEEDS_REVIEW_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    def __init__(
        self, catalogue: Catalogue | None, entity: str, parent: Any = None, *, load: bool = True
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._entity = entity
        self._spec = ENTITIES[entity]
        self._columns = self._spec.table_columns
        # The country column is read in the reader's language: from the code when there is one.
        self._fetched = self._columns + (
            ("country_code",) if "country" in self._columns and "country_code" not in self._columns
            else ()
        )  # fmt: skip
        self._filter = RecordQuery()
        self._sort = ""
        self._descending = False
        self._ids: list[int] = []
        self._rows_of: dict[int, int] | None = None  # id -> row, built on first lookup
        self._cache: dict[int, TableRow] = {}
        self._loaded = False
        self._peek_rows: int | None = None  # row count shown while only a peek is loaded
        self._numeric = {
            name
            for name in self._columns
            if name in self._spec.field_names and self._spec.field(name).kind in NUMBER_KINDS
        }
        self._choices = {
            name
            for name in self._columns
            if name in self._spec.field_names and self._spec.field(name).kind == Kind.CHOICE
        }
        if load and catalogue is not None:
            self.refresh()

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """The catalogue, once it is open (the window may paint a peek before)."""
        self._catalogue = catalogue

    def show_peek(self, rows: list[TableRow], total: int) -> None:
        """Paint the first rows (and an empty rest) before the catalogue is open.

        See `catalogue/peek.py`; the next `refresh()` replaces them with the real query.
        """
        self.beginResetModel()
        self._ids = [row.id for row in rows]
        self._cache = {row.id: row for row in rows}
        self._rows_of = None
        self._peek_rows = max(total, len(rows))
        self.endResetModel()

    @property
    def peeking(self) -> bool:
        return self._peek_rows is not None

    @property
    def entity(self) -> str:
        return self._entity

    @property
    def query(self) -> RecordQuery:
        """The filter joined with the header's order: what the table shows."""
        return self.query_for(self._filter)

    def query_for(self, filter_query: RecordQuery) -> RecordQuery:
        """`filter_query` in the table's order (recently deleted: newest first by default)."""
        if not self._sort and filter_query.deleted:
            return dataclasses.replace(filter_query, sort="modified_at", descending=True)
        return dataclasses.replace(filter_query, sort=self._sort, descending=self._descending)

    @property
    def columns(self) -> tuple[str, ...]:
        return self._columns

    def set_filter(self, query: RecordQuery) -> None:
        """Show the records `query` matches (its sort is ignored: the header decides)."""
        self._filter = query
        self.refresh()

    # Kept for callers that think in whole queries.
    set_query = set_filter

    def set_result(self, filter_query: RecordQuery, ids: list[int]) -> None:
        """Show ids that `query_for(filter_query)` gave (run elsewhere, e.g. off the GUI thread)."""
        self.beginResetModel()
        self._filter = filter_query
        self._loaded = True
        self._peek_rows = None
        self._ids = list(ids)
        self._rows_of = None
        self._cache.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-run the query (after a filter change or a write) and drop cached rows."""
        if self._catalogue is None:
            raise RuntimeError("the table has no catalogue yet")
        self.beginResetModel()
        self._loaded = True
        self._peek_rows = None
        self._ids = self._catalogue.ids(self._entity, self.query)
        self._rows_of = None
        self._cache.clear()
        self.endResetModel()

    def apply_changes(self, record_ids: list[int] | None) -> None:
        """After a write: the rows of `record_ids` are read again. The list is reset only
        when the records shown or their order changed (or `record_ids` is None)."""
        if self._catalogue is None:
            raise RuntimeError("the table has no catalogue yet")
        ids = self._catalogue.ids(self._entity, self.query)
        if record_ids is None or ids != self._ids or self._peek_rows is not None:
            self.beginResetModel()
            self._loaded = True
            self._peek_rows = None
            self._ids = ids
            self._rows_of = None
            self._cache.clear()
            self.endResetModel()
            return
        last = self.columnCount() - 1
        for record_id in record_ids:
            self._cache.pop(record_id, None)
            row = self.row_of_id(record_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _open_catalogue(self) -> Catalogue:
        if self._catalogue is None:
            raise RuntimeError("the table has no catalogue yet")
        return self._catalogue

    def row_of_id(self, record_id: int) -> int:
        if self._rows_of is None:
            self._rows_of = {value: row for row, value in enumerate(self._ids)}
        return self._rows_of.get(record_id, -1)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def uuid_at(self, row: int) -> str:
        return self._row(row).uuid

    # -- Qt interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return self._peek_rows if self._peek_rows is not None else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_label(self._entity, self._columns[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None  # (while peeking, the rows after the first page are blank)
        if role == ROW_ID_ROLE:
            return self._ids[index.row()]
        if role not in _ROLES:
            return None
        row = self._row(index.row())
        name = self._columns[index.column()]
        if role == UUID_ROLE:
            return row.uuid
        if role == NEEDS_REVIEW_ROLE:
            return row.needs_review
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if name in self._numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(row, name, index.column())
        text = self._text(row.values.get(name), name)
        if name == "country" and row.values.get("country_code"):
            text = local_country_name(str(row.values["country_code"])) or text
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.needs_review and index.column() == 0:
                return self.tr("{name} — needs review: two offices changed it").format(name=text)
            return text or None
        return text

    def _text(self, value: Any, name: str) -> str:
        if value is None:
            return ""
        if name in self._choices:
            return vocabulary_label(str(value))
        if name == "country":  # stored in English, read in the reader's language
            return shown_country(str(value))
        return str(value)

    def _decoration(self, row: TableRow, name: str, column: int) -> Any:
        if name == "creative_field" and row.values.get(name):
            return field_chip(str(row.values[name]))
        if column == 0 and row.needs_review:
            style = QApplication.style()
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            sort, descending = "", False  # -1: back to the entity's natural order
        else:
            sort, descending = self._columns[column], order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = sort, descending
        if not self._loaded:
            return  # the first refresh() will use this order
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        self._ids = self._open_catalogue().ids(self._entity, self.query)
        self._rows_of = None
        # The same rows in a new order: move persistent indexes (selection, current) along.
        persistent = self.persistentIndexList()
        moved = []
        for index in persistent:
            row = self.row_of_id(old_ids[index.row()]) if index.row() < len(old_ids) else -1
            moved.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # -- paging -------------------------------------------------------------------

    def _row(self, row: int) -> TableRow:
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is None:
            start = (row // PAGE_SIZE) * PAGE_SIZE
            page = [i for i in self._ids[start : start + PAGE_SIZE] if i not in self._cache]
            self._cache.update(self._open_catalogue().rows(self._entity, page, self._fetched))
            cached = self._cache.get(record_id)
            if cached is None:  # deleted under us (another window); show an empty row until refresh
                cached = TableRow(record_id, "", {}, False)
                self._cache[record_id] = cached
        return cached


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole,
        UUID_ROLE,
        NEEDS_REVIEW_ROLE,
    }
)
