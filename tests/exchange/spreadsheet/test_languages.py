"""A sheet exported in one language imports in any other: the header's labels and the
choice values are every language's words, taken from the program's own catalogues.

The oracle is the .po files read with babel, not the program's lookup."""

from __future__ import annotations

import csv
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from babel.messages.pofile import read_po

from ccn_desktop import i18n
from ccn_desktop.catalogue.entities import ENTITIES, FieldSpec
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.plan import ChangeKind
from ccn_desktop.exchange.spreadsheet import export_sheet, make_sheet_plan
from ccn_desktop.exchange.spreadsheet.cells import choice_reader, in_value
from ccn_desktop.exchange.spreadsheet.columns import recognise
from tests.exchange.conftest import MakeOffice
from tests.exchange.spreadsheet.sheets import edit, seed

LOCALE = Path(__file__).resolve().parents[3] / "resources" / "locale"
LANGUAGES = ("en", "fr", "es")
TRANSLATED = ("fr", "es")
FORMATS = ("xlsx", "csv")


@cache
def po(language: str) -> dict[str, str]:
    with (LOCALE / language / "LC_MESSAGES" / "ccn_desktop.po").open("rb") as file:
        catalog = read_po(file, locale=language)
    return {str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.id, str)}


def said(language: str, english: str) -> str:
    """`english` as the .po file of `language` has it."""
    return english if language == "en" else po(language)[english]


def choice_fields(entity: str) -> list[FieldSpec]:
    return [field for field in ENTITIES[entity].fields if field.choices]


def loose(text: str) -> str:
    """How a person might type it: upper case, no accents, straight apostrophes, spaces."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)
    )
    return "  " + plain.replace("\u2019", "'").upper().replace(" ", "  ") + " "


def read_rows(path: Path) -> list[list[Any]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle))
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def drop_downs(path: Path) -> dict[str, list[str]]:
    """Header of each column with a drop-down list -> the list's values."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    found = {}
    for listed in sheet.data_validations.dataValidation:
        assert listed.type == "list" and listed.formula1
        (first,) = [str(cells).split(":")[0] for cells in listed.sqref.ranges]
        column = openpyxl.utils.cell.column_index_from_string(first.rstrip("0123456789"))
        found[header[column - 1]] = listed.formula1.strip('"').split(",")
    return found


@pytest.fixture
def office(make_office: MakeOffice) -> tuple[Catalogue, dict[str, str]]:
    catalogue = make_office("Dakar")
    return catalogue, seed(catalogue)


# A change in the exporting language's words, and the stored value it must become.
CHANGES: dict[str, tuple[str, dict[str, str]]] = {
    "city": ("lodz", {"membership_status": "Withdrawn", "region": "Arab States",
                      "creative_field": "Crafts and Folk Art"}),
    "conference": ("conference", {"format": "Hybrid"}),
    "project": ("project", {"status": "Completed"}),
}  # fmt: skip


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("imported_in", LANGUAGES)
@pytest.mark.parametrize("exported_in", LANGUAGES)
@pytest.mark.parametrize("entity", list(ENTITIES))
def test_a_sheet_exported_in_one_language_imports_in_another(
    office: tuple[Catalogue, dict[str, str]],
    fast_tmp: Path,
    entity: str,
    exported_in: str,
    imported_in: str,
    suffix: str,
) -> None:
    catalogue, uuids = office
    spec = ENTITIES[entity]
    path = fast_tmp / f"{entity}.{suffix}"
    with i18n.speaking(exported_in):
        count = export_sheet(catalogue, entity, path)
    header = read_rows(path)[0]
    assert header == ["uuid", *(said(exported_in, field.label) for field in spec.fields)]

    with i18n.speaking(imported_in):
        layout = recognise(header, path.name)
        assert layout.entity == entity
        assert [column.field for column in layout.columns] == ["uuid", *spec.field_names]
        plan = make_sheet_plan(catalogue, path)
    assert plan.nothing_to_do and plan.total(ChangeKind.UNCHANGED) == count

    # The choice cells are in the exporting language, and so is the drop-down list.
    rows = read_rows(path)[1:]
    for field in choice_fields(entity):
        at = header.index(said(exported_in, field.label))
        stored = [catalogue.get(entity, row[0])[field.name] for row in rows]
        assert [row[at] or None for row in rows] == [
            said(exported_in, value) if value else None for value in stored
        ]
    if suffix == "xlsx":
        assert drop_downs(path) == {
            said(exported_in, field.label): [said(exported_in, c) for c in field.choices]
            for field in choice_fields(entity)
        }

    # Every choice cell retyped loosely (case, accents, apostrophes, spaces): the same.
    retyped = {
        (row[0], said(exported_in, field.label)): loose(value)
        for row in rows
        for field in choice_fields(entity)
        if (value := row[header.index(said(exported_in, field.label))])
    }
    assert retyped, "the seed has choice values to retype"
    edit(path, retyped)
    with i18n.speaking(imported_in):
        plan = make_sheet_plan(catalogue, path)
    assert plan.nothing_to_do and plan.total(ChangeKind.UNCHANGED) == count

    # A choice changed in those words is read as the stored value.
    record, wanted = CHANGES[entity]
    before = catalogue.get(entity, uuids[record])
    edit(path, {
        (uuids[record], said(exported_in, spec.field(name).label)): said(exported_in, value)
        for name, value in wanted.items()
    })  # fmt: skip
    with i18n.speaking(imported_in):
        plan = make_sheet_plan(catalogue, path)
    assert {
        (change.uuid, diff.field): (diff.mine, diff.theirs)
        for change in plan.changes
        if change.kind == ChangeKind.UPDATED
        for diff in change.diffs
    } == {(uuids[record], name): (before[name], value) for name, value in wanted.items()}


