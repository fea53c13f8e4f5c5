"""Figures about the whole network: members by field and region, growth, reports, conferences.

Each figure is one GROUP BY in SQLite over the live cities that the filter keeps
(creative field, UNESCO region, designation years), so 100,000 cities cost a few
indexed scans, not 100,000 objects. The result is plain data (no Qt) that the
window charts, the `stats` command prints and the tests compare with the CSVs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from ccn_desktop.catalogue.monitoring import add_years
from ccn_desktop.catalogue.vocabulary import (
    CREATIVE_FIELDS,
    MONITORING_PERIOD_YEARS,
    UNESCO_REGIONS,
)

NO_REGION = ""  # how a city without a region is grouped (shown as "Region not recorded")


@dataclass(frozen=True)
class NetworkFilter:
    """Which cities the figures count: one field, one region, designation years (inclusive)."""

    creative_field: str | None = None
    region: str | None = None
    first_year: int | None = None
    last_year: int | None = None

    def where(self, alias: str = "city") -> tuple[str, dict[str, Any]]:
        """An SQL condition on `alias` and its bound parameters (values never in the SQL)."""
        conditions = [f"{alias}.deleted = 0"]
        params: dict[str, Any] = {}
        if self.creative_field:
            conditions.append(f"{alias}.creative_field = :field")
            params["field"] = self.creative_field
        if self.region is not None:
            conditions.append(f"{alias}.region = :region")
            params["region"] = self.region
        if self.first_year is not None:
            conditions.append(f"{alias}.designation_year >= :first_year")
            params["first_year"] = self.first_year
        if self.last_year is not None:
            conditions.append(f"{alias}.designation_year <= :last_year")
            params["last_year"] = self.last_year
        return " AND ".join(conditions), params

    @property
    def active(self) -> bool:
        return any(
            value is not None
            for value in (self.creative_field, self.region, self.first_year, self.last_year)
        )


@dataclass(frozen=True)
class YearCount:
    year: int
    new: int
    cumulative: int


@dataclass(frozen=True)
class ReportCount:
    """Monitoring reports of one field's cities that have at least one report date."""

    creative_field: str
    recorded: int  # cities with a report date
    overdue: int  # next report's deadline has passed
    due: int  # deadline within the next twelve months


@dataclass(frozen=True)
class ConferenceCount:
    year: int
    count: int
    hosts: str  # "Kraków / Katowice", or the venue when no member city hosted


@dataclass(frozen=True)
class NetworkStatistics:
    """Every figure of the overview for one filter."""

    filter: NetworkFilter
    total: int
    by_field_region: dict[tuple[str, str], int]  # (field, region) -> cities
    fields: tuple[str, ...]  # in vocabulary order, then any other stored value
    regions: tuple[str, ...]  # in vocabulary order, then others ("" last: not recorded)
    growth: tuple[YearCount, ...]
    without_year: int
    countries_by_region: dict[str, int]
    countries: int
    reports: tuple[ReportCount, ...]
    without_reports: int
    conferences: tuple[ConferenceCount, ...]
    today: dt.date = field(default_factory=dt.date.today)

    def by_field(self) -> dict[str, int]:
        counts = dict.fromkeys(self.fields, 0)
        for (name, _region), number in self.by_field_region.items():
            counts[name] += number
        return counts

    def by_region(self) -> dict[str, int]:
        counts = dict.fromkeys(self.regions, 0)
        for (_name, region), number in self.by_field_region.items():
            counts[region] += number
        return counts


def _ordered(found: set[str], known: tuple[str, ...]) -> tuple[str, ...]:
    others = sorted(name for name in found if name not in known and name != NO_REGION)
    tail = (NO_REGION,) if NO_REGION in found else ()
    return tuple(name for name in known if name in found) + tuple(others) + tail


