"""What a fact sheet says, gathered through the facade."""

from __future__ import annotations

import datetime as dt

import pytest

from ccn_desktop.catalogue.errors import RecordNotFoundError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.factsheet.content import (
    COVER_CONTENTS_LIMIT,
    SheetSource,
    all_city_uuids,
    field_city_uuids,
    known_field,
)
from ccn_desktop.factsheet.sheet_data import FactSheetError
from tests.factsheet.conftest import Samples
from tests.factsheet.samples import BRAGA, KATOWICE, KRAKOW, SARAJEVO
from tests.helpers import city_values

TODAY = dt.date(2026, 5, 4)


def facts(sheet: object) -> dict[str, str]:
    return {fact.label: fact.value for fact in (*sheet.key_facts, *sheet.contact_facts)}


def test_sarajevo(samples: Samples) -> None:
    sheet = SheetSource(samples.catalogue, TODAY).sheet(SARAJEVO)
    assert (sheet.name, sheet.creative_field, sheet.country) == (
        "Sarajevo", "Film", "Bosnia and Herzegovina",
    )  # fmt: skip
    assert (sheet.field_colour, sheet.field_text_colour) == ("#009E73", "#FFFFFF")
    assert len(sheet.objectives) == 5
    assert sheet.objectives[0].startswith("Help the city's film festivals")
    assert sheet.objectives[-1].startswith("Work with other creative cities")
    values = facts(sheet)
    assert values["Designated"] == "2019 (7 years)"
    # no report dates recorded: said so, not "overdue" (the starter has none for any city)
    assert values["Next report due"] == "no report recorded"
    assert values["Last report"] == "none recorded"
    assert (sheet.printed_on, sheet.office) == ("4 May 2026", "Bureau de Dakar")


def test_hosted_conferences_name_every_host(samples: Samples) -> None:
    source = SheetSource(samples.catalogue, TODAY)
    for uuid in (KRAKOW, KATOWICE):
        [conference] = source.sheet(uuid).conferences
        assert (conference.year, conference.hosts) == ("2018", "Kraków / Katowice")
        assert (conference.dates, conference.format) == ("12–15 June 2018", "In person")
    assert [c.year for c in source.sheet(BRAGA).conferences] == ["2024"]


def test_long_city_lists_projects_by_start_year_and_reports(samples: Samples) -> None:
    sheet = SheetSource(samples.catalogue, TODAY).sheet(samples.long)
    assert [p.title[:10] for p in sheet.projects] == [f"Project {n:02d}" for n in range(1, 15)]
    assert sheet.projects[0].years == "2009–2010"
    assert sheet.projects[2].years == "since 2011"
    assert [c.edition for c in sheet.conferences] == ["4th", "5th", "6th"]
    assert len(sheet.objectives) == 10
    assert len(sheet.description) == 6
    values = facts(sheet)
    assert values["Last report"] == "30 November 2020"
    assert values["Next report due"] == "30 November 2024 (overdue)"
    assert values["E-mail"] == "creative.city.of.literature@longford.example.org"


def test_fellow_cities_are_the_others_of_the_field_by_region(samples: Samples) -> None:
    catalogue = samples.catalogue
    sheet = SheetSource(catalogue, TODAY).sheet(SARAJEVO)
    names = [name for group in sheet.fellows for name in group.names]
    film = catalogue.get_many("city", field_city_uuids(catalogue, "Film"))
    assert sheet.fellow_count == len(names) == len(film) - 1
    assert "Sarajevo" not in names and "Busan" in names and "釜山" in names
    assert [group.region for group in sheet.fellows][:2] == ["Africa", "Arab States"]
    africa = next(group for group in sheet.fellows if group.region == "Africa")
    assert "Asaba" in africa.names


def test_report_not_due_yet_is_not_overdue(samples: Samples) -> None:
    source = SheetSource(samples.catalogue, dt.date(2024, 11, 30))
    assert facts(source.sheet(samples.long))["Next report due"] == "30 November 2024"
    assert not any(fact.strong for fact in source.sheet(samples.long).contact_facts)


def test_unknown_city_is_refused_by_uuid(samples: Samples) -> None:
    source = SheetSource(samples.catalogue, TODAY)
    with pytest.raises(RecordNotFoundError, match="00000000-0000-0000-0000-000000000000"):
        source.sheet("00000000-0000-0000-0000-000000000000")


def test_deleted_city_is_refused(empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values(name="Gone"))
    empty_catalogue.delete("city", uuid)
    with pytest.raises(FactSheetError, match=r"Gone .* is deleted"):
        SheetSource(empty_catalogue, TODAY).sheet(uuid)


def test_fields_are_matched_without_case_and_unknown_ones_listed(samples: Samples) -> None:
    assert known_field("  gastronomy ") == "Gastronomy"
    with pytest.raises(FactSheetError, match=r"no creative field 'Opera'.*Architecture, .*Music"):
        known_field("Opera")
    film = field_city_uuids(samples.catalogue, "film")
    assert SARAJEVO in film and samples.busan in film and KRAKOW not in film
    assert len(all_city_uuids(samples.catalogue)) == 406 + 3


def test_cover_counts_fields_in_vocabulary_order(samples: Samples) -> None:
    cities = [{"name": f"C{n}", "creative_field": field}
              for n, field in enumerate(["Music", "Film", "Music", "Opera"])]  # fmt: skip
    cover = SheetSource(samples.catalogue, TODAY).cover(cities, "Title")
    assert cover.count == 4
    assert [(name, count) for name, count, _c, _t in cover.fields] == [
        ("Film", 1), ("Music", 2), ("Opera", 1),
    ]  # fmt: skip
    assert cover.contents == ("C0", "C1", "C2", "C3")
    many = [{"name": "X", "creative_field": "Film"}] * (COVER_CONTENTS_LIMIT + 1)
    assert SheetSource(samples.catalogue, TODAY).cover(many, "Title").contents == ()
