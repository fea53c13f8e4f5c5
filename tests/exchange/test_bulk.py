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
