"""Which column holds which field: header labels out, header recognition in.

A sheet has a `uuid` column and one column per field, headed by the field's label
in the interface language. Reading, a header cell may be that label in any of the
program's languages (English, French, Spanish: the message catalogues' own words,
`words.every_language`), whatever the interface language, or the field's name;
case, accents, apostrophes (’ or ') and spaces do not matter. The entity whose
fields match the most headers is the sheet's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ccn_desktop.catalogue.entities import ENTITIES, FieldSpec
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.exchange.spreadsheet.errors import SpreadsheetError
from ccn_desktop.exchange.spreadsheet.words import every_language
from ccn_desktop.i18n import _

UUID_HEADER = "uuid"


def entity_of(word: str) -> str:
    """'cities' or 'city' -> 'city'."""
    for name, spec in ENTITIES.items():
        if word in (name, spec.plural):
            return name
    raise KeyError(word)


def header_label(spec: FieldSpec) -> str:
    """The column's header, in the interface language."""
    return _(spec.label)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _key(text: str) -> str:
    return " ".join(fold(text).replace("*", " ").split())


def _names_of(spec: FieldSpec) -> set[str]:
    names = {spec.name, _(spec.label), *every_language(spec.label)}
    return {_key(name) for name in names}


@dataclass(frozen=True)
class Column:
    """One column of a sheet read: its position, its header as written, and its field
    (`UUID_HEADER` for the identity column, "" for a column no field matches)."""

    index: int
    header: str
    field: str

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(frozen=True)
class Layout:
    """The header of a sheet: which entity, and which column holds what."""

    entity: str
    columns: tuple[Column, ...]

    @property
    def uuid_column(self) -> Column | None:
        return next((c for c in self.columns if c.field == UUID_HEADER), None)

    @property
    def field_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.field not in ("", UUID_HEADER))


def recognise(header: Sequence[object], file_name: str) -> Layout:
    """The entity and the columns of a sheet whose first row is `header`.

    Raises SpreadsheetError when no entity's fields match (not one of our sheets).
    """
    keys = [_key(str(cell)) if cell not in (None, "") else "" for cell in header]
    best: tuple[int, str] | None = None
    tied = False
    for name, spec in ENTITIES.items():
        known = set().union(*(_names_of(field) for field in spec.fields))
        score = sum(1 for key in keys if key and key in known)
        if best is None or score > best[0]:
            best, tied = (score, name), False
        elif score == best[0]:
            tied = True
    if best is None or best[0] == 0 or tied:
        raise SpreadsheetError(
            _(
                "{file} has no header this program recognises: its first row must name "
                "the columns (uuid, Name, Country… as in an exported sheet or a template)."
            ).format(file=file_name)
        )
    entity = best[1]
    by_key: dict[str, str] = {_key(UUID_HEADER): UUID_HEADER}
    for field in ENTITIES[entity].fields:
        for key in _names_of(field):
            by_key.setdefault(key, field.name)
    names = set(ENTITIES[entity].field_names)

    def field_of(cell: object, key: str) -> str:
        raw = str(cell).strip() if cell is not None else ""
        if raw in names:  # a field's own name, as written by a script
            return raw
        return by_key.get(key, "") if key else ""

    columns = tuple(
        Column(index, str(cell if cell is not None else "").strip(), field_of(cell, key))
        for index, (cell, key) in enumerate(zip(header, keys, strict=True))
    )
    return Layout(entity, columns)
