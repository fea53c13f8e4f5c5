"""Import, step one: what a sheet would change, computed without writing.

A row with a `uuid` updates that record — only the columns the sheet has, only the
cells that differ; a row without one is a new record; records the sheet does not
list are left alone. Each changed record passes the same rules as a form
(`catalogue.validation.clean`); every problem is named by its place, and the plan
is refused while there is one. The plan reuses the bundle plan's `RecordChange`,
so that the import preview shows it as it shows a bundle.
"""

from __future__ import annotations

import operator
import uuid as uuid_module
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.duplicates import duplicate_key, merged_pairs
from ccn_desktop.catalogue.entities import ENTITIES, Kind
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import Office
from ccn_desktop.catalogue.validation import clean, is_uuid
from ccn_desktop.exchange.plan import (
    KINDS,
    ChangeKind,
    FieldDiff,
    LikelyDuplicate,
    RecordChange,
    state_of,
)
from ccn_desktop.exchange.rows import Progress
from ccn_desktop.exchange.spreadsheet.cells import (
    CellProblem,
    choice_reader,
    column_converter,
    converter,
)
from ccn_desktop.exchange.spreadsheet.columns import Column, Layout, column_letter, recognise
from ccn_desktop.exchange.spreadsheet.current import CityBook, read_current
from ccn_desktop.exchange.spreadsheet.errors import MAX_LISTED, SheetProblems
from ccn_desktop.exchange.spreadsheet.reader import Sheet, read_sheet
from ccn_desktop.i18n import _

_SLICE = 5000


@dataclass(frozen=True)
class SheetWrite:
    """One record to write: every field of a new record, the changed fields of another."""

    uuid: str
    new: bool
    values: dict[str, Any]


@dataclass
class SheetPlan:
    sheet: Sheet
    entity: str
    source_uuid: str  # names this import in the records' history and the exchange log
    changes: list[RecordChange]
    counts: dict[str, dict[str, int]]
    duplicates: list[LikelyDuplicate]
    writes: list[SheetWrite]
    state: tuple[int, tuple[tuple[str, int], ...]]
    new_aliases: list[dict[str, Any]] = field(default_factory=list)  # as a bundle plan's

    @property
    def path(self) -> Path:
        return self.sheet.path

    @property
    def file_name(self) -> str:
        return self.sheet.file_name

    @property
    def nothing_to_do(self) -> bool:
        return not self.writes

    def total(self, kind: ChangeKind) -> int:
        return sum(per_kind.get(kind, 0) for per_kind in self.counts.values())


def make_sheet_plan(
    catalogue: Catalogue, source: Path | str | Sheet, *, progress: Progress | None = None
) -> SheetPlan:
    """The plan for importing the sheet in `source`; raises SpreadsheetError (SheetProblems
    when cells break the rules)."""
    sheet = source if isinstance(source, Sheet) else read_sheet(source)
    with catalogue.session() as session:
        return plan_sheet_in_session(session, sheet, progress=progress)


def plan_sheet_in_session(
    session: Session,
    sheet: Sheet,
    *,
    source_uuid: str | None = None,
    progress: Progress | None = None,
) -> SheetPlan:
    layout = recognise(sheet.header, sheet.file_name)
    office = session.scalars(select(Office)).one()
    planner = _Planner(session, sheet, layout, progress)
    planner.run()
    return SheetPlan(
        sheet=sheet,
        entity=layout.entity,
        source_uuid=source_uuid or str(uuid_module.uuid4()),
        changes=planner.changes,
        counts=planner.counts,
        duplicates=planner.duplicates,
        writes=planner.writes,
        state=state_of(office),
    )


