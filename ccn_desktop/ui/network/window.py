"""The "Network overview" window: statistics and the world map under one set of filters.

A window of its own (View ▸ Network Overview) rather than a fourth tab: the record
tabs each edit one entity, while this page only reads, and the map wants the room.
Both pages follow the filters (field, region, designation years); the map's click
selects the city in the main window's Cities tab. Everything is painted by
`ccn_desktop.drawing`, which prints and exports the same pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QRectF, QStringListModel
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.locations import CityLocations
from ccn_desktop.catalogue.statistics import NetworkFilter, NetworkStatistics
from ccn_desktop.catalogue.statistics_tables import filter_text
from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS, FIRST_DESIGNATION_YEAR, UNESCO_REGIONS
from ccn_desktop.drawing.map_page import credit_text
from ccn_desktop.drawing.network_pages import Drawing, map_drawing, statistics_drawing
from ccn_desktop.drawing.world_map import missing_text
from ccn_desktop.ui.filter_widgets import ChoiceFilter, YearRangeFilter
from ccn_desktop.ui.network.map_view import MapWidget
from ccn_desktop.ui.network.statistics_view import StatisticsView
from ccn_desktop.ui.worker import Task, show_error

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue

LAST_YEAR = 2100


class NetworkWindow(QMainWindow):
    def __init__(
        self,
        catalogue: Catalogue,
        show_city: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.show_city = show_city
        self.setObjectName("network-window")
        self.setWindowTitle(self.tr("Network Overview"))
        self.field_filter = ChoiceFilter(
            self.tr("All creative fields"), tuple(CREATIVE_FIELDS), chips=True, parent=self
        )
        self.field_filter.setAccessibleName(self.tr("Creative field filter"))
        self.region_filter = ChoiceFilter(self.tr("All regions"), UNESCO_REGIONS, parent=self)
        self.region_filter.setAccessibleName(self.tr("UNESCO region filter"))
        self.year_filter = YearRangeFilter(
            FIRST_DESIGNATION_YEAR, LAST_YEAR, self.tr("Designated"), parent=self
        )
        toolbar = QToolBar(self.tr("Overview toolbar"), self)
        toolbar.setObjectName("network-toolbar")
        toolbar.setMovable(False)
        for widget in (self.field_filter, self.region_filter, self.year_filter):
            toolbar.addWidget(widget)
            widget.changed.connect(self.refresh)
        toolbar.addSeparator()
        self.print_action = QAction(self.tr("&Print…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_page)
        self.export_action = QAction(self.tr("&Export…"), self)
        self.export_action.setToolTip(self.tr("Save the page shown as PNG, SVG or PDF"))
        self.export_action.triggered.connect(self.export_page)
        toolbar.addAction(self.print_action)
        toolbar.addAction(self.export_action)
        self.addToolBar(toolbar)

        self.pages = QTabWidget(self)
        self.statistics = StatisticsView(self.pages)
        self.pages.addTab(self.statistics, self.tr("Statistics"))
        map_page = QWidget(self.pages)
        self.map = MapWidget(map_page)
        self.map.citySelected.connect(self._city_chosen)
        side = QVBoxLayout()
        self.missing_label = QLabel(map_page)
        self.missing_label.setWordWrap(True)
        self.missing_model = QStringListModel(self)
        self.missing_list = QListView(map_page)
        self.missing_list.setModel(self.missing_model)
        self.missing_list.setAccessibleName(self.tr("Cities without a location"))
        self.missing_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.missing_list.doubleClicked.connect(
            lambda index: self._city_chosen(self._missing_uuids[index.row()])
        )
        credit = QLabel(credit_text(), map_page)
        credit.setWordWrap(True)
        hint = QLabel(self.tr("Wheel: zoom. Drag: move. Click a dot: show the city."), map_page)
        hint.setWordWrap(True)
        zoom_row = QHBoxLayout()
        for text, tip, slot in (
            ("+", self.tr("Zoom in"), lambda: self.map.zoom(1.5)),
            ("−", self.tr("Zoom out"), lambda: self.map.zoom(1 / 1.5)),
            (self.tr("Whole world"), self.tr("Show the whole world"), self.map.reset_view),
        ):
            button = QPushButton(text, map_page)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            if len(text) == 1:
                button.setFixedWidth(button.fontMetrics().horizontalAdvance("+") * 4 + 12)
            zoom_row.addWidget(button)
        side.addLayout(zoom_row)
        for side_part in (self.missing_label, self.missing_list, hint, credit):
            side.addWidget(side_part)
        side.addStretch(1)
        side_widget = QWidget(map_page)
        side_widget.setLayout(side)
        side_widget.setFixedWidth(250)
        row = QHBoxLayout(map_page)
        row.addWidget(self.map, 1)
        row.addWidget(side_widget)
        self.pages.addTab(map_page, self.tr("Map"))
        self.setCentralWidget(self.pages)
        self._missing_uuids: list[str] = []
        self._task: Task | None = None
        self._again = False
        self._shown_region: str | None = None
        self.resize(1200, 800)
        # The first figures are read at once, so the window never opens empty.
        chosen = self.network_filter()
        self.show_figures(catalogue.statistics(chosen), catalogue.locations(chosen))

    # -- filters -------------------------------------------------------------------

    def network_filter(self) -> NetworkFilter:
        years = self.year_filter.value() or (None, None)
        return NetworkFilter(self.field_filter.value(), self.region_filter.value(), *years)

    def set_filter(self, chosen: NetworkFilter) -> None:
        for widget in (self.field_filter, self.region_filter, self.year_filter):
            widget.blockSignals(True)
        self.field_filter.set_value(chosen.creative_field)
        self.region_filter.set_value(chosen.region)
        self.year_filter.low.set_year(chosen.first_year)
        self.year_filter.high.set_year(chosen.last_year)
        for widget in (self.field_filter, self.region_filter, self.year_filter):
            widget.blockSignals(False)
        self.wait_for_refresh()
        shown = self.network_filter()  # what the widgets took (a year may be clamped)
        self.show_figures(self.catalogue.statistics(shown), self.catalogue.locations(shown))

    def refresh(self) -> None:
        """Read the figures and the locations for the filters, off the GUI thread.

        With 100,000 cities the reading takes most of a second; the window stays
        responsive, and a filter changed meanwhile is read as soon as the first ends
        (only the latest answer is shown).
        """
        if self._task is not None and self._task.running:
            self._again = True
            return
        chosen = self.network_filter()
        catalogue = self.catalogue
        self._task = Task(
            lambda _progress: (chosen, catalogue.statistics(chosen), catalogue.locations(chosen)),
            parent=self,
        )
        self._task.finished.connect(self._read)
        self._task.failed.connect(lambda exc: show_error(self, self.tr("Network Overview"), exc))
        self._task.ended.connect(self._ended)
        self._again = False
        self._task.start()

    def _ended(self) -> None:
        if self._again:
            self.refresh()

    def wait_for_refresh(self, timeout_ms: int = 30_000) -> None:
        """Until the figures on screen are those of the filters (for closing, and tests)."""
        while self._task is not None and (self._task.running or self._again):
            if self._task.running:
                self._task.wait(timeout_ms)
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()

    def _read(self, result: tuple[NetworkFilter, Any, Any]) -> None:
        chosen, stats, locations = result
        if self._again or chosen != self.network_filter():
            self._again = True  # out of date already: `_ended` reads again
            return
        self.show_figures(stats, locations)

    def show_figures(self, stats: NetworkStatistics, locations: CityLocations) -> None:
        self.stats, self.locations = stats, locations
        self.statistics.set_statistics(stats, filter_text(stats))
        self.map.set_locations(locations)
        region = stats.filter.region
        if region != self._shown_region:  # a region chosen: show that part of the world
            self._shown_region = region
            if region:
                self.map.map.view.fit(self.map.map.xs, self.map.map.ys, self.map.map_rect())
            else:
                self.map.reset_view()
        self._missing_uuids = [uuid for uuid, _name in locations.missing]
        self.missing_model.setStringList([name for _uuid, name in locations.missing])
        self.missing_list.setVisible(bool(self._missing_uuids))
        self.missing_label.setText(
            missing_text(self._missing_uuids)
            if self._missing_uuids
            else self.tr("Every city shown has a location.")
        )

    def closeEvent(self, event: Any) -> None:
        self._again = False
        if self._task is not None:
            self._task.wait()
        super().closeEvent(event)

    def _city_chosen(self, uuid: str) -> None:
        if self.show_city is not None:
            self.show_city(uuid)

    # -- printing and exporting ---------------------------------------------------------

    def current_drawing(self) -> Drawing:
        if self.pages.currentIndex() == 1:
            return map_drawing(self.locations, self.stats, self.map.map)
        return statistics_drawing(self.stats)

    def export_page(self) -> None:
        drawing = self.current_drawing()
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export"),
            "",
            self.tr("PDF (*.pdf);;PNG image (*.png);;SVG drawing (*.svg)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".pdf", ".png", ".svg"):
            path = path.with_name(path.name + "." + chosen.split("*.")[-1].rstrip(")"))
        self.save_drawing(drawing, path)

    def save_drawing(self, drawing: Drawing, path: Path) -> Path | None:
        try:
            return drawing.save(path)
        except Exception as exc:
            show_error(self, self.tr("Export"), exc)
            return None

    def print_page(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        drawing = self.current_drawing()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        from PySide6.QtGui import QPageLayout

        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if drawing.landscape
            else QPageLayout.Orientation.Portrait
        )
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        print_drawing(printer, drawing)


def print_drawing(printer: Any, drawing: Drawing) -> None:
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("Cannot print.")
    try:
        drawing.paint(painter, QRectF(painter.viewport()), True)
    finally:
        painter.end()


__all__ = ["NetworkWindow", "print_drawing"]
