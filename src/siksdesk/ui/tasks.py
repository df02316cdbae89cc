"""Background work for the GUI: run ``fn(progress, cancelled)`` off the GUI thread and get the
result, the error or progress back **on the GUI thread** (house rule 4).

``TaskRunner`` uses ``QThreadPool``; ``SyncTaskRunner`` has the same interface and runs inline, so
tests and scripts are deterministic. A task never touches a widget: it reports through the
callbacks, which the runner calls on the thread that owns the runner (the GUI thread).
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
TaskFn = Callable[[Progress, Cancelled], Any]
ResultFn = Callable[[Any], None]
ErrorFn = Callable[[BaseException], None]
ProgressFn = Callable[[int, int], None]

# Progress reports closer together than this are dropped (the first and the final one never are):
# a task may call progress() tens of thousands of times; the GUI needs a few updates a second.
PROGRESS_INTERVAL_S = 0.05


class CancelToken:
    """Thread-safe cancellation flag: the GUI calls ``cancel()``, the task polls ``token()``."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def is_cancelled(self) -> bool:
        return self._event.is_set()

    __call__ = is_cancelled


class Runner(Protocol):
    def run(self, fn: TaskFn, *, on_result: ResultFn, on_error: ErrorFn,
            on_progress: ProgressFn | None = None,
            token: CancelToken | None = None) -> CancelToken: ...


class _Throttle:
    """Forwards ``(done, total)`` at most every PROGRESS_INTERVAL_S, plus the first and last."""

    def __init__(self, emit: Callable[[int, int], None]) -> None:
        self._emit = emit
        self._last = -1.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or self._last < 0 or now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            self._emit(int(done), int(total))


@dataclass(slots=True)
class _Callbacks:
    on_result: ResultFn
    on_error: ErrorFn
    on_progress: ProgressFn | None


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task_id: int, fn: TaskFn, token: CancelToken,
                 report_progress: bool) -> None:
        super().__init__()
        self._runner = runner
        self._id = task_id
        self._fn = fn
        self._token = token
        self._report_progress = report_progress

    def run(self) -> None:  # worker thread: only emits signals, never touches widgets
        runner, task_id = self._runner, self._id
        progress: Progress = _Throttle(lambda d, t: runner.progressed.emit(task_id, d, t)) \
            if self._report_progress else _ignore_progress
        try:
            result = self._fn(progress, self._token)
        except Exception as exc:  # delivered to on_error on the GUI thread, never swallowed
            _deliver(runner, "failed", task_id, exc)
        else:
            _deliver(runner, "succeeded", task_id, result)


def _deliver(runner: TaskRunner, signal: str, task_id: int, outcome: object) -> None:
    """Emit a finished task's outcome, unless its runner (and with it every receiver) has been
    deleted meanwhile — a window closed while its last read was still running."""
    try:
        getattr(runner, signal).emit(task_id, outcome)
    except RuntimeError:
        if shiboken6.isValid(runner):
            raise
        log.debug("a task finished after its runner was deleted; outcome dropped")


def _ignore_progress(_done: int, _total: int) -> None:
    return None


class TaskRunner(QObject):
    """Runs tasks on a ``QThreadPool``. Create it on the GUI thread; callbacks run there.

    The signals carry a task id; they are emitted from worker threads and delivered through
    queued connections to this object's slots, which live on the GUI thread."""

    succeeded = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        queued = Qt.ConnectionType.QueuedConnection
        self.succeeded.connect(self._deliver_result, queued)
        self.failed.connect(self._deliver_error, queued)
        self.progressed.connect(self._deliver_progress, queued)

    def run(self, fn: TaskFn, *, on_result: ResultFn, on_error: ErrorFn,
            on_progress: ProgressFn | None = None,
            token: CancelToken | None = None) -> CancelToken:
        token = token or CancelToken()
        task_id = next(self._ids)
        self._pending[task_id] = _Callbacks(on_result, on_error, on_progress)
        self._pool.start(_Job(self, task_id, fn, token, on_progress is not None))
        return token

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool's workers are idle (used at shutdown and in scripts)."""
        return bool(self._pool.waitForDone(msecs))

    @Slot(int, object)
    def _deliver_result(self, task_id: int, result: object) -> None:
        callbacks = self._pending.pop(task_id, None)
        if callbacks is not None:
            callbacks.on_result(result)

    @Slot(int, object)
    def _deliver_error(self, task_id: int, error: object) -> None:
        callbacks = self._pending.pop(task_id, None)
        if callbacks is not None:
            assert isinstance(error, BaseException)
            callbacks.on_error(error)

    @Slot(int, int, int)
    def _deliver_progress(self, task_id: int, done: int, total: int) -> None:
        callbacks = self._pending.get(task_id)
        if callbacks is not None and callbacks.on_progress is not None:
            callbacks.on_progress(done, total)


class SyncTaskRunner:
    """Same interface as ``TaskRunner``, runs the task inline (tests, scripts). Progress is not
    throttled, so a test sees every report."""

    busy = False

    def run(self, fn: TaskFn, *, on_result: ResultFn, on_error: ErrorFn,
            on_progress: ProgressFn | None = None,
            token: CancelToken | None = None) -> CancelToken:
        token = token or CancelToken()
        progress: Progress = on_progress or _ignore_progress
        try:
            result = fn(progress, token)
        except Exception as exc:
            on_error(exc)
        else:
            on_result(result)
        return token

    def wait_for_done(self, msecs: int = -1) -> bool:
        return True
