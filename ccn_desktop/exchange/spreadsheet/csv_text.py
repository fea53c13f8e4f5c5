"""CSV text written a column at a time, byte for byte what `csv.writer` writes.

`csv.writer` looks at every character of every cell, row by row. In an export most
columns (UUIDs, names, codes, years, coordinates) hold no comma, quote or line
break at all, and one search over a whole column says so; only the columns that
have one (notes, objectives, report dates) are quoted cell by cell. The rows are
then joined by C-level `str.join`. Same dialect as `csv.writer`'s default
("excel": comma, double quote doubled, minimal quoting, CRLF line ends); a test
compares the two on random text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPECIAL = re.compile(r'[",\r\n]')  # what makes the "excel" dialect quote a cell
_APART = "\x00"  # joins a column for one search; a NUL cannot hide a special character


def quoted_column(cells: Sequence[str]) -> Sequence[str]:
    """The column's cells as CSV fields: quoted (quotes doubled) where they must be."""
    if not _SPECIAL.search(_APART.join(cells)):
        return cells
    search = _SPECIAL.search
    return ['"' + cell.replace('"', '""') + '"' if search(cell) else cell for cell in cells]


def csv_lines(columns: Sequence[Sequence[str]]) -> str:
    """Rows given column by column (all the same length), as CSV text with CRLF ends."""
    fields = [quoted_column(column) for column in columns]
    if len(fields) == 1:  # csv.writer writes a lone empty field as "" (a line, not nothing)
        rows = ['""' if cell == "" else cell for cell in fields[0]]
    else:
        rows = list(map(",".join, zip(*fields, strict=True)))
    if not rows:
        return ""
    return "\r\n".join(rows) + "\r\n"
