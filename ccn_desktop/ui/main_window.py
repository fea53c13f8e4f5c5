"""The main window: one tab per entity, each a sortable table over the catalogue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMainWindow, QTableView, QTabWidget

from ccn_desktop import APP_NAME
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.record_table_model import RecordTableModel


class MainWindow(QMainWindow):
    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.setWindowTitle(f"{APP_NAME} — {catalogue.office.name}")
        self.tabs = QTabWidget(self)
        self.models: dict[str, RecordTableModel] = {}
        self.views: dict[str, QTableView] = {}
        for name, spec in ENTITIES.items():
            model = RecordTableModel(catalogue, name, self)
            view = QTableView(self.tabs)
            view.setModel(model)
            view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
            view.setSortingEnabled(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setAlternatingRowColors(True)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
            view.setAccessibleName(self.tr(spec.label_plural))
            self.models[name] = model
            self.views[name] = view
            self.tabs.addTab(view, self.tr(spec.label_plural))
        self.setCentralWidget(self.tabs)
        self._show_counts()
        self.tabs.currentChanged.connect(self._show_counts)
        self.resize(1100, 700)

    def _show_counts(self) -> None:
        parts = [
            f"{self.tr(spec.label_plural)}: {self.models[name].rowCount()}"
            for name, spec in ENTITIES.items()
        ]
        self.statusBar().showMessage("   ".join(parts) + f"   Office: {self.catalogue.office.name}")
