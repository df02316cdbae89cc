"""The heartbeat repeats the last report only between ``start`` and the end of its block."""

from __future__ import annotations

import threading
import time

import pytest

from siksdesk.services.heartbeat import heartbeat


def test_beats_after_start_until_the_block_ends() -> None:
    reports: list[tuple[int, int, str]] = []

    def progress(done: int, total: int) -> None:
        reports.append((done, total, threading.current_thread().name))

    with heartbeat(progress, 3, 4, every=0.01) as start:
        time.sleep(0.05)
        assert reports == []  # nothing before start
        start()
        start()  # a second start adds no second thread
        deadline = time.monotonic() + 5
        while len(reports) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    count = len(reports)
    time.sleep(0.05)
    assert len(reports) == count >= 3  # and nothing after the block
    assert {r[:2] for r in reports} == {(3, 4)}
    assert {r[2] for r in reports} == {"progress-heartbeat"}


def test_the_block_error_passes_and_the_beat_stops() -> None:
    reports: list[int] = []
    with pytest.raises(ValueError), heartbeat(lambda d, _t: reports.append(d),
                                              every=0.01) as start:
        start()
        raise ValueError
    count = len(reports)
    time.sleep(0.05)
    assert len(reports) == count
