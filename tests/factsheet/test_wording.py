"""How a fact sheet writes dates, years and ordinals (in English; see test_languages.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from ccn_desktop.factsheet.wording import (
    date_range_text,
    membership_text,
    ordinal,
    paragraphs,
    years_text,
)

TODAY = dt.date(2026, 5, 4)


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2018-06-12", "2018-06-15", "12–15 June 2018"),
        ("2018-06-28", "2018-07-02", "28 June – 2 July 2018"),
        ("2018-12-30", "2019-01-02", "30 December 2018 – 2 January 2019"),
        ("2018-06-12", None, "12 June 2018"),
        (None, "2018-06-15", "15 June 2018"),
        ("2018-06-12", "2018-06-12", "12 June 2018"),
        (None, None, ""),
        ("junk", None, ""),
    ],
)
def test_date_ranges(start: str | None, end: str | None, text: str) -> None:
    assert date_range_text(start, end) == text


def test_small_texts() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 112)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "112th",
    ]  # fmt: skip
    assert ordinal(None) == ""
    assert [years_text(2016, 2016), years_text(2016, 2018), years_text(2016, None)] == [
        "2016", "2016–2018", "since 2016",
    ]  # fmt: skip
    assert (years_text(None, 2020), years_text(None, None)) == ("until 2020", "")
    assert membership_text(2019, TODAY) == "7 years"
    assert membership_text(2025, TODAY) == "1 year"
    assert membership_text(2026, TODAY) == "designated this year"
    assert membership_text(2027, TODAY) == "from 2027"
    assert paragraphs("a\nb\n\n\n c \r\n\r\nd") == (("a", "b"), ("c",), ("d",))
