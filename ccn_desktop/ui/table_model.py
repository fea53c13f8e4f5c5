"""One small base for the window's read-only lists shown as tables: one item a row.

The exchange dialogs' lists, the import preview, a record's history, the backups and
the numbers under a chart all hold a list of things under column titles. The base
keeps the list (`set_items`, `item_at`), answers Qt's counts and titles, and asks a
subclass only what a cell shows (`cell`), so that each model is its columns and no
more. Editable grids (the choice of values per field) and the big lazily fetched
record table are not lists of this kind and keep their own models.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

Item = TypeVar("Item")
Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
# Numbers read best right-aligned, the way a column of figures is added up.
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def bold_font() -> QFont:
    """The font of a cell that should stand out (a conflict, a total, a changed field)."""
    font = QFont()
    font.setBold(True)
    return font


class ItemListModel(QAbstractTableModel, Generic[Item]):
    """Rows of one item each; subclasses name `HEADERS` (English, marked with `N_`) and
    answer `cell()`."""

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []

    # -- the list --------------------------------------------------------------------------

    def set_items(self, items: Iterable[Item]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> Item:
        return self._items[row]

    @property
    def items(self) -> Sequence[Item]:
        return self._items

    # -- what a subclass says --------------------------------------------------------------

    def column_count(self) -> int:
        """How many columns; a table whose columns are data (a chart's) says so here."""
        return len(self.HEADERS)

    def header(self, section: int) -> Any:
        """The title of column `section`, in the reader's language."""
        return QCoreApplication.translate(type(self).__name__, self.HEADERS[section])

    def cell(self, item: Item, column: int, role: int) -> Any:
        """What `item`'s cell in `column` shows for `role` (None: nothing)."""
        return None

    # -- Qt's side -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column_count()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == DISPLAY and horizontal and 0 <= section < self.column_count():
            return self.header(section)
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self.cell(self._items[index.row()], index.column(), role)
