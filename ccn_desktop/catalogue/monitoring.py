"""When a city's next membership monitoring report is due.

Member cities report every four years (`MONITORING_PERIOD_YEARS`): four years after
the last report submitted, or, before the first one, four years after designation.
The designation is known only by its year, so that first deadline is a year, and is
counted as due by the end of it. Forms and fact sheets both show this; it has no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ccn_desktop.catalogue.vocabulary import MONITORING_PERIOD_YEARS


@dataclass(frozen=True)
class ReportDue:
    """The next deadline. `year_only`: only its year is meaningful (counted from designation)."""

    date: dt.date
    year_only: bool

    def is_overdue(self, today: dt.date) -> bool:
        return today > self.date

    def text(self) -> str:
        """The deadline as it should be shown: "2027" or "2027-10-31"."""
        return str(self.date.year) if self.year_only else self.date.isoformat()


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def next_report_due(
    designation_year: int | None, report_dates: Sequence[str | dt.date]
) -> ReportDue | None:
    """The next report's deadline, or None when neither a report nor a designation is known.

    Dates that are not ISO dates are ignored (the form shows their own problem).
    """
    reports: list[dt.date] = []
    for item in report_dates:
        if isinstance(item, dt.date):
            reports.append(item)
            continue
        try:
            reports.append(dt.date.fromisoformat(str(item).strip()))
        except ValueError:
            continue
    if reports:
        return ReportDue(add_years(max(reports), MONITORING_PERIOD_YEARS), year_only=False)
    if designation_year is None:
        return None
    return ReportDue(dt.date(designation_year + MONITORING_PERIOD_YEARS, 12, 31), year_only=True)
