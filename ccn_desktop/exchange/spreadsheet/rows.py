"""The rows of a sheet as values: each column's cells converted by a function chosen once.

Most rows of a sheet that comes back are as exported; `set_aside_unchanged` finds
them column by column (each column converted in one pass and compared with the
stored values in one more), which costs a fraction of going through them cell by
cell. The other rows are converted one by one (`values`), naming every wrong cell.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Sequence
from typing import Any, cast

from ccn_desktop.catalogue.entities import NUMBER_KINDS, TEXT_KINDS, FieldSpec, Kind
from ccn_desktop.exchange.spreadsheet.cells import (
    CellProblem,
    begins_with,
    choice_reader,
    column_converter,
    converter,
    csv_column,
)
from ccn_desktop.exchange.spreadsheet.columns import Column, Layout, column_letter
from ccn_desktop.exchange.spreadsheet.current import Table
from ccn_desktop.exchange.spreadsheet.problems import Problems
from ccn_desktop.exchange.spreadsheet.reader import Sheet
from ccn_desktop.i18n import _

_CHUNK = 500  # rows compared at a time (`RowReader._differ`)


class RowReader:
    """Converts the rows of `sheet` (laid out as `layout`); `links` resolves city names."""

    def __init__(
        self,
        sheet: Sheet,
        layout: Layout,
        problems: Problems,
        links: Callable[[list[str]], list[str]],
    ) -> None:
        self.sheet = sheet
        self.layout = layout
        self.problems = problems
        self.links = links
        self.columns = layout.field_columns
        spec = problems.spec
        self.specs = {column.field: spec.field(column.field) for column in self.columns}
        self.choices = {
            name: choice_reader(field) for name, field in self.specs.items() if field.choices
        }
        self.width = len(layout.columns)
        self.converters = self._converters()
        self.column_converters = {
            name: column_converter(self.specs[name], convert, csv=sheet.kind == "csv")
            for _column, name, convert in self.converters
        }

    def check_columns(self) -> None:
        """Each field once, every header known, no values under an empty header."""
        first: dict[str, Column] = {}
        for column in self.layout.columns:
            if column.field:
                if column.field in first:
                    other = first[column.field]
                    self.problems.at_cell(
                        None,
                        column,
                        _("the same field as column {letter}").format(letter=other.letter),
                    )
                first.setdefault(column.field, column)
            elif column.header:
                self.problems.at_cell(
                    None,
                    column,
                    _("not a column of a sheet of {records}").format(
                        records=_(self.problems.spec.label_plural).lower()
                    ),
                )
            elif any(cell(row, column) not in (None, "") for _number, row in self.sheet.rows):
                self.problems.at_cell(None, column, _("has values but no header"))

    def _converters(self) -> list[tuple[Column, str, Callable[[Any], Any]]]:
        """One function per column, chosen once: the cell -> the value `clean` takes."""
        found = []
        for column in self.columns:
            spec = self.specs[column.field]
            convert = converter(spec, csv=self.sheet.kind == "csv",
                                choices=self.choices.get(column.field))  # fmt: skip
            if spec.kind == Kind.LINKS:
                convert = _then(convert, self.links)
            found.append((column, column.field, convert))
        return found

    def values(self, number: int, row: Sequence[Any]) -> dict[str, Any] | None:
        """The row's values by field, as `clean` takes them; None when a cell is wrong."""
        width = self.width
        if len(row) > width:
            extra = next((i for i in range(width, len(row)) if row[i] not in (None, "")), None)
            if extra is not None:
                self.problems.add(
                    _(
                        "{file}, row {row}, column {letter}: a value beyond the last column of "
                        "the header (a separator too many?)"
                    ).format(file=self.sheet.file_name, row=number, letter=column_letter(extra))
                )
                return None
        elif len(row) < width:
            row = [*row, *([None] * (width - len(row)))]
        try:
            return {name: convert(row[column.index]) for column, name, convert in self.converters}
        except (CellProblem, LookupError):
            pass
        ok = True  # the slow way, to name every wrong cell of the row
        values = {}
        for column, name, convert in self.converters:
            try:
                values[name] = convert(row[column.index])
            except CellProblem as exc:
                self.problems.at_cell(number, column, str(exc))
                ok = False
            except LookupError as exc:
                self.problems.at_cell(number, column, str(exc.args[0]))
                ok = False
        return values if ok else None

    def set_aside_unchanged(
        self, current: Table, seen: dict[str, int], city_name: Callable[[str], str]
    ) -> tuple[int, list[tuple[int, Sequence[Any]]]]:
        """How many rows change nothing, and the rows left to look at one by one.

        Most rows of a sheet that comes back are as exported: they are found column by
        column (each column's cells converted in one pass and compared with the stored
        values in one more), which costs a fraction of going through them cell by cell.
        In a CSV file a cell is first compared with the text its stored value is exported
        as (`csv_column`; `city_name` names linked cities), so a column as exported needs
        no converting at all; only its other cells are converted and compared.
        """
        uuid_column = self.layout.uuid_column
        if uuid_column is None:
            return 0, list(self.sheet.rows)
        known, places, others = self._known_rows(uuid_column.index, current, seen)
        if not known:
            return 0, others
        differ: list[bool] = []
        for start in range(0, len(known), _CHUNK):
            end = start + _CHUNK
            differ += self._differ(known[start:end], places[start:end], current, city_name)
        unchanged = len(known) - sum(differ)
        changed = list(itertools.compress(known, differ))
        return unchanged, sorted(others + changed, key=operator.itemgetter(0))

    def _differ(
        self,
        known: list[tuple[int, Sequence[Any]]],
        places: list[int],
        current: Table,
        city_name: Callable[[str], str],
    ) -> list[bool]:
        """For each of a few rows (with their places in `current`), whether it changes
        anything: a few rows at a time, so that each row's cells, compared column after
        column, are still in the processor's cache from the column before."""
        differ = [False] * len(known)
        by_column = list(zip(*map(operator.itemgetter(1), known), strict=True))
        for column, name, _convert in self.converters:
            stored = current.column(name, places)
            raw: Sequence[Any] = by_column[column.index]
            others_at: list[int] | None = None
            spec = self.specs[name]
            if self.sheet.kind == "csv" and spec.kind not in NUMBER_KINDS:
                raw = list(raw)
                if _plainly_exported(spec, raw, stored):
                    continue
                exported = csv_column(spec, stored, city_name)
                if raw == exported:
                    continue
                others_at = list(
                    itertools.compress(itertools.count(), map(operator.ne, raw, exported))
                )
                raw = [raw[i] for i in others_at]
                stored = [stored[i] for i in others_at]
            try:
                cells = self.column_converters[name](raw)
            except (CellProblem, LookupError):  # named cell by cell below
                return [True] * len(known)
            if others_at is None and cells == stored:
                continue
            moved = list(map(operator.ne, cells, stored))
            if others_at is not None:
                for i, changed in zip(others_at, moved, strict=True):
                    differ[i] = differ[i] or changed
                continue
            differ = list(map(operator.or_, differ, moved))
        return differ

    def _known_rows(
        self, at: int, current: Table, seen: dict[str, int]
    ) -> tuple[list[tuple[int, Sequence[Any]]], list[int], list[tuple[int, Sequence[Any]]]]:
        """The rows of live records, each once and whole (with their places in `current`,
        in the order of `current`), and the other rows (new, unknown, repeated, deleted,
        ragged), which are looked at one by one."""
        rows = self.sheet.rows
        cells = list(map(operator.itemgetter(1), rows))
        if not all(map(self.width.__eq__, map(len, cells))):
            return self._known_rows_one_by_one(at, current, seen)
        uuids = list(map(operator.itemgetter(at), cells))
        found: list[int | None] = list(map(current.position.get, uuids))
        if None in found or seen or len(set(uuids)) != len(uuids):
            return self._known_rows_one_by_one(at, current, seen)
        places = cast(list[int], found)
        if any(map(current.deleted.__getitem__, places)):
            return self._known_rows_one_by_one(at, current, seen)
        seen.update(zip(uuids, map(operator.itemgetter(0), rows), strict=True))
        # In the catalogue's order, the stored values are read in the order they lie in.
        order = sorted(range(len(places)), key=places.__getitem__)
        return [rows[i] for i in order], [places[i] for i in order], []

    def _known_rows_one_by_one(
        self, at: int, current: Table, seen: dict[str, int]
    ) -> tuple[list[tuple[int, Sequence[Any]]], list[int], list[tuple[int, Sequence[Any]]]]:
        width, position, deleted = self.width, current.position, current.deleted
        known: list[tuple[int, Sequence[Any]]] = []
        places: list[int] = []
        others = []
        for number, row in self.sheet.rows:
            index = position.get(row[at]) if len(row) == width else None
            if index is None or deleted[index] or row[at] in seen:
                others.append((number, row))
            else:
                seen[row[at]] = number
                known.append((number, row))
                places.append(index)
        return known, places, others


_APOSTROPHE = frozenset("'")


def _plainly_exported(spec: FieldSpec, raw: list[Any], stored: list[Any]) -> bool:
    """Whether each CSV cell is its stored text, or its list's items a line each: as the
    export writes them, found without the export's guard check (a cell that reads back
    otherwise — a text beginning with the guard's apostrophe — sends the column on to
    the exact comparison)."""
    kind = spec.kind
    if kind in TEXT_KINDS:
        # Only a text's first character decides (the notes of 99,000 cities are not
        # copied into one string to find out).
        return raw == stored and not begins_with(stored, _APOSTROPHE)
    if kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
        return raw == list(map("\n".join, stored))
    return False


def _then(first: Callable[[Any], Any], second: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda raw: second(first(raw))


def cell(row: Sequence[Any], column: Column | None) -> Any:
    if column is None or column.index >= len(row):
        return None
    return row[column.index]
