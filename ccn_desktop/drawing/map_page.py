"""The world map as a page: title, the filter, the map with its legend, who has no location,
and the credit Natural Earth and GeoNames ask for."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from ccn_desktop.drawing.world_map import WorldMap, missing_text
from ccn_desktop.i18n import _

MISSING_NAMES_SHOWN = 40


def credit_text() -> str:
    return _(
        "Outlines: Made with Natural Earth (public domain). City locations: GeoNames "
        "(geonames.org, CC BY 4.0)."
    )


def page_font(rect: QRectF, share: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Noto Sans"])
    font.setPixelSize(max(8, round(rect.width() * share)))
    font.setBold(bold)
    # No "fi" ligatures: text copied or searched in a PDF stays plain letters.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def paint_map_page(
    painter: QPainter,
    rect: QRectF,
    world_map: WorldMap,
    title: str,
    subtitle: str,
    missing: Sequence[str],
    *,
    vector: bool,
) -> None:
    painter.save()
    painter.fillRect(rect, QColor("#ffffff"))
    title_font = page_font(rect, 0.022, bold=True)
    text_font = page_font(rect, 0.0115)
    small_font = page_font(rect, 0.0095)
    line = QFontMetricsF(text_font, painter.device()).height()
    top = rect.top()
    painter.setPen(QColor("#111111"))
    painter.setFont(title_font)
    title_height = QFontMetricsF(title_font, painter.device()).height() * 1.2
    painter.drawText(
        QRectF(rect.left(), top, rect.width(), title_height),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        title,
    )
    top += title_height
    painter.setFont(text_font)
    painter.drawText(
        QRectF(rect.left(), top, rect.width(), line * 1.3),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        subtitle,
    )
    top += line * 1.6
    footer_lines = 2 + (2 if missing else 0)
    map_rect = QRectF(
        rect.left(), top, rect.width(), rect.bottom() - top - line * footer_lines * 1.2
    )
    world_map.font = text_font
    world_map.paint(painter, map_rect, vector=vector, radius=max(3.2, map_rect.width() / 420))
    painter.setPen(QColor("#999999"))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(map_rect)
    y = map_rect.bottom() + line * 0.4
    painter.setPen(QColor("#111111"))
    if missing:
        names = ", ".join(missing[:MISSING_NAMES_SHOWN])
        if len(missing) > MISSING_NAMES_SHOWN:
            names += ", …"
        painter.setFont(text_font)
        text = f"{missing_text(missing)}: {names}"
        box = QRectF(rect.left(), y, rect.width(), line * 2.4)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)
        y += line * 2.4
    painter.setFont(small_font)
    painter.setPen(QColor("#444444"))
    painter.drawText(
        QRectF(rect.left(), y, rect.width(), line * 1.5),
        int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
        credit_text(),
    )
    painter.restore()
