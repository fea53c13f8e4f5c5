"""The overview's charts painted with QPainter: bars with their numbers, names beside colours.

Three shapes cover every figure: horizontal bars (one per field, region...),
bars stacked by creative field (members per region), and columns per year with
an optional running-total line (growth, conferences). Each bar carries its number,
and a field's colour always sits beside its name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from ccn_desktop.catalogue.vocabulary import field_colour

NEUTRAL = "#4d4d4d"
RUNNING = "#000000"
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALIGN_CENTRE = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str = NEUTRAL
    chip: bool = False  # a field: its colour square beside its name
    hatched: bool = False
    segments: tuple[tuple[str, int], ...] = ()  # stacked: (field, value)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str  # "bars", "stacked", "columns"
    bars: tuple[Bar, ...]
    running: tuple[int, ...] = ()  # columns: the running total drawn as a line
    legend: tuple[tuple[str, str, bool], ...] = ()  # (label, colour, hatched)
    note: str = ""  # one line per "\n"

    @property
    def note_lines(self) -> list[str]:
        return self.note.split("\n") if self.note else []

    def height_for(self, line: float) -> float:
        """Height the chart wants at a text line height of `line`."""
        legend = line * 1.4 * ((len(self.legend) + 3) // 4) if self.legend else 0
        note = line * 1.4 * len(self.note_lines)
        if self.kind == "columns":
            return line * 2 + line * 14 + legend + note
        return line * 2 + line * 1.5 * max(1, len(self.bars)) + legend + note


def _brush(colour: str, hatched: bool) -> QBrush:
    if hatched:
        return QBrush(QColor(colour), Qt.BrushStyle.BDiagPattern)
    return QBrush(QColor(colour))


def _rim(colour: str) -> QPen:
    return QPen(QColor("#222222"), 0.8)


def paint_chart(painter: QPainter, rect: QRectF, chart: Chart, font: QFont) -> None:
    """The chart's title, body, legend and note inside `rect`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.height()
    title_font = QFont(font)
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.setPen(QColor("#111111"))
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), line * 1.5), ALIGN_LEFT, chart.title
    )
    painter.setFont(font)
    body = QRectF(rect.left(), rect.top() + line * 1.8, rect.width(), rect.height() - line * 1.8)
    if chart.legend:
        body.setHeight(body.height() - line * 1.4 * ((len(chart.legend) + 3) // 4))
    body.setHeight(body.height() - line * 1.4 * len(chart.note_lines))
    if chart.kind == "columns":
        _columns(painter, body, chart, metrics)
    else:
        _bars(painter, body, chart, metrics)
    y = body.bottom() + line * 0.3
    if chart.legend:
        _legend(painter, QRectF(rect.left(), y, rect.width(), line * 1.4), chart.legend, metrics)
        y += line * 1.4 * ((len(chart.legend) + 3) // 4)
    painter.setPen(QColor("#333333"))
    for text in chart.note_lines:
        painter.drawText(QRectF(rect.left(), y, rect.width(), line * 1.4), ALIGN_LEFT, text)
        y += line * 1.4
    painter.restore()


def _legend(
    painter: QPainter,
    rect: QRectF,
    items: tuple[tuple[str, str, bool], ...],
    metrics: QFontMetricsF,
) -> None:
    line = metrics.height()
    column = rect.width() / 4
    for number, (label, colour, hatched) in enumerate(items):
        x = rect.left() + (number % 4) * column
        y = rect.top() + (number // 4) * line * 1.4
        painter.setPen(_rim(colour))
        painter.setBrush(_brush(colour, hatched))
        painter.drawRect(QRectF(x, y + line * 0.25, line * 0.8, line * 0.8))
        painter.setPen(QColor("#111111"))
        painter.drawText(
            QRectF(x + line, y, column - line, line * 1.3),
            ALIGN_LEFT,
            metrics.elidedText(label, Qt.TextElideMode.ElideRight, column - line * 1.2),
        )


def _bars(painter: QPainter, rect: QRectF, chart: Chart, metrics: QFontMetricsF) -> None:
    line = metrics.height()
    if not chart.bars:
        painter.setPen(QColor("#555555"))
        painter.drawText(rect, ALIGN_LEFT, "—")
        return
    label_width = min(
        rect.width() * 0.4,
        max(metrics.horizontalAdvance(bar.label) for bar in chart.bars) + line * 1.6,
    )
    number_width = metrics.horizontalAdvance("0000000")
    room = max(1.0, rect.width() - label_width - number_width)
    top_value = max(max(bar.value for bar in chart.bars), 1)
    step = min(line * 1.5, rect.height() / len(chart.bars))
    for row, bar in enumerate(chart.bars):
        y = rect.top() + row * step
        x = rect.left()
        if bar.chip:
            painter.setPen(_rim(bar.colour))
            painter.setBrush(QColor(bar.colour))
            painter.drawRect(QRectF(x, y + (step - line * 0.8) / 2, line * 0.8, line * 0.8))
            x += line * 1.1
        painter.setPen(QColor("#111111"))
        painter.drawText(
            QRectF(x, y, label_width - (x - rect.left()), step),
            ALIGN_LEFT,
            metrics.elidedText(
                bar.label, Qt.TextElideMode.ElideRight, label_width - (x - rect.left()) - line * 0.3
            ),
        )
        left = rect.left() + label_width
        height = step * 0.7
        bar_top = y + (step - height) / 2
        if bar.segments:
            for name, value in bar.segments:
                width = room * value / top_value
                painter.setPen(QPen(QColor("#ffffff"), 0.6))
                painter.setBrush(QColor(field_colour(name)))
                painter.drawRect(QRectF(left, bar_top, width, height))
                left += width
            end = left
        else:
            width = room * bar.value / top_value
            painter.setPen(_rim(bar.colour))
            painter.setBrush(_brush(bar.colour, bar.hatched))
            painter.drawRect(QRectF(left, bar_top, width, height))
            end = left + width
        painter.setPen(QColor("#111111"))
        painter.drawText(
            QRectF(end + line * 0.3, y, number_width, step), ALIGN_LEFT, str(bar.value)
        )


def _columns(painter: QPainter, rect: QRectF, chart: Chart, metrics: QFontMetricsF) -> None:
    line = metrics.height()
    bars = chart.bars
    if not bars:
        painter.setPen(QColor("#555555"))
        painter.drawText(rect, ALIGN_LEFT, "—")
        return
    axis_width = metrics.horizontalAdvance("00000") + line * 0.4
    plot = QRectF(
        rect.left() + axis_width,
        rect.top() + line,
        rect.width() - axis_width * 2,
        rect.height() - line * 2.4,
    )
    top_value = max(max(bar.value for bar in bars), 1)
    top_running = max(chart.running, default=0) or 1
    slot = plot.width() / len(bars)
    painter.setPen(QPen(QColor("#999999"), 0.8))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    label_every = max(1, round(metrics.horizontalAdvance("0000 ") / slot + 0.49))
    for index, bar in enumerate(bars):
        x = plot.left() + index * slot
        height = plot.height() * bar.value / top_value
        painter.setPen(_rim(bar.colour))
        painter.setBrush(_brush(bar.colour, bar.hatched))
        painter.drawRect(QRectF(x + slot * 0.15, plot.bottom() - height, slot * 0.7, height))
        painter.setPen(QColor("#111111"))
        painter.drawText(
            QRectF(x - slot, plot.bottom() - height - line * 1.1, slot * 3, line),
            ALIGN_CENTRE,
            str(bar.value),
        )
        if index % label_every == 0:
            painter.drawText(
                QRectF(x - slot, plot.bottom() + line * 0.2, slot * 3, line * 1.1),
                ALIGN_CENTRE,
                bar.label,
            )
    painter.setPen(QColor("#555555"))
    painter.drawText(
        QRectF(rect.left(), plot.top() - line * 0.5, axis_width - line * 0.3, line),
        ALIGN_RIGHT,
        str(top_value),
    )
    if chart.running:
        corners = [
            QPointF(
                plot.left() + (index + 0.5) * slot,
                plot.bottom() - plot.height() * value / top_running,
            )
            for index, value in enumerate(chart.running)
        ]
        points = QPolygonF(corners)
        pen = QPen(QColor(RUNNING), max(1.0, line * 0.12))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(points)
        painter.setBrush(QColor(RUNNING))
        for point in corners:
            painter.drawEllipse(point, line * 0.12, line * 0.12)
        painter.setPen(QColor("#111111"))
        last = corners[-1]
        painter.drawText(
            QRectF(plot.right() + line * 0.2, last.y() - line, axis_width, line * 2),
            ALIGN_LEFT,
            str(chart.running[-1]),
        )


def bar_at(rect: QRectF, chart: Chart, point: QPointF, font: QFont) -> int | None:
    """Which bar (or column) of the chart painted in `rect` lies under `point` (for hover)."""
    metrics = QFontMetricsF(font)
    line = metrics.height()
    body_top = rect.top() + line * 1.8
    if not chart.bars:
        return None
    if chart.kind == "columns":
        axis_width = metrics.horizontalAdvance("00000") + line * 0.4
        width = rect.width() - axis_width * 2
        slot = width / len(chart.bars)
        index = int((point.x() - rect.left() - axis_width) // slot)
    else:
        body = rect.height() - line * 1.8
        step = min(line * 1.5, body / len(chart.bars))
        index = int((point.y() - body_top) // step)
    return index if 0 <= index < len(chart.bars) and point.y() >= body_top else None
