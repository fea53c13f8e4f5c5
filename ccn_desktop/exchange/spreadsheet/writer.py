"""Export: the records of one entity to an .xlsx workbook or a .csv file, and blank templates.

The workbook is written by openpyxl in write-only mode (rows streamed, not kept):
one header row, frozen, with the labels in the interface language; a `uuid` column
first; choice values in the interface language too, with a drop-down list of the
allowed values on every choice column (import reads them in any language); widths that
fit typical values. The CSV file is UTF-8 with a byte-order mark (so that Excel reads
Łódź right) and commas. Both are written to a temporary file beside the target and
renamed, so an interrupted export never leaves a file that looks whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ccn_desktop.catalogue.entities import ENTITIES, FieldSpec, Kind
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import ExchangeCancelled
from ccn_desktop.exchange.rows import Cancel, Progress
from ccn_desktop.exchange.spreadsheet.cells import (
    TRIGGERS,
    csv_column_joined,
    needs_guard,
    out_column,
)
from ccn_desktop.exchange.spreadsheet.columns import UUID_HEADER, column_letter, header_label
from ccn_desktop.exchange.spreadsheet.csv_text import csv_lines
from ccn_desktop.exchange.spreadsheet.current import CityBook, read_current
from ccn_desktop.exchange.spreadsheet.errors import SpreadsheetError
from ccn_desktop.i18n import _
from ccn_desktop.safe_files import replacing, writable_target

_WIDTHS = {
    Kind.TEXT: 24, Kind.LONG_TEXT: 48, Kind.INT: 9, Kind.YEAR: 10, Kind.FLOAT: 12,
    Kind.DATE: 12, Kind.COUNTRY: 9, Kind.CURRENCY: 9, Kind.EMAIL: 30, Kind.URL: 32,
    Kind.PHONE: 18, Kind.TEXT_LIST: 48, Kind.DATE_LIST: 14, Kind.LINKS: 32,
}  # fmt: skip
_SLICE = 2000  # rows between two looks at cancel and progress


def spreadsheet_kind(path: Path) -> str:
    """'xlsx' or 'csv', from the file name; SpreadsheetError for anything else."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    raise SpreadsheetError(
        _("{file}: the file name must end in .xlsx (Excel workbook) or .csv.").format(
            file=path.name
        )
    )


def export_fields(entity: str, fields: Sequence[str] | None = None) -> list[FieldSpec]:
    """The fields of the columns, in the entity's order (table column names accepted)."""
    spec = ENTITIES[entity]
    if fields is None:
        return list(spec.fields)
    wanted = {"hosts": "host_city_uuids"}
    names = {wanted.get(name, name) for name in fields}
    return [field for field in spec.fields if field.name in names]


