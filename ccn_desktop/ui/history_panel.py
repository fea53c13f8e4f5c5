"""A record's history: its versions, what each held, and a way back to any of them.

The list shows when (local time), what was done, by which office and where the
version came from. Selecting one shows its values beside the current ones, the
fields that differ in bold on a highlighted row. "Restore this version" only asks:
the window restores through its undo stack (`Catalogue.restore_version`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.entities import ENTITIES, EntitySpec
from ccn_desktop.catalogue.facade import Catalogue, HistoryEntry
from ccn_desktop.i18n import ngettext, number
from ccn_desktop.ui.forms.display import city_labeller
from ccn_desktop.ui.history_models import HistoryTableModel, VersionValuesModel


class HistoryPanel(QWidget):
    """The versions of the record given to `load()`; emits `restoreRequested(history_id)`."""

    restoreRequested = Signal(int)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self._entity: str | None = None
        self._uuid: str | None = None
        self._current: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.model = HistoryTableModel(catalogue, self)
        self.versions = QTableView(splitter)
        self.versions.setModel(self.model)
        self.versions.setAccessibleName(self.tr("Versions"))
        self._setup_table(self.versions)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.versions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.values_model = VersionValuesModel(self)
        self.values = QTableView(splitter)
        self.values.setModel(self.values_model)
        self.values.setAccessibleName(self.tr("Values of the selected version"))
        self._setup_table(self.values)
        self.values.setWordWrap(True)
        self.values.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.values.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        values_header = self.values.horizontalHeader()
        values_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        values_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        values_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.values.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # At least five versions in view; the values below say what they are.
        rows = self.versions.verticalHeader().defaultSectionSize()
        self.versions.setMinimumHeight(
            rows * 5 + self.versions.horizontalHeader().sizeHint().height() + 4
        )
        values_box = QWidget(splitter)
        values_layout = QVBoxLayout(values_box)
        values_layout.setContentsMargins(0, 4, 0, 0)
        self.values_title = QLabel(self.tr("The selected version beside the current one:"))
        self.values_title.setBuddy(self.values)
        values_layout.addWidget(self.values_title)
        values_layout.addWidget(self.values, 1)
        splitter.addWidget(self.versions)
        splitter.addWidget(values_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.legend = QLabel(self.tr("Fields that differ from the current version are in bold."))
        self.legend.setWordWrap(True)
        self.legend.setEnabled(False)
        self.restore_button = QPushButton(self.tr("&Restore this version"), self)
        self.restore_button.setToolTip(
            self.tr("Make the selected version the current one again (can be undone)")
        )
        self.restore_button.clicked.connect(self._restore_clicked)
        row.addWidget(self.legend, 1)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        self.versions.selectionModel().currentRowChanged.connect(self._show_selected)
        self.load(None, None)

    @staticmethod
    def _setup_table(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.setTabKeyNavigation(False)
        view.setAlternatingRowColors(False)

    # -- the contract ----------------------------------------------------------------------

    def load(self, entity: str | None, uuid: str | None) -> None:
        """Show the versions of a record (None, None: nothing)."""
        self._entity, self._uuid = entity, uuid
        self.refresh()

    def refresh(self) -> None:
        """Read the versions again (after a save or a restore)."""
        entity, uuid = self._entity, self._uuid
        if entity is None or uuid is None:
            self._current = None
            self.model.set_entries([])
            self.title.setText(self.tr("No record selected."))
        else:
            self._current = self.catalogue.get(entity, uuid)
            entries = self.catalogue.history(entity, uuid)
            self.model.set_entries(entries)
            label = self.catalogue.label(entity, uuid)
            text = ngettext(
                "History of {record}: {count} version",
                "History of {record}: {count} versions",
                len(entries),
            ).format(record=label, count=number(len(entries)))
            self.title.setText(text)
        if self.model.rowCount():
            self.select_row(0)
        else:
            self._show_selected()

    def select_row(self, row: int) -> None:
        self.versions.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def selected_entry(self) -> HistoryEntry | None:
        index = self.versions.currentIndex()
        return self.model.entry_at(index.row()) if index.isValid() else None

    # -- reacting --------------------------------------------------------------------------

    def _show_selected(self, *_args: Any) -> None:
        entry = self.selected_entry()
        spec = ENTITIES[self._entity] if self._entity else None
        if entry is None or spec is None:
            self.values_model.set_versions(None, None, None)
            self.restore_button.setEnabled(False)
            return
        labeller = city_labeller(self.catalogue, spec, [entry.snapshot, self._current or {}])
        self.values_model.set_versions(spec, entry.snapshot, self._current, labeller)
        self.restore_button.setEnabled(not self._same_as_current(spec, entry.snapshot))

    def _same_as_current(self, spec: EntitySpec, snapshot: Mapping[str, Any]) -> bool:
        current = self._current or {}
        names = [*spec.field_names, "deleted"]
        return all(snapshot.get(name) == current.get(name) for name in names)

    def _restore_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.restoreRequested.emit(entry.id)
