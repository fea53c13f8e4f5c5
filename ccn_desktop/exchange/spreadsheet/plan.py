"""Import, step one: what a sheet would change, computed without writing.

A row with a `uuid` updates that record — only the columns the sheet has, only the
cells that differ; a row without one is a new record; records the sheet does not
list are left alone. Each changed record passes the same rules as a form
(`catalogue.validation.clean`); every problem is named by its place, and the plan
is refused while there is one. The plan reuses the bundle plan's `RecordChange`,
so that the import preview shows it as it shows a bundle.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Mapping
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
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.likely_duplicates import LikelyDuplicate
from ccn_desktop.exchange.plan import state_of
from ccn_desktop.exchange.record_changes import KINDS, ChangeKind, FieldDiff, RecordChange
from ccn_desktop.exchange.rows import Progress
from ccn_desktop.exchange.spreadsheet.columns import Column, Layout, recognise
from ccn_desktop.exchange.spreadsheet.current import CityBook, read_current
from ccn_desktop.exchange.spreadsheet.problems import Problems
from ccn_desktop.exchange.spreadsheet.reader import Sheet, read_sheet
from ccn_desktop.exchange.spreadsheet.rows import RowReader, cell
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
    counts: dict[str, dict[ChangeKind, int]]
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
    with collector_paused(survivors_aged=True):  # millions of cells, none in a cycle
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
    try:
        planner.run()
    finally:
        planner.forget()
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
        self.changes: list[RecordChange] = []
        self.writes: list[SheetWrite] = []
        self.duplicates: list[LikelyDuplicate] = []
        self.counts = {entity: dict.fromkeys(KINDS, 0) for entity in ENTITIES}
        self.by_field = {column.field: column for column in layout.field_columns}
        self.problems = Problems(sheet.file_name, self.spec, self.by_field)
        self.rows = RowReader(sheet, layout, self.problems, self._links)

    # -- the run ----------------------------------------------------------------------------

    def run(self) -> None:
        self.rows.check_columns()
        self.problems.check()
        self.current = read_current(self.session, self.entity)
        needs_cities = any(spec.kind == Kind.LINKS for spec in self.rows.specs.values())
        self.book = (
            CityBook.read(self.session)
            if needs_cities or self.entity == "conference"
            else CityBook(())
        )
        self.seen: dict[str, int] = {}
        self.new_keys: dict[tuple[Any, ...], int] = {}
        uuid_column = self.layout.uuid_column
        unchanged, rows = self.rows.set_aside_unchanged(self.current, self.seen, self.book.written)
        self.counts[self.entity][ChangeKind.UNCHANGED] += unchanged
        total = len(rows)
        for done, (number, row) in enumerate(rows):
            if self.progress is not None and done % _SLICE == 0:
                self.progress(_("Comparing rows"), done, total)
            if not any(row) and all(item is None or item == "" for item in row):
                continue
            raw_uuid = cell(row, uuid_column)
            values = self.rows.values(number, row)
            if values is None:
                continue
            if raw_uuid not in (None, ""):
                self._update(number, str(raw_uuid).strip(), values, uuid_column)
            else:
                self._new(number, values)
        self.problems.check()
        self._find_duplicates()

    def forget(self) -> None:
        """Let the records read go now: the row reader refers back to the planner (a
        cycle that reference counting alone would never free)."""
        for name in ("rows", "current", "book", "live_keys"):
            self.__dict__.pop(name, None)

    @cached_property
    def live_keys(self) -> dict[tuple[Any, ...], list[str]]:
        """Duplicate keys of the records not deleted (only a new or renamed record needs them)."""
        return self.current.live_keys(self.entity)

    def _links(self, names: list[str]) -> list[str]:
        return [self.book.resolve(name) for name in names]

    def _update(
        self, number: int, uuid: str, values: dict[str, Any], uuid_column: Column | None
    ) -> None:
        assert uuid_column is not None
        record = self.current.get(uuid) or self.current.get(uuid.lower())
        if record is None and not is_uuid(uuid.lower()):
            self.problems.at_cell(
                number,
                uuid_column,
                _("is not a record identifier (leave it empty to add the row as a new record)"),
            )
            return
        uuid = uuid.lower()
        if self.seen.get(uuid, number) != number:
            self.problems.at_cell(
                number, uuid_column, _("the same record as row {row}").format(row=self.seen[uuid])
            )
            return
        self.seen[uuid] = number
        label = _(self.spec.label).lower()
        if record is None:
            self.problems.at_cell(
                number,
                uuid_column,
                _(
                    "no {record} with this identifier in this catalogue (leave the cell empty to "
                    "add the row as a new {record})"
                ).format(record=label),
            )
            return
        if record.deleted:
            self.problems.at_cell(
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
            self.problems.at_field(number, problem.field, problem.message)
        if problems:
            return
        changed = {name: cleaned[name] for name in differing if cleaned[name] != mine[name]}
        if not changed:
            self.counts[self.entity][ChangeKind.UNCHANGED] += 1
            return
        theirs = {**mine, **changed}
        if self.entity == "city" and {"name", "country_code", "creative_field"} & set(changed):
            key = duplicate_key("city", theirs)
            taken = self.live_keys.get(key, []) if key is not None else []
            others = [other for other in taken if other != uuid]
            if others:
                self._city_taken(number, others[0])
                return
        self.writes.append(SheetWrite(uuid, False, changed))
        self._record(ChangeKind.UPDATED, uuid, number, mine, theirs)

    def _new(self, number: int, values: dict[str, Any]) -> None:
        cleaned, problems = clean(self.entity, values)
        for problem in problems:
            self.problems.at_field(number, problem.field, problem.message)
        if problems:
            return
        key = duplicate_key(self.entity, cleaned)
        if key is not None and key in self.new_keys:
            where = self.by_field.get(self.spec.title_field)
            message = _("the same {record} as row {row}").format(
                record=_(self.spec.label).lower(), row=self.new_keys[key]
            )
            if where is not None and self.entity == "city":
                self.problems.at_cell(number, where, message)
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
            self.problems.at_field(number, "name", message)
        else:
            self.problems.at_cell(number, column, message)

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


def _snapshot(uuid: str, values: Mapping[str, Any]) -> dict[str, Any]:
    return {"uuid": uuid, "deleted": False, **values}
