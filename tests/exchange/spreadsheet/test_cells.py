"""Formula injection: exported text stays text in Excel and LibreOffice, and reads back."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import openpyxl
from hypothesis import example, given
from hypothesis import strategies as st

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.spreadsheet import export_sheet, make_sheet_plan
from ccn_desktop.exchange.spreadsheet.cells import from_csv_text, inert_column, inert_csv
from tests.exchange.conftest import MakeOffice
from tests.helpers import city_values

DANGEROUS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)",
             "'=already quoted", "''", "=cmd|' /C calc'!A0"]  # fmt: skip


def _starts_a_formula(text: str) -> bool:
    """The rule as spreadsheet programs apply it (the oracle, written from OWASP's list)."""
    return text[:1] in ("=", "+", "-", "@", "\t", "\r")


@given(st.text())
def test_csv_guard_is_inert_and_reversible(text: str) -> None:
    guarded = inert_csv(text)
    assert not _starts_a_formula(guarded)
    assert from_csv_text(guarded) == text


@given(st.text().filter(lambda t: not _starts_a_formula(t) and not t.startswith("'")))
def test_ordinary_text_is_left_as_it_is(text: str) -> None:
    assert inert_csv(text) == text == from_csv_text(text)


# Texts that begin, or not, with what the guard is about, NULs among them.
guard_texts = st.lists(
    st.text(alphabet=st.sampled_from(list("=+-@\t\r'a \x00Ł")), max_size=4), max_size=8
)


@given(guard_texts)
@example(["'=x", "plain"])  # an apostrophe before a trigger: the guard doubles it
@example(["+33 1", "''", "a"])
@example(["a\x00=b", "=c"])  # a NUL inside a text: cell by cell
def test_a_whole_column_is_guarded_as_each_of_its_texts_would_be(texts: list[str]) -> None:
    guarded, joined = inert_column(list(texts))
    assert guarded == [inert_csv(text) for text in texts]
    assert all(not _starts_a_formula(text) for text in guarded)
    assert joined is None or joined == "\x00".join(guarded)


def _cities_with_formulas(catalogue: Catalogue) -> list[str]:
    return [
        catalogue.add("city", city_values(name=f"City {n}", notes=value, focal_point_role=value
                                          if "\n" not in value else ""))
        for n, value in enumerate(DANGEROUS)
    ]  # fmt: skip


def test_formula_like_values_are_exported_inert(make_office: MakeOffice, fast_tmp: Path) -> None:
    catalogue = make_office("Dakar")
    uuids = _cities_with_formulas(catalogue)
    xlsx, comma = fast_tmp / "cities.xlsx", fast_tmp / "cities.csv"
    export_sheet(catalogue, "city", xlsx)
    export_sheet(catalogue, "city", comma)
    with zipfile.ZipFile(xlsx) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    workbook = openpyxl.load_workbook(xlsx)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    notes = header.index("Notes") + 1
    cells = {row[0].value: row[notes - 1] for row in sheet.iter_rows(min_row=2)}
    for uuid, value in zip(uuids, DANGEROUS, strict=True):
        assert cells[uuid].value == value
        assert cells[uuid].data_type == "s"
        if _starts_a_formula(value):
            assert cells[uuid].quotePrefix  # Excel keeps it text even when edited
    with comma.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    written = {row[0]: row[header.index("Notes")] for row in rows[1:]}
    for uuid in uuids:
        assert not _starts_a_formula(written[uuid])
    assert written[uuids[0]] == "'" + DANGEROUS[0]
    assert make_sheet_plan(catalogue, xlsx).nothing_to_do  # read back exactly as stored
    assert make_sheet_plan(catalogue, comma).nothing_to_do


def test_csv_has_a_byte_order_mark_and_commas(make_office: MakeOffice, fast_tmp: Path) -> None:
    catalogue = make_office("Dakar")
    catalogue.add("city", city_values(name="Łódź", country_code="PL"))
    path = fast_tmp / "cities.csv"
    export_sheet(catalogue, "city", path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfuuid,Name,Country,")
    assert "Łódź".encode() in data


def test_workbook_header_frozen_lists_and_dates(make_office: MakeOffice, fast_tmp: Path) -> None:
    import datetime as dt

    catalogue = make_office("Dakar")
    host = catalogue.add("city", city_values(name="Łódź", country_code="PL"))
    catalogue.add("conference", {"year": 2019, "host_city_uuids": [host],
                                 "start_date": "2019-06-10", "format": "Hybrid"})  # fmt: skip
    path = fast_tmp / "conferences.xlsx"
    export_sheet(catalogue, "conference", path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["uuid", "Edition", "Year", "Host cities"]
    row = [cell.value for cell in sheet[2]]
    assert row[header.index("Start date")] == dt.datetime(2019, 6, 10)
    assert sheet.cell(2, header.index("Start date") + 1).number_format == "yyyy-mm-dd"
    assert row[header.index("Host cities")] == "Łódź"
    (listed,) = sheet.data_validations.dataValidation
    assert listed.formula1 == '"In person,Online,Hybrid"'
    assert str(listed.sqref).startswith(f"{chr(65 + header.index('Format'))}2:")
    assert sheet.column_dimensions["A"].width == 38


def test_dates_as_real_dates_and_report_dates_a_line_each(
    make_office: MakeOffice, fast_tmp: Path
) -> None:
    """Conference start and end dates are workbook dates; a city's report dates are a
    list, one YYYY-MM-DD a line in the cell; in CSV every date is YYYY-MM-DD text."""
    import datetime as dt

    catalogue = make_office("Dakar")
    reports = ["2019-11-30", "2023-12-01"]
    city = catalogue.add("city", city_values(name="Łódź", country_code="PL", report_dates=reports))
    catalogue.add("conference", {"year": 2019, "host_city_uuids": [city],
                                 "start_date": "2019-06-10", "end_date": "2019-06-14"})  # fmt: skip
    for entity, name, expected in (
        ("conference", "Start date", dt.datetime(2019, 6, 10)),
        ("conference", "End date", dt.datetime(2019, 6, 14)),
        ("city", "Monitoring reports submitted", "2019-11-30\n2023-12-01"),
    ):
        workbook, comma = fast_tmp / f"{entity}.xlsx", fast_tmp / f"{entity}.csv"
        export_sheet(catalogue, entity, workbook)
        export_sheet(catalogue, entity, comma)
        sheet = openpyxl.load_workbook(workbook).worksheets[0]
        header = [cell.value for cell in sheet[1]]
        cell = sheet.cell(2, header.index(name) + 1)
        assert cell.value == expected
        if isinstance(expected, dt.datetime):
            assert cell.is_date and cell.number_format == "yyyy-mm-dd"
        with comma.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        text = expected.date().isoformat() if isinstance(expected, dt.datetime) else expected
        assert rows[1][rows[0].index(name)] == text
        assert make_sheet_plan(catalogue, workbook).nothing_to_do
        assert make_sheet_plan(catalogue, comma).nothing_to_do


def test_a_csv_cell_as_stored_but_without_the_guard(
    make_office: MakeOffice, fast_tmp: Path
) -> None:
    """A CSV file written by another program has no apostrophes: a phone "+33 …" typed as it
    is stored is unchanged; a note stored as "'=x" and written so reads as "=x" (the guard's
    apostrophe taken off), a change."""
    catalogue = make_office("Dakar")
    uuid = catalogue.add("city", city_values(name="Lyon", country_code="FR",
                                             focal_point_phone="+33 4 72 10 30 30",
                                             notes="'=x"))  # fmt: skip
    path = fast_tmp / "cities.csv"
    export_sheet(catalogue, "city", path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    phone, notes = rows[0].index("Phone"), rows[0].index("Notes")
    assert (rows[1][phone], rows[1][notes]) == ("'+33 4 72 10 30 30", "''=x")
    rows[1][phone] = "+33 4 72 10 30 30"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert make_sheet_plan(catalogue, path).nothing_to_do
    rows[1][notes] = "'=x"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    plan = make_sheet_plan(catalogue, path)
    (change,) = plan.changes
    assert change.uuid == uuid
    assert [(d.field, d.mine, d.theirs) for d in change.diffs] == [("notes", "'=x", "=x")]
