"""Alias pairs resolve references the same way whatever order the merges arrive in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue.aliases import representatives, resolve_list


def test_a_merge_a_chain_and_a_cycle() -> None:
    assert representatives([("m", "k")]) == {"m": "k"}
    assert representatives([("m", "k"), ("k", "z")]) == {"m": "z", "k": "z"}
    assert representatives([("m", "k"), ("k", "m")]) == {"m": "k"}  # smallest of the cycle
    # Merged into two different records: both targets stand, references join the smaller.
    assert representatives([("m", "x"), ("m", "b")]) == {"m": "b", "x": "b"}


def test_resolving_a_list_keeps_order_and_drops_repeats() -> None:
    assert resolve_list({"m": "k"}, ["a", "m", "k", "b"]) == ["a", "k", "b"]
    assert resolve_list({}, ["a", "a"]) == ["a"]


names = st.sampled_from("abcdefg")
pairs = st.lists(st.tuples(names, names).filter(lambda p: p[0] != p[1]), max_size=8)


@settings(max_examples=200, deadline=None)
@given(pairs, pairs, st.lists(names, max_size=6))
def test_resolving_in_two_steps_equals_resolving_at_once(
    first: list[tuple[str, str]], later: list[tuple[str, str]], links: list[str]
) -> None:
    """An office that learnt `first` and rewrote its links, then learnt `later`, ends where
    an office that learnt both at once ends."""
    early = resolve_list(representatives(first), links)
    both = representatives(first + later)
    assert resolve_list(both, early) == resolve_list(both, links)
    assert representatives(later + first) == both
