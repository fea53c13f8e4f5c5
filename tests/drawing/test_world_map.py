"""The world map's view (zoom, pan, fit) and finding the city under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ccn_desktop.catalogue.locations import CityLocations
from ccn_desktop.drawing.charts import Bar, Chart, bar_at, paint_chart
from ccn_desktop.drawing.world_map import WorldMap

RECT = QRectF(0, 0, 1000, 500)


def places() -> CityLocations:
    return CityLocations(
        uuids=["s", "r", "a"], names=["Sarajevo", "Rome", "Athens"],
        fields=["Film", "Film", "Music"], years=[2019, 2015, None],
        latitudes=[43.85, 41.89, 37.98], longitudes=[18.36, 12.48, 23.73], missing=[],
    )  # fmt: skip


def test_the_city_under_the_pointer_is_found_at_any_zoom(qapp: object) -> None:
    world_map = WorldMap("110m")
    world_map.set_locations(places())
    for zoom in (1.0, 6.0):
        world_map.view.zoom = zoom
        world_map.view.centre_x, world_map.view.centre_y = (0.3, 0.75) if zoom > 1 else (0, 0)
        for index in range(3):
            point = world_map.point_of(RECT, index)
            assert world_map.city_at(RECT, point + QPointF(1, 1)) == index
    assert world_map.city_at(RECT, QPointF(5, 5)) is None


def test_on_the_page_sarajevo_is_east_of_rome_and_north_of_athens(qapp: object) -> None:
    world_map = WorldMap("110m")
    world_map.set_locations(places())
    sarajevo, rome, athens = (world_map.point_of(RECT, index) for index in range(3))
    assert sarajevo.x() > rome.x()
    assert sarajevo.y() < athens.y()  # up the page is north


def test_zoom_keeps_the_point_under_the_pointer(qapp: object) -> None:
    world_map = WorldMap("110m")
    world_map.set_locations(places())
    before = world_map.point_of(RECT, 0)
    world_map.view.zoom_at(RECT, before, 3.0)
    after = world_map.point_of(RECT, 0)
    assert abs(after.x() - before.x()) < 0.5 and abs(after.y() - before.y()) < 0.5
    world_map.view.fit(world_map.xs, world_map.ys, RECT)
    assert all(RECT.contains(world_map.point_of(RECT, index)) for index in range(3))


def test_dots_are_painted_in_their_fields_colour(qapp: object) -> None:
    world_map = WorldMap("110m")
    world_map.set_locations(places())
    image = QImage(1000, 500, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    world_map.paint(painter, RECT, legend=False)
    painter.end()
    centre = world_map.point_of(RECT, 2)  # Athens, Music
    assert image.pixelColor(centre.toPoint()) == QColor("#CC79A7")
    assert world_map.field_counts() == [("Film", 2), ("Music", 1)]


def test_a_bar_under_the_pointer_is_found(qapp: object) -> None:
    chart = Chart("c", "Members", "bars", (Bar("Film", 30), Bar("Music", 84)))
    image = QImage(600, 200, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    from PySide6.QtGui import QFont, QFontMetricsF

    font = QFont()
    paint_chart(painter, QRectF(0, 0, 600, 200), chart, font)
    painter.end()
    line = QFontMetricsF(font).height()
    first_row = QPointF(300, line * 1.8 + line * 0.7)
    assert bar_at(QRectF(0, 0, 600, 200), chart, first_row, font) == 0
    assert bar_at(QRectF(0, 0, 600, 200), chart, QPointF(300, 1), font) is None
