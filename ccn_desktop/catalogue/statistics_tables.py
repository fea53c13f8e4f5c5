"""The overview's figures as titled tables: one shape for the window, the CLI and JSON.

The window shows each table under its chart, `ccn-desktop stats` prints them as
text or CSV, and `as_json` nests the same numbers; all three read from here so
they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ccn_desktop.catalogue.statistics import NO_REGION, NetworkStatistics
from ccn_desktop.i18n import _, ngettext


@dataclass(frozen=True)
class StatTable:
    key: str  # stable id: "members", "countries", "growth", "reports", "conferences"
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]
    note: str = ""  # e.g. "12 cities have no report date recorded"
    total_row: bool = False  # the last row is a total (printed in bold)


def region_label(region: str) -> str:
    return _("Region not recorded") if region == NO_REGION else region


def members_table(stats: NetworkStatistics) -> StatTable:
    headers = (_("Creative field"), *(region_label(r) for r in stats.regions), _("Total"))
    rows: list[tuple[str | int, ...]] = []
    for name in stats.fields:
        counts = [stats.by_field_region.get((name, region), 0) for region in stats.regions]
        rows.append((name, *counts, sum(counts)))
    by_region = stats.by_region()
    rows.append((_("Total"), *(by_region[region] for region in stats.regions), stats.total))
    return StatTable(
        "members",
        _("Members by creative field and UNESCO region"),
        headers,
        tuple(rows),
        total_row=True,
    )


def countries_table(stats: NetworkStatistics) -> StatTable:
    by_region = stats.by_region()
    rows: list[tuple[str | int, ...]] = [
        (region_label(region), stats.countries_by_region.get(region, 0), by_region[region])
        for region in stats.regions
    ]
    rows.append((_("Total"), stats.countries, stats.total))
    return StatTable(
        "countries",
        _("Countries per UNESCO region"),
        (_("Region"), _("Countries"), _("Cities")),
        tuple(rows),
        total_row=True,
    )


def growth_table(stats: NetworkStatistics) -> StatTable:
    note = ""
    if stats.without_year:
        note = ngettext(
            "{n} city has no designation year.",
            "{n} cities have no designation year.",
            stats.without_year,
        ).format(n=stats.without_year)
    return StatTable(
        "growth",
        _("Growth of the network by designation year"),
        (_("Year"), _("New members"), _("Members in all")),
        tuple((item.year, item.new, item.cumulative) for item in stats.growth),
        note,
    )


def reports_table(stats: NetworkStatistics) -> StatTable:
    rows: list[tuple[str | int, ...]] = [
        (item.creative_field, item.recorded, item.overdue, item.due) for item in stats.reports
    ]
    if rows:
        rows.append((_("Total"), *(sum(int(row[i]) for row in rows) for i in (1, 2, 3))))
    note = ngettext(
        "{n} city has no report date recorded and is not counted here.",
        "{n} cities have no report date recorded and are not counted here.",
        stats.without_reports,
    ).format(n=stats.without_reports)
    return StatTable(
        "reports",
        _("Monitoring reports (cities with a report date recorded)"),
        (_("Creative field"), _("With report dates"), _("Overdue"), _("Due within a year")),
        tuple(rows),
        note,
        total_row=bool(rows),
    )


def conferences_table(stats: NetworkStatistics) -> StatTable:
    return StatTable(
        "conferences",
        _("Conferences by year and host"),
        (_("Year"), _("Conferences"), _("Hosts")),
        tuple((item.year, item.count, item.hosts) for item in stats.conferences),
    )


def all_tables(stats: NetworkStatistics) -> tuple[StatTable, ...]:
    return (
        members_table(stats),
        countries_table(stats),
        growth_table(stats),
        reports_table(stats),
        conferences_table(stats),
    )


def filter_text(stats: NetworkStatistics) -> str:
    """ "All member cities" or "Film · Africa · designated 2015–2025"."""
    chosen = stats.filter
    parts = []
    if chosen.creative_field:
        parts.append(chosen.creative_field)
    if chosen.region is not None:
        parts.append(region_label(chosen.region))
    if chosen.first_year is not None or chosen.last_year is not None:
        first = chosen.first_year if chosen.first_year is not None else "…"
        last = chosen.last_year if chosen.last_year is not None else "…"
        parts.append(_("designated {first}–{last}").format(first=first, last=last))
    return " · ".join(parts) if parts else _("All member cities")


def as_json(stats: NetworkStatistics) -> dict[str, Any]:
    """The figures nested by meaning (stable English keys, for scripts)."""
    chosen = stats.filter
    return {
        "filter": {
            "creative_field": chosen.creative_field,
            "region": chosen.region,
            "first_year": chosen.first_year,
            "last_year": chosen.last_year,
        },
        "total": stats.total,
        "by_field": stats.by_field(),
        "by_region": {region or "not recorded": n for region, n in stats.by_region().items()},
        "by_field_and_region": [
            {"creative_field": name, "region": region or "not recorded", "cities": number}
            for (name, region), number in sorted(stats.by_field_region.items())
        ],
        "growth": [
            {"year": item.year, "new": item.new, "cumulative": item.cumulative}
            for item in stats.growth
        ],
        "without_designation_year": stats.without_year,
        "countries": stats.countries,
        "countries_by_region": {
            region or "not recorded": n for region, n in stats.countries_by_region.items()
        },
        "reports": [
            {
                "creative_field": item.creative_field,
                "recorded": item.recorded,
                "overdue": item.overdue,
                "due_within_a_year": item.due,
            }
            for item in stats.reports
        ],
        "without_report_dates": stats.without_reports,
        "conferences": [
            {"year": item.year, "count": item.count, "hosts": item.hosts}
            for item in stats.conferences
        ],
        "as_of": stats.today.isoformat(),
    }
