"""Every refusal is one sentence naming the file; the catalogue stays byte for byte as it was."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.spreadsheet import (
    SheetProblems,
    SpreadsheetError,
    apply_sheet_plan,
    export_sheet,
    make_sheet_plan,
    reader,
)
from tests.exchange.conftest import MakeOffice
from tests.exchange.spreadsheet.sheets import edit, seed, settled_hash
from tests.unwritable import UNWRITABLE, tree, unwritable


@pytest.fixture
def office(make_office: MakeOffice) -> tuple[Catalogue, dict[str, str]]:
    catalogue = make_office("Dakar")
    return catalogue, seed(catalogue)


def _ole(path: Path, *, encrypted: bool) -> None:
    body = b"\x00" * 512 + ("EncryptionInfo".encode("utf-16-le") if encrypted else b"Workbook")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body)


def _formula(path: Path) -> None:
    workbook = openpyxl.Workbook()  # openpyxl stores a formula without its result
    workbook.active.append(["uuid", "Name", "Designation year"])
    workbook.active.append([None, "Sum city", "=2000+21"])
    workbook.save(path)


def _no_header(path: Path) -> None:
    path.write_text("colour,size\nred,12\n", encoding="utf-8")


def _latin1(path: Path) -> None:
    path.write_bytes("uuid,Name\n,Dérbent\n".encode("latin-1"))


def _utf16(path: Path) -> None:
    path.write_bytes("uuid,Name\n,Derbent\n".encode("utf-16"))


def _not_a_sheet(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)


def _damaged_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")


def _latin1_late(path: Path) -> None:
    """A wrong byte far past the first piece the reader decodes."""
    lines = "uuid,Name\n" + ",Dakar\n" * 20_000
    path.write_bytes(lines.encode("utf-8") + ",Dérbent\n".encode("latin-1"))


def _nul(path: Path) -> None:
    path.write_bytes(b"uuid,Name\n,Dak\x00ar\n")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


REFUSALS: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "not a spreadsheet": ("picture.png", _not_a_sheet, "is not a spreadsheet this program reads"),
    "a zip that is no workbook": ("fake.xlsx", _damaged_zip, "is not a readable Excel workbook"),
    "encrypted": ("locked.xlsx", lambda p: _ole(p, encrypted=True), "protected by a password"),
    "old format": ("old.xls", lambda p: _ole(p, encrypted=False), "old-format Excel file"),
    "formula": ("sums.xlsx", _formula, "cell C2 holds a formula with no stored result"),
    "no header": ("colours.csv", _no_header, "has no header this program recognises"),
    "latin-1": ("cities.csv", _latin1, "is not in UTF-8 (line 2"),
    "latin-1, late": ("cities.csv", _latin1_late, "is not in UTF-8 (line 20002"),
    "utf-16": ("cities.csv", _utf16, "is saved as UTF-16"),
    "a NUL byte": ("cities.csv", _nul, "is not a spreadsheet this program reads"),
    "empty": ("cities.csv", _empty, "is empty"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_refused_in_one_sentence(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path, case: str
) -> None:
    catalogue, _uuids = office
    name, make, words = REFUSALS[case]
    path = fast_tmp / name
    make(path)
    before = settled_hash(catalogue)
    with pytest.raises(SpreadsheetError) as caught:
        make_sheet_plan(catalogue, path)
    message = str(caught.value)
    assert words in message and message.startswith(name) and "\n" not in message
    assert not isinstance(caught.value, SheetProblems)
    assert settled_hash(catalogue) == before


def test_a_file_over_the_limit_says_the_limit(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue, _uuids = office
    path = fast_tmp / "cities.csv"
    export_sheet(catalogue, "city", path)
    monkeypatch.setattr(reader, "MAX_BYTES", 1024 * 1024)
    path.write_bytes(path.read_bytes() + b"\n" * (1024 * 1024))
    before = settled_hash(catalogue)
    with pytest.raises(SpreadsheetError, match=r"cities.csv is too large \(1 MB; a spreadsheet "
                       r"may have at most 1 MB\)"):  # fmt: skip
        make_sheet_plan(catalogue, path)
    assert settled_hash(catalogue) == before


def test_every_problem_is_named_by_its_cell_at_once(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    catalogue, uuids = office
    path = fast_tmp / "cities.xlsx"
    export_sheet(catalogue, "city", path)
    edit(path, {
        (uuids["lodz"], "E-mail"): "not-an-address",
        (uuids["krakow"], "Designation year"): "twenty",
        (uuids["busan"], "Creative field"): "Poetry",
        (uuids["busan"], "Name"): "",
    }, [{"Name": "Nowhere", "Country": "XX", "Creative field": "Film",
         "Designation year": 2020, "Membership status": "Active"}])  # fmt: skip
    before = settled_hash(catalogue)
    with pytest.raises(SheetProblems) as caught:
        make_sheet_plan(catalogue, path)
    problems = caught.value.problems
    rows = {uuid: row for row, uuid in enumerate(
        [c.uuid for c in []] or _order(catalogue, path), start=2)}  # fmt: skip
    assert f"cities.xlsx, row {rows[uuids['lodz']]}, column N (E-mail): is not an e-mail address" \
        in " | ".join(problems)  # fmt: skip
    assert any(f"row {rows[uuids['krakow']]}, column G (Designation year): must be a whole number"
               in problem for problem in problems)  # fmt: skip
    assert any(f"row {rows[uuids['busan']]}, column F (Creative field): must be one of"
               in problem for problem in problems)  # fmt: skip
    assert any(f"row {rows[uuids['busan']]}, column B (Name): is required" in problem
               for problem in problems)  # fmt: skip
    assert any("row 7, column C (Country): 'XX' is not an ISO 3166-1" in p for p in problems)
    assert caught.value.total == len(problems) == 5
    assert str(caught.value).startswith("cities.xlsx has 5 problems; nothing was imported:")
    assert settled_hash(catalogue) == before


def _order(catalogue: Catalogue, path: Path) -> list[str]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    uuids = [row[0] for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)]
    workbook.close()
    return [uuid for uuid in uuids if uuid]


def test_problems_beyond_the_limit_are_counted(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    catalogue, _uuids = office
    path = fast_tmp / "many.csv"
    lines = ["Name,Country,Creative field,Designation year,Membership status"]
    lines += [f"City {n},PL,Film,1850,Active" for n in range(150)]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SheetProblems) as caught:
        make_sheet_plan(catalogue, path)
    assert caught.value.total == 150 and len(caught.value.problems) == 100
    assert str(caught.value).endswith("… and 50 more problems.")


def test_a_wrong_uuid_an_unknown_column_and_a_deleted_record(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    catalogue, uuids = office
    catalogue.delete("city", uuids["busan"])
    path = fast_tmp / "cities.csv"
    path.write_text(
        "uuid,Name,Comments\n"
        f"{uuids['busan']},Busan,\n"
        "12345,Somewhere,\n"
        "00000000-0000-4000-8000-000000000000,Nowhere,\n",
        encoding="utf-8",
    )
    with pytest.raises(SheetProblems) as caught:
        make_sheet_plan(catalogue, path)
    assert caught.value.problems == [
        "cities.csv, column C (Comments): not a column of a sheet of cities"
    ]
    path.write_text(path.read_text(encoding="utf-8").replace(",Comments", ",Notes"), "utf-8")
    with pytest.raises(SheetProblems) as caught:
        make_sheet_plan(catalogue, path)
    assert [problem.split(": ", 1)[0] for problem in caught.value.problems] == [
        "cities.csv, row 2, column A (uuid)",
        "cities.csv, row 3, column A (uuid)",
        "cities.csv, row 4, column A (uuid)",
    ]
    assert "was deleted in this catalogue" in caught.value.problems[0]


def test_a_plan_made_before_an_edit_is_refused_when_applied(
    office: tuple[Catalogue, dict[str, str]], fast_tmp: Path
) -> None:
    catalogue, uuids = office
    path = fast_tmp / "cities.xlsx"
    export_sheet(catalogue, "city", path)
    edit(path, {(uuids["lodz"], "E-mail"): "kino@lodz.pl"})
    plan = make_sheet_plan(catalogue, path)
    catalogue.update("city", uuids["krakow"], {"notes": "edited meanwhile"})
    before = settled_hash(catalogue)
    with pytest.raises(SpreadsheetError, match=r"The catalogue changed after cities\.xlsx was "):
        apply_sheet_plan(catalogue, plan)
    assert settled_hash(catalogue) == before
    assert catalogue.get("city", uuids["krakow"])["notes"] == "edited meanwhile"


@pytest.mark.parametrize("kind", UNWRITABLE)
@pytest.mark.parametrize("ending", ["csv", "xlsx"])
def test_an_export_to_an_unwritable_target_is_one_sentence_and_nothing_is_written(
    office: tuple[Catalogue, dict[str, str]], tmp_path: Path, kind: str, ending: str
) -> None:
    catalogue, _uuids = office
    with unwritable(kind, tmp_path, f"cities.{ending}") as (target, sentence):
        before = tree(tmp_path)
        with pytest.raises(SpreadsheetError) as refused:
            export_sheet(catalogue, "city", target)
        assert str(refused.value) == sentence
        assert tree(tmp_path) == before
