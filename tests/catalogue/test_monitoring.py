"""When the next membership monitoring report is due."""

from __future__ import annotations

import datetime as dt

from ccn_desktop.catalogue.monitoring import last_report, next_report_due


def test_four_years_after_designation_when_no_report() -> None:
    due = next_report_due(2019, [])
    assert due is not None
    assert (due.year, due.date, due.last_report) == (2023, None, None)
    assert due.overdue(dt.date(2024, 1, 1))
    assert not due.overdue(dt.date(2023, 12, 31))


def test_four_years_after_the_latest_report_in_any_order() -> None:
    due = next_report_due(2010, ["2018-06-30", "2022-03-15", "2014-01-01"])
    assert due is not None
    assert due.date == dt.date(2026, 3, 15)
    assert due.last_report == dt.date(2022, 3, 15)
    assert not due.overdue(dt.date(2026, 3, 15))
    assert due.overdue(dt.date(2026, 3, 16))


def test_29_february_moves_to_28() -> None:
    due = next_report_due(2010, ["2019-02-28", "2020-02-29"])
    assert due is not None and due.date == dt.date(2024, 2, 29)
    assert last_report(["2016-02-29"]) == dt.date(2016, 2, 29)
    later = next_report_due(None, ["2016-02-29"], period=3)
    assert later is not None and later.date == dt.date(2019, 2, 28)


def test_unreadable_dates_are_ignored_and_nothing_known_gives_none() -> None:
    assert last_report(["not a date", "", "2021-05-01"]) == dt.date(2021, 5, 1)
    assert next_report_due(None, []) is None
    assert next_report_due(None, ["garbage"]) is None
