"""The network overview on 100,000 cities: its statistics and its world map.

- Statistics: `Catalogue.statistics()` (every figure, each one GROUP BY) against the same
  GROUP BY queries run by hand with `sqlite3` on a connection kept open; both answers
  are compared before timing.
- World map: our `WorldMap` (projection of the cities, outlines, one stamped dot per
  city, legend) painted into a 1600 × 900 image, against a bare QPainter drawing the same
  outlines (one `drawPolygon` per ring, already projected) and the same points (one
  `drawEllipse` each, positions already computed) into the same image. The redraw row
  changes the filter first: ours reads the cities again from the catalogue and projects
  them, the baseline only paints the cities that remain.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.statistics import NetworkFilter
from tests.perf.runner import BenchContext, BenchmarkError, Row, compare
from tests.perf.synthetic import records_for_cities, split

TARGET = 2.0
TODAY = dt.date(2026, 6, 1)
MAP_SIZE = (1600, 900)


def _application() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


# -- statistics -------------------------------------------------------------------------


def _where(chosen: NetworkFilter) -> tuple[str, list[Any]]:
    conditions, params = ["deleted = 0"], []
    for sql, value in (("creative_field = ?", chosen.creative_field), ("region = ?", chosen.region),
                       ("designation_year >= ?", chosen.first_year),
                       ("designation_year <= ?", chosen.last_year)):  # fmt: skip
        if value is not None:
            conditions.append(sql)
            params.append(value)
    return " AND ".join(conditions), params


def raw_statistics(connection: sqlite3.Connection, chosen: NetworkFilter) -> dict[str, Any]:
    """The overview's figures with plain sqlite3: the same GROUP BY queries, by hand."""
    where, params = _where(chosen)
    cells = connection.execute(
        f"SELECT creative_field, region, COUNT(*) FROM city WHERE {where} "
        "GROUP BY creative_field, region", params
    ).fetchall()  # fmt: skip
    years = connection.execute(
        f"SELECT designation_year, COUNT(*) FROM city WHERE {where} "
        "GROUP BY designation_year ORDER BY designation_year", params
    ).fetchall()  # fmt: skip
    countries = connection.execute(
        f"SELECT COALESCE(region, ''), COUNT(DISTINCT country_code) FROM city WHERE {where} "
        "GROUP BY COALESCE(region, '')", params
    ).fetchall()  # fmt: skip
    all_countries = connection.execute(
        f"SELECT COUNT(DISTINCT country_code) FROM city WHERE {where}", params
    ).fetchone()[0]
    horizon = TODAY.replace(year=TODAY.year + 1).isoformat()
    reports = connection.execute(
        "SELECT creative_field, COUNT(*), SUM(deadline < ?), SUM(deadline >= ? AND deadline <= ?) "
        "FROM (SELECT city.creative_field AS creative_field, "
        "date(MAX(date(report.value)), '+4 years') AS deadline "
        "FROM city, json_each(city.report_dates) AS report "
        f"WHERE {where.replace('deleted', 'city.deleted')} "
        "GROUP BY city.id HAVING deadline IS NOT NULL) GROUP BY creative_field",
        [TODAY.isoformat(), TODAY.isoformat(), horizon, *params],
    ).fetchall()
    total = sum(n for _name, _region, n in cells)
    year_where = ["deleted = 0"] + [f"year {op} ?" for op, value in
                                    ((">=", chosen.first_year), ("<=", chosen.last_year))
                                    if value is not None]  # fmt: skip
    year_params: list[Any] = [v for v in (chosen.first_year, chosen.last_year) if v is not None]
    if chosen.creative_field or chosen.region is not None:
        host_where, host_params = _where(NetworkFilter(chosen.creative_field, chosen.region))
        year_where.append(
            "id IN (SELECT conference_id FROM conference_host JOIN city ON city.id = city_id "
            f"WHERE {host_where.replace('deleted', 'city.deleted')})"
        )
        year_params += host_params
    conferences = connection.execute(
        f"SELECT year, COUNT(*) FROM conference WHERE {' AND '.join(year_where)} "
        "GROUP BY year ORDER BY year",
        year_params,
    ).fetchall()
    return {
        "cells": {(name, region or ""): n for name, region, n in cells},
        "growth": {year: n for year, n in years if year is not None},
        "countries": dict(countries), "all_countries": all_countries,
        "reports": {name: (n, overdue or 0, due or 0) for name, n, overdue, due in reports},
        "total": total, "conferences": dict(conferences),
    }  # fmt: skip


def _ours_as_raw(stats: Any) -> dict[str, Any]:
    cells: dict[tuple[str, str], int] = {}
    for key, number in stats.by_field_region.items():
        cells[key] = number
    return {
        "cells": cells,
        "growth": {item.year: item.new for item in stats.growth},
        "countries": stats.countries_by_region, "all_countries": stats.countries,
        "reports": {r.creative_field: (r.recorded, r.overdue, r.due) for r in stats.reports},
        "total": stats.total,
        "conferences": {item.year: item.count for item in stats.conferences},
    }  # fmt: skip


