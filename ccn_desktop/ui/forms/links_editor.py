"""LINKS fields: an ordered list of chosen cities, and a searchable picker to add more.

Cities are shown by name with their country and field, since names repeat across
countries ("Santos", "Valencia"). Any chosen city can be followed: double-click it,
press Enter on it, or use Open.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.country_names import shown_country
from ccn_desktop.catalogue.entities import FieldSpec
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.i18n import ngettext, number
from ccn_desktop.ui.forms.list_editors import OrderedListEditor
from ccn_desktop.ui.forms.record_list_model import RecordItem, RecordListModel
from ccn_desktop.ui.record_table_model import RecordTableModel

FILTER_DELAY_MS = 150


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordForm", text)


def city_items(catalogue: Catalogue, uuids: Sequence[str]) -> list[RecordItem]:
    """Labelled rows for city UUIDs, in the order given; unknown ones are kept and said so."""
    found = {snap["uuid"]: snap for snap in catalogue.get_many("city", list(uuids))}
    items = []
    for uuid in uuids:
        snap = found.get(uuid)
        if snap is None:
            items.append(RecordItem("city", uuid, uuid, _tr("not in this catalogue")))
            continue
        parts = [shown_country(snap.get("country") or "") or snap.get("country_code") or ""]
        if snap.get("creative_field"):
            parts.append(_tr(snap["creative_field"]))
        if snap.get("deleted"):
            parts.append(_tr("deleted"))
        items.append(RecordItem("city", uuid, snap["name"], " · ".join(p for p in parts if p)))
    return items


class _FilterLine(QLineEdit):
    """The picker's filter box: Down moves into the results."""

    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        super().keyPressEvent(event)


class CityPickerDialog(QDialog):
    """Choose one or more cities; the filter searches as you type, ignoring accents."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add cities"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr("&Find a city (name, country or field):"), self)
        self.filter = _FilterLine(self)
        self.filter.setPlaceholderText(self.tr("e.g. lodz, Film, Brazil"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Find a city"))
        prompt.setBuddy(self.filter)
        self.model = RecordTableModel(catalogue, "city", self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Matching cities"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Name, country and field tell cities apart; the other table columns only crowd.
        shown = ("name", "country", "creative_field")
        for column, name in enumerate(self.model.columns):
            self.table.setColumnHidden(column, name not in shown)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 190)
        self.table.setTabKeyNavigation(False)
        self.table.doubleClicked.connect(self.accept)
        self.count_label = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(prompt)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._timer.start)
        self.filter.downPressed.connect(self._into_results)
        self.filter.returnPressed.connect(self._return_in_filter)
        self.table.selectionModel().selectionChanged.connect(self._update_add_button)
        self._update_count()
        self._update_add_button()
        self.resize(620, 440)

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_query(RecordQuery(text=self.filter.text()))
        self._update_count()
        self._update_add_button()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            ngettext("{n} matching city", "{n} matching cities", count).format(n=number(count))
        )

    def _update_add_button(self, *_args: Any) -> None:
        self.add_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _into_results(self) -> None:
        if self._timer.isActive():
            self.apply_filter()
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)

    def _return_in_filter(self) -> None:
        """Enter in the filter: pick the selection, or the only match."""
        if self._timer.isActive():
            self.apply_filter()
        if not self.table.selectionModel().selectedRows() and self.model.rowCount() == 1:
            self.table.selectionModel().select(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        if self.table.selectionModel().selectedRows():
            self.accept()

    def selected_uuids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.uuid_at(row) for row in rows]


class LinksEditor(OrderedListEditor[RecordListModel]):
    """The cities a conference was hosted by, or a project's participating cities."""

    linkActivated = Signal(str, str)  # entity, uuid

    def __init__(self, spec: FieldSpec, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(spec, RecordListModel(), parent, add_text=_tr("Add…"))
        self.model.setParent(self)
        self.catalogue = catalogue
        self.picker: CityPickerDialog | None = None
        self.add_button.setToolTip(self.tr("Choose cities to add (Insert)"))
        self.open_button = self._button(
            self.tr("Open"), self.tr("Go to the selected city (Enter or double-click)"),
            "forward", self.follow_current,
        )  # fmt: skip
        self.open_button.setMinimumWidth(self._button_width)
        self.buttons_layout.insertWidget(2, self.open_button)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(lambda index: self.follow_row(index.row()))
        self.view.enterPressed.connect(self.follow_current)
        self._update_buttons()

    def _update_buttons(self, *_args: Any) -> None:
        super()._update_buttons()
        if hasattr(self, "open_button"):
            self.open_button.setEnabled(self.current_row() >= 0)

    def add(self) -> None:
        """Open the city picker (window-modal, not blocking); chosen cities are appended."""
        if self.picker is None:
            self.picker = CityPickerDialog(self.catalogue, self)
            self.picker.accepted.connect(self._picked)
        self.picker.filter.clear()
        self.picker.apply_filter()
        self.picker.open()
        self.picker.filter.setFocus()

    def _picked(self) -> None:
        if self.picker is not None:
            self.add_uuids(self.picker.selected_uuids())
            self.view.setFocus()

    def add_uuids(self, uuids: Sequence[str]) -> None:
        present = set(self.model.uuids())
        new = [uuid for uuid in dict.fromkeys(uuids) if uuid not in present]
        self.model.append_items(city_items(self.catalogue, new))
        if new:
            self.select_row(self.model.rowCount() - 1)

    def follow_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            item = self.model.item_at(row)
            self.linkActivated.emit(item.entity, item.uuid)

    def follow_current(self) -> None:
        self.follow_row(self.current_row())

    def value(self) -> list[str]:
        return self.model.uuids()

    def set_value(self, value: Any) -> None:
        uuids = [str(item) for item in value or []]
        self._setting = True
        try:
            self.model.set_items(city_items(self.catalogue, uuids))
        finally:
            self._setting = False
        self.view.updateGeometry()
        self._update_buttons()
