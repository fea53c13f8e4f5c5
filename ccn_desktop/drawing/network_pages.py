"""The network overview as drawings: the statistics' charts and the world map, each a page
that the window shows, prints and exports, and that `ccn-desktop map` writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from ccn_desktop.catalogue.locations import CityLocations
from ccn_desktop.catalogue.statistics import NetworkStatistics
from ccn_desktop.catalogue.statistics_tables import filter_text, region_label
from ccn_desktop.catalogue.vocabulary import field_colour
from ccn_desktop.drawing import export
from ccn_desktop.drawing.charts import NEUTRAL, Bar, Chart, paint_chart
from ccn_desktop.drawing.map_page import page_font, paint_map_page
from ccn_desktop.drawing.world_map import WorldMap
from ccn_desktop.i18n import _, ngettext

Paint = Callable[[QPainter, QRectF, bool], None]


def hosts_lines(stats: NetworkStatistics, width: int = 120) -> str:
    """ "2008: Paris; Santa Fe · 2009: Lyon …" in lines of about `width` characters."""
    lines, current = [], ""
    for item in stats.conferences:
        entry = f"{item.year}: {item.hosts or '—'}"
        if current and len(current) + len(entry) + 3 > width:
            lines.append(current)
            current = entry
        else:
            current = f"{current} · {entry}" if current else entry
    if current:
        lines.append(current)
    return "\n".join(lines)


def charts(stats: NetworkStatistics, *, on_paper: bool = False) -> tuple[Chart, ...]:
    """The six charts of the overview, in reading order.

    On screen the conferences' hosts are in the table under the chart; on paper they
    are listed under the chart itself.
    """
    by_field = stats.by_field()
    field_legend = tuple((name, field_colour(name), False) for name in stats.fields)
    members_field = Chart(
        "members-field",
        _("Members by creative field"),
        "bars",
        tuple(Bar(name, by_field[name], field_colour(name), chip=True) for name in stats.fields),
        note=_("{n} member cities in all").format(n=stats.total),
    )
    by_region = stats.by_region()
    members_region = Chart(
        "members-region",
        _("Members by UNESCO region (by creative field)"),
        "stacked",
        tuple(
            Bar(
                region_label(region),
                by_region[region],
                segments=tuple(
                    (name, stats.by_field_region.get((name, region), 0)) for name in stats.fields
                ),
            )
            for region in stats.regions
        ),
        legend=field_legend,
    )
    colour = field_colour(stats.filter.creative_field) if stats.filter.creative_field else NEUTRAL
    growth = Chart(
        "growth",
        _("New members per designation round, and the running total"),
        "columns",
        tuple(Bar(str(item.year), item.new, colour) for item in stats.growth),
        running=tuple(item.cumulative for item in stats.growth),
        note=_("Columns: new members; dashed line: members in all.")
        + (
            " "
            + ngettext(
                "{n} city has no designation year.",
                "{n} cities have no designation year.",
                stats.without_year,
            ).format(n=stats.without_year)
            if stats.without_year
            else ""
        ),
    )
    countries = Chart(
        "countries",
        _("Countries per UNESCO region"),
        "bars",
        tuple(
            Bar(region_label(region), stats.countries_by_region.get(region, 0))
            for region in stats.regions
        ),
        note=_("{n} countries in all").format(n=stats.countries),
    )
    report_bars: list[Bar] = []
    for item in stats.reports:
        colour = field_colour(item.creative_field)
        report_bars.append(
            Bar(
                _("{field}: overdue").format(field=item.creative_field),
                item.overdue,
                colour,
                chip=True,
            )
        )
        report_bars.append(
            Bar(
                _("{field}: due within a year").format(field=item.creative_field),
                item.due,
                colour,
                chip=True,
                hatched=True,
            )
        )
    reports = Chart(
        "reports",
        _("Monitoring reports overdue and due, by creative field"),
        "bars",
        tuple(report_bars),
        legend=((_("overdue"), NEUTRAL, False), (_("due within a year"), NEUTRAL, True)),
        note=ngettext(
            "Only cities with a report date recorded; {n} city has none.",
            "Only cities with a report date recorded; {n} cities have none.",
            stats.without_reports,
        ).format(n=stats.without_reports),
    )
    conferences = Chart(
        "conferences",
        _("Conferences per year"),
        "columns",
        tuple(Bar(str(item.year), item.count) for item in stats.conferences),
        note=(_("Hosts:") + " " + hosts_lines(stats))
        if on_paper and stats.conferences
        else _("Hosts are listed in the table."),
    )
    return (members_field, members_region, growth, countries, reports, conferences)


def chart_font(line: float) -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Noto Sans"])
    font.setPixelSize(max(7, int(line / 1.2)))
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def paint_statistics_page(
    painter: QPainter, rect: QRectF, stats: NetworkStatistics, _vector: bool = False
) -> None:
    """Title, the filter and the six charts in two columns, each fitted to its cell."""
    painter.save()
    painter.fillRect(rect, QColor("#ffffff"))
    title_font = page_font(rect, 0.026, bold=True)
    painter.setFont(title_font)
    painter.setPen(QColor("#111111"))
    head = rect.width() * 0.04
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), head),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        _("UNESCO Creative Cities Network in figures"),
    )
    painter.setFont(page_font(rect, 0.014))
    today = stats.today.isoformat()
    painter.drawText(
        QRectF(rect.left(), rect.top() + head, rect.width(), head * 0.6),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        _("{filter} — as of {date}").format(filter=filter_text(stats), date=today),
    )
    top = rect.top() + head * 1.8
    found = charts(stats, on_paper=True)
    wanted = sum(chart.height_for(1.0) + 1.0 for chart in found)
    line = min(rect.width() / 45, (rect.bottom() - top) / wanted)
    for chart in found:
        height = chart.height_for(line) + line
        cell = QRectF(rect.left(), top, rect.width(), chart.height_for(line))
        paint_chart(painter, cell, chart, chart_font(line))
        top += height
    painter.restore()


def _map_title(stats: NetworkStatistics) -> str:
    if stats.filter.creative_field:
        return _("UNESCO Creative Cities of {field}").format(field=stats.filter.creative_field)
    return _("Member cities of the UNESCO Creative Cities Network")


class Drawing:
    """A page that can be saved as PNG, SVG or PDF, or printed."""

    def __init__(self, title: str, paint: Paint, *, landscape: bool, size: QSize) -> None:
        self.title = title
        self.paint = paint
        self.landscape = landscape
        self.size = size

    def save(self, path: Path, kind: str | None = None) -> Path:
        path = Path(path)
        if kind is None and path.suffix.lower() not in (".png", ".svg", ".pdf"):
            kind = "pdf"
        return export.save(
            path, self.paint, self.title, size=self.size, landscape=self.landscape, kind=kind
        )


def map_drawing(
    locations: CityLocations, stats: NetworkStatistics, world_map: WorldMap | None = None
) -> Drawing:
    """The map page of these cities (a fresh whole-world view unless a map is given)."""
    shown = world_map or WorldMap("50m")
    if world_map is None:
        shown.set_locations(locations)
        if stats.filter.region:  # one region: show that part of the world
            shown.view.fit(shown.xs, shown.ys, QRectF(0, 0, 2, 1))
    missing = [name for _uuid, name in locations.missing]
    subtitle = _("{filter} — {n} on the map — {date}").format(
        filter=filter_text(stats), n=len(locations), date=dt.date.today().isoformat()
    )

    def paint(painter: QPainter, rect: QRectF, vector: bool) -> None:
        paint_map_page(painter, rect, shown, _map_title(stats), subtitle, missing, vector=vector)

    return Drawing(_map_title(stats), paint, landscape=True, size=QSize(2400, 1500))


def statistics_drawing(stats: NetworkStatistics) -> Drawing:
    def paint(painter: QPainter, rect: QRectF, vector: bool) -> None:
        paint_statistics_page(painter, rect, stats, vector)

    return Drawing(
        _("UNESCO Creative Cities Network in figures"),
        paint,
        landscape=False,
        size=QSize(1700, 2400),
    )
