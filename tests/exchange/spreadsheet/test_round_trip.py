"""Export, change cells as a person would, import: exactly those changes, in both formats."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.offices import exchange_log
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.exchange.spreadsheet import (
    SheetProblems,
    apply_sheet_plan,
    export_sheet,
    make_sheet_plan,
)
from ccn_desktop.exchange.spreadsheet import rows as rows_module
from tests.exchange.conftest import MakeOffice
from tests.exchange.spreadsheet.sheets import edit, seed

FORMATS = ("xlsx", "csv")


@pytest.fixture
def office(make_office: MakeOffice) -> tuple[Catalogue, dict[str, str]]:
    catalogue = make_office("Dakar")
    return catalogue, seed(catalogue)


def changed_fields(plan: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
    return {
        (change.uuid, diff.field): (diff.mine, diff.theirs)
        for change in plan.changes
        if change.kind == ChangeKind.UPDATED
        for diff in change.diffs
    }


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("entity", ["city", "conference", "project"])
def test_an_unchanged_export_imports_as_nothing(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path, entity: str, suffix: str
) -> None:
    catalogue, _uuids = office
    path = fast_tmp / f"{entity}.{suffix}"
    count = export_sheet(catalogue, entity, path)
    plan = make_sheet_plan(catalogue, path)
    assert plan.nothing_to_do
    assert plan.total(ChangeKind.UNCHANGED) == count == catalogue.count(entity)


@pytest.mark.parametrize("suffix", FORMATS)
def test_cities_three_emails_corrected_and_one_city_added(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path, suffix: str
) -> None:
    catalogue, uuids = office
    path = fast_tmp / f"cities.{suffix}"
    export_sheet(catalogue, "city", path)
    edit(
        path,
        {
            (uuids["lodz"], "E-mail"): "kino@lodz.pl",
            (uuids["krakow"], "E-mail"): "ksiazki@krakow.pl",
            (uuids["busan"], "E-mail"): "cinema@busan.go.kr",
        },
        [{"Name": "Östersund", "Country": "SE", "Country name": "Sweden",
          "Creative field": "Gastronomy", "Designation year": 2010,
          "Membership status": "Active", "Objectives": "Local food\nFood tourism"}],
    )  # fmt: skip
    plan = make_sheet_plan(catalogue, path)
    assert changed_fields(plan) == {
        (uuids["lodz"], "focal_point_email"): ("film@lodz.pl", "kino@lodz.pl"),
        (uuids["krakow"], "focal_point_email"): ("books@krakow.pl", "ksiazki@krakow.pl"),
        (uuids["busan"], "focal_point_email"): ("film@busan.kr", "cinema@busan.go.kr"),
    }
    (new,) = [change for change in plan.changes if change.kind == ChangeKind.NEW]
    assert new.title == "Östersund" and new.where == "row 7"
    assert plan.total(ChangeKind.UNCHANGED) == 2
    result = apply_sheet_plan(catalogue, plan)
    assert result.backup_path is not None and result.backup_path.exists()
    assert catalogue.get("city", uuids["lodz"])["focal_point_email"] == "kino@lodz.pl"
    assert catalogue.get("city", uuids["lodz"])["objectives"] == [
        "Open a film school", "Restore the old cinemas"]  # fmt: skip
    added = catalogue.get("city", new.uuid)
    assert added["objectives"] == ["Local food", "Food tourism"]
    assert added["designation_year"] == 2010
    (history,) = catalogue.history("city", uuids["krakow"])[:1]
    assert history.origin == "spreadsheet" and history.action == "update"
    (entry,) = [e for e in exchange_log(catalogue) if e.bundle_uuid == history.bundle_uuid]
    assert Path(entry.file_name).name == path.name
    assert entry.backup_path == str(result.backup_path)
    with pytest.raises(
        SheetProblems, match="row 7, column B \\(Name\\): likely duplicate of Östersund"
    ):
        make_sheet_plan(catalogue, path)  # the same sheet again: its new row is here now
    export_sheet(catalogue, "city", path)
    assert make_sheet_plan(catalogue, path).nothing_to_do


@pytest.mark.parametrize("suffix", FORMATS)
def test_conferences_hosts_by_name_dates_and_theme(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path, suffix: str
) -> None:
    catalogue, uuids = office
    path = fast_tmp / f"conferences.{suffix}"
    export_sheet(catalogue, "conference", path)
    edit(path, {
        (uuids["conference"], "Host cities"): "Łódź; Valencia (VE)",
        (uuids["conference"], "Theme"): "Cities & culture",
        (uuids["conference"], "End date"): "2018-06-16",
    })  # fmt: skip
    plan = make_sheet_plan(catalogue, path)
    conference = uuids["conference"]
    assert changed_fields(plan) == {
        (conference, "host_city_uuids"): (
            [uuids["krakow"], uuids["lodz"]], [uuids["lodz"], uuids["valencia_ve"]]),
        (conference, "theme"): ("Cities of tomorrow", "Cities & culture"),
        (conference, "end_date"): ("2018-06-15", "2018-06-16"),
    }  # fmt: skip
    apply_sheet_plan(catalogue, plan)
    stored = catalogue.get("conference", conference)
    assert stored["host_city_uuids"] == [uuids["lodz"], uuids["valencia_ve"]]
    assert stored["end_date"] == "2018-06-16" and stored["theme"] == "Cities & culture"


@pytest.mark.parametrize("suffix", FORMATS)
def test_projects_lists_links_and_numbers(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path, suffix: str
) -> None:
    catalogue, uuids = office
    path = fast_tmp / f"projects.{suffix}"
    export_sheet(catalogue, "project", path)
    project = uuids["project"]
    edit(path, {
        (project, "Activities"): "Screenings\nWorkshops\nA festival",
        (project, "Participating cities"): "釜山",
        (project, "Budget"): 15000,
        (project, "Status"): "completed",  # any case, as typed
    })  # fmt: skip
    plan = make_sheet_plan(catalogue, path)
    assert changed_fields(plan) == {
        (project, "activities"): (["Screenings", "Workshops"],
                                  ["Screenings", "Workshops", "A festival"]),
        (project, "city_uuids"): ([uuids["lodz"], uuids["busan"]], [uuids["busan"]]),
        (project, "budget"): (12000.5, 15000),
        (project, "status"): ("Ongoing", "Completed"),
    }  # fmt: skip
    apply_sheet_plan(catalogue, plan)
    assert catalogue.get("project", project)["status"] == "Completed"


def test_only_the_columns_present_and_rows_missing_are_left_alone(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    import openpyxl

    catalogue, uuids = office
    before = {uuid: catalogue.get("city", uuid) for uuid in catalogue.get_many("city", [])}
    path = fast_tmp / "two-columns.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["uuid", "E-mail"])
    sheet.append([uuids["lodz"], "new@lodz.pl"])
    workbook.save(path)
    plan = make_sheet_plan(catalogue, path)
    assert plan.counts["city"][ChangeKind.UPDATED] == 1
    assert plan.counts["city"][ChangeKind.UNCHANGED] == 0
    lodz_before = catalogue.get("city", uuids["lodz"])
    krakow_before = catalogue.get("city", uuids["krakow"])
    apply_sheet_plan(catalogue, plan)
    lodz = catalogue.get("city", uuids["lodz"])
    assert lodz["focal_point_email"] == "new@lodz.pl"
    fields = [name for name in lodz if name not in ("focal_point_email", "version",
                                                    "modified_at", "modified_by",
                                                    "field_versions")]  # fmt: skip
    assert {name: lodz[name] for name in fields} == {n: lodz_before[n] for n in fields}
    assert catalogue.get("city", uuids["krakow"]) == krakow_before
    assert before == {}


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_rows_compared_a_few_at_a_time_find_every_change_and_every_wrong_cell(
    office: tuple[Catalogue, dict[str, str]],
    fast_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
    chunk: int,
) -> None:
    catalogue, _uuids = office
    monkeypatch.setattr(rows_module, "_CHUNK", chunk)  # the 5 cities in several groups
    path = fast_tmp / f"cities.{suffix}"
    export_sheet(catalogue, "city", path)
    written = [row[0] for row in csv_rows(catalogue, fast_tmp)]
    first, last = written[0], written[-1]
    edit(path, {(first, "E-mail"): "first@example.org", (last, "E-mail"): "last@example.org"})
    plan = make_sheet_plan(catalogue, path)
    assert {key: theirs for key, (_mine, theirs) in changed_fields(plan).items()} == {
        (first, "focal_point_email"): "first@example.org",
        (last, "focal_point_email"): "last@example.org",
    }
    assert plan.total(ChangeKind.UNCHANGED) == len(written) - 2
    edit(path, {(written[1], "Designation year"): "soon", (last, "Designation year"): "later"})
    with pytest.raises(SheetProblems) as problems:
        make_sheet_plan(catalogue, path)
    assert str(problems.value).count("column G (Designation year)") == 2


def csv_rows(catalogue: Catalogue, folder: Path) -> list[list[str]]:
    """The rows (without the header) of a CSV export of every city, in the export's order."""
    path = folder / "order.csv"
    export_sheet(catalogue, "city", path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))[1:]
