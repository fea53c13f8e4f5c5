"""Version vectors: inclusion, comparison, element-wise maximum."""

from __future__ import annotations

from ccn_desktop.catalogue.versions import compare, covers, merged

A, B, C = "a" * 8, "b" * 8, "c" * 8


def test_compare() -> None:
    assert compare({A: 1}, {A: 1}) == "equal"
    assert compare({A: 2}, {A: 1}) == "newer"
    assert compare({A: 1}, {A: 1, B: 1}) == "older"
    assert compare({A: 2}, {A: 1, B: 1}) == "concurrent"
    assert covers({A: 1, B: 0}, {A: 1}) and covers({A: 1}, {A: 1, B: 0})
    assert merged([{A: 2, B: 1}, {B: 3}, {}]) == {A: 2, B: 3}
