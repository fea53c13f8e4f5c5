"""What a table asks for and gets back: plain data, no SQLAlchemy, no Qt.

Kept apart from `queries.py` so that the window can build queries and hold rows
before it has loaded SQLAlchemy (its first paint does not need it; see `peek.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RecordQuery:
    """What a table shows: text search, structured filters, deleted or not, and order."""

    text: str = ""
    equals: dict[str, Any] = field(default_factory=dict)  # field -> value
    ranges: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    linked_city: str | None = None  # conferences hosted by / projects joined by this city UUID
    deleted: bool = False  # True: the "Recently deleted" view
    needs_review: bool | None = None
    sort: str = ""  # a column of the entity's table; "" = the entity's natural order
    descending: bool = False


@dataclass(frozen=True)
class TableRow:
    id: int
    uuid: str
    values: dict[str, Any]
    needs_review: bool


# The order of a table before the user picks a column, and the column a name or title
# sorts by (the folded search key, so that "Łódź" sorts with "Lodz"). queries.py and
# peek.py both order by these.
DEFAULT_ORDER = {
    "city": ("search_key",),
    "conference": ("year", "edition"),
    "project": ("search_key",),
}
