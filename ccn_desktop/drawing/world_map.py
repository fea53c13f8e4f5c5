"""The world map of the member cities: Natural Earth outlines in Equal Earth, a dot per city.

Cities are projected once per set of locations; a paint only moves them to the
view. On a raster device each dot is a small pre-drawn image stamped in place
(four times quicker than drawing 100,000 ellipses); on a vector device (PDF, SVG,
a printer) each is a true circle. Hit testing goes through a grid of cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)

from ccn_desktop.catalogue.locations import CityLocations
from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS, field_colour
from ccn_desktop.geo.projection import WORLD_X, WORLD_Y, project_many
from ccn_desktop.geo.world import outline, world

OCEAN = QColor("#ffffff")  # around the world
SEA = QColor("#eef3f8")
LAND = QColor("#e2e2e2")
BORDER = QColor("#a6a6a6")
DOT_RADIUS = 3.2  # device-independent pixels on screen
MAX_ZOOM = 40.0
CELL = 0.02  # hit-test grid cell, in projected units


@cache
def outline_polygons(resolution: str = "50m") -> tuple[QPolygonF, ...]:
    """Every country ring in projected units, y downwards (a page's direction).

    One polygon per ring: Qt fills many small polygons about seven times quicker
    than one path holding them all.
    """
    return tuple(
        QPolygonF([QPointF(x, -y) for x, y in ring])
        for country in world(resolution)
        for ring in country.rings
        if len(ring) >= 3
    )


@cache
def globe_path() -> QPainterPath:
    """The world's outline (the map's edge), y downwards."""
    points = outline()
    path = QPainterPath()
    path.moveTo(points[0][0], -points[0][1])
    for x, y in points[1:]:
        path.lineTo(x, -y)
    path.closeSubpath()
    return path


@cache
def country_polygons(resolution: str, numeric_id: str) -> tuple[QPolygonF, ...]:
    return tuple(
        QPolygonF([QPointF(x, -y) for x, y in ring])
        for country in world(resolution)
        if country.id == numeric_id
        for ring in country.rings
    )


def dot_stamp(colour: str, radius: float, ratio: float) -> QImage:
    """A dot in the field's colour with a dark rim (yellow and black both stay visible)."""
    size = math.ceil((radius + 1.5) * 2 * ratio)
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(dot_rim(colour)), 1.0))
    painter.setBrush(QColor(colour))
    centre = size / ratio / 2
    painter.drawEllipse(QPointF(centre, centre), radius, radius)
    painter.end()
    return image


def dot_rim(colour: str) -> str:
    return "#ffffff" if colour.upper() == "#000000" else "#222222"


@dataclass
class MapView:
    """What part of the world is shown: a centre in projected units and a zoom (1 = all)."""

    centre_x: float = 0.0
    centre_y: float = 0.0
    zoom: float = 1.0

    def transform(self, rect: QRectF) -> QTransform:
        """Projected units (y down) to device coordinates, the whole world fitting at zoom 1."""
        scale = min(rect.width() / (2 * WORLD_X), rect.height() / (2 * WORLD_Y)) * self.zoom
        transform = QTransform()
        transform.translate(rect.center().x(), rect.center().y())
        transform.scale(scale, scale)
        transform.translate(-self.centre_x, self.centre_y)
        return transform

    def zoom_at(self, rect: QRectF, point: QPointF, factor: float) -> None:
        """Zoom by `factor` keeping the world point under `point` where it is."""
        before, _ok = self.transform(rect).inverted()
        world_point = before.map(point)
        self.zoom = min(MAX_ZOOM, max(1.0, self.zoom * factor))
        after, _ok = self.transform(rect).inverted()
        moved = after.map(point)
        self.centre_x += world_point.x() - moved.x()
        self.centre_y -= world_point.y() - moved.y()
        self.clamp()

    def pan(self, rect: QRectF, dx: float, dy: float) -> None:
        scale = self.transform(rect).m11()
        self.centre_x -= dx / scale
        self.centre_y += dy / scale
        self.clamp()

    def fit(self, xs: Sequence[float], ys: Sequence[float], rect: QRectF) -> None:
        """Centre and zoom on these projected points (y down), with a margin around them."""
        if not xs:
            return
        left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        width = max(right - left, 0.2) * 1.3
        height = max(bottom - top, 0.1) * 1.3
        self.zoom = max(1.0, min(8.0, 2 * WORLD_X / width, 2 * WORLD_Y / height))
        self.centre_x, self.centre_y = (left + right) / 2, -(top + bottom) / 2
        self.clamp()

    def clamp(self) -> None:
        self.centre_x = max(-WORLD_X, min(WORLD_X, self.centre_x))
        self.centre_y = max(-WORLD_Y, min(WORLD_Y, self.centre_y))
        if self.zoom <= 1.0:
            self.centre_x = self.centre_y = 0.0


