"""A field's value as a cell, and a cell back as a value the catalogue's rules can check.

Lists are one item a line within the cell; links are city names joined by "; ";
dates are real dates in a workbook and YYYY-MM-DD in a CSV file.

Formula injection: a text beginning with = + - @ (or a tab or carriage return) would
become a formula when the file is opened in Excel or LibreOffice. In a workbook such
a cell is written as a text cell with the "quote prefix" flag, which keeps it text
even when edited; in a CSV file it gets a leading apostrophe ('), which reading
removes again (`inert_csv` and `from_csv_text` are inverse).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ccn_desktop.catalogue.entities import NUMBER_KINDS, TEXT_KINDS, FieldSpec, Kind
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.exchange.spreadsheet.words import every_language
from ccn_desktop.i18n import _

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_first = operator.itemgetter(slice(0, 1))
LINK_SEPARATOR = "; "


class CellProblem(Exception):
    """A cell that cannot be a value of its field; the message is a sentence fragment."""


def needs_guard(text: str) -> bool:
    """Whether a text would be taken for a formula by a spreadsheet program."""
    return bool(text) and text[0] in TRIGGERS


def inert_csv(text: str) -> str:
    """The text as a CSV field no spreadsheet program runs as a formula."""
    if needs_guard(text) or (text[:1] == "'" and (needs_guard(text[1:]) or text[1:2] == "'")):
        return "'" + text
    return text


def from_csv_text(text: str) -> str:
    """Undo `inert_csv`."""
    if text[:1] == "'" and (needs_guard(text[1:]) or text[1:2] == "'"):
        return text[1:]
    return text


# -- out --------------------------------------------------------------------------------


def out_value(spec: FieldSpec, value: Any, city_name: Callable[[str], str]) -> Any:
    """The cell of a stored value: text, a number, a date, or None for an empty cell.

    Text is returned as it is; the writer makes it inert (`needs_guard`).
    """
    kind = spec.kind
    if value is None or value == "" or value == []:
        return None
    if kind == Kind.LINKS:
        return LINK_SEPARATOR.join(city_name(uuid) for uuid in value)
    if kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
        return "\n".join(str(item) for item in value)
    if kind == Kind.DATE:
        return dt.date.fromisoformat(value)
    return value


def out_column(
    field: FieldSpec, values: Sequence[Any], city_name: Callable[[str], str]
) -> list[Any]:
    """`out_value` of a column of stored values, in bulk."""
    kind = field.kind
    if kind in TEXT_KINDS:
        return [value or None for value in values]
    if kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
        return [(value and "\n".join(value)) or None for value in values]
    if kind in NUMBER_KINDS:
        return list(values)
    return [out_value(field, value, city_name) for value in values]


def csv_text(value: Any) -> str:
    """A cell as CSV text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return inert_csv(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def csv_column(
    field: FieldSpec, values: Sequence[Any], city_name: Callable[[str], str]
) -> list[str]:
    """The CSV text of a column of stored values (`csv_text(out_value(…))` of each, in bulk);
    a text column as `read_current` gives it, without None."""
    return csv_column_joined(field, values, city_name)[0]


def csv_column_joined(
    field: FieldSpec, values: Sequence[Any], city_name: Callable[[str], str]
) -> tuple[list[str], str | None]:
    """`csv_column`, and those texts joined by NULs when that was made on the way (the
    writer's quoting looks at the joined column too: see csv_text.py)."""
    kind = field.kind
    if kind in TEXT_KINDS:
        texts = list(values)
    elif kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
        texts = list(map("\n".join, values))
    elif kind == Kind.DATE:
        texts = [value or "" for value in values]
    elif kind in NUMBER_KINDS:
        if None in values:
            return ["" if value is None else repr(value) for value in values], None
        return list(map(repr, values)), None
    else:
        return [csv_text(out_value(field, value, city_name)) for value in values], None
    return inert_column(texts)


_NUL = "\x00"  # joins a column into one text (catalogue text holds none; checked anyway)
# A cell's start, after the NUL that joins a column into one text, that `inert_csv` guards.
_STARTS = re.escape("".join(TRIGGERS))
_GUARDED_START = re.compile(f"{_NUL}(?=[{_STARTS}]|'[{_STARTS}'])")


def inert_column(texts: list[str]) -> tuple[list[str], str | None]:
    """`inert_csv` of every text of a column, as one search (and one substitution) over
    the column joined by NULs rather than a look at each text (a column of phone
    numbers "+33 …" guards most of its cells); and the result joined by NULs (None
    when a text holds a NUL itself)."""
    if not texts:
        return texts, None
    joined = _NUL + _NUL.join(texts)
    if joined.count(_NUL) != len(texts):  # a text holding a NUL itself: one by one
        return [inert_csv(text) for text in texts], None
    if not _GUARDED_START.search(joined):
        return texts, joined[1:]
    joined = _GUARDED_START.sub(_NUL + "'", joined)[1:]
    return joined.split(_NUL), joined


def begins_with(texts: Sequence[str], starts: frozenset[str]) -> bool:
    """Whether a text begins with one of the characters `starts`: only each text's first
    character is looked at (the texts of a column of notes are long)."""
    return not starts.isdisjoint(map(_first, texts))


# -- in ---------------------------------------------------------------------------------


def _as_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _lines(raw: Any) -> list[str]:
    return [line.strip() for line in _as_text(raw).splitlines() if line.strip()]


def choice_reader(spec: FieldSpec) -> Mapping[str, str]:
    """Folded stored value or its word in any language (`every_language`) -> the stored value."""
    book = {}
    for choice in spec.choices:
        for word in (*every_language(choice), _(choice)):
            book[fold(word)] = choice
    return book


def in_value(spec: FieldSpec, raw: Any, choices: Mapping[str, str] | None = None) -> Any:
    """The value of a cell for `spec`, in the shape `validation.clean` takes.

    Text is stripped; numbers written as text become numbers when they are ones;
    what cannot be converted is passed on as text for the rules to name. LINKS
    give the list of names (resolved by the planner).
    """
    kind = spec.kind
    if kind in TEXT_KINDS:
        text = _as_text(raw).strip()
        if kind in (Kind.COUNTRY, Kind.CURRENCY):
            return text.upper()
        if kind == Kind.CHOICE and text and choices is not None:
            return choices.get(fold(text), text)
        return text
    if kind in NUMBER_KINDS:
        if raw is None or raw == "":
            return None
        if isinstance(raw, bool | dt.date):
            raise CellProblem(_("must be a number"))
        if isinstance(raw, str):
            text = raw.strip()
            if not text:
                return None
            try:
                return int(text) if kind != Kind.FLOAT else float(text.replace(",", "."))
            except ValueError:
                return text
        if kind != Kind.FLOAT and isinstance(raw, float) and raw.is_integer():
            return int(raw)
        return raw
    if kind == Kind.DATE:
        if isinstance(raw, dt.datetime):
            return raw.date().isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        text = _as_text(raw).strip()
        return text or None
    if kind == Kind.DATE_LIST:
        if isinstance(raw, dt.date):
            return [_as_text(raw)]
        return _lines(raw)
    if kind == Kind.TEXT_LIST:
        return _lines(raw)
    if kind == Kind.LINKS:
        text = _as_text(raw).replace("\n", ";")
        return [part.strip() for part in text.split(";") if part.strip()]
    raise AssertionError(kind)  # pragma: no cover - every kind is handled above


def converter(
    spec: FieldSpec, *, csv: bool, choices: Mapping[str, str] | None = None
) -> Callable[[Any], Any]:
    """`in_value` for one column, with the common cases decided once (a sheet of 100,000
    rows converts two million cells): text cells of a text field are only stripped."""
    kind = spec.kind

    def unguard(raw: Any) -> Any:
        return from_csv_text(raw) if raw[:1] == "'" else raw

    if kind in (Kind.TEXT, Kind.LONG_TEXT, Kind.EMAIL, Kind.URL, Kind.PHONE):

        def text(raw: Any) -> Any:
            if raw.__class__ is str:
                return (unguard(raw) if csv else raw).strip()
            return in_value(spec, raw)

        return text
    if kind in (Kind.CHOICE, Kind.COUNTRY, Kind.CURRENCY):
        allowed = frozenset(spec.choices)

        def code(raw: Any) -> Any:
            if raw.__class__ is str:
                text = (unguard(raw) if csv else raw).strip()
                if kind != Kind.CHOICE:
                    return text.upper()
                if text in allowed or not text:
                    return text
            return in_value(spec, raw, choices)

        return code
    if kind in (Kind.TEXT_LIST, Kind.DATE_LIST):

        def lines(raw: Any) -> Any:
            if raw.__class__ is str:
                raw = unguard(raw) if csv else raw
                return [line.strip() for line in raw.splitlines() if line.strip()] if raw else []
            return in_value(spec, raw)

        return lines
    if kind in NUMBER_KINDS and csv:
        integer = kind != Kind.FLOAT

        def number(raw: Any) -> Any:
            if raw is None or raw == "":
                return None
            try:
                return int(raw) if integer else float(raw)
            except ValueError:
                return in_value(spec, unguard(raw))

        return number
    if csv:
        return lambda raw: in_value(spec, unguard(raw), choices)
    return lambda raw: in_value(spec, raw, choices)


def column_converter(
    spec: FieldSpec, convert: Callable[[Any], Any], *, csv: bool
) -> Callable[[Sequence[Any]], list[Any]]:
    """`convert` over a whole column; in a CSV file the usual text and number columns are
    converted by the built-in functions in one pass (no cell of them needs more)."""
    kind = spec.kind

    def each(cells: Sequence[Any]) -> list[Any]:
        return list(map(convert, cells))

    if not csv:
        return each
    if kind in (Kind.TEXT, Kind.LONG_TEXT, Kind.EMAIL, Kind.URL, Kind.PHONE):

        def texts(cells: Sequence[Any]) -> list[Any]:
            if not _guarded(cells):
                return list(map(str.strip, cells))
            return [(from_csv_text(c) if c[:1] == "'" else c).strip() for c in cells]

        return texts
    if kind in (Kind.COUNTRY, Kind.CURRENCY):

        def codes(cells: Sequence[Any]) -> list[Any]:
            if _guarded(cells):
                return each(cells)
            return list(map(str.upper, map(str.strip, cells)))

        return codes
    if kind == Kind.CHOICE:
        allowed = frozenset((*spec.choices, ""))

        def choices(cells: Sequence[Any]) -> list[Any]:
            stripped = list(map(str.strip, cells))
            return stripped if allowed.issuperset(stripped) else each(cells)

        return choices
    if kind in (Kind.TEXT_LIST, Kind.DATE_LIST):

        def lists(cells: Sequence[Any]) -> list[Any]:
            if _guarded(cells):
                return each(cells)
            return [_split_lines(cell) if cell else [] for cell in cells]

        return lists
    if kind in NUMBER_KINDS:
        make = int if kind != Kind.FLOAT else float

        def numbers(cells: Sequence[Any]) -> list[Any]:
            try:
                return list(map(make, cells))
            except ValueError:  # an empty cell, a decimal comma: one by one
                return each(cells)

        return numbers
    return each


def _guarded(cells: Sequence[str]) -> bool:
    """Whether a cell of a CSV column begins with the formula guard (an apostrophe)."""
    return begins_with(cells, _APOSTROPHE)


_APOSTROPHE = frozenset("'")


def _split_lines(text: str) -> list[str]:
    if "\n" not in text and "\r" not in text:
        text = text.strip()
        return [text] if text else []
    return [line.strip() for line in text.splitlines() if line.strip()]
