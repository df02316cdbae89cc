"""A shorter GIL switch interval while python-calamine reads on a worker thread.

python-calamine releases the GIL while it parses, but takes it back many times per piece (it
reads its input through the Python file object). Each time, it waits until the thread that
holds the GIL — the one parsing rows — is asked to let go, which Python does only every 5 ms by
default: over a 50,000-person sheet the reader lost 1.5–2.5 s that way (bench/bench_import.py;
measured 0.5 s with 0.2 ms). Only two threads take turns, so the shorter interval costs
the row parser next to nothing.
"""

from __future__ import annotations

import sys
import threading
from typing import Final

READING_INTERVAL: Final = 0.0002  # seconds

_lock = threading.Lock()
_readers = 0
_saved = 0.0


class QuickHandoff:
    """Held by one reader from ``start`` to ``stop`` (both idempotent); the interpreter's own
    interval comes back when the last reader stops."""

    def __init__(self) -> None:
        self._held = False

    def start(self) -> None:
        global _readers, _saved
        with _lock:
            if self._held:
                return
            self._held = True
            if _readers == 0:
                _saved = sys.getswitchinterval()
                sys.setswitchinterval(min(_saved, READING_INTERVAL))
            _readers += 1

    def stop(self) -> None:
        global _readers
        with _lock:
            if not self._held:
                return
            self._held = False
            _readers -= 1
            if _readers == 0:
                sys.setswitchinterval(_saved)
