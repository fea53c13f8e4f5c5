"""Reading a spreadsheet file into a header and rows, refusing what is not one.

Every refusal is one sentence naming the file: too large (the limit is said), not a
spreadsheet, an encrypted or old-format workbook, a formula without a stored value,
a CSV file not in UTF-8. Only the first worksheet of a workbook is read.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccn_desktop.exchange.spreadsheet.errors import SpreadsheetError
from ccn_desktop.i18n import _

MAX_BYTES = 200 * 1024 * 1024  # a CSV file of 100,000 cities, every field filled, is ~80 MB
MAX_UNPACKED = 1024 * 1024 * 1024  # what a workbook may hold once unpacked
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")


@dataclass
class Sheet:
    """What a file holds: its first row, and the rows after it with their row numbers."""

    path: Path
    kind: str  # "xlsx" or "csv"
    header: list[Any]
    rows: list[tuple[int, Sequence[Any]]]

    @property
    def file_name(self) -> str:
        return self.path.name


def read_sheet(path: Path | str) -> Sheet:
    """The sheet in `path`; raises SpreadsheetError with one sentence."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            start = handle.read(8)
    except OSError as exc:
        raise SpreadsheetError(
            _("{file} cannot be read: {reason}.").format(file=name, reason=exc.strerror or exc)
        ) from None
    if size > MAX_BYTES:
        raise SpreadsheetError(
            _("{file} is too large ({size} MB; a spreadsheet may have at most {limit} MB).").format(
                file=name, size=round(size / 1024 / 1024), limit=MAX_BYTES // 1024 // 1024
            )
        )
    if start.startswith(_ZIP):
        return _read_workbook(path)
    if start.startswith(_OLE):
        raise SpreadsheetError(_ole_refusal(path))
    if path.suffix.lower() in CSV_SUFFIXES:
        return _read_csv(path)
    raise SpreadsheetError(
        _(
            "{file} is not a spreadsheet this program reads: choose an Excel workbook (.xlsx) "
            "or a CSV file (.csv)."
        ).format(file=name)
    )


def _ole_refusal(path: Path) -> str:
    data = path.read_bytes()
    if _ENCRYPTED in data:
        return _(
            "{file} is protected by a password (an encrypted workbook): open it in Excel or "
            "LibreOffice, remove the password and save it again."
        ).format(file=path.name)
    return _(
        "{file} is an old-format Excel file (.xls): open it in Excel or LibreOffice and save "
        "it as an Excel workbook (.xlsx)."
    ).format(file=path.name)


def _damaged(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "{file} is not a readable Excel workbook (.xlsx): it is damaged or another kind of "
            "file."
        ).format(file=path.name)
    )


def _read_workbook(path: Path) -> Sheet:
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if "xl/workbook.xml" not in {member.filename for member in members}:
                raise _damaged(path)
            if sum(member.file_size for member in members) > MAX_UNPACKED:
                raise SpreadsheetError(
                    _("{file} is too large once unpacked (more than {limit} MB).").format(
                        file=path.name, limit=MAX_UNPACKED // 1024 // 1024
                    )
                )
            formulas = any(
                _has_formula(archive, member.filename)
                for member in members
                if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
            )
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except SpreadsheetError:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds for a damaged file
        raise _damaged(path) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # other programs may store a wrong size: read what is there
        rows = list(sheet.iter_rows(values_only=True))
        if formulas:
            _check_formulas(path, rows)
    except SpreadsheetError:
        raise
    except Exception:
        raise _damaged(path) from None
    finally:
        workbook.close()
    return _sheet(path, "xlsx", rows)


def _has_formula(archive: zipfile.ZipFile, member: str) -> bool:
    """Whether a worksheet's XML holds a formula element (read in pieces, not whole)."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _check_formulas(path: Path, values: list[tuple[Any, ...]]) -> None:
    """A formula is taken by its stored result; a formula with none is refused."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        for row_index, row in enumerate(sheet.iter_rows()):
            for column, cell in enumerate(row):
                if getattr(cell, "data_type", "") != "f":
                    continue
                stored = values[row_index][column] if column < len(values[row_index]) else None
                if stored is None:
                    from ccn_desktop.exchange.spreadsheet.columns import column_letter

                    raise SpreadsheetError(
                        _(
                            "{file}, cell {cell} holds a formula with no stored result (the "
                            "file was not saved by a spreadsheet program that calculates it): "
                            "open it in Excel or LibreOffice and save it again, or type the "
                            "value instead."
                        ).format(file=path.name, cell=f"{column_letter(column)}{row_index + 1}")
                    )
    finally:
        workbook.close()


def _read_csv(path: Path) -> Sheet:
    """The rows of a CSV file, decoded as they are parsed (the whole text is never held
    beside its rows); the separator is the one the first line uses most."""
    name = path.name
    with path.open("rb") as raw:
        if raw.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            raise SpreadsheetError(
                _(
                    "{file} is saved as UTF-16 (“Unicode text”), which this program does not "
                    "read: save it again as “CSV UTF-8 (comma delimited)” in Excel, or with "
                    "the character set “Unicode (UTF-8)” in LibreOffice."
                ).format(file=name)
            )
        raw.seek(0)
        while chunk := raw.read(1 << 20):
            if b"\x00" in chunk:
                raise SpreadsheetError(
                    _(
                        "{file} is not a spreadsheet this program reads: choose an Excel "
                        "workbook (.xlsx) or a CSV file (.csv)."
                    ).format(file=name)
                )
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            head = first.rstrip("\r\n")
            delimiter = max((";", ",", "\t"), key=lambda mark: _count_outside_quotes(head, mark))
            if _count_outside_quotes(head, delimiter) == 0:
                delimiter = ","
            rows = list(csv.reader(itertools.chain((first,), handle), delimiter=delimiter))
    except UnicodeDecodeError:
        raise _not_utf8(path) from None
    except csv.Error as exc:
        raise SpreadsheetError(
            _("{file} is not a well-formed CSV file ({reason}).").format(file=name, reason=exc)
        ) from None
    return _sheet(path, "csv", rows)


def _not_utf8(path: Path) -> SpreadsheetError:
    """The refusal of a file not in UTF-8, naming the line of the first wrong byte."""
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        data.decode("utf-8")
        line = 1
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    return SpreadsheetError(
        _(
            "{file} is not in UTF-8 (line {line} holds a character in another encoding): "
            "save it again as “CSV UTF-8 (comma delimited)” in Excel, or with the "
            "character set “Unicode (UTF-8)” in LibreOffice."
        ).format(file=path.name, line=line)
    )


def _count_outside_quotes(line: str, mark: str) -> int:
    if '"' not in line:
        return line.count(mark)
    count, quoted = 0, False
    for character in line:
        if character == '"':
            quoted = not quoted
        elif character == mark and not quoted:
            count += 1
    return count


def _sheet(path: Path, kind: str, rows: Sequence[Sequence[Any]]) -> Sheet:
    """The first non-empty row is the header; the rows after it keep their numbers."""
    numbered = list(enumerate(rows, start=1))
    while numbered and all(cell in (None, "") for cell in numbered[0][1]):
        numbered.pop(0)
    if not numbered:
        raise SpreadsheetError(_("{file} is empty.").format(file=path.name))
    header = list(numbered[0][1])
    return Sheet(path, kind, header, numbered[1:])