@pytest.mark.parametrize("interface", LANGUAGES)
@pytest.mark.parametrize("entity", list(ENTITIES))
def test_every_translated_label_is_a_header(entity: str, interface: str) -> None:
    """Each .po translation of each label, as typed loosely, names its field."""
    spec = ENTITIES[entity]
    with i18n.speaking(interface):
        for language in LANGUAGES:
            header = ["uuid", *(loose(said(language, field.label)) for field in spec.fields)]
            layout = recognise(header, "sheet.xlsx")
            assert layout.entity == entity, (language, header)
            assert [c.field for c in layout.columns] == ["uuid", *spec.field_names], language


@pytest.mark.parametrize("interface", LANGUAGES)
def test_every_translated_choice_value_is_read_as_its_stored_value(interface: str) -> None:
    fields = [field for entity in ENTITIES for field in choice_fields(entity)]
    assert {f.name for f in fields} >= {"creative_field", "region", "membership_status"}
    with i18n.speaking(interface):
        for field in fields:
            book = choice_reader(field)
            for choice in field.choices:
                for language in LANGUAGES:
                    word = said(language, choice)
                    assert in_value(field, word, book) == choice, (field.name, word)
                    assert in_value(field, loose(word), book) == choice, (field.name, word)


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("œ", "oe"))
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())


@pytest.mark.parametrize("entity", list(ENTITIES))
def test_no_word_names_two_fields_or_two_values(entity: str) -> None:
    """The translations keep fields (and a field's choices) apart in every language.

    (A field's own name is matched exactly before any label: `country` is not `Country`.)"""
    spec = ENTITIES[entity]
    owners: dict[str, set[str]] = {}
    for field in spec.fields:
        for language in LANGUAGES:
            owners.setdefault(_folded(said(language, field.label)), set()).add(field.name)
    assert {word: names for word, names in owners.items() if len(names) > 1} == {}
    for field in choice_fields(entity):
        values: dict[str, set[str]] = {}
        for choice in field.choices:
            for language in LANGUAGES:
                values.setdefault(_folded(said(language, choice)), set()).add(choice)
        assert {word: names for word, names in values.items() if len(names) > 1} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_translated_drop_down_list_fits_excel(language: str) -> None:
    """Excel's list of allowed values: at most 255 characters, separated by commas."""
    for entity in ENTITIES:
        for field in choice_fields(entity):
            words = [said(language, choice) for choice in field.choices]
            assert not any("," in word or '"' in word for word in words), words
            assert len(",".join(words)) <= 253, (language, field.name)
