"""Version vectors and held sets: order of arrival never matters."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue.versions import (
    Held,
    add_version,
    compare,
    covers,
    merged,
    needs_review,
    split,
)

A, B, C = "a" * 8, "b" * 8, "c" * 8


def held(
    vector: dict[str, int], at: str = "2026-01-01", by: str = A, deleted: bool = False
) -> Held:
    return Held(vector, at, by, deleted)


def test_compare() -> None:
    assert compare({A: 1}, {A: 1}) == "equal"
    assert compare({A: 2}, {A: 1}) == "newer"
    assert compare({A: 1}, {A: 1, B: 1}) == "older"
    assert compare({A: 2}, {A: 1, B: 1}) == "concurrent"
    assert covers({A: 1, B: 0}, {A: 1}) and covers({A: 1}, {A: 1, B: 0})
    assert merged([{A: 2, B: 1}, {B: 3}, {}]) == {A: 2, B: 3}


def test_adding_versions() -> None:
    base = held({A: 1})
    state, changed = add_version([base], held({A: 1}))
    assert not changed and state == [base]
    state, changed = add_version([base], held({A: 2}))
    assert changed and [v.vector for v in state] == [{A: 2}]
    state, changed = add_version(state, held({A: 1, B: 1}))
    assert changed and len(state) == 2 and needs_review(state)
    state, changed = add_version(state, held({A: 2, B: 1, C: 1}))
    assert changed and [v.vector for v in state] == [{A: 2, B: 1, C: 1}]


def test_the_shown_version_is_live_first_then_latest_then_office() -> None:
    edit = held({A: 2}, at="2026-01-01", by=A)
    later_delete = held({B: 1}, at="2026-03-01", by=B, deleted=True)
    assert split([later_delete, edit])[0] is edit
    first, second = held({A: 2}, at="2026-01-01", by=B), held({C: 1}, at="2026-01-01", by=C)
    assert split([first, second])[0] is second and split([second, first])[0] is second
    assert not needs_review([later_delete, held({C: 1}, deleted=True)])


vectors = st.dictionaries(st.sampled_from([A, B, C]), st.integers(1, 4), min_size=1)


def _includes(a: dict[str, int], b: dict[str, int]) -> bool:
    """The oracle's dominance, written here rather than taken from the code under test."""
    return all(a.get(office, 0) >= counter for office, counter in b.items())


@settings(max_examples=150, deadline=None)
@given(st.lists(vectors, min_size=1, max_size=7, unique_by=lambda v: tuple(sorted(v.items()))))
def test_the_held_set_is_the_maxima_whatever_the_order(versions: list[dict[str, int]]) -> None:
    maxima = {
        tuple(sorted(v.items()))
        for v in versions
        if not any(_includes(w, v) and not _includes(v, w) for w in versions)
    }
    for order in itertools.islice(itertools.permutations(versions), 24):
        state: list[Held] = []
        for vector in order:
            state, _ = add_version(state, held(vector))
        assert {tuple(sorted(v.vector.items())) for v in state} == maxima
