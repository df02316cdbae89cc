"""Pausing Python's cyclic garbage collector around bulk work on a whole village."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Bulk work (parsing 50,000 people, scoring candidate pairs) allocates millions of small
    objects that form no cycles; the cyclic collector would walk the whole growing heap again
    and again (seconds). Reference counting still frees everything, and the collector is
    switched back on afterwards if it was on before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
