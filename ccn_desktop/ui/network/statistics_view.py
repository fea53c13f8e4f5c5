"""The Statistics page: each chart with the table of its numbers under it, hover for a bar's."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize
from PySide6.QtGui import QFontMetricsF, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.statistics import NetworkStatistics
from ccn_desktop.catalogue.statistics_tables import (
    StatTable,
    conferences_table,
    countries_table,
    growth_table,
    members_table,
    reports_table,
)
from ccn_desktop.drawing.charts import Chart, bar_at, paint_chart
from ccn_desktop.drawing.network_pages import charts
from ccn_desktop.ui.network.stat_table_model import StatTableModel

# Which table follows which chart ("members-field" shares the cross table below the next).
TABLE_AFTER = {
    "members-region": members_table,
    "growth": growth_table,
    "countries": countries_table,
    "reports": reports_table,
    "conferences": conferences_table,
}


class ChartWidget(QWidget):
    """One chart, painted by the same code that prints and exports it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.setMouseTracking(True)

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        height = self.chart.height_for(line) if self.chart else line * 6
        return QSize(600, int(height + line))

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.chart is None:
            return
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        paint_chart(painter, QRectF(self.rect()).adjusted(8, 4, -8, -4), self.chart, self.font())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.chart is not None:
            assert isinstance(event, QHelpEvent)
            rect = QRectF(self.rect()).adjusted(8, 4, -8, -4)
            index = bar_at(rect, self.chart, QPointF(event.pos()), self.font())
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(index), self)
            return True
        return super().event(event)

    def tooltip(self, index: int) -> str:
        assert self.chart is not None
        bar = self.chart.bars[index]
        labelled = self.tr("{label}: {value}")
        parts = [labelled.format(label=bar.label, value=bar.value)]
        parts += [labelled.format(label=name, value=value) for name, value in bar.segments if value]
        if self.chart.running:
            parts.append(self.tr("running total: {total}").format(total=self.chart.running[index]))
        return "\n".join(parts)


class StatisticsView(QScrollArea):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        page = QWidget(self)
        self.layout_ = QVBoxLayout(page)
        self.heading = QLabel(page)
        self.layout_.addWidget(self.heading)
        self.chart_widgets: dict[str, ChartWidget] = {}
        self.tables: dict[str, QTableView] = {}
        self.models: dict[str, StatTableModel] = {}
        self.notes: dict[str, QLabel] = {}
        for key in ("members-field", "members-region", "growth", "countries", "reports",
                    "conferences"):  # fmt: skip
            widget = ChartWidget(page)
            self.chart_widgets[key] = widget
            self.layout_.addWidget(widget)
            if key in TABLE_AFTER:
                model = StatTableModel(self)
                view = QTableView(page)
                view.setModel(model)
                view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
                view.verticalHeader().hide()
                view.horizontalHeader().setSectionResizeMode(
                    QHeaderView.ResizeMode.ResizeToContents
                )
                view.horizontalHeader().setStretchLastSection(True)
                view.setAlternatingRowColors(True)
                self.models[key] = model
                self.tables[key] = view
                self.layout_.addWidget(view)
        self.layout_.addStretch(1)
        self.setWidget(page)

    def set_statistics(self, stats: NetworkStatistics, heading: str) -> None:
        self.heading.setText(heading)
        for chart in charts(stats):
            self.chart_widgets[chart.key].set_chart(chart)
        for key, make in TABLE_AFTER.items():
            table: StatTable = make(stats)
            self.models[key].set_table(table)
            view = self.tables[key]
            view.setAccessibleName(table.title)
            rows = len(table.rows)
            height = view.horizontalHeader().sizeHint().height() + 4
            height += sum(view.verticalHeader().sectionSize(row) for row in range(rows))
            view.setFixedHeight(min(height, 420))
