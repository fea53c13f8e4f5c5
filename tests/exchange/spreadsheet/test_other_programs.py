"""Sheets this program did not write: made by hand in Excel (in French), and Excel's
semicolon CSV; links by name, ambiguous names refused by their cell; likely duplicates."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.exchange.spreadsheet import (
    SheetProblems,
    apply_sheet_plan,
    make_sheet_plan,
    write_template,
)
from tests.exchange.conftest import MakeOffice
from tests.exchange.spreadsheet.sheets import seed, settled_hash


@pytest.fixture
def office(make_office: MakeOffice) -> tuple[Catalogue, dict[str, str]]:
    catalogue = make_office("Dakar")
    return catalogue, seed(catalogue)


def test_a_workbook_made_by_hand_with_french_headers(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    catalogue, _uuids = office
    path = fast_tmp / "villes.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Feuille1"
    sheet.append(["Année de désignation", "Nom", "Pays", "Domaine créatif", "Statut d'adhésion",
                  "Latitude", "Courriel"])  # fmt: skip
    sheet.append([2023.0, "Östersund", "se", "Gastronomie", "Active", 63.18, "mat@ostersund.se"])
    sheet.append([None, None, None, None, None, None, None])  # an empty row is skipped
    sheet.append([2021, "Niš", "RS", "Music", "Active", "43,32", None])
    workbook.save(path)
    plan = make_sheet_plan(catalogue, path)
    assert plan.entity == "city"
    assert [change.title for change in plan.changes] == ["Östersund", "Niš"]
    assert [change.where for change in plan.changes] == ["row 2", "row 4"]
    ostersund, nis = (change.theirs for change in plan.changes)
    assert ostersund["creative_field"] == "Gastronomy"  # the French word for it
    assert ostersund["country_code"] == "SE" and ostersund["designation_year"] == 2023
    assert ostersund["latitude"] == 63.18 and nis["latitude"] == 43.32
    assert ostersund["focal_point_email"] == "mat@ostersund.se"
    apply_sheet_plan(catalogue, plan)
    assert catalogue.count("city") == 7


def test_a_semicolon_csv_as_excel_writes_it_in_french(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    catalogue, uuids = office
    path = fast_tmp / "villes.csv"
    lines = [
        "uuid;Nom;Pays;Domaine créatif;Année de désignation;statut d’adhésion;Latitude;Objectifs",
        f"{uuids['lodz']};Łódź;PL;Film;2017;Active;51,7592;"
        '"Open a film school\r\nRestore the old cinemas"',
        ';Sélestat;FR;Literature;2025;Active;48,26;"Une bibliothèque; pour tous"',
    ]  # fmt: skip
    path.write_bytes("\r\n".join(lines).encode("utf-8") + b"\r\n")  # no byte-order mark
    plan = make_sheet_plan(catalogue, path)
    assert plan.counts["city"][ChangeKind.UNCHANGED] == 1
    (new,) = plan.changes
    assert new.kind == ChangeKind.NEW and new.theirs["latitude"] == 48.26
    assert new.theirs["objectives"] == ["Une bibliothèque; pour tous"]
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # with one, the same
    assert [c.title for c in make_sheet_plan(catalogue, path).changes] == ["Sélestat"]
    apply_sheet_plan(catalogue, make_sheet_plan(catalogue, path))
    assert catalogue.get("city", uuids["lodz"])["latitude"] == 51.7592


def test_links_by_name_and_ambiguous_names_refused_by_cell(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    catalogue, uuids = office
    path = fast_tmp / "projects.csv"
    path.write_text(
        "Title,Status,Participating cities\n"
        "Tasting menus,Planned,Valencia (ES); Kraków\n"
        "Night music,Planned,Valencia\n"
        "Lost,Planned,Atlantis\n",
        encoding="utf-8",
    )
    before = settled_hash(catalogue)
    with pytest.raises(SheetProblems) as caught:
        make_sheet_plan(catalogue, path)
    assert caught.value.problems == [
        "projects.csv, row 3, column C (Participating cities): 'Valencia' names 2 cities: write "
        "one of Valencia (ES, Gastronomy); Valencia (VE, Music)",
        "projects.csv, row 4, column C (Participating cities): no city 'Atlantis' in this "
        "catalogue",
    ]
    assert settled_hash(catalogue) == before
    path.write_text(
        "Title,Status,Participating cities\nTasting menus,Planned,Valencia (ES); Kraków\n"
        "Night music,Planned,valencia (VE, Music)\n",
        encoding="utf-8",
    )
    with pytest.raises(SheetProblems, match="row 3, column D: a value beyond the last column"):
        make_sheet_plan(catalogue, path)  # the comma inside the name needs quotes
    path.write_text(
        path.read_text("utf-8").replace("valencia (VE, Music)", '"valencia (VE, Music)"'), "utf-8"
    )
    plan = make_sheet_plan(catalogue, path)
    assert [change.theirs["city_uuids"] for change in plan.changes] == [
        [uuids["valencia_es"], uuids["krakow"]], [uuids["valencia_ve"]]]  # fmt: skip


def test_a_new_row_that_duplicates_a_city_is_reported(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    catalogue, uuids = office
    path = fast_tmp / "cities.csv"
    path.write_text(
        "Name,Country,Creative field,Designation year,Membership status\n"
        "LODZ,PL,Film,2017,Active\nTarragona,ES,Design,2024,Active\n"
        "Tarragona,ES,Design,2024,Active\n",
        encoding="utf-8",
    )
    with pytest.raises(SheetProblems) as caught:
        make_sheet_plan(catalogue, path)
    first, second = caught.value.problems
    assert first.startswith("cities.csv, row 2, column A (Name): likely duplicate of Łódź (PL, "
                            f"Film), already in this catalogue (uuid {uuids['lodz']})")  # fmt: skip
    assert second == "cities.csv, row 4, column A (Name): the same city as row 3"


def test_a_new_conference_in_a_year_already_here_is_a_likely_duplicate(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    catalogue, uuids = office
    path = fast_tmp / "conferences.csv"
    path.write_text("Year,Venue / location\n2018,UNESCO Headquarters\n", encoding="utf-8")
    plan = make_sheet_plan(catalogue, path)
    (duplicate,) = plan.duplicates
    assert duplicate.existing_uuid == uuids["conference"]
    assert duplicate.existing_title == "2018 Kraków / Łódź"


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("entity", ["city", "conference", "project"])
def test_a_filled_in_template_imports(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path, entity: str, suffix: str
) -> None:
    catalogue, _uuids = office
    path = fast_tmp / f"template.{suffix}"
    write_template(entity, path)
    plan = make_sheet_plan(catalogue, path)
    assert plan.entity == entity and plan.nothing_to_do
