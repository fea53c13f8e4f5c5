"""The collector is paused for bulk steps and always started again."""

from __future__ import annotations

import gc

import pytest

from ccn_desktop.exchange.bulk import collector_paused


def test_the_collector_is_paused_and_restarted_even_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("a bad bundle")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_survivors_aged_are_kept_and_collected_later_when_in_a_cycle() -> None:
    import weakref

    class Node:
        other: object = None

    with collector_paused(survivors_aged=True):
        kept = [[n] for n in range(1000)]
        cycle = Node()
        cycle.other = cycle
        gone = weakref.ref(cycle)
        del cycle
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert kept[999] == [999]
    gc.collect()
    assert gone() is None  # in the oldest generation, still found by a full collection
