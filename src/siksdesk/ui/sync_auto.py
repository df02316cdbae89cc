"""Background upload of queued bundles when the district has a server.

A ``QTimer`` asks, first ``first_delay_ms`` after ``start()`` and then every ``interval_ms``:
is there a server address and at least one bundle without a receipt? Then ``upload_pending``
runs on the task runner (with the service's own retries and backoff inside, bounded in time).
Never two at once, never while the page runs its own sending (``paused``), never on the GUI
thread. ``status_label`` is a small text for the status bar ("Sending…", "Queue: 2 bundles");
``received`` is emitted when receipts came back (the page and the lists read again).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from siksdesk.sync.errors import SyncError
from siksdesk.sync.status import sync_status
from siksdesk.sync.transport import RetryPolicy, upload_pending
from siksdesk.sync.village_types import SyncCancelled, SyncEnv, UploadResult
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, Runner

log = logging.getLogger(__name__)

FIRST_DELAY_MS = 30_000
INTERVAL_MS = 10 * 60_000
KICK_DELAY_MS = 2_000
# Gentler than an operator's own "Upload": the background try gives up sooner and waits longer.
BACKGROUND_POLICY = RetryPolicy(attempts=3, base_delay=1.0, max_delay=8.0, connect_timeout=5.0,
                                read_timeout=15.0, total=60.0)


@dataclass(frozen=True, slots=True)
class Idle:
    """Nothing was tried: no server address, nothing queued, or the device is revoked."""

    queued: int
    has_server: bool


class AutoUploader(QObject):
    started = Signal()  # a background try began (the page disables its own sending)
    received = Signal(object)  # UploadResult with at least one receipt
    finished = Signal(object)  # UploadResult | Idle | SyncError after every try

    def __init__(self, env: SyncEnv, runner: Runner, author: str, lang: str = "id", *,
                 first_delay_ms: int = FIRST_DELAY_MS, interval_ms: int = INTERVAL_MS,
                 policy: RetryPolicy = BACKGROUND_POLICY, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.env, self.runner, self.author, self.policy = env, runner, author, policy
        self.lang = lang
        self.first_delay_ms, self.interval_ms = first_delay_ms, interval_ms
        self.paused = False
        self.running = False  # start() was called (and stop() not since)
        self._token: CancelToken | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.try_now)
        self.status_label = QLabel()
        self.status_label.setObjectName("sync_status_label")

    @property
    def busy(self) -> bool:
        return self._token is not None

    def start(self) -> None:
        self.running = True
        self.timer.start(self.first_delay_ms)

    def stop(self) -> None:
        """Stop the timer and ask a running upload to stop (what was sent stays sent)."""
        self.running = False
        self.timer.stop()
        if self._token is not None:
            self._token.cancel()

    def kick(self, delay_ms: int = KICK_DELAY_MS) -> None:
        """Try soon (a bundle was just sealed), unless a try is already due sooner; nothing
        when the uploader was never started."""
        if not self.running:
            return
        if not self.timer.isActive() or self.timer.remainingTime() > delay_ms:
            self.timer.start(delay_ms)

    def try_now(self) -> None:
        if self.busy or self.paused:
            self._again()
            return
        env, author, policy = self.env, self.author, self.policy

        def work(_progress: Progress, cancelled: Cancelled) -> UploadResult | Idle:
            status = sync_status(env)
            server = status.profile.server_url if status.profile is not None else ""
            if not server or not status.unreceipted or status.revoked:
                return Idle(status.unreceipted, bool(server))
            return upload_pending(env, author=author, cancelled=cancelled, policy=policy)

        self._token = CancelToken()
        self.status_label.setText(QCoreApplication.translate("SyncAuto", "Sending…"))
        self.started.emit()
        self.runner.run(work, on_result=self._done, on_error=self._failed, token=self._token)

    def _again(self) -> None:
        if self.running:
            self.timer.start(self.interval_ms)

    def _done(self, result: UploadResult | Idle) -> None:
        self._token = None
        self._again()
        if isinstance(result, Idle):
            self.show_queue(result.queued)
        else:
            self.show_queue(result.queued)
            if result.offline:
                self.status_label.setToolTip(QCoreApplication.translate(
                    "SyncAuto", "The server cannot be reached; the bundles stay queued and "
                    "will be sent automatically."))
            if result.receipts:
                self.received.emit(result)
        self.finished.emit(result)

    def show_queue(self, queued: int) -> None:
        """The status-bar text for ``queued`` bundles without a receipt ("" when none)."""
        self.status_label.setToolTip("")
        self.status_label.setText(QCoreApplication.translate(
            "SyncAuto", "Queue: {count} bundle(s) for the Dinas").format(count=queued)
            if queued else "")

    def _failed(self, error: BaseException) -> None:
        self._token = None
        self._again()
        if isinstance(error, SyncCancelled):
            self.status_label.setText("")
            self.finished.emit(error)
            return
        if isinstance(error, SyncError):
            # In the background: no message box; the text stays in the status bar and the
            # page shows the bundle's last problem.
            log.info("background upload refused: %s", error.code)
            self.status_label.setText(QCoreApplication.translate(
                "SyncAuto", "Sending to the Dinas failed"))
            self.status_label.setToolTip(error.message(self.lang))
            self.finished.emit(error)
            return
        sys.excepthook(type(error), error, error.__traceback__)

