"""Guards against a Qt binding that corrupts reference counts when Python emits signals
(PySide6 6.12.0 on Python 3.11 aborted the interpreter after a few thousand emits)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    with_value = Signal(int)


def test_emitting_signals_keeps_reference_counts() -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.with_value.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for index in range(2000):
        emitter.plain.emit()
        emitter.with_value.emit(index)
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert len(received) == 2000
    # Immortal objects (Python ≥ 3.12) report a huge constant; a leak or loss shows as a change.
    assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50
