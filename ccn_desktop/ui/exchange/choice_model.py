"""Several versions of a record side by side, field by field, with one chosen per field.

Conflict review (versions of one record made concurrently in different offices)
and merging (two records found to be one) are the same task for the user: for
each field, pick the value to keep. Rows are fields, the first column names the
field, one column per version (the chosen cell is checked), and a last column
shows the result. Clicking a version's cell chooses it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.ui.exchange.values import (
    DELETED_FIELD,
    CityNames,
    field_label,
    field_spec,
    short,
    tr,
    value_text,
)

_Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
CHECK = Qt.ItemDataRole.CheckStateRole
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1


def chosen_brush() -> QBrush:
    """A light tint of the selection colour behind the chosen value (light and dark themes)."""
    colour = QColor(QGuiApplication.palette().color(QPalette.ColorRole.Highlight))
    colour.setAlpha(55)
    return QBrush(colour)


class ChoiceModel(QAbstractTableModel):
    """Fields × versions; `choice(field)` is the index of the version whose value is kept.

    `with_deleted` adds a first row "Kept or deleted" (a conflict between an edit and
    a deletion). Only fields whose values differ are shown unless `set_only_differences
    (False)`; the choice covers every field either way.
    """

    def __init__(
        self,
        entity: str,
        versions: Sequence[Mapping[str, Any]],
        headers: Sequence[str],
        *,
        city_names: CityNames | None = None,
        with_deleted: bool = False,
        default: int = 0,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        if len(versions) < 2 or len(headers) != len(versions):
            raise ValueError("two or more versions, each with its header")
        self.entity = entity
        self._versions = [dict(version) for version in versions]
        self._headers = list(headers)
        self._city_names = city_names
        self._fields = list(ENTITIES[entity].field_names)
        if with_deleted:
            self._fields.insert(0, DELETED_FIELD)
        self._choice = dict.fromkeys(self._fields, default)
        self._only_differences = True
        self._texts: dict[tuple[str, int], str] = {}
        self._rows = self._visible_fields()

    # -- what the dialogs ask --------------------------------------------------------

    @property
    def version_count(self) -> int:
        return len(self._versions)

    @property
    def fields(self) -> list[str]:
        """The fields shown, in order."""
        return list(self._rows)

    def differs(self, name: str) -> bool:
        first = self._versions[0].get(name)
        return any(version.get(name) != first for version in self._versions[1:])

    def differing_fields(self) -> list[str]:
        return [name for name in self._fields if self.differs(name)]

    def choice(self, name: str) -> int:
        return self._choice[name]

    def choose(self, name: str, version: int) -> None:
        if not 0 <= version < len(self._versions):
            raise IndexError(version)
        if self._choice[name] == version:
            return
        self._choice[name] = version
        if name in self._rows:
            row = self._rows.index(name)
            self.dataChanged.emit(self.index(row, 1), self.index(row, self.columnCount() - 1))

    def choose_all(self, version: int) -> None:
        """Take every field from one version ("keep mine for all", "take theirs for all")."""
        for name in self._fields:
            self._choice[name] = version
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 1), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )

    def choose_where(self, rule: Callable[[str], int | None]) -> None:
        """Let `rule(field)` pick a version per field (None keeps the current choice)."""
        for name in self._fields:
            picked = rule(name)
            if picked is not None:
                self._choice[name] = picked
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 1), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )

    def chosen_values(self) -> dict[str, Any]:
        """Every field's chosen value (not the deleted flag)."""
        return {
            name: self._versions[self._choice[name]].get(name)
            for name in self._fields
            if name != DELETED_FIELD
        }

    def chosen_deleted(self) -> bool:
        if DELETED_FIELD in self._choice:
            return bool(self._versions[self._choice[DELETED_FIELD]].get("deleted"))
        return bool(self._versions[0].get("deleted"))

    def version(self, index: int) -> dict[str, Any]:
        return dict(self._versions[index])

    def set_only_differences(self, only: bool) -> None:
        self.beginResetModel()
        self._only_differences = only
        self._rows = self._visible_fields()
        self.endResetModel()

    def _visible_fields(self) -> list[str]:
        if not self._only_differences:
            return list(self._fields)
        return self.differing_fields()

    def text(self, name: str, version: int) -> str:
        key = (name, version)
        if key not in self._texts:
            value = self._versions[version].get(name)
            self._texts[key] = value_text(field_spec(self.entity, name), value, self._city_names)
        return self._texts[key]

    # -- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._versions) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or role not in (
            DISPLAY,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if section == 0:
            return tr("Field")
        if 1 <= section <= len(self._versions):
            return self._headers[section - 1]
        if section == len(self._versions) + 1:
            return tr("Result")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if 1 <= index.column() <= len(self._versions):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        name = self._rows[index.row()]
        column = index.column()
        version = column - 1
        if column == len(self._versions) + 1:
            version = self._choice[name]
        if role == FIELD_ROLE:
            return name
        if role == DISPLAY:
            if column == 0:
                return field_label(self.entity, name)
            return short(self.text(name, version))
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            return self.text(name, version)
        if role == CHECK and 1 <= column <= len(self._versions):
            chosen = self._choice[name] == version
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and self._choice[name] == column - 1:
            return chosen_brush()
        if role == Qt.ItemDataRole.FontRole and self._bold(name, column):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and 1 <= column <= len(self._versions):
            return tr("chosen") if self._choice[name] == version else tr("not chosen")
        return None

    def _bold(self, name: str, column: int) -> bool:
        """The result, and the names of fields whose versions differ."""
        return column == len(self._versions) + 1 or (column == 0 and self.differs(name))

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Checking a version's cell chooses it; unchecking the chosen one changes nothing."""
        if not index.isValid() or role != CHECK or not 1 <= index.column() <= len(self._versions):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if not checked:
            return False
        self.choose(self._rows[index.row()], index.column() - 1)
        return True
