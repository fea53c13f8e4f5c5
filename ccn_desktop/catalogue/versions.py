"""Version vectors (DESIGN.md, Exchange 2–5).

A version vector `{office_uuid: counter}` says which writes of each office a version
of a record has seen. Knowledge (what an office has seen of each office), "for office"
exports and the field-level merge (catalogue/field_merge.py) all compare vectors with
these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Vector = Mapping[str, int]


def includes(vector: Vector, office: str, counter: int) -> bool:
    """Whether a version with `vector` has seen `office`'s write number `counter`: the one
    comparison every dominance test is made of (a field's write in field_merge.py too)."""
    return vector.get(office, 0) >= counter


def covers(a: Vector, b: Vector) -> bool:
    """Whether `a` includes every edit `b` includes (a ≥ b element-wise)."""
    return all(includes(a, office, counter) for office, counter in b.items())


def compare(a: Vector, b: Vector) -> str:
    """'equal', 'newer' (a dominates b), 'older' (b dominates a) or 'concurrent'."""
    a_covers, b_covers = covers(a, b), covers(b, a)
    if a_covers and b_covers:
        return "equal"
    if a_covers:
        return "newer"
    if b_covers:
        return "older"
    return "concurrent"


def merged(vectors: Iterable[Vector]) -> dict[str, int]:
    """Element-wise maximum."""
    result: dict[str, int] = {}
    for vector in vectors:
        for office, counter in vector.items():
            if counter > result.get(office, 0):
                result[office] = counter
    return result
