"""One table model for every entity: the matching ids up front, rows fetched as painted.

Holding only the ordered id list keeps a 100,000-row table cheap to open and to
re-filter; the visible rows are fetched in pages through the facade and cached
until the next reset.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery, TableRow

PAGE_SIZE = 200
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
UUID_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex

# Headers of derived columns (those not in the entity's fields).
_DERIVED_HEADERS = {"hosts": "Hosts"}


class RecordTableModel(QAbstractTableModel):
    def __init__(self, catalogue: Catalogue, entity: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._entity = entity
        self._spec = ENTITIES[entity]
        self._columns = self._spec.table_columns
        self._query = RecordQuery()
        self._ids: list[int] = []
        self._cache: dict[int, TableRow] = {}
        self.refresh()

    @property
    def entity(self) -> str:
        return self._entity

    @property
    def query(self) -> RecordQuery:
        return self._query

    @property
    def columns(self) -> tuple[str, ...]:
        return self._columns

    def set_query(self, query: RecordQuery) -> None:
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Re-run the query (after a filter change or a write) and drop cached rows."""
        self.beginResetModel()
        self._ids = self._catalogue.ids(self._entity, self._query)
        self._cache.clear()
        self.endResetModel()

    def row_of_id(self, record_id: int) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def uuid_at(self, row: int) -> str:
        return self._row(row).uuid

    # -- Qt interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self._columns):
            return None
        name = self._columns[section]
        label = _DERIVED_HEADERS.get(name) or self._spec.field(name).label
        return self.tr(label)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == ROW_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, UUID_ROLE):
            return None
        row = self._row(index.row())
        if role == UUID_ROLE:
            return row.uuid
        value = row.values.get(self._columns[index.column()])
        return "" if value is None else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self._query = RecordQuery(
            **{**self._query.__dict__, "sort": self._columns[column],
               "descending": order == Qt.SortOrder.DescendingOrder}
        )  # fmt: skip
        self.refresh()

    # -- paging -------------------------------------------------------------------

    def _row(self, row: int) -> TableRow:
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is None:
            start = (row // PAGE_SIZE) * PAGE_SIZE
            page = self._ids[start : start + PAGE_SIZE]
            self._cache.update(self._catalogue.rows(self._entity, page, self._columns))
            cached = self._cache.get(record_id)
            if cached is None:  # deleted under us (another window); show an empty row until refresh
                cached = TableRow(record_id, "", {}, False)
                self._cache[record_id] = cached
        return cached
