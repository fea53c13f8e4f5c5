"""Version vectors and a record's set of concurrent versions (DESIGN.md, Exchange 2–5).

A record's state is the set of its versions that no other known version
supersedes: usually one; several when offices edited it concurrently (a
conflict). Adding a version v drops every held version that v dominates, and
ignores v if a held version dominates or equals it. The state is therefore the set
of maximal versions among all versions seen, whatever order they arrived in —
which is what makes offices converge. The version shown is chosen by a rule every
office computes alike (`winner_key`); the others wait for review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

Vector = Mapping[str, int]


def covers(a: Vector, b: Vector) -> bool:
    """Whether `a` includes every edit `b` includes (a ≥ b element-wise)."""
    return all(a.get(office, 0) >= counter for office, counter in b.items())


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


def vector_key(vector: Vector) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(vector.items()))


class Held(NamedTuple):
    """One version of a record: its vector, who made it and when, deleted or not.

    `data` is whatever the caller needs to write it back (a snapshot, a row id). A
    named tuple: an import makes one per record, and compares them by identity.
    """

    vector: Mapping[str, int]
    modified_at: str  # ISO 8601 UTC with microseconds: sorts as text
    modified_by: str
    deleted: bool
    data: Any = None


def winner_key(version: Held) -> tuple[bool, str, str, tuple[tuple[str, int], ...]]:
    """The version shown: a live one before a deletion (an edit concurrent with a delete
    stays in sight, flagged), then the latest change, then the office UUID, then the
    vector — the same choice in every office."""
    return (
        not version.deleted,
        version.modified_at,
        version.modified_by,
        vector_key(version.vector),
    )


def add_version(held: Sequence[Held], incoming: Held) -> tuple[list[Held], bool]:
    """The held set after `incoming` arrives, and whether it changed."""
    for version in held:
        if covers(version.vector, incoming.vector):
            return list(held), False
    kept = [version for version in held if not covers(incoming.vector, version.vector)]
    kept.append(incoming)
    return kept, True


def split(held: Sequence[Held]) -> tuple[Held, list[Held]]:
    """(the version shown, the other sides) of a non-empty held set."""
    ordered = sorted(held, key=winner_key, reverse=True)
    return ordered[0], ordered[1:]


def needs_review(held: Sequence[Held]) -> bool:
    """Concurrent versions of which at least one is live: a person must choose.

    Two offices deleting the same record at once agree; that is no conflict to review.
    """
    return len(held) > 1 and any(not version.deleted for version in held)
