"""The records table of a tab: selection by rows, sortable, movable columns, a column chooser."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

# Typical width of each column's values, in average characters.
_DEFAULT_WIDTHS = {
    "name": 22,
    "title": 40,
    "country": 16,
    "creative_field": 21,
    "designation_year": 8,
    "region": 24,
    "edition": 6,
    "year": 6,
    "hosts": 30,
    "start_date": 11,
    "format": 10,
    "status": 11,
    "start_year": 7,
    "end_year": 7,
    "lead_organisation": 24,
}


class RecordTableView(QTableView):
    """The table. It says once when it has first painted rows (start-up is measured to it),
    and Enter asks to edit the selected record."""

    firstRowsPainted = Signal()
    activatedByKey = Signal()

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self.setModel(model)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fast for any number of rows
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSortIndicatorClearable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted and self.model() is not None and self.model().rowCount() > 0:
            self._painted = True
            self.firstRowsPainted.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activatedByKey.emit()  # Enter: go and edit the selected record
            return
        super().keyPressEvent(event)

    # -- columns ----------------------------------------------------------------------------

    def _show_column_menu(self, position: QPoint) -> None:
        self.column_menu().exec(self.horizontalHeader().mapToGlobal(position))

    def column_menu(self) -> QMenu:
        """Checkable columns (the last visible one cannot be hidden), and a reset."""
        header = self.horizontalHeader()
        model = self.model()
        menu = QMenu(self.tr("Columns"), self)
        visible = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
        for column in range(model.columnCount()):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            action = QAction(str(title), menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(not (len(visible) == 1 and column in visible))
            action.toggled.connect(
                lambda on, column=column: header.setSectionHidden(column, not on)
            )
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction(self.tr("Reset columns"))
        reset.triggered.connect(self.reset_columns)
        return menu

    def reset_columns(self) -> None:
        """Every column shown, in its first order, at its default width."""
        header = self.horizontalHeader()
        for column in range(self.model().columnCount()):
            header.setSectionHidden(column, False)
            header.moveSection(header.visualIndex(column), column)
        self.default_column_widths()

    def default_column_widths(self, names: tuple[str, ...] | None = None) -> None:
        """Room for typical values and for the header (with its sort arrow)."""
        model = self.model()
        names = tuple(names or getattr(model, "columns", None) or ())
        metrics = self.fontMetrics()
        header_metrics = self.horizontalHeader().fontMetrics()
        for column, name in enumerate(names):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            values = metrics.averageCharWidth() * _DEFAULT_WIDTHS.get(name, 14) + 16
            self.setColumnWidth(column, max(values, header_metrics.horizontalAdvance(title) + 36))
