"""Version vectors: inclusion, comparison, element-wise maximum."""

from __future__ import annotations

from ccn_desktop.catalogue.field_merge import saw
from ccn_desktop.catalogue.versions import compare, covers, includes, merged

A, B, C = "a" * 8, "b" * 8, "c" * 8


def test_compare() -> None:
    assert compare({A: 1}, {A: 1}) == "equal"
    assert compare({A: 2}, {A: 1}) == "newer"
    assert compare({A: 1}, {A: 1, B: 1}) == "older"
    assert compare({A: 2}, {A: 1, B: 1}) == "concurrent"
    assert covers({A: 1, B: 0}, {A: 1}) and covers({A: 1}, {A: 1, B: 0})
    assert merged([{A: 2, B: 1}, {B: 3}, {}]) == {A: 2, B: 3}


def test_one_inclusion_rule_for_records_and_for_field_writes() -> None:
    """A version has seen an office's write when its counter for that office is at least the
    write's: the record level (`covers`) and the field level (`field_merge.saw`, a write's
    dot) ask the same question."""
    assert includes({A: 2}, A, 2) and includes({A: 3}, A, 2)
    assert not includes({A: 1}, A, 2) and not includes({B: 5}, A, 1)
    assert includes({}, A, 0)
    for vector in ({}, {A: 1}, {A: 2, B: 1}, {B: 3}):
        for office, counter in ((A, 1), (A, 2), (B, 2)):
            expected = vector.get(office, 0) >= counter
            assert covers(vector, {office: counter}) is expected
            assert saw(vector, (office, counter, "2026-01-01T00:00:00Z")) is expected
        assert saw(vector, None)  # the creation: seen by every version
