"""Bulk work pauses the cyclic collector, leaves what it built out of the next collections, and
frees big results piecewise (so that other threads — the GUI's — keep running)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from siksdesk.services.gc_pause import (
    cyclic_gc_paused,
    release_entries,
    release_in_slices,
    thaw,
)


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()


class _Node:
    def __init__(self) -> None:
        self.children: list[_Node] = []


def test_paused_inside_frozen_after_and_given_back_at_the_next_pause() -> None:
    gc.enable()
    gc.unfreeze()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        built = [_Node() for _ in range(1_000)]
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert frozen >= len(built)  # the next collections do not walk what the bulk work built
    walked = {id(thing) for thing in gc.get_objects()}  # what a collection would walk
    assert not any(id(node) in walked for node in built)
    with cyclic_gc_paused():
        assert gc.get_freeze_count() == 0  # back in the oldest generation
    assert gc.get_freeze_count() > 0


def test_a_collector_that_was_off_stays_off_and_nothing_is_frozen() -> None:
    gc.disable()
    gc.unfreeze()
    with cyclic_gc_paused():
        _nodes = [_Node() for _ in range(100)]
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_release_in_slices_and_entries_empty_the_containers() -> None:
    items = [_Node() for _ in range(4_321)]
    release_in_slices(items, size=1_000)
    assert items == []
    entries = {n: _Node() for n in range(2_345)}
    release_entries(entries)
    assert entries == {}


def test_overlapping_tasks_switch_the_collector_back_on_once_the_last_ends() -> None:
    gc.enable()
    with cyclic_gc_paused():
        with cyclic_gc_paused():  # another thread's task, say
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first task still runs
    assert gc.isenabled()


def test_thaw_lets_the_collector_find_garbage_cycles_made_during_bulk_work() -> None:
    gc.enable()
    with cyclic_gc_paused():
        node = _Node()
        node.children.append(node)  # a cycle: only the collector frees it
        alive = weakref.ref(node)
        del node
    gc.collect()
    assert alive() is not None  # frozen: no collection walks it
    thaw()
    gc.collect()
    assert alive() is None
