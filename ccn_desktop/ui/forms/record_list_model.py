"""A short ordered list of records shown by label: linked cities, a city's relations.

Rows know their entity and UUID, so a view can follow them. Rows can be removed
and moved (the order of host cities is stored), and shown as links (underlined, in
the palette's link colour) where one click follows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RecordItem:
    entity: str
    uuid: str
    label: str
    detail: str = ""  # e.g. "Poland · Literature", shown after the label


class RecordListModel(QAbstractListModel):
    def __init__(self, parent: Any = None, *, as_links: bool = False) -> None:
        super().__init__(parent)
        self._items: list[RecordItem] = []
        self._as_links = as_links

    # -- content ----------------------------------------------------------------------------

    def items(self) -> list[RecordItem]:
        return list(self._items)

    def uuids(self) -> list[str]:
        return [item.uuid for item in self._items]

    def set_items(self, items: Sequence[RecordItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def append_items(self, items: Sequence[RecordItem]) -> None:
        if not items:
            return
        start = len(self._items)
        self.beginInsertRows(QModelIndex(), start, start + len(items) - 1)
        self._items.extend(items)
        self.endInsertRows()

    def item_at(self, row: int) -> RecordItem:
        return self._items[row]

    # -- Qt interface -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{item.label} — {item.detail}" if item.detail else item.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.label
        if role == UUID_ROLE:
            return item.uuid
        if role == ENTITY_ROLE:
            return item.entity
        if self._as_links and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setUnderline(True)
            return font
        if self._as_links and role == Qt.ItemDataRole.ForegroundRole:
            return QGuiApplication.palette().brush(QPalette.ColorRole.Link)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count <= 0 or row < 0 or row + count > len(self._items):
            return False
        self.beginRemoveRows(parent, row, row + count - 1)
        del self._items[row : row + count]
        self.endRemoveRows()
        return True

    def moveRows(
        self,
        source_parent: _Index,
        source_row: int,
        count: int,
        destination_parent: _Index,
        destination_child: int,
    ) -> bool:
        if source_parent.isValid() or destination_parent.isValid() or count <= 0:
            return False
        if source_row < 0 or source_row + count > len(self._items):
            return False
        if not 0 <= destination_child <= len(self._items):
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # a no-move, which beginMoveRows refuses
        if not self.beginMoveRows(
            source_parent, source_row, source_row + count - 1, destination_parent, destination_child
        ):
            return False
        moved = self._items[source_row : source_row + count]
        del self._items[source_row : source_row + count]
        insert_at = (
            destination_child - count if destination_child > source_row else destination_child
        )
        self._items[insert_at:insert_at] = moved
        self.endMoveRows()
        return True
