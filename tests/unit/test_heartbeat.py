"""The heartbeat repeats the last report only between ``start`` and the end of its block."""

from __future__ import annotations

import threading

import pytest

from siksdesk.services.heartbeat import heartbeat

WAIT_S = 5.0  # upper bound for a condition that normally holds within milliseconds


def _beating() -> bool:
    return any(t.name == "progress-heartbeat" for t in threading.enumerate())


def test_beats_after_start_until_the_block_ends() -> None:
    reports: list[tuple[int, int, str]] = []
    three = threading.Event()

    def progress(done: int, total: int) -> None:
        reports.append((done, total, threading.current_thread().name))
        if len(reports) >= 3:
            three.set()

    with heartbeat(progress, 3, 4, every=0.01) as start:
        assert not _beating()  # no helper thread, hence no report, before start
        start()
        start()  # a second start adds no second thread
        assert sum(t.name == "progress-heartbeat" for t in threading.enumerate()) == 1
        assert three.wait(WAIT_S)
    count = len(reports)
    assert not _beating()  # the block joined the helper: no report can follow
    assert len(reports) == count >= 3
    assert {r[:2] for r in reports} == {(3, 4)}
    assert {r[2] for r in reports} == {"progress-heartbeat"}


def test_the_block_error_passes_and_the_beat_stops() -> None:
    first = threading.Event()
    with pytest.raises(ValueError), heartbeat(lambda _d, _t: first.set(), every=0.01) as start:
        start()
        assert first.wait(WAIT_S)
        raise ValueError
    assert not _beating()