def export_sheet(
    catalogue: Catalogue,
    entity: str,
    path: Path | str,
    *,
    uuids: Sequence[str] | None = None,
    fields: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the records (`uuids`, in that order; default: every live record in the table's
    order) with `fields` (default: all); returns how many rows were written."""
    with collector_paused():  # millions of cells, none in a reference cycle
        return _export(catalogue, entity, Path(path), uuids, fields, progress, cancel)


def _export(
    catalogue: Catalogue,
    entity: str,
    path: Path,
    uuids: Sequence[str] | None,
    fields: Sequence[str] | None,
    progress: Progress | None,
    cancel: Cancel | None,
) -> int:
    kind = spreadsheet_kind(path)
    columns = export_fields(entity, fields)
    # Everything: SQLite reads the live records in the window's order, so each slice is a
    # plain slice of every column.
    whole = uuids is None
    with catalogue.session() as session:
        current = read_current(session, entity, live_in_order=whole)
        links = any(field.kind == Kind.LINKS for field in columns)
        book = CityBook.read(session) if links else CityBook(())
    uuids = current.uuids if uuids is None else [uuid for uuid in uuids if uuid in current]
    total = len(uuids)

    def slices() -> Iterator[tuple[Sequence[str], list[Sequence[Any]]]]:
        """The rows a slice at a time, each slice column by column."""
        for start in range(0, total, _SLICE):
            if cancel is not None and cancel():
                raise ExchangeCancelled
            if progress is not None:
                progress(_("Writing rows"), start, total)
            chunk = uuids[start : start + _SLICE]
            if whole:
                end = start + len(chunk)
                yield chunk, [current.columns[field.name][start:end] for field in columns]
                continue
            places = [current.position[uuid] for uuid in chunk]
            yield chunk, [current.column(field.name, places) for field in columns]

    words = _choice_words(columns)

    def rows() -> Iterator[Sequence[Any]]:
        for chunk, stored in slices():
            cells = [out_column(field, values, book.written)
                     for field, values in zip(columns, stored, strict=True)]  # fmt: skip
            yield from zip(chunk, *_in_words(columns, cells, words), strict=True)

    def csv_slices() -> Iterator[str]:
        """Most cells of a CSV file need no more than the stored text: a slice of rows as
        CSV text, column by column (see csv_text.py)."""
        for chunk, stored in slices():
            made = [csv_column_joined(field, values, book.written)
                    for field, values in zip(columns, stored, strict=True)]  # fmt: skip
            cells = [texts for texts, _joined in made]
            joined = [
                None,
                *(
                    None if field.name in words else joined
                    for field, (_texts, joined) in zip(columns, made, strict=True)
                ),
            ]
            yield csv_lines([chunk, *_in_words(columns, cells, words)], joined)

    _write_file(path, kind, entity, columns, rows() if kind == "xlsx" else csv_slices())
    if progress is not None:
        progress(_("Writing rows"), total, total)
    return total


def _choice_words(columns: Sequence[FieldSpec]) -> dict[str, dict[str, str]]:
    """Stored value -> its word in the interface language, for each choice column whose
    words differ from the stored (English) values; none when exporting in English."""
    words = {}
    for field in columns:
        said = {choice: _(choice) for choice in field.choices}
        if any(word != choice for choice, word in said.items()):
            words[field.name] = said
    return words


def _in_words(
    columns: Sequence[FieldSpec], cells: list[list[Any]], words: dict[str, dict[str, str]]
) -> list[list[Any]]:
    """The choice columns of a slice in the interface language (import reads every
    language's words back to the stored values: `cells.choice_reader`)."""
    if not words:
        return cells
    for at, field in enumerate(columns):
        said = words.get(field.name)
        if said is not None:
            cells[at] = [said.get(value, value) if value else value for value in cells[at]]
    return cells


def write_template(entity: str, path: Path | str) -> None:
    """A blank sheet for `entity`: the header, the drop-down lists, no rows."""
    path = Path(path)
    _write_file(path, spreadsheet_kind(path), entity, list(ENTITIES[entity].fields), iter(()))


def _write_file(
    path: Path, kind: str, entity: str, columns: list[FieldSpec], rows: Iterator[Any]
) -> None:
    """`rows`: for a workbook the rows' cells, for a CSV file the rows' text a slice at a time."""
    path = writable_target(path, SpreadsheetError)
    try:
        with replacing(path) as temp:  # synced, renamed, folder synced; else removed
            if kind == "xlsx":
                _write_xlsx(temp, entity, columns, rows)
            else:
                _write_csv(temp, columns, rows)
    except OSError as exc:
        raise SpreadsheetError(
            _("{file} cannot be written: {reason}.").format(file=path, reason=exc.strerror or exc)
        ) from None


def _write_csv(path: Path, columns: list[FieldSpec], slices: Iterator[str]) -> None:
    """`slices` gives the rows' CSV text, a slice of rows at a time."""
    with open(path, "x", encoding="utf-8-sig", newline="") as handle:
        header = [UUID_HEADER, *(header_label(field) for field in columns)]
        handle.write(csv_lines([[label] for label in header]))
        for text in slices:
            handle.write(text)


def _write_xlsx(
    path: Path, entity: str, columns: list[FieldSpec], rows: Iterator[Sequence[Any]]
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_(ENTITIES[entity].label_plural)[:31])
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 38
    for index, field in enumerate(columns, start=1):
        label = header_label(field)
        width = _WIDTHS.get(field.kind, 20)
        choices = [_(choice) for choice in field.choices]  # as the cells are written
        if field.kind == Kind.CHOICE:
            width = max(len(choice) for choice in choices) + 4
        sheet.column_dimensions[column_letter(index)].width = max(width, len(label) + 3)
        if field.kind == Kind.CHOICE:
            letter = column_letter(index)
            listed = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
                allow_blank=not field.required,
                showErrorMessage=True,
                errorTitle=label,
                error=_("Choose one of the values in the list."),
            )
            listed.add(f"{letter}2:{letter}1048576")
            sheet.data_validations.append(listed)
    bold = Font(bold=True)
    header = []
    for text in (UUID_HEADER, *(header_label(field) for field in columns)):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    try:
        for row in rows:
            if any(value.__class__ is str and value[:1] in TRIGGERS for value in row):
                row = [
                    _inert_cell(sheet, value, WriteOnlyCell)
                    if value.__class__ is str and needs_guard(value)
                    else value
                    for value in row
                ]
            sheet.append(row)
    except BaseException:
        sheet.close()  # a cancel: end the sheet's stream now, not in the garbage collector
        raise
    workbook.save(path)


def _inert_cell(sheet: Any, text: str, cell_type: Callable[..., Any]) -> Any:
    """A text cell that stays text even when edited (Excel's quote prefix), never a formula."""
    cell = cell_type(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
