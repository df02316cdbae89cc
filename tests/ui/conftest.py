"""UI tests: offscreen Qt, a fresh data folder per test, a small village to look at."""

from __future__ import annotations

import logging
import os

# Before Qt creates its application object: never open real windows, not even on a desktop.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from ui_village import DEMO_AVAILABLE, make_village

from siksdesk.app import AppContext, open_app
from siksdesk.paths import default_paths
from siksdesk.ui.i18n import install_translator, remove_translator

SMALL_VILLAGE_PEOPLE = 1_100  # ≈300 households, the average DTKS village


@pytest.fixture(scope="session")
def village_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A village database built once per test run; each test gets its own copy."""
    home = tmp_path_factory.mktemp("template-home")
    ctx = open_app(default_paths({"SIKSDESK_HOME": str(home)}))
    try:
        make_village(ctx, people=SMALL_VILLAGE_PEOPLE)
    finally:
        ctx.close()
    return ctx.database


def _copy_database(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "siksdesk-home"
    monkeypatch.setenv("SIKSDESK_HOME", str(folder))
    return folder


@pytest.fixture
def empty_ctx(home: Path) -> Iterator[AppContext]:
    """An AppContext on a migrated database without any village."""
    ctx = open_app(default_paths())
    yield ctx
    ctx.close()


@pytest.fixture
def village_ctx(home: Path, village_template: Path) -> Iterator[AppContext]:
    """An AppContext whose database holds the small village (a copy of the template)."""
    paths = default_paths()
    _copy_database(village_template, paths.database)
    ctx = open_app(paths)
    yield ctx
    ctx.close()


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[None]:
    """Indonesian UI texts for the duration of one test (English is the source language)."""
    translator = install_translator(qapp, "id")
    assert translator is not None
    yield
    remove_translator(translator)
    QCoreApplication.processEvents()


__all__ = ["DEMO_AVAILABLE"]


@pytest.fixture
def restore_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Removes the log handlers that run_gui's setup_logging added; an unexpected error in
    run_gui fails the test instead of waiting in the (modal) crash dialog."""
    from siksdesk.ui.crash_dialog import CrashReporter

    def fail(_reporter: object, kind: type[BaseException], error: BaseException,
             trace: object) -> None:
        raise error

    monkeypatch.setattr(CrashReporter, "excepthook", fail)
    before = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_gui's login answered by the training village's operator (the login dialog itself is
    tested in test_login_dialog.py)."""
    from siksdesk.ui import launch
    from siksdesk.ui.sign_in import training_operator

    monkeypatch.setattr(launch, "sign_in",
                        lambda ctx, _runner, _summary, _lang: training_operator(ctx))
