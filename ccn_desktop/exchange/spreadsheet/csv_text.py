"""CSV text written a column at a time, in the dialect `csv.writer` writes by default.

`csv.writer` looks at every character of every cell, row by row. In an export most
columns (UUIDs, names, codes, years, coordinates) hold no comma, quote or line
break at all, and one search over a whole column says so: they are written bare.
A column that does hold one (notes, objectives, report dates) has every cell
quoted, rather than each cell looked at (RFC 4180 lets any field be quoted; every
spreadsheet program and `csv.reader` read `"Dakar"` as `Dakar`): its quotes are in
the row's template (`"%s"`), which the C-level `%` operator fills in row by row.
Dialect "excel": comma, double quote doubled, CRLF line ends; a test reads random
text back with `csv.reader`.
"""

from __future__ import annotations

from collections.abc import Sequence

_SPECIAL = ',"\r\n'  # what makes the "excel" dialect quote a field
_NUL = "\x00"  # joins a column into one text; a text holding a NUL itself is quoted alone


def _as_fields(cells: Sequence[str], joined: str | None) -> tuple[Sequence[str], str]:
    """The column's cells ready to go between its quotes (if any), and its place in a
    row's template: `%s` bare, or `"%s"` when any cell must be quoted. `joined`: the
    cells joined by NULs, if the caller has it (None: made here)."""
    if joined is None:
        joined = _NUL.join(cells)
        if joined.count(_NUL) != len(cells) - 1:  # a cell holding a NUL itself
            if any(character in cell for cell in cells for character in _SPECIAL):
                return [cell.replace('"', '""') for cell in cells], '"%s"'
            return cells, "%s"
    if not any(character in joined for character in _SPECIAL):  # four quick scans
        return cells, "%s"
    if '"' not in joined:
        return cells, '"%s"'
    return joined.replace('"', '""').split(_NUL), '"%s"'


def csv_lines(columns: Sequence[Sequence[str]], joined: Sequence[str | None] | None = None) -> str:
    """Rows given column by column (all the same length), as CSV text with CRLF ends.
    `joined`: for each column, its cells joined by NULs if the caller has that already."""
    if not columns or not columns[0]:
        return ""
    fields, places = zip(*map(_as_fields, columns, joined or [None] * len(columns)),
                         strict=True)  # fmt: skip
    if len(fields) == 1 and places[0] == "%s":
        # csv.writer writes a lone empty field as "" (a line, not nothing)
        rows = ['""' if cell == "" else cell for cell in fields[0]]
    else:
        rows = list(map(",".join(places).__mod__, zip(*fields, strict=True)))
    return "\r\n".join(rows) + "\r\n"