class _Planner:
    """Reads the rows of one sheet against the catalogue (see the module docstring)."""

    def __init__(
        self, session: Session, sheet: Sheet, layout: Layout, progress: Progress | None
    ) -> None:
        self.session = session
        self.sheet = sheet
        self.layout = layout
        self.entity = layout.entity
        self.spec = ENTITIES[self.entity]
        self.progress = progress
        self.problems: list[str] = []
        self.problem_count = 0
        self.changes: list[RecordChange] = []
        self.writes: list[SheetWrite] = []
        self.duplicates: list[LikelyDuplicate] = []
        self.counts = {entity: dict.fromkeys(KINDS, 0) for entity in ENTITIES}
        self.columns = layout.field_columns
        self.specs = {column.field: self.spec.field(column.field) for column in self.columns}
        self.by_field = {column.field: column for column in self.columns}
        self.choices = {
            name: choice_reader(spec) for name, spec in self.specs.items() if spec.choices
        }
        self.width = len(layout.columns)
        self.converters = self._converters()
        self.column_converters = {
            name: column_converter(self.specs[name], convert, csv=sheet.kind == "csv")
            for _column, name, convert in self.converters
        }

    # -- problems ---------------------------------------------------------------------------

    def problem(self, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(message)

    def at_cell(self, row: int | None, column: Column, message: str) -> None:
        place = _("{file}, row {row}, column {letter} ({header})").format(
            file=self.sheet.file_name, row=row, letter=column.letter, header=column.header
        )
        if row is None:
            place = _("{file}, column {letter} ({header})").format(
                file=self.sheet.file_name, letter=column.letter, header=column.header
            )
        self.problem(f"{place}: {message}")

    def at_field(self, row: int, name: str, message: str) -> None:
        column = self.by_field.get(name)
        if column is not None:
            self.at_cell(row, column, message)
            return
        label = _(self.spec.field(name).label) if name in self.spec.field_names else name
        self.problem(
            _("{file}, row {row}: {label} {message}").format(
                file=self.sheet.file_name, row=row, label=label, message=message
            )
        )

    # -- the run ----------------------------------------------------------------------------

    def run(self) -> None:
        self._check_columns()
        if self.problem_count:
            self._raise()
        self.current = read_current(self.session, self.entity)
        needs_cities = any(spec.kind == Kind.LINKS for spec in self.specs.values())
        self.book = (
            CityBook.read(self.session)
            if needs_cities or self.entity == "conference"
            else CityBook(())
        )
        self.seen: dict[str, int] = {}
        self.new_keys: dict[tuple[Any, ...], int] = {}
        uuid_column = self.layout.uuid_column
        rows = self._unchanged_set_aside()
        total = len(rows)
        for done, (number, row) in enumerate(rows):
            if self.progress is not None and done % _SLICE == 0:
                self.progress(_("Comparing rows"), done, total)
            if not any(row) and all(cell is None or cell == "" for cell in row):
                continue
            raw_uuid = _cell(row, uuid_column)
            values = self._values(number, row)
            if values is None:
                continue
            if raw_uuid not in (None, ""):
                self._update(number, str(raw_uuid).strip(), values, uuid_column)
            else:
                self._new(number, values)
        if self.problem_count:
            self._raise()
        self._find_duplicates()

    def _unchanged_set_aside(self) -> list[tuple[int, Sequence[Any]]]:
        """The rows left to look at one by one, once the rows that change nothing are counted.

        Most rows of a sheet that comes back are as exported: they are found column by
        column (each column's cells converted in one pass and compared with the stored
        values in one more), which costs a fraction of going through them cell by cell.
        """
        uuid_column = self.layout.uuid_column
        if uuid_column is None:
            return self.sheet.rows
        at, width = uuid_column.index, self.width
        known, others = [], []
        for number, row in self.sheet.rows:
            uuid = row[at] if len(row) == width else None
            record = self.current.get(uuid) if uuid.__class__ is str else None
            if record is None or record.deleted or uuid in self.seen:
                others.append((number, row))
            else:
                self.seen[uuid] = number
                known.append((number, row, record))
        differ = [False] * len(known)
        by_column = list(zip(*(row for _n, row, _r in known), strict=True)) if known else []
        values = [record.values for _n, _row, record in known]
        for column, name, _convert in self.converters:
            try:
                cells = self.column_converters[name](by_column[column.index])
            except (CellProblem, LookupError):  # named cell by cell below
                differ = [True] * len(known)
                break
            stored = list(map(operator.itemgetter(name), values))
            differ = list(map(operator.or_, differ, map(operator.ne, cells, stored)))
        unchanged = len(known) - sum(differ)
        self.counts[self.entity][ChangeKind.UNCHANGED] += unchanged
        changed = [(number, row) for (number, row, _r), moved in zip(known, differ, strict=True)
                   if moved]  # fmt: skip
        return sorted(others + changed, key=lambda item: item[0])

    @cached_property
    def live_keys(self) -> dict[tuple[Any, ...], list[str]]:
        """Duplicate keys of the records not deleted (only a new or renamed record needs them)."""
        keys: dict[tuple[Any, ...], list[str]] = {}
        for uuid, record in self.current.items():
            key = duplicate_key(self.entity, record.values) if not record.deleted else None
            if key is not None:
                keys.setdefault(key, []).append(uuid)
        return keys

    def _raise(self) -> None:
        raise SheetProblems(self.sheet.file_name, self.problems, self.problem_count)

    def _check_columns(self) -> None:
        first: dict[str, Column] = {}
        for column in self.layout.columns:
            if column.field:
                if column.field in first:
                    other = first[column.field]
                    self.at_cell(
                        None,
                        column,
                        _("the same field as column {letter}").format(letter=other.letter),
                    )
                first.setdefault(column.field, column)
            elif column.header:
                self.at_cell(
                    None,
                    column,
                    _("not a column of a sheet of {records}").format(
                        records=_(self.spec.label_plural).lower()
                    ),
                )
            elif any(_cell(row, column) not in (None, "") for _number, row in self.sheet.rows):
                self.at_cell(None, column, _("has values but no header"))

    def _converters(self) -> list[tuple[Column, str, Callable[[Any], Any]]]:
        """One function per column, chosen once: the cell -> the value `clean` takes."""
        found = []
        for column in self.columns:
            spec = self.specs[column.field]
            convert = converter(spec, csv=self.sheet.kind == "csv",
                                choices=self.choices.get(column.field))  # fmt: skip
            if spec.kind == Kind.LINKS:
                convert = _then(convert, self._links)
            found.append((column, column.field, convert))
        return found

    def _values(self, number: int, row: Sequence[Any]) -> dict[str, Any] | None:
        """The row's values by field, as `clean` takes them; None when a cell is wrong."""
        width = self.width
        if len(row) > width:
            extra = next((i for i in range(width, len(row)) if row[i] not in (None, "")), None)
            if extra is not None:
                self.problem(
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
                self.at_cell(number, column, str(exc))
                ok = False
            except LookupError as exc:
                self.at_cell(number, column, str(exc.args[0]))
                ok = False
        return values if ok else None

    def _links(self, names: list[str]) -> list[str]:
        return [self.book.resolve(name) for name in names]

    def _update(
        self, number: int, uuid: str, values: dict[str, Any], uuid_column: Column | None
    ) -> None:
        assert uuid_column is not None
        record = self.current.get(uuid) or self.current.get(uuid.lower())
        if record is None and not is_uuid(uuid.lower()):
            self.at_cell(
                number,
                uuid_column,
                _("is not a record identifier (leave it empty to add the row as a new record)"),
            )
            return
        uuid = uuid.lower()
        if self.seen.get(uuid, number) != number:
            self.at_cell(
                number, uuid_column, _("the same record as row {row}").format(row=self.seen[uuid])
            )
            return
        self.seen[uuid] = number
        label = _(self.spec.label).lower()
        if record is None:
            self.at_cell(
                number,
                uuid_column,
                _(
                    "no {record} with this identifier in this catalogue (leave the cell empty to "
                    "add the row as a new {record})"
                ).format(record=label),
            )
            return
        if record.deleted:
            self.at_cell(
                number,
                uuid_column,
                _(
                    "this {record} was deleted in this catalogue; restore it first, or leave the "
                    "cell empty to add the row as a new {record}"
                ).format(record=label),
            )
            return
        mine = record.values
        differing = {name: value for name, value in values.items() if value != mine[name]}
        if not differing:
            self.counts[self.entity][ChangeKind.UNCHANGED] += 1
            return
        cleaned, problems = clean(self.entity, {**mine, **differing})
        for problem in problems:
            self.at_field(number, problem.field, problem.message)
        if problems:
            return
        changed = {name: cleaned[name] for name in differing if cleaned[name] != mine[name]}
        if not changed:
            self.counts[self.entity][ChangeKind.UNCHANGED] += 1
            return
        theirs = {**mine, **changed}
        if self.entity == "city" and {"name", "country_code", "creative_field"} & set(changed):
            key = duplicate_key("city", theirs)
            others = [other for other in self.live_keys.get(key, []) if other != uuid]
            if others:
                self._city_taken(number, others[0])
                return
        self.writes.append(SheetWrite(uuid, False, changed))
        self._record(ChangeKind.UPDATED, uuid, number, mine, theirs)

    def _new(self, number: int, values: dict[str, Any]) -> None:
        cleaned, problems = clean(self.entity, values)
        for problem in problems:
            self.at_field(number, problem.field, problem.message)
        if problems:
            return
        key = duplicate_key(self.entity, cleaned)
        if key is not None and key in self.new_keys:
            where = self.by_field.get(self.spec.title_field)
            message = _("the same {record} as row {row}").format(
                record=_(self.spec.label).lower(), row=self.new_keys[key]
            )
            if where is not None and self.entity == "city":
                self.at_cell(number, where, message)
                return
        if key is not None:
            self.new_keys.setdefault(key, number)
        if self.entity == "city" and key is not None and self.live_keys.get(key):
            self._city_taken(number, self.live_keys[key][0], new=True)
            return
        uuid = str(uuid_module.uuid4())
        self.writes.append(SheetWrite(uuid, True, cleaned))
        self._record(ChangeKind.NEW, uuid, number, None, cleaned)

    def _city_taken(self, number: int, other: str, *, new: bool = False) -> None:
        values = self.current[other].values
        what = f"{values['name']} ({values['country_code']}, {values['creative_field']})"
        if new:
            message = _(
                "likely duplicate of {city}, already in this catalogue (uuid {uuid}); to "
                "change that city, put its uuid in the uuid column"
            ).format(city=what, uuid=other)
        else:
            message = _("would make it the same as {city}, already in this catalogue").format(
                city=what
            )
        column = self.by_field.get("name") or self.layout.uuid_column
        if column is None:
            self.at_field(number, "name", message)
        else:
            self.at_cell(number, column, message)

    def _record(
        self,
        kind: ChangeKind,
        uuid: str,
        number: int,
        mine: Mapping[str, Any] | None,
        theirs: Mapping[str, Any],
    ) -> None:
        self.counts[self.entity][kind] += 1
        hosts = self.book.names(theirs.get("host_city_uuids", []))
        title = store.title_from(self.entity, theirs, hosts)
        diffs = []
        if mine is not None:
            diffs = [
                FieldDiff(spec.name, spec.label, mine[spec.name], theirs[spec.name])
                for spec in self.spec.fields
                if mine[spec.name] != theirs[spec.name]
            ]
        where = _("row {row}").format(row=number)
        self.changes.append(
            RecordChange(
                self.entity,
                uuid,
                kind,
                title,
                where,
                _snapshot(uuid, mine) if mine is not None else None,
                _snapshot(uuid, theirs),
                diffs,
            )
        )

    def _find_duplicates(self) -> None:
        """New conferences and projects that look like records already here (rule 6);
        cities are refused above, as the form refuses them."""
        if self.entity == "city":
            return
        merged = merged_pairs(self.session, self.entity)
        for change in self.changes:
            if change.kind != ChangeKind.NEW:
                continue
            key = duplicate_key(self.entity, change.theirs)
            for other in self.live_keys.get(key, []) if key is not None else []:
                if frozenset((other, change.uuid)) in merged:
                    continue
                values = self.current[other].values
                hosts = self.book.names(values.get("host_city_uuids", []))
                self.duplicates.append(
                    LikelyDuplicate(
                        self.entity,
                        change.uuid,
                        change.title,
                        other,
                        store.title_from(self.entity, values, hosts),
                    )
                )


def _then(first: Callable[[Any], Any], second: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda raw: second(first(raw))


def _cell(row: Sequence[Any], column: Column | None) -> Any:
    if column is None or column.index >= len(row):
        return None
    return row[column.index]


def _snapshot(uuid: str, values: Mapping[str, Any]) -> dict[str, Any]:
    return {"uuid": uuid, "deleted": False, **values}
