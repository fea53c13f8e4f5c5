"""Each rule with a value that passes and one that fails."""

from __future__ import annotations

from typing import Any

import pytest

from ccn_desktop.catalogue.validation import clean
from tests.helpers import city_values


def problems_for(entity: str, values: dict[str, Any]) -> dict[str, str]:
    return {problem.field: problem.message for problem in clean(entity, values)[1]}


def test_a_complete_city_is_valid() -> None:
    cleaned, problems = clean("city", city_values(website="https://example.org"))
    assert problems == []
    assert cleaned["name"] == "Testville"
    assert cleaned["objectives"] == []


@pytest.mark.parametrize(
    ("field", "good", "bad", "reason"),
    [
        ("name", "Łódź", "", "is required"),
        ("name", "Niš", "a" * 201, "too long"),
        ("name", "Kraków", "two\nlines", "single line"),
        ("country_code", "pl", "XX", "ISO 3166-1"),
        ("creative_field", "Architecture", "Painting", "must be one of"),
        ("designation_year", "2019", "1850", "at least 2004"),
        ("designation_year", 2025, "twenty", "whole number"),
        ("latitude", "51.77", "91", "at most 90"),
        ("longitude", 19.45, "nan", "must be a number"),
        ("website", "https://lodz.pl", "lodz dot pl", "web address"),
        ("focal_point_email", "anna@lodz.pl", "anna(at)lodz", "e-mail"),
        ("focal_point_phone", "+48 42 638 40 00", "call me", "phone"),
        ("report_dates", ["2021-11-30"], ["30/11/2021"], "YYYY-MM-DD"),
        ("objectives", ["Grow film"], "not a list", "must be a list"),
    ],
)
def test_city_rules(field: str, good: Any, bad: Any, reason: str) -> None:
    assert field not in problems_for("city", city_values(**{field: good}))
    assert reason in problems_for("city", city_values(**{field: bad}))[field]


def test_unknown_keys_are_reported_not_dropped() -> None:
    assert problems_for("city", city_values(nmae="typo")) == {
        "nmae": "is not a field of this record"
    }


def test_conference_end_not_before_start_and_host_or_venue() -> None:
    good = {"year": 2024, "venue": "Braga", "start_date": "2024-07-01", "end_date": "2024-07-05"}
    assert problems_for("conference", good) == {}
    assert (
        "before the start date"
        in problems_for("conference", good | {"end_date": "2024-06-30"})["end_date"]
    )
    assert (
        "host city or a venue"
        in problems_for("conference", good | {"venue": ""})["host_city_uuids"]
    )
    assert "conference's year" in problems_for("conference", good | {"year": 2023})["start_date"]


def test_project_years_and_currency() -> None:
    good = {"title": "Film school", "status": "Ongoing", "start_year": 2020, "end_year": 2022}
    assert problems_for("project", good) == {}
    assert "before the start year" in problems_for("project", good | {"end_year": 2019})["end_year"]
    assert (
        "ISO 4217" in problems_for("project", good | {"budget": 10, "currency": "EUX"})["currency"]
    )
    assert "required when a budget" in problems_for("project", good | {"budget": 10})["currency"]
    assert problems_for("project", good | {"budget": "1000,50", "currency": "eur"}) == {}


def test_links_must_be_uuids() -> None:
    values = {"year": 2024, "host_city_uuids": ["not-a-uuid"]}
    assert "not a record identifier" in problems_for("conference", values)["host_city_uuids"]