def network_statistics(
    connection: Connection, network_filter: NetworkFilter, today: dt.date | None = None
) -> NetworkStatistics:
    """All the figures, each from one GROUP BY query."""
    today = today or dt.date.today()
    where, params = network_filter.where()

    cells = {
        (str(name), str(region or NO_REGION)): int(number)
        for name, region, number in connection.execute(
            text(
                f"SELECT creative_field, region, COUNT(*) FROM city WHERE {where} "
                "GROUP BY creative_field, region"
            ),
            params,
        )
    }
    merged: dict[tuple[str, str], int] = {}
    for key, number in cells.items():  # "" and NULL regions fall together
        merged[key] = merged.get(key, 0) + number
    total = sum(merged.values())

    growth: list[YearCount] = []
    without_year = 0
    running = 0
    for year, number in connection.execute(
        text(
            f"SELECT designation_year, COUNT(*) FROM city WHERE {where} "
            "GROUP BY designation_year ORDER BY designation_year"
        ),
        params,
    ):
        if year is None:
            without_year = int(number)
            continue
        running += int(number)
        growth.append(YearCount(int(year), int(number), running))

    countries_by_region: dict[str, int] = {}
    for region, number in connection.execute(
        text(
            f"SELECT COALESCE(region, ''), COUNT(DISTINCT country_code) FROM city WHERE {where} "
            "GROUP BY COALESCE(region, '')"
        ),
        params,
    ):
        countries_by_region[str(region)] = int(number)
    countries = int(
        connection.execute(
            text(f"SELECT COUNT(DISTINCT country_code) FROM city WHERE {where}"), params
        ).scalar()
        or 0
    )

    reports, without_reports = _report_counts(connection, where, params, today, total)
    return NetworkStatistics(
        filter=network_filter,
        total=total,
        by_field_region=merged,
        fields=_ordered({name for name, _ in merged}, tuple(CREATIVE_FIELDS)),
        regions=_ordered({region for _, region in merged}, UNESCO_REGIONS),
        growth=tuple(growth),
        without_year=without_year,
        countries_by_region=countries_by_region,
        countries=countries,
        reports=reports,
        without_reports=without_reports,
        conferences=_conference_counts(connection, network_filter),
        today=today,
    )


def _report_counts(
    connection: Connection, where: str, params: dict[str, Any], today: dt.date, total: int
) -> tuple[tuple[ReportCount, ...], int]:
    """Per field: cities with a report date, overdue and due within a year.

    The deadline is the last report plus the monitoring period, counted in SQLite
    (`date(last, '+4 years')`); unreadable dates are ignored as `monitoring.py` does.
    A city without any report date is counted apart, never guessed.
    """
    horizon = add_years(today, 1)
    rows = connection.execute(
        text(
            "SELECT creative_field, COUNT(*), "
            "SUM(deadline < :today), SUM(deadline >= :today AND deadline <= :horizon) "
            "FROM (SELECT city.creative_field AS creative_field, "
            f"date(MAX(date(report.value)), '+{MONITORING_PERIOD_YEARS} years') AS deadline "
            "FROM city, json_each(city.report_dates) AS report "
            f"WHERE {where} GROUP BY city.id HAVING deadline IS NOT NULL) "
            "GROUP BY creative_field"
        ),
        {**params, "today": today.isoformat(), "horizon": horizon.isoformat()},
    )
    found = {
        str(name): ReportCount(str(name), int(number), int(overdue or 0), int(due or 0))
        for name, number, overdue, due in rows
    }
    order = _ordered(set(found), tuple(CREATIVE_FIELDS))
    recorded = sum(item.recorded for item in found.values())
    return tuple(found[name] for name in order), total - recorded


def _conference_counts(
    connection: Connection, network_filter: NetworkFilter
) -> tuple[ConferenceCount, ...]:
    """Conferences per year and who hosted them.

    The years filter applies to the conference's year; a field or region filter
    keeps the conferences hosted by at least one such city.
    """
    conditions = ["conference.deleted = 0"]
    params: dict[str, Any] = {}
    if network_filter.first_year is not None:
        conditions.append("conference.year >= :first_year")
        params["first_year"] = network_filter.first_year
    if network_filter.last_year is not None:
        conditions.append("conference.year <= :last_year")
        params["last_year"] = network_filter.last_year
    if network_filter.creative_field or network_filter.region is not None:
        host_filter = NetworkFilter(network_filter.creative_field, network_filter.region)
        host_where, host_params = host_filter.where("host")
        conditions.append(
            "conference.id IN (SELECT conference_host.conference_id FROM conference_host "
            f"JOIN city AS host ON host.id = conference_host.city_id WHERE {host_where})"
        )
        params.update(host_params)
    rows = connection.execute(
        text(
            "SELECT conference.year, COUNT(DISTINCT conference.id), "
            "GROUP_CONCAT(COALESCE(hosts.names, NULLIF(conference.venue, '')), '; ') "
            "FROM conference LEFT JOIN ("
            "  SELECT conference_host.conference_id AS conference_id, "
            "  GROUP_CONCAT(city.name, ' / ') AS names FROM ("
            "    SELECT * FROM conference_host ORDER BY conference_id, position) "
            "  AS conference_host "
            "  JOIN city ON city.id = conference_host.city_id "
            "  GROUP BY conference_host.conference_id) AS hosts "
            "ON hosts.conference_id = conference.id "
            f"WHERE {' AND '.join(conditions)} "
            "GROUP BY conference.year ORDER BY conference.year"
        ),
        params,
    )
    return tuple(
        ConferenceCount(int(year), int(number), str(hosts or "")) for year, number, hosts in rows
    )
