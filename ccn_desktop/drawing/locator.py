"""Small maps for the fact sheets: where one city is, and the booklet's cities on the world.

Drawn offline into an in-memory image that the sheet's QTextDocument is handed as a
resource (the sheet itself loads nothing). Greys and a black ringed dot, so the
locator reads the same when printed in greyscale.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform

from ccn_desktop.catalogue.locations import CityLocations
from ccn_desktop.drawing.world_map import country_polygons, outline_polygons
from ccn_desktop.geo.projection import project

LOCATOR_SIZE = (720, 440)  # pixels; printed about 62 × 38 mm (300 dpi and more)
SPAN_X = 1.1  # projected units shown across the locator (about 55° of longitude)
WATER = QColor("#ffffff")
LAND = QColor("#d4d4d4")
HOME = QColor("#9a9a9a")  # the city's own country
EDGE = QColor("#6e6e6e")


def numeric_country(alpha_2: str) -> str:
    """ISO 3166-1 numeric code ("070" for BA) as the outlines spell it ("70"), or ""."""
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha_2.upper()) if alpha_2 else None
    return str(int(found.numeric)) if found is not None else ""


def locator_image(latitude: float, longitude: float, country_code: str = "") -> QImage:
    """The region around the city, its country darker, the city a black dot ringed in white."""
    width, height = LOCATOR_SIZE
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(WATER)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    x, y = project(longitude, latitude)
    scale = width / SPAN_X
    transform = QTransform()
    transform.translate(width / 2, height / 2)
    transform.scale(scale, scale)
    transform.translate(-x, y)
    painter.setTransform(transform)
    edge = QPen(EDGE, 0.8)
    edge.setCosmetic(True)
    painter.setPen(edge)
    painter.setBrush(LAND)
    for polygon in outline_polygons("110m"):
        painter.drawPolygon(polygon)
    numeric = numeric_country(country_code)
    if numeric:
        painter.setBrush(HOME)
        for polygon in country_polygons("110m", numeric):
            painter.drawPolygon(polygon)
    painter.setTransform(QTransform())
    centre = QPointF(width / 2, height / 2)
    painter.setPen(QPen(QColor("#ffffff"), 5))
    painter.setBrush(QColor("#000000"))
    painter.drawEllipse(centre, 11, 11)
    painter.setPen(QPen(QColor("#000000"), 3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, 19, 19)
    painter.setPen(QPen(QColor("#000000"), 2))
    painter.drawRect(QRectF(1, 1, width - 2, height - 2))
    painter.end()
    return image


def world_image(locations: CityLocations, width: int = 1600, height: int = 900) -> QImage:
    """The booklet cover's world map of the cities it holds, with the field legend."""
    from ccn_desktop.drawing.world_map import WorldMap

    world_map = WorldMap("110m")
    world_map.set_locations(locations)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    world_map.paint(painter, QRectF(0, 0, width, height), radius=6)
    painter.end()
    return image
