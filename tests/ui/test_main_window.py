"""The main window shows the village, its households and counts; start-up paths work."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from search_helpers import ensure_indexed

from siksdesk import __version__
from siksdesk.app import AppContext, open_app
from siksdesk.db.migrate import DatabaseTooNew
from siksdesk.db.session import read_session
from siksdesk.paths import default_paths
from siksdesk.services.households import VillageSummary, village_summary
from siksdesk.ui import launch
from siksdesk.ui.household_model import COL_NAMA_KRT
from siksdesk.ui.i18n import ui_locale
from siksdesk.ui.main_window import PAGE_EMPTY, PAGE_TABLE, MainWindow
from siksdesk.ui.tasks import SyncTaskRunner


def _summary_or_none(ctx: AppContext) -> VillageSummary | None:
    with read_session(ctx.sessions) as session:
        return village_summary(session)


def _summary(ctx: AppContext) -> VillageSummary:
    with read_session(ctx.sessions) as session:
        summary = village_summary(session)
    assert summary is not None
    return summary


def _window(qtbot: QtBot, ctx: AppContext, lang: str = "id", **kwargs: Any) -> MainWindow:
    if _summary_or_none(ctx) is not None:
        ensure_indexed(ctx)
    window = launch.open_main_window(ctx, SyncTaskRunner(), lang=lang, log_path=None, **kwargs)
    qtbot.addWidget(window)
    return window


def test_window_shows_the_village_and_counts(qtbot: QtBot, village_ctx: AppContext,
                                             indonesian: None) -> None:
    summary = _summary(village_ctx)
    window = _window(qtbot, village_ctx)
    assert window.windowTitle().startswith(f"siksdesk — Desa {summary.nama_desa}")
    assert window.windowTitle().endswith("DEMO") == summary.is_demo
    assert window.demo_badge.isVisibleTo(window) == summary.is_demo
    assert summary.kode_desa in window.header.text()
    assert summary.nama_kecamatan in window.header.text()
    id_locale = ui_locale("id")  # 1.100, not 1,100 (the wording: test_search_list.py)
    assert f"{id_locale.toString(summary.people)} " in window.counts.text()
    assert window.counts.text().count(id_locale.toString(summary.households)) == 2
    assert window.pages.currentIndex() == PAGE_TABLE
    assert window.model.rowCount() > 0  # the first page is there before the first paint


def test_indonesian_menus_and_column_headers(qtbot: QtBot, village_ctx: AppContext,
                                             indonesian: None) -> None:
    window = _window(qtbot, village_ctx)
    assert window.file_menu.title() == "&Berkas"
    assert window.quit_action.text() == "&Keluar"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.help_menu.title().replace("&", "") == "Bantuan"
    assert window.about_action.text().replace("&", "") == "Tentang siksdesk"
    header = window.model.headerData(COL_NAMA_KRT, Qt.Orientation.Horizontal)
    assert header == "Nama KRT"


def test_english_ui_without_translator(qtbot: QtBot, village_ctx: AppContext) -> None:
    summary = _summary(village_ctx)
    window = _window(qtbot, village_ctx, lang="en")
    assert window.file_menu.title() == "&File"
    assert window.windowTitle().startswith(f"siksdesk — Village {summary.nama_desa}")
    assert window.counts.text() == "{n} households shown of {n} · {people} members".format(
        n=summary.households, people=ui_locale("en").toString(summary.people))


def test_scrolling_the_view_pages_in_more_rows(qtbot: QtBot, village_ctx: AppContext) -> None:
    window = _window(qtbot, village_ctx)
    qtbot.waitExposed(window)
    total = window.model.total
    first = window.model.rowCount()
    assert first < total  # paged, not everything at once
    while window.model.rowCount() < total:
        before = window.model.rowCount()
        window.table.scrollToBottom()
        qtbot.waitUntil(lambda before=before: window.model.rowCount() > before, timeout=2000)
    assert window.model.rowCount() == total


def test_keyboard_moves_the_current_row(qtbot: QtBot, village_ctx: AppContext) -> None:
    window = _window(qtbot, village_ctx)
    qtbot.waitExposed(window)
    assert window.table.currentIndex().row() == 0
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.current_household_index().row() == 2
    assert window.table.selectionModel().isRowSelected(2)
    window.quit_action.trigger()  # Berkas → Keluar (Ctrl+Q)
    assert not window.isVisible()


def test_about_names_version_and_paths(qtbot: QtBot, village_ctx: AppContext,
                                       indonesian: None) -> None:
    window = _window(qtbot, village_ctx)
    text = window.about_text()
    assert __version__ in text
    assert str(village_ctx.database) in text
    assert "Folder data" in text


def test_empty_database_without_demo_shows_how_to_create_it(qtbot: QtBot,
                                                            empty_ctx: AppContext,
                                                            indonesian: None) -> None:
    window = MainWindow(empty_ctx, SyncTaskRunner(), lang="id")
    qtbot.addWidget(window)
    assert window.pages.currentIndex() == PAGE_EMPTY
    assert "siksdesk demo" in window.empty.text()
    assert "Berkas → Buat desa demo…" in window.empty.text()
    assert window.demo_action.isEnabled()
    assert window.empty_button.isVisibleTo(window)
    assert window.empty_button.text() == "Buat desa demo…"
    assert window.windowTitle() == "siksdesk — belum ada data desa"


def test_unexpected_demo_failure_reaches_the_crash_hook(qtbot: QtBot, empty_ctx: AppContext,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda _t, exc, _tb: seen.append(exc))

    def broken_builder(ctx: AppContext, **kwargs: Any) -> VillageSummary:
        raise RuntimeError("bug in the builder")

    window = _window(qtbot, empty_ctx, demo_builder=broken_builder)
    assert [type(e) for e in seen] == [RuntimeError]
    assert window.pages.currentIndex() == PAGE_EMPTY
    assert window.demo_action.isEnabled()


# -- start-up -------------------------------------------------------------------------------
def _too_new_database(home: Path) -> Path:
    ctx = open_app(default_paths())
    ctx.close()
    with sqlite3.connect(ctx.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.close()
    return ctx.database


def test_database_too_new_shows_its_message_and_exits_1(
        qtbot: QtBot, home: Path, monkeypatch: pytest.MonkeyPatch, restore_logging: None) -> None:
    database = _too_new_database(home)
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    assert launch.run_gui(database=database, lang="id") == 1
    assert len(shown) == 1
    assert shown[0].text() == str(DatabaseTooNew("ffffffffffff"))
    assert "lebih baru" in shown[0].text()
    assert str(database) in shown[0].informativeText()


def test_run_gui_opens_the_window_and_returns_the_exit_status(
        qtbot: QtBot, village_ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
        restore_logging: None, signed_in: None) -> None:
    seen: dict[str, str] = {}

    def fake_exec(app: QApplication) -> int:  # instead of the event loop: look, then "close"
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        assert len(windows) == 1
        seen["title"] = windows[0].windowTitle()
        seen["menu"] = windows[0].file_menu.title()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert launch.run_gui(database=village_ctx.database, lang=None) == 0
    assert seen["title"].startswith("LATIHAN — siksdesk — Desa ")  # the training village
    assert seen["menu"] == "&Berkas"  # Indonesian is the default
    assert (village_ctx.paths.logs / "siksdesk.log").exists()
