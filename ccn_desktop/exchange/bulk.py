"""Bulk work on many small objects: the cyclic garbage collector waits until it is done.

Reading a bundle of 100,000 records makes millions of dicts and strings, none of them
in reference cycles; each of them counts towards the collector's thresholds, and every
full collection walks all of them again — about two fifths of an import's time. The
collector is paused for such a step and started again after it (if it was running),
whatever happens. Memory freed by reference counting is freed as usual meanwhile.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:
            gc.enable()
