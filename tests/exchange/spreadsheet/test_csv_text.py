"""CSV text written column by column reads back with the `csv` module, quoted by column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.errors import ExchangeCancelled
from ccn_desktop.exchange.spreadsheet import export_sheet
from ccn_desktop.exchange.spreadsheet.csv_text import csv_lines
from tests.exchange.conftest import MakeOffice
from tests.exchange.spreadsheet.sheets import seed
from tests.helpers import city_values


def read_by_the_csv_module(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def written_by_the_rule(rows: list[list[str]]) -> str:
    """The rule, cell by cell: a column in which any cell holds a comma, a quote or a line
    end is quoted throughout (quotes doubled); the other columns are written bare."""
    width = len(rows[0]) if rows else 0
    quoted = [any(set(row[at]) & set(',"\r\n') for row in rows) for at in range(width)]
    lines = []
    for row in rows:
        fields = ['"' + "".join('""' if c == '"' else c for c in cell) + '"' if quoted[at]
                  else cell for at, cell in enumerate(row)]  # fmt: skip
        lines.append('""' if fields == [""] else ",".join(fields))
    return "".join(line + "\r\n" for line in lines)


# Cells full of what CSV quoting is about: commas, quotes, both line ends, spaces, NULs.
cells = st.text(alphabet=st.sampled_from(list("ab ,\"\r\n\x00\tŁ'=;%")), max_size=6)


@given(st.integers(1, 5).flatmap(
    lambda width: st.lists(st.lists(cells, min_size=width, max_size=width), max_size=8)
))  # fmt: skip
def test_any_rows_read_back_as_they_were(rows: list[list[str]]) -> None:
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else []
    if not columns:
        return
    text = csv_lines(columns)
    assert read_by_the_csv_module(text) == rows
    assert text == written_by_the_rule(rows)


@given(st.integers(1, 4).flatmap(
    lambda width: st.lists(st.lists(cells, min_size=width, max_size=width), min_size=1,
                           max_size=6)
))  # fmt: skip
def test_a_column_handed_over_joined_is_written_the_same(rows: list[list[str]]) -> None:
    """The writer hands over each column joined by NULs when the guard made that text."""
    columns = [list(column) for column in zip(*rows, strict=True)]
    joined = [None if any("\x00" in cell for cell in column) else "\x00".join(column)
              for column in columns]  # fmt: skip
    assert csv_lines(columns, joined) == csv_lines(columns) == written_by_the_rule(rows)


@pytest.mark.parametrize(
    ("rows", "text"),
    [
        ([["a", "b"]], "a,b\r\n"),
        ([["", ""]], ",\r\n"),
        ([[""]], '""\r\n'),  # a lone empty field is written, so the line is not lost
        ([['say "hi"', "x"]], '"say ""hi""",x\r\n'),
        ([["one\ntwo", "1,5"]], '"one\ntwo","1,5"\r\n'),
        # the column of the comma is quoted throughout, the other stays bare
        ([["Dakar", "a, b"], ["Quito", ""]], 'Dakar,"a, b"\r\nQuito,""\r\n'),
        ([["100%", "%s"]], "100%,%s\r\n"),  # a per cent sign is text, not a template
    ],
)
def test_examples_of_quoting(rows: list[list[str]], text: str) -> None:
    columns = [list(column) for column in zip(*rows, strict=True)]
    assert csv_lines(columns) == text
    assert read_by_the_csv_module(text) == rows


@pytest.mark.parametrize("entity", ["city", "conference", "project"])
def test_an_exported_file_reads_back_and_quotes_by_the_rule(
    make_office: MakeOffice, tmp_path: Path, entity: str
) -> None:
    catalogue: Catalogue = make_office("Dakar")
    seed(catalogue)
    catalogue.add("city", city_values(
        name='Quote "and" comma, city', country_code="FR", country="France",
        notes="=SUM(A1)\r\nsecond line", objectives=["one, two", 'say "three"'],
    ))  # fmt: skip
    path = tmp_path / f"{entity}.csv"
    export_sheet(catalogue, entity, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    rows = read_by_the_csv_module(text)
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)
    if entity == "city":
        assert 'Quote "and" comma, city' in [row[1] for row in rows]
    # the header is written on its own, then the rows (fewer than a slice of 2,000 here)
    assert text == written_by_the_rule(rows[:1]) + written_by_the_rule(rows[1:])


def test_a_whole_table_is_exported_in_the_windows_order_without_deleted_records(
    make_office: MakeOffice, tmp_path: Path
) -> None:
    catalogue: Catalogue = make_office("Dakar")
    uuids = seed(catalogue)
    catalogue.delete("city", uuids["krakow"])
    path = tmp_path / "cities.csv"
    export_sheet(catalogue, "city", path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        written = [row[0] for row in csv.reader(handle)][1:]
    names = {uuid: catalogue.get("city", uuid)["name"] for uuid in written}
    assert uuids["krakow"] not in written
    assert sorted(written) == sorted(
        u for k, u in uuids.items() if k not in ("krakow", "conference", "project")
    )
    # The window sorts by name as people read it (accents and Ł folded): lodz, valencia…
    assert [names[uuid] for uuid in written] == ["Łódź", "Valencia", "Valencia", "釜山"]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_cancelled_export_leaves_the_old_file_and_no_partial_one(
    make_office: MakeOffice, tmp_path: Path, suffix: str
) -> None:
    catalogue: Catalogue = make_office("Dakar")
    seed(catalogue)
    path = tmp_path / f"cities.{suffix}"
    path.write_bytes(b"the file as it was")
    with pytest.raises(ExchangeCancelled):
        export_sheet(catalogue, "city", path, cancel=lambda: True)
    assert path.read_bytes() == b"the file as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
