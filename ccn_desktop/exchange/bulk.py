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
def collector_paused(*, survivors_aged: bool = False) -> Iterator[None]:
    """Pause the cyclic collector for the block.

    `survivors_aged`: what the block made and keeps (the rows of a sheet held by its
    plan) goes straight to the oldest generation, as if it had survived the young
    collections; otherwise the first young collection after the block walks all of it
    (a sixth of a second for a sheet of 100,000 rows). Cycles among it are still
    found by the next full collection.
    """
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if survivors_aged and gc.get_freeze_count() == 0:
            gc.freeze()  # every tracked object to the permanent generation…
            gc.unfreeze()  # …and from there to the oldest one
        if was_running:
            gc.enable()
