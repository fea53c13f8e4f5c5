"""Small coloured squares for creative fields: always shown beside the field's name."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ccn_desktop.catalogue.vocabulary import field_colour

CHIP_SIZE = 12


@cache
def field_chip(field: str) -> QIcon:
    """An icon of the field's colour with a thin outline (black and yellow stay visible)."""
    icon = QIcon()
    for scale in (1, 2):  # crisp on high-DPI screens
        size = CHIP_SIZE * scale
        pixmap = QPixmap(size, size)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(0, 0, 0, 110))
        painter.setBrush(QColor(field_colour(field)))
        painter.drawRoundedRect(QRect(1, 1, CHIP_SIZE - 2, CHIP_SIZE - 2), 2, 2)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
