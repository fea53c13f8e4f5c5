"""The problems of a sheet, each named by its place, gathered before anything is written."""

from __future__ import annotations

from collections.abc import Mapping

from ccn_desktop.catalogue.entities import EntitySpec
from ccn_desktop.exchange.spreadsheet.columns import Column
from ccn_desktop.exchange.spreadsheet.errors import MAX_LISTED, SheetProblems
from ccn_desktop.i18n import _


class Problems:
    """Sentences like "cities.xlsx, row 14, column F (E-mail): …"; the first MAX_LISTED are
    kept, all are counted."""

    def __init__(self, file_name: str, spec: EntitySpec, by_field: Mapping[str, Column]) -> None:
        self.file_name = file_name
        self.spec = spec
        self.by_field = by_field
        self.listed: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.listed) < MAX_LISTED:
            self.listed.append(message)

    def at_cell(self, row: int | None, column: Column, message: str) -> None:
        if row is None:
            place = _("{file}, column {letter} ({header})").format(
                file=self.file_name, letter=column.letter, header=column.header
            )
        else:
            place = _("{file}, row {row}, column {letter} ({header})").format(
                file=self.file_name, row=row, letter=column.letter, header=column.header
            )
        self.add(_("{place}: {message}").format(place=place, message=message))

    def at_field(self, row: int, name: str, message: str) -> None:
        """At the field's cell, or at the row when the sheet has no column for the field."""
        column = self.by_field.get(name)
        if column is not None:
            self.at_cell(row, column, message)
            return
        label = _(self.spec.field(name).label) if name in self.spec.field_names else name
        self.add(
            _("{file}, row {row}: {label} {message}").format(
                file=self.file_name, row=row, label=label, message=message
            )
        )

    def check(self) -> None:
        """Raise SheetProblems if there is any."""
        if self.count:
            raise SheetProblems(self.file_name, self.listed, self.count)
