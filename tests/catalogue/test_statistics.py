"""The overview's figures against independent counts of the reference CSVs."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.regions import region_for_country
from ccn_desktop.catalogue.statistics import NetworkFilter
from ccn_desktop.paths import DataPaths
from tests.helpers import city_values

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"  # beside the checkout


def reference_cities() -> list[dict[str, str]]:
    with (DATA / "uccn_cities.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


needs_reference_data = pytest.mark.skipif(
    not DATA.is_dir(), reason="the reference data (../shared/data) is not beside this checkout"
)


@pytest.fixture
def starter(starter_template: Path, tmp_path: Path) -> Iterator[Catalogue]:
    shutil.copytree(starter_template, tmp_path / "c")
    catalogue = Catalogue.open(DataPaths.in_folder(tmp_path / "c"))
    yield catalogue
    catalogue.close()


@needs_reference_data
def test_members_by_field_region_and_year_equal_the_reference_data(starter: Catalogue) -> None:
    rows = reference_cities()
    stats = starter.statistics()
    assert stats.total == len(rows) == 406
    assert stats.by_field() == dict(Counter(row["creative_field"] for row in rows))
    assert stats.by_field()["Film"] == 30
    expected_regions = Counter(region_for_country(row["country_code"]) for row in rows)
    assert stats.by_region() == dict(expected_regions)
    by_year = Counter(int(row["designation_year"]) for row in rows)
    assert {item.year: item.new for item in stats.growth} == dict(by_year)
    assert stats.growth[-1].cumulative == 406
    assert stats.countries == len({row["country_code"] for row in rows}) == 109
    countries = {}
    for row in rows:
        countries.setdefault(region_for_country(row["country_code"]), set()).add(
            row["country_code"]
        )
    assert stats.countries_by_region == {region: len(codes) for region, codes in countries.items()}


@needs_reference_data
def test_conferences_by_year(starter: Catalogue) -> None:
    with (DATA / "uccn_conferences.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    stats = starter.statistics()
    assert {item.year: item.count for item in stats.conferences} == dict(
        Counter(int(row["year"]) for row in rows)
    )
    hosts = {item.year: item.hosts for item in stats.conferences}
    assert hosts[2018] == "Kraków / Katowice"


@needs_reference_data
def test_filters_narrow_every_figure(starter: Catalogue) -> None:
    rows = reference_cities()
    film = starter.statistics(NetworkFilter(creative_field="Film"))
    assert film.total == 30 and film.by_field() == {"Film": 30}
    europe = starter.statistics(NetworkFilter(region="Europe and North America"))
    assert europe.total == sum(
        region_for_country(row["country_code"]) == "Europe and North America" for row in rows
    )
    recent = starter.statistics(NetworkFilter(first_year=2019, last_year=2021))
    assert recent.total == sum(2019 <= int(row["designation_year"]) <= 2021 for row in rows)
    assert [item.year for item in recent.growth] == [2019, 2021]
    assert recent.growth[-1].cumulative == recent.total
    assert all(2019 <= item.year <= 2021 for item in recent.conferences)
    both = starter.statistics(NetworkFilter("Music", "Africa"))
    assert both.total == sum(
        row["creative_field"] == "Music" and region_for_country(row["country_code"]) == "Africa"
        for row in rows
    )


def test_reports_counted_only_where_dates_are_recorded(empty_catalogue: Catalogue) -> None:
    today = dt.date(2026, 6, 1)
    empty_catalogue.add("city", city_values(name="A", report_dates=["2020-01-10"]))  # overdue
    empty_catalogue.add("city", city_values(name="B", report_dates=["2019-01-01", "2022-09-01"]))
    empty_catalogue.add("city", city_values(name="C", report_dates=["2025-01-01"]))  # later
    empty_catalogue.add("city", city_values(name="D", creative_field="Music"))  # none recorded
    stats = empty_catalogue.statistics(today=today)
    assert [(r.creative_field, r.recorded, r.overdue, r.due) for r in stats.reports] == [
        ("Film", 3, 1, 1)
    ]
    assert stats.without_reports == 1


def test_deleted_cities_are_not_counted(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values(name="Gone"))
    empty_catalogue.add("city", city_values(name="Here"))
    empty_catalogue.delete("city", uuid)
    assert empty_catalogue.statistics().total == 1
    assert empty_catalogue.locations().names == ["Here"] or empty_catalogue.locations().missing


def test_a_city_without_coordinates_is_missing_not_placed(empty_catalogue: Catalogue) -> None:
    empty_catalogue.add("city", city_values(name="Nowhere"))
    empty_catalogue.add("city", city_values(name="Sarajevo", latitude=43.85, longitude=18.36))
    places = empty_catalogue.locations()
    assert places.names == ["Sarajevo"]
    assert [name for _uuid, name in places.missing] == ["Nowhere"]


CITY = st.tuples(
    st.sampled_from(["Film", "Music", "Design"]),
    st.sampled_from(["Africa", "Arab States", ""]),
    st.integers(2004, 2025),  # the year is required
    st.booleans(),  # deleted
)


def test_figures_equal_counts_of_what_was_added(empty_catalogue: Catalogue) -> None:
    """An oracle written from the rule: count the live rows the filter keeps.

    One catalogue for every example: each example's cities are deleted at its end, and
    deleted cities count for nothing, so the next example starts from none.
    """
    catalogue = empty_catalogue
    batch = iter(range(10**6))

    @settings(max_examples=25, deadline=None)
    @given(cities=st.lists(CITY, max_size=10), low=st.integers(2004, 2025), span=st.integers(0, 21))
    def check(cities: list[tuple[str, str, int, bool]], low: int, span: int) -> None:
        tag = next(batch)
        added = []
        for number, (field, region, year, deleted) in enumerate(cities):
            uuid = catalogue.add("city", city_values(
                name=f"City {tag}-{number}", creative_field=field, region=region,
                designation_year=year, country_code="FR" if number % 2 else "SN",
            ))  # fmt: skip
            if deleted:
                catalogue.delete("city", uuid)
            else:
                added.append(uuid)
        try:
            live = [city for city in cities if not city[3]]
            everything = catalogue.statistics()
            assert everything.total == len(live)
            assert everything.by_field() == dict(Counter(city[0] for city in live))
            assert everything.by_region() == dict(Counter(city[1] for city in live))
            assert everything.countries == len({number % 2 for number, c in enumerate(cities)
                                                if not c[3]})  # fmt: skip
            high = low + span
            chosen = catalogue.statistics(NetworkFilter("Film", None, low, high))
            kept = [c for c in live if c[0] == "Film" and low <= c[2] <= high]
            assert chosen.total == len(kept)
            assert {item.year: item.new for item in chosen.growth} == dict(
                Counter(city[2] for city in kept)
            )
        finally:
            for uuid in added:
                catalogue.delete("city", uuid)

    check()
