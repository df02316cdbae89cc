"""Pausing Python's cyclic garbage collector around bulk work on a whole village."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()
_depth = 0  # bulk tasks running now (the collector's state is process-wide)
_was_enabled = False


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Bulk work (parsing 50,000 people, scoring candidate pairs) allocates millions of small
    objects that form no cycles; the cyclic collector would walk the whole growing heap again
    and again (seconds). Reference counting still frees everything, and the collector is
    switched back on afterwards if it was on before (when the last of overlapping tasks ends).

    What is alive at the end (a preview of 50,000 people: about a million tracked objects) is
    then frozen (``gc.freeze``): the next collection would otherwise walk all of it at once, on
    whichever thread allocates next — the GUI thread, a 70-200 ms freeze. ``thaw`` (called by
    the UI once the result is dropped) or the next bulk task gives it back to the collector."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
            gc.unfreeze()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.freeze()
                gc.enable()


def thaw() -> None:
    """Give what bulk work froze back to the collector (its oldest generation): call it when
    the big result is gone, so that cycles that became garbage meanwhile are collected."""
    with _lock:
        if _depth == 0:
            gc.unfreeze()


def release_in_slices(items: list[Any], size: int = 2_000) -> None:
    """Empty ``items`` a slice at a time. Freeing 50,000 parsed rows at once is one C-level
    cascade of about 0.1 s that never lets go of the GIL (the GUI thread would stand still);
    between slices the interpreter lets other threads run. Only rows nothing else refers to
    are freed here, so drop the other references first."""
    while items:
        del items[-size:]


def release_entries(items: dict[Any, Any]) -> None:
    """``release_in_slices`` for a dict: one entry at a time (popping is cheap next to freeing
    what an entry holds)."""
    while items:
        items.popitem()