@dataclass
class FieldDots:
    colour: str
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)  # y downwards
    indexes: list[int] = field(default_factory=list)  # into the CityLocations lists


class WorldMap:
    """Outlines plus the cities of one CityLocations, painted at any size."""

    def __init__(self, resolution: str = "50m") -> None:
        self.resolution = resolution
        self.outlines = outline_polygons(resolution)
        self.view = MapView()
        self.locations = CityLocations([], [], [], [], [], [], [])
        self.dots: dict[str, FieldDots] = {}
        self.xs: list[float] = []
        self.ys: list[float] = []
        self._grid: dict[tuple[int, int], list[int]] | None = None
        self.font = QFont()

    def set_locations(self, locations: CityLocations) -> None:
        """Project the cities once; fields keep the vocabulary's order (legend, drawing)."""
        self.locations = locations
        xs, ys = project_many(locations.longitudes, locations.latitudes)
        self.xs, self.ys = xs, [-y for y in ys]
        dots: dict[str, FieldDots] = {}
        for index, name in enumerate(locations.fields):
            group = dots.get(name)
            if group is None:
                group = dots[name] = FieldDots(field_colour(name))
            group.xs.append(self.xs[index])
            group.ys.append(self.ys[index])
            group.indexes.append(index)
        order = [name for name in CREATIVE_FIELDS if name in dots]
        order += sorted(name for name in dots if name not in CREATIVE_FIELDS)
        self.dots = {name: dots[name] for name in order}
        self._grid = None

    # -- painting ------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        rect: QRectF,
        *,
        vector: bool = False,
        legend: bool = True,
        radius: float = DOT_RADIUS,
    ) -> None:
        """The map inside `rect`: ocean, land, borders, dots, then legend and credit."""
        painter.save()
        device = painter.device()
        whole = device is not None and rect.contains(QRectF(0, 0, device.width(), device.height()))
        if not whole:  # clipping costs a third of the outlines' time: only when needed
            painter.setClipRect(rect)
        painter.fillRect(rect, OCEAN)
        transform = self.view.transform(rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(transform, combine=True)
        globe = globe_path()
        painter.fillPath(globe, SEA)
        border = QPen(BORDER, 0.6)
        border.setCosmetic(True)
        painter.setPen(border)
        painter.setBrush(LAND)
        draw = painter.drawPolygon
        for polygon in self.outlines:
            draw(polygon)
        edge = QPen(BORDER, 1.0)
        edge.setCosmetic(True)
        painter.strokePath(globe, edge)
        painter.setTransform(QTransform())
        painter.restore()
        painter.save()
        if not whole:
            painter.setClipRect(rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = painter.transform()
        full = transform * base
        if vector:
            self._paint_circles(painter, full, radius)
        else:
            self._paint_stamps(painter, device, transform, rect, radius)
        painter.restore()
        if legend:
            self.paint_legend(painter, rect)

    def _paint_stamps(
        self,
        painter: QPainter,
        device: QPaintDevice,
        transform: QTransform,
        rect: QRectF,
        radius: float,
    ) -> None:
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        scale, dx, dy = transform.m11(), transform.dx(), transform.dy()
        left, top = rect.left() - 10, rect.top() - 10
        right, bottom = rect.right() + 10, rect.bottom() + 10
        draw = painter.drawImage
        for group in self.dots.values():
            stamp = dot_stamp(group.colour, radius, ratio)
            half = stamp.width() / ratio / 2
            for x, y in zip(group.xs, group.ys, strict=True):
                sx = x * scale + dx
                sy = y * scale + dy
                if left < sx < right and top < sy < bottom:
                    draw(QPointF(sx - half, sy - half), stamp)

    def _paint_circles(self, painter: QPainter, transform: QTransform, radius: float) -> None:
        """True circles in device units (a PDF's dots stay round at any zoom)."""
        size = radius  # device units: the page scales it to its own size
        painter.setTransform(QTransform())
        scale, dx, dy = transform.m11(), transform.dx(), transform.dy()
        for group in self.dots.values():
            painter.setPen(QPen(QColor(dot_rim(group.colour)), size * 0.3))
            painter.setBrush(QBrush(QColor(group.colour)))
            for x, y in zip(group.xs, group.ys, strict=True):
                painter.drawEllipse(QPointF(x * scale + dx, y * scale + dy), size, size)

    def field_counts(self) -> list[tuple[str, int]]:
        return [(name, len(group.xs)) for name, group in self.dots.items()]

    def paint_legend(self, painter: QPainter, rect: QRectF) -> None:
        """Each field's dot, name and number of cities: never colour alone."""
        counts = self.field_counts()
        if not counts:
            return
        painter.save()
        font = QFont(self.font)
        font.setPixelSize(max(9, round(min(rect.height() / 48, rect.width() / 85))))
        painter.setFont(font)
        metrics = QFontMetricsF(font, painter.device())
        line = metrics.height() * 1.25
        labels = [f"{name}  {count}" for name, count in counts]
        width = max(metrics.horizontalAdvance(text) for text in labels) + line * 1.6
        height = line * len(labels) + line * 0.6
        box = QRectF(rect.left() + line * 0.5, rect.bottom() - height - line * 0.5, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#999999"), 0.5))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRect(box)
        for row, ((name, _count), text) in enumerate(zip(counts, labels, strict=True)):
            y = box.top() + line * 0.3 + row * line
            colour = field_colour(name)
            painter.setPen(QPen(QColor(dot_rim(colour)), max(0.5, line * 0.06)))
            painter.setBrush(QColor(colour))
            painter.drawEllipse(
                QPointF(box.left() + line * 0.6, y + line / 2), line * 0.28, line * 0.28
            )
            painter.setPen(QColor("#111111"))
            painter.drawText(
                QRectF(box.left() + line * 1.1, y, width, line),
                int(Qt.AlignmentFlag.AlignVCenter),
                text,
            )
        painter.restore()

    # -- finding a city under the pointer --------------------------------------------

    def city_at(self, rect: QRectF, point: QPointF, radius: float = DOT_RADIUS + 2) -> int | None:
        """Index (into `locations`) of the city drawn nearest `point`, if one is within reach."""
        inverse, ok = self.view.transform(rect).inverted()
        if not ok or not self.xs:
            return None
        here = inverse.map(point)
        reach = radius / self.view.transform(rect).m11()
        grid = self._cells()
        span = max(1, math.ceil(reach / CELL))
        cx, cy = int(here.x() // CELL), int(here.y() // CELL)
        best, best_distance = None, reach * reach
        for gx in range(cx - span, cx + span + 1):
            for gy in range(cy - span, cy + span + 1):
                for index in grid.get((gx, gy), ()):
                    distance = (self.xs[index] - here.x()) ** 2 + (self.ys[index] - here.y()) ** 2
                    if distance <= best_distance:
                        best, best_distance = index, distance
        return best

    def _cells(self) -> dict[tuple[int, int], list[int]]:
        if self._grid is None:
            grid: dict[tuple[int, int], list[int]] = {}
            for index, (x, y) in enumerate(zip(self.xs, self.ys, strict=True)):
                grid.setdefault((int(x // CELL), int(y // CELL)), []).append(index)
            self._grid = grid
        return self._grid

    def point_of(self, rect: QRectF, index: int) -> QPointF:
        """Where city `index` is drawn in `rect` (tests click there)."""
        return self.view.transform(rect).map(QPointF(self.xs[index], self.ys[index]))


def missing_text(names: Sequence[str]) -> str:
    from ccn_desktop.i18n import ngettext

    return ngettext("{n} city has no location", "{n} cities have no location", len(names)).format(
        n=len(names)
    )
