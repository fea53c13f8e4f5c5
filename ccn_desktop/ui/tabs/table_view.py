"""The records table of a tab: selection by rows, sortable, movable columns, a column chooser."""

from __future__ import annotations

from collections.abc import Callable

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


FIT_SAMPLE_ROWS = 2000  # rows read to fit the columns (the starter has 405 cities)
MAX_COLUMN_CHARS = 48  # no column wider than this many average characters


class RecordTableView(QTableView):
    """The table. It says once when it has first painted rows (start-up is measured to it),
    and Enter asks to edit the selected record."""

    firstRowsPainted = Signal()
    activatedByKey = Signal()

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self._fit_pending = False  # columns fit their values once the first rows are shown
        # Where Tab goes from here (the tab's form); the form is built after the window's
        # toolbar, so Qt's own chain would lead back to the filter box instead.
        self.tab_forward: Callable[[], bool] | None = None
        self.setModel(model)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the table for the form (arrows move between rows); with Qt's default
        # Tab would walk the cells and never get out.
        self.setTabKeyNavigation(False)
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
        if self._fit_pending and self.model() is not None and self.model().rowCount() > 0:
            self._fit_pending = False
            self.fit_columns_to_contents()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activatedByKey.emit()  # Enter: go and edit the selected record
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if forward and self.tab_forward is not None and self.tab_forward():
            return True
        return super().focusNextPrevChild(forward)

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
        """Room for typical values and for the header (with its sort arrow); once rows are
        shown, each column is fitted to its values (`fit_columns_to_contents`)."""
        model = self.model()
        names = tuple(names or getattr(model, "columns", None) or ())
        metrics = self.fontMetrics()
        header_metrics = self.horizontalHeader().fontMetrics()
        for column, name in enumerate(names):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            values = metrics.averageCharWidth() * _DEFAULT_WIDTHS.get(name, 14) + 16
            self.setColumnWidth(column, max(values, header_metrics.horizontalAdvance(title) + 36))
        self._fit_pending = True

    def fit_columns_to_contents(self, sample: int = FIT_SAMPLE_ROWS) -> None:
        """Each visible column as wide as its widest value (of the first `sample` rows) and
        its header, within limits; width to spare is shared by all columns, not given to
        the last one alone ("United Arab Emirates" whole at 1920 pixels)."""
        model = self.model()
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        average = metrics.averageCharWidth()
        rows = min(model.rowCount(), sample)
        widths: dict[int, int] = {}
        floors: dict[int, int] = {}
        for column in range(model.columnCount()):
            if header.isSectionHidden(column):
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            least = header.fontMetrics().horizontalAdvance(title) + 36  # the sort arrow
            wanted = least
            for row in range(rows):
                index = model.index(row, column)
                text = index.data()
                if text is not None:
                    extra = 16
                    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
                        extra += self.iconSize().width() if self.iconSize().isValid() else 16
                        extra += 8  # the chip of a creative field and its gap
                    wanted = max(wanted, metrics.horizontalAdvance(str(text)) + extra)
            widths[column] = min(wanted, average * MAX_COLUMN_CHARS)
            floors[column] = min(least, widths[column])
        room = self.viewport().width()
        total = sum(widths.values()) or 1
        spare = room - total
        if spare < 0:  # too narrow for every value: each column gives up its share
            scale = room / total
            widths = {c: max(floors[c], int(w * scale)) for c, w in widths.items()}
            spare = 0
        for column, width in widths.items():
            self.setColumnWidth(column, width + spare * width // total)
