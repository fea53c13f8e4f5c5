"""The world map on screen: wheel to zoom, drag to pan, hover names a city, click selects it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QToolTip, QWidget

from ccn_desktop.catalogue.locations import CityLocations
from ccn_desktop.drawing.world_map import WorldMap

CLICK_SLOP = 4  # pixels a press may move and still be a click, not a drag


class MapWidget(QWidget):
    citySelected = Signal(str)  # uuid

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.map = WorldMap("50m")
        self.setMouseTracking(True)
        self.setMinimumSize(480, 300)
        self.setAccessibleName(self.tr("World map of the member cities"))
        self._press: QPointF | None = None
        self._last: QPointF | None = None
        self._dragged = False

    def set_locations(self, locations: CityLocations) -> None:
        self.map.set_locations(locations)
        self.update()

    def map_rect(self) -> QRectF:
        return QRectF(self.rect())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.map.font = self.font()
        self.map.paint(painter, self.map_rect())
        painter.end()

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.25 ** (event.angleDelta().y() / 120)
        self.map.view.zoom_at(self.map_rect(), event.position(), factor)
        self.update()

    def zoom(self, factor: float) -> None:
        self.map.view.zoom_at(self.map_rect(), QRectF(self.rect()).center(), factor)
        self.update()

    def reset_view(self) -> None:
        self.map.view.zoom = 1.0
        self.map.view.clamp()
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = self._last = event.position()
            self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and self._last is not None:
            moved = event.position() - self._press
            if self._dragged or abs(moved.x()) + abs(moved.y()) > CLICK_SLOP:
                self._dragged = True
                step = event.position() - self._last
                self.map.view.pan(self.map_rect(), step.x(), step.y())
                self._last = event.position()
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        self.unsetCursor()
        if not self._dragged:
            index = self.map.city_at(self.map_rect(), event.position())
            if index is not None:
                self.citySelected.emit(self.map.locations.uuids[index])
        self._press = self._last = None
        self._dragged = False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            index = self.map.city_at(self.map_rect(), QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.city_text(index), self)
            return True
        return super().event(event)

    def city_text(self, index: int) -> str:
        """Name, field and year of a city on the map (the hover text)."""
        places = self.map.locations
        year = places.years[index]
        return self.tr("{name}\n{field}, designated {year}").format(
            name=places.names[index],
            field=places.fields[index],
            year=year if year is not None else self.tr("(year not recorded)"),
        )
