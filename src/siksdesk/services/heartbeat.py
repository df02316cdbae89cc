"""Progress for a step that cannot report its own: the import's COMMIT is one SQLite call of
0.2–0.4 s for 50,000 people (and longer on a slow disk), during which the progress bar would
stand still. A helper thread repeats the last report every 0.1 s until the step is over
(SQLite releases the GIL while it commits)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final

BEAT_SECONDS: Final = 0.1


@contextmanager
def heartbeat(progress: Callable[[int, int], None], done: int = 1, total: int = 1,
              *, every: float = BEAT_SECONDS) -> Iterator[Callable[[], None]]:
    """Yields ``start``: from that call until the block ends, ``progress(done, total)`` comes
    every ``every`` seconds from a helper thread (the callback must accept calls from any
    thread, as the GUI's task runner and the command line's printer do)."""
    stop = threading.Event()
    started: list[threading.Thread] = []

    def beat() -> None:
        while not stop.wait(every):
            progress(done, total)

    def start() -> None:
        if not started:
            thread = threading.Thread(target=beat, name="progress-heartbeat", daemon=True)
            started.append(thread)
            thread.start()

    try:
        yield start
    finally:
        stop.set()
        for thread in started:
            thread.join()