def statistics(context: BenchContext) -> list[Row]:
    n_records = records_for_cities(context.records)
    paths = context.catalogue_copy(n_records)
    rows = []
    with Catalogue.open(paths) as catalogue:
        connection = sqlite3.connect(paths.catalogue_file)
        try:
            for label, chosen in (
                ("every city", NetworkFilter()),
                ("one field, 2015–2025", NetworkFilter("Film", None, 2015, 2025)),
            ):
                ours = lambda chosen=chosen: catalogue.statistics(chosen, TODAY)  # noqa: E731
                baseline = lambda chosen=chosen: raw_statistics(connection, chosen)  # noqa: E731
                if _ours_as_raw(ours()) != baseline():
                    raise BenchmarkError(f"statistics ({label}): ours and sqlite3 disagree")
                ours_time, baseline_time = compare(ours, baseline, repeat=context.repeat)
                rows.append(Row(
                    f"statistics of {split(n_records).cities:,} cities: {label}", ours_time,
                    "the same GROUP BY queries in sqlite3", baseline_time, target=TARGET,
                    note="members by field × region, growth, countries, reports, conferences",
                ))  # fmt: skip
        finally:
            connection.close()
    return rows


# -- the world map -------------------------------------------------------------------------


def world_map(context: BenchContext) -> list[Row]:
    _application()
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

    from ccn_desktop.catalogue.vocabulary import field_colour
    from ccn_desktop.drawing.world_map import WorldMap, outline_polygons
    from ccn_desktop.geo.projection import project_many
    from ccn_desktop.geo.world import world

    n_records = records_for_cities(context.records)
    paths = context.catalogue_copy(n_records)
    width, height = MAP_SIZE
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    rect = QRectF(0, 0, width, height)
    outline_polygons("50m")  # decoded once per run, before either side is timed
    rings = [QPolygonF([QPointF(x, -y) for x, y in ring]) for c in world("50m") for ring in c.rings]
    drawn = WorldMap("50m")
    transform = drawn.view.transform(rect)
    scale, dx, dy = transform.m11(), transform.dx(), transform.dy()

    with Catalogue.open(paths) as catalogue:
        everything = catalogue.locations()
        narrower = NetworkFilter(first_year=2010)
        fewer = catalogue.locations(narrower)

        def screen_points(locations: Any) -> list[tuple[str, float, float]]:
            xs, ys = project_many(locations.longitudes, locations.latitudes)
            points = [(f, x * scale + dx, -y * scale + dy)
                      for f, x, y in zip(locations.fields, xs, ys, strict=True)]  # fmt: skip
            return sorted(points)

        all_points, fewer_points = screen_points(everything), screen_points(fewer)

        def bare(points: list[tuple[str, float, float]]) -> None:
            image.fill(0xFFFFFFFF)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setTransform(transform)
            pen = QPen(QColor("#a6a6a6"), 0.6)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(QColor("#e2e2e2"))
            for ring in rings:
                painter.drawPolygon(ring)
            painter.resetTransform()
            painter.setPen(QPen(QColor("#222222"), 1.0))
            current = None
            for name, x, y in points:
                if name != current:
                    painter.setBrush(QColor(field_colour(name)))
                    current = name
                painter.drawEllipse(QPointF(x, y), 3.2, 3.2)
            painter.end()

        def ours_paint() -> None:
            image.fill(0xFFFFFFFF)
            painter = QPainter(image)
            drawn.paint(painter, rect)
            painter.end()

        def ours_draw() -> None:
            drawn.set_locations(everything)
            ours_paint()

        def ours_redraw() -> None:
            drawn.set_locations(catalogue.locations(narrower))
            ours_paint()

        drawn.set_locations(everything)
        if len(drawn.xs) != len(all_points):
            raise BenchmarkError("the map and the baseline place different numbers of cities")
        first = compare(ours_draw, lambda: bare(all_points), repeat=context.repeat)
        again = compare(ours_redraw, lambda: bare(fewer_points), repeat=context.repeat)
    cities = f"{len(everything):,}"
    return [
        Row(f"world map: draw {cities} cities", first[0], "bare QPainter: polygons + ellipses",
            first[1], target=TARGET,
            note=f"{MAP_SIZE[0]}×{MAP_SIZE[1]} image; ours projects the cities, then paints"),
        Row(f"world map: redraw after a filter change ({len(fewer):,} left)", again[0],
            "bare QPainter: polygons + ellipses", again[1], target=TARGET,
            note="ours reads the cities again (designated 2010 or later), projects, paints"),
    ]  # fmt: skip


BENCHMARKS = [statistics, world_map]
