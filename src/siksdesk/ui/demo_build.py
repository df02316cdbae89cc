"""Build the demo village in the background with a progress dialog and a Cancel button.

``siksdesk.demo`` (and Faker behind it) is imported only here, only when a build starts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from siksdesk.app import AppContext
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, Runner

log = logging.getLogger(__name__)

Builder = Callable[..., Any]  # build_demo_village(ctx, *, people, progress, cancelled)


def _default_builder() -> Builder:
    from siksdesk.demo import build_demo_village

    return build_demo_village


def is_cancellation(error: BaseException) -> bool:
    from siksdesk.demo import DemoCancelled

    return isinstance(error, DemoCancelled)


def is_user_error(error: BaseException) -> bool:
    """Errors whose text is a message for the operator (Indonesian), not a bug."""
    from siksdesk.db.migrate import DatabaseError
    from siksdesk.demo import DemoVillageExists

    return isinstance(error, DatabaseError | DemoVillageExists)


class DemoBuild(QObject):
    """One run of the demo builder. Emits exactly one of ``built(VillageSummary)``,
    ``cancelled()``, ``refused(message)`` (a user error such as "the database already has
    data") or ``failed(exception)`` (a bug), on the GUI thread, after closing its dialog."""

    built = Signal(object)
    cancelled = Signal()
    refused = Signal(str)
    failed = Signal(object)

    def __init__(self, ctx: AppContext, runner: Runner, parent: QWidget, *,
                 people: int | None = None, builder: Builder | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self._people = people
        self._builder = builder
        self.token = CancelToken()
        self.dialog = TaskProgressDialog(
            QCoreApplication.translate("DemoBuild", "Creating the demo village"),
            QCoreApplication.translate(
                "DemoBuild",
                "siksdesk is filling a practice village with invented households and people, "
                "so that you can try everything without real data. This takes a moment."),
            self.token, parent)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.dialog.show()
        log.info("demo village build started (people=%s)", self._people)
        self._runner.run(self._work, on_result=self._on_result, on_error=self._on_error,
                         on_progress=self.dialog.set_progress, token=self.token)

    def cancel(self) -> None:
        self.dialog.request_cancel()

    def _work(self, progress: Progress, cancelled: Cancelled) -> Any:  # worker thread
        build = self._builder or _default_builder()
        return build(self._ctx, people=self._people, progress=progress, cancelled=cancelled)

    def _on_result(self, summary: object) -> None:
        self._end()
        log.info("demo village build finished")
        self.built.emit(summary)

    def _on_error(self, error: BaseException) -> None:
        self._end()
        if is_cancellation(error):
            log.info("demo village build cancelled by the user")
            self.cancelled.emit()
        elif is_user_error(error):
            self.refused.emit(str(error))
        else:
            self.failed.emit(error)

    def _end(self) -> None:
        self.running = False
        self.dialog.finish()
