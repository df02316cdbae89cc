"""The task runner delivers results, errors and progress on the GUI thread; cancel works."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, SyncTaskRunner, TaskRunner


class Recorder:
    def __init__(self) -> None:
        self.results: list[Any] = []
        self.errors: list[BaseException] = []
        self.progress: list[tuple[int, int]] = []
        self.threads: set[int] = set()

    def on_result(self, value: Any) -> None:
        self.threads.add(threading.get_ident())
        self.results.append(value)

    def on_error(self, error: BaseException) -> None:
        self.threads.add(threading.get_ident())
        self.errors.append(error)

    def on_progress(self, done: int, total: int) -> None:
        self.threads.add(threading.get_ident())
        self.progress.append((done, total))

    @property
    def done(self) -> bool:
        return bool(self.results or self.errors)


def _counting(progress: Progress, cancelled: Cancelled) -> int:
    worker = threading.get_ident()
    for step in range(1, 4):
        progress(step, 3)
    return worker


def _failing(progress: Progress, cancelled: Cancelled) -> None:
    raise ValueError("no such household")


def _run(runner: TaskRunner | SyncTaskRunner, fn: Any, recorder: Recorder,
         token: CancelToken | None = None) -> CancelToken:
    return runner.run(fn, on_result=recorder.on_result, on_error=recorder.on_error,
                      on_progress=recorder.on_progress, token=token)


@pytest.fixture
def runner(qtbot: QtBot) -> TaskRunner:
    return TaskRunner()


def test_threaded_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot,
                                                               runner: TaskRunner) -> None:
    recorder = Recorder()
    _run(runner, _counting, recorder)
    qtbot.waitUntil(lambda: recorder.done)
    gui = threading.get_ident()
    assert recorder.results and recorder.results[0] != gui  # the work ran on a worker thread
    assert recorder.threads == {gui}  # the callbacks ran on the GUI thread
    assert recorder.progress[0] == (1, 3) and recorder.progress[-1] == (3, 3)
    assert not runner.busy


def test_threaded_error_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    recorder = Recorder()
    _run(runner, _failing, recorder)
    qtbot.waitUntil(lambda: recorder.done)
    assert recorder.results == []
    assert isinstance(recorder.errors[0], ValueError)
    assert recorder.errors[0].__traceback__ is not None
    assert recorder.threads == {threading.get_ident()}


def test_threaded_cancel_stops_a_running_task(qtbot: QtBot, runner: TaskRunner) -> None:
    started = threading.Event()

    def until_cancelled(progress: Progress, cancelled: Cancelled) -> str:
        started.set()
        while not cancelled():
            started.wait(0.001)
        return "stopped"

    recorder = Recorder()
    token = _run(runner, until_cancelled, recorder)
    assert started.wait(5)
    assert not recorder.done
    token.cancel()
    qtbot.waitUntil(lambda: recorder.done)
    assert recorder.results == ["stopped"]


def test_sync_runner_has_the_same_interface() -> None:
    runner = SyncTaskRunner()
    ok, failed = Recorder(), Recorder()
    _run(runner, _counting, ok)
    _run(runner, _failing, failed)
    assert ok.results == [threading.get_ident()]  # inline: the "worker" is this thread
    assert ok.progress == [(1, 3), (2, 3), (3, 3)]
    assert isinstance(failed.errors[0], ValueError) and failed.results == []


def test_sync_runner_passes_a_given_token() -> None:
    token = CancelToken()
    token.cancel()
    recorder = Recorder()
    returned = _run(SyncTaskRunner(), lambda progress, cancelled: cancelled(), recorder, token)
    assert returned is token and recorder.results == [True]


def test_progress_dialog_cancel_button_sets_the_token(qtbot: QtBot) -> None:
    token = CancelToken()
    dialog = TaskProgressDialog("Title", "Working", token)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_progress(5, 10)
    assert (dialog.bar.value(), dialog.bar.maximum()) == (5, 10)
    dialog.cancel_button.click()
    assert token.is_cancelled()
    assert not dialog.cancel_button.isEnabled()
    dialog.close()  # still running: closing means "cancel", the dialog stays
    assert dialog.isVisible()
    dialog.finish()
    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Accepted
