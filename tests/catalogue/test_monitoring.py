"""When the next membership monitoring report is due."""

from __future__ import annotations

import datetime as dt

import pytest

from ccn_desktop.catalogue.monitoring import add_years, next_report_due


def test_four_years_after_the_last_report() -> None:
    due = next_report_due(2014, ["2018-11-30", "2022-05-02", "2020-01-01"])
    assert due is not None
    assert (due.date, due.year_only, due.text()) == (dt.date(2026, 5, 2), False, "2026-05-02")


def test_before_any_report_it_counts_from_the_designation_year() -> None:
    due = next_report_due(2023, [])
    assert due is not None
    assert (due.date, due.year_only, due.text()) == (dt.date(2027, 12, 31), True, "2027")


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
