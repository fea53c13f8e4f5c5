"""Catalogues and sheets for the spreadsheet tests: a few records with awkward names,
and edits made to an exported file as another program would make them."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from ccn_desktop.catalogue.facade import Catalogue
from tests.exchange import bundles
from tests.helpers import city_values


def seed(catalogue: Catalogue) -> dict[str, str]:
    """Cities (two named Valencia), a conference hosted by two of them, a project."""
    uuids = {
        "lodz": catalogue.add("city", city_values(
            name="Łódź", country_code="PL", country="Poland", creative_field="Film",
            designation_year=2017, focal_point_email="film@lodz.pl",
            objectives=["Open a film school", "Restore the old cinemas"],
            report_dates=["2021-11-30"], latitude=51.7592, longitude=19.456,
            region="Europe and North America")),
        "krakow": catalogue.add("city", city_values(
            name="Kraków", country_code="PL", country="Poland", creative_field="Literature",
            designation_year=2013, focal_point_email="books@krakow.pl")),
        "busan": catalogue.add("city", city_values(
            name="釜山", country_code="KR", country="Korea", creative_field="Film",
            designation_year=2014, focal_point_email="film@busan.kr")),
        "valencia_es": catalogue.add("city", city_values(
            name="Valencia", country_code="ES", country="Spain", creative_field="Gastronomy",
            designation_year=2019)),
        "valencia_ve": catalogue.add("city", city_values(
            name="Valencia", country_code="VE", country="Venezuela", creative_field="Music",
            designation_year=2021)),
    }  # fmt: skip
    uuids["conference"] = catalogue.add("conference", {
        "edition": 12, "year": 2018, "host_city_uuids": [uuids["krakow"], uuids["lodz"]],
        "country_code": "PL", "start_date": "2018-06-12", "end_date": "2018-06-15",
        "format": "In person", "theme": "Cities of tomorrow",
    })  # fmt: skip
    uuids["project"] = catalogue.add("project", {
        "title": "Film for All", "status": "Ongoing", "start_year": 2022,
        "city_uuids": [uuids["lodz"], uuids["busan"]], "activities": ["Screenings", "Workshops"],
        "budget": 12000.5, "currency": "EUR",
    })  # fmt: skip
    return uuids


def settled_hash(catalogue: Catalogue) -> str:
    """The catalogue file's hash once every committed write is in it (WAL checkpointed)."""
    path = catalogue.paths.catalogue_file
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return bundles.file_hash(path)


Edits = Mapping[tuple[str, str], Any]  # (uuid, header) -> new cell value


def edit_xlsx(path: Path, edits: Edits, new_rows: Sequence[dict[str, Any]] = ()) -> None:
    """Change cells of an exported workbook and append rows, as a person would in Excel."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for (uuid, column), value in edits.items():
        rows[uuid][header.index(column)].value = value
    for new in new_rows:
        sheet.append([new.get(name) for name in header])
    workbook.save(path)


def edit_csv(path: Path, edits: Edits, new_rows: Sequence[dict[str, Any]] = ()) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    by_uuid = {row[0]: row for row in rows[1:]}
    for (uuid, column), value in edits.items():
        by_uuid[uuid][header.index(column)] = "" if value is None else str(value)
    for new in new_rows:
        rows.append(["" if new.get(name) is None else str(new[name]) for name in header])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def edit(path: Path, edits: Edits, new_rows: Sequence[dict[str, Any]] = ()) -> None:
    (edit_xlsx if path.suffix == ".xlsx" else edit_csv)(path, edits, new_rows)
