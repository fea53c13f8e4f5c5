"""When a city's next membership monitoring report is due.

Member cities report every four years: the next report is due four years after
the last one submitted or, before any report, four years after designation
(known only to the year, so that deadline is a year: due by the end of it). The
fact sheet and the forms both show this; it has no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ccn_desktop.catalogue.vocabulary import MONITORING_PERIOD_YEARS


@dataclass(frozen=True)
class ReportDue:
    """The next report's deadline: a day after a report, only a year after designation."""

    year: int
    date: dt.date | None  # None when counted from the designation year
    last_report: dt.date | None

    @property
    def year_only(self) -> bool:
        """Counted from the designation year: only the year is meaningful."""
        return self.date is None

    def overdue(self, today: dt.date) -> bool:
        if self.date is not None:
            return today > self.date
        return today.year > self.year

    is_overdue = overdue  # the forms' name for it

    def text(self) -> str:
        """The deadline as it should be shown: "2027" or "2027-10-31"."""
        return str(self.year) if self.date is None else self.date.isoformat()


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def last_report(report_dates: Sequence[str | dt.date]) -> dt.date | None:
    """The latest submitted report (ISO strings or dates; unreadable ones are ignored)."""
    days = []
    for item in report_dates:
        if isinstance(item, dt.date):
            days.append(item)
            continue
        try:
            days.append(dt.date.fromisoformat(str(item).strip()))
        except ValueError:
            continue
    return max(days, default=None)


def next_report_due(
    designation_year: int | None,
    report_dates: Sequence[str | dt.date],
    period: int = MONITORING_PERIOD_YEARS,
) -> ReportDue | None:
    """The next deadline, or None when neither a report nor a designation year is known."""
    last = last_report(report_dates)
    if last is not None:
        due = add_years(last, period)
        return ReportDue(due.year, due, last)
    if designation_year is None:
        return None
    return ReportDue(designation_year + period, None, None)
