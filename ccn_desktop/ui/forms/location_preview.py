"""A small map under a city's latitude and longitude: where the typed point lies.

Drawn only when painted (the locator's outlines load on first use, after start-up)
and kept until the coordinates change. An empty or out-of-range coordinate shows
a sentence instead of a map; the form's own check says what is wrong with it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

PREVIEW_SIZE = QSize(240, 147)


def usable(latitude: Any, longitude: Any) -> bool:
    return (
        isinstance(latitude, int | float)
        and isinstance(longitude, int | float)
        and -90 <= latitude <= 90
        and -180 <= longitude <= 180
    )


class LocationPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(PREVIEW_SIZE)
        self.setAccessibleName(self.tr("Map preview of the city's location"))
        self._point: tuple[float, float, str] | None = None
        self._image: QImage | None = None
        self._drawn_for: tuple[float, float, str] | None = None

    def set_location(self, latitude: Any, longitude: Any, country_code: Any = "") -> None:
        point = None
        if usable(latitude, longitude):
            point = (float(latitude), float(longitude), str(country_code or ""))
        if point != self._point:
            self._point = point
            self.setToolTip(
                self.tr("{lat:.4f}, {lon:.4f}").format(lat=point[0], lon=point[1]) if point else ""
            )
            self.update()

    @property
    def shows_map(self) -> bool:
        return self._point is not None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        if self._point is None:
            painter.fillRect(rect, self.palette().window())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(rect.adjusted(6, 6, -6, -6),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                             self.tr("No location: type a latitude and a longitude "
                                     "to see the city on a map."))  # fmt: skip
            painter.setPen(QColor("#999999"))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.end()
            return
        if self._drawn_for != self._point:
            from ccn_desktop.drawing.locator import locator_image

            self._image = locator_image(*self._point)
            self._drawn_for = self._point
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        assert self._image is not None
        painter.drawImage(rect, self._image)
        painter.end()
