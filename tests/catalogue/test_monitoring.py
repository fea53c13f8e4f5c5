"""When the next membership monitoring report is due."""

from __future__ import annotations

import datetime as dt

import pytest

from ccn_desktop.catalogue.monitoring import add_years, last_report, next_report_due


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


# The forms' view of the same deadline: text() and year_only.


def test_four_years_after_the_last_report() -> None:
    due = next_report_due(2014, ["2018-11-30", "2022-05-02", "2020-01-01"])
    assert due is not None
    assert (due.date, due.year_only, due.text()) == (dt.date(2026, 5, 2), False, "2026-05-02")


def test_before_any_report_it_counts_from_the_designation_year() -> None:
    due = next_report_due(2023, [])
    assert due is not None
    assert (due.date, due.year_only, due.text()) == (None, True, "2027")


def test_nothing_known_means_no_deadline() -> None:
    assert next_report_due(None, []) is None


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(dt.date(2027, 12, 31), False), (dt.date(2028, 1, 1), True)],
)
def test_a_designation_year_deadline_is_overdue_after_the_year_ends(
    today: dt.date, overdue: bool
) -> None:
    due = next_report_due(2023, [])
    assert due is not None and due.is_overdue(today) is overdue


def test_dates_that_are_not_dates_are_ignored() -> None:
    due = next_report_due(2010, ["not a date", "2019-03-01"])
    assert due is not None and due.date == dt.date(2023, 3, 1)
    fallback = next_report_due(2010, ["31/12/2019"])
    assert fallback is not None and fallback.text() == "2014"


def test_29_february_falls_back_to_the_28th() -> None:
    assert add_years(dt.date(2020, 2, 29), 4) == dt.date(2024, 2, 29)
    assert add_years(dt.date(2020, 2, 29), 1) == dt.date(2021, 2, 28)
