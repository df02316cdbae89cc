"""Settings: stored values and defaults, where the data folder is looked up, the dialog."""

from __future__ import annotations

import getpass
import os
import platform
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QSettings, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from siksdesk import __version__
from siksdesk.app import AppContext
from siksdesk.paths import AppPaths
from siksdesk.ui.about_dialog import AboutDialog
from siksdesk.ui.settings import (
    FALLBACK_OPERATOR,
    IDLE_LOCK_DEFAULT,
    KEY_IDLE_LOCK,
    KEY_LANGUAGE,
    Settings,
    SettingsDialog,
    choose_home,
    os_user_name,
    startup_language,
    startup_location,
)

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def user(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(getpass, "getuser", lambda: "budi")
    return "budi"


def test_defaults(settings: Settings, user: str) -> None:
    assert settings.language() == "id"
    assert settings.data_folder() is None
    assert settings.operator_name() == user
    assert not settings.has_operator_name()


def test_values_persist_in_the_ini_file(settings: Settings, tmp_path: Path, user: str) -> None:
    settings.set_language("en")
    settings.set_data_folder(tmp_path / "elsewhere")
    settings.set_operator_name("  Siti Operator ")
    again = Settings(settings.path)
    assert again.language() == "en"
    assert again.data_folder() == tmp_path / "elsewhere"
    assert again.operator_name() == "Siti Operator"
    text = settings.path.read_text(encoding="utf-8")
    assert "[ui]" in text and "language=en" in text
    again.set_operator_name("")
    again.set_data_folder(None)
    assert Settings(settings.path).operator_name() == user
    assert Settings(settings.path).data_folder() is None


def test_unknown_language_in_the_file_falls_back_to_indonesian(settings: Settings) -> None:
    raw = QSettings(str(settings.path), QSettings.Format.IniFormat)
    raw.setValue(KEY_LANGUAGE, "fr")
    raw.sync()
    assert Settings(settings.path).language() == "id"
    with pytest.raises(ValueError):
        settings.set_language("fr")


def test_operator_name_without_an_os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise OSError("no user name")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert os_user_name() == FALLBACK_OPERATOR


def test_cli_language_wins_over_the_settings(settings: Settings) -> None:
    settings.set_language("en")
    assert startup_language(None, settings) == "en"
    assert startup_language("id", settings) == "id"
    assert startup_language("pseudo", settings) == "pseudo"


def test_home_lookup_order(tmp_path: Path) -> None:
    default = tmp_path / "default"
    assert choose_home(str(tmp_path / "env"), str(tmp_path / "chosen"), default) == \
        (tmp_path / "env").resolve()
    assert choose_home(None, str(tmp_path / "chosen"), default) == tmp_path / "chosen"
    assert choose_home("", None, default) == default


def test_startup_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = tmp_path / "platform-default"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(default))
    plain = startup_location({})
    assert plain == startup_location({}) and plain.source == "default"
    assert plain.paths == AppPaths(default) and plain.settings_file == default / "settings.ini"

    Settings(plain.settings_file).set_data_folder(tmp_path / "chosen")
    chosen = startup_location({})
    assert chosen.source == "settings"
    assert chosen.paths == AppPaths(tmp_path / "chosen")
    assert chosen.settings_file == default / "settings.ini"  # the pointer stays findable
    assert chosen.default_home == default

    env = startup_location({"SIKSDESK_HOME": str(tmp_path / "env")})
    assert env.source == "env" and env.paths.home == (tmp_path / "env").resolve()


def _dialog(qtbot: QtBot, settings: Settings, home: Path, **kwargs: object) -> SettingsDialog:
    dialog = SettingsDialog(settings, home, default_home=home, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_dialog_language_change_needs_a_restart(qtbot: QtBot, settings: Settings,
                                                tmp_path: Path) -> None:
    dialog = _dialog(qtbot, settings, tmp_path)
    assert dialog.language.currentData() == "id"
    assert not dialog.language_note.isVisible() and not dialog.restart_needed
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.language_note.isVisible() and dialog.restart_needed
    dialog.accept()
    assert Settings(settings.path).language() == "en"


def test_dialog_grows_when_a_note_appears(qtbot: QtBot, settings: Settings,
                                          tmp_path: Path) -> None:
    dialog = _dialog(qtbot, settings, tmp_path, choose_folder=lambda *_: tmp_path / "other")
    before = dialog.height()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.folder_button.click()
    assert dialog.height() > before
    for note in (dialog.language_note, dialog.folder_note):
        assert note.isVisible() and note.height() >= note.heightForWidth(note.width())


def test_dialog_cancel_writes_nothing(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, settings, tmp_path)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.idle_lock.setValue(3)
    dialog.reject()
    assert not settings.path.exists() or Settings(settings.path).language() == "id"
    assert Settings(settings.path).idle_lock_minutes() == IDLE_LOCK_DEFAULT


def test_dialog_idle_lock_minutes(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, settings, tmp_path)
    assert not hasattr(dialog, "operator")  # the author is the logged-in account now
    assert dialog.idle_lock.value() == IDLE_LOCK_DEFAULT == 10
    assert (dialog.idle_lock.minimum(), dialog.idle_lock.maximum()) == (1, 120)
    dialog.idle_lock.setFocus()
    dialog.idle_lock.selectAll()
    qtbot.keyClicks(dialog.idle_lock, "25")
    dialog.accept()
    assert Settings(settings.path).idle_lock_minutes() == 25
    again = _dialog(qtbot, Settings(settings.path), tmp_path)
    assert again.idle_lock.value() == 25


def test_idle_lock_minutes_are_kept_in_range(settings: Settings) -> None:
    raw = QSettings(str(settings.path), QSettings.Format.IniFormat)
    for stored, read in (("0", 1), ("500", 120), ("abc", 10), ("7", 7)):
        raw.setValue(KEY_IDLE_LOCK, stored)
        raw.sync()
        assert Settings(settings.path).idle_lock_minutes() == read
    for wrong in (0, 121):
        with pytest.raises(ValueError):
            settings.set_idle_lock_minutes(wrong)


def test_dialog_data_folder_choice(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    target = tmp_path / "usb-free-disk"
    asked: list[Path] = []

    def chooser(_parent: object, start: Path) -> Path:
        asked.append(start)
        return target

    dialog = _dialog(qtbot, settings, tmp_path, choose_folder=chooser)
    assert dialog.folder.text() == str(tmp_path)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert asked == [tmp_path]
    assert dialog.folder.text() == str(target)
    assert "siksdesk.sqlite3" in dialog.folder_note.text() and dialog.restart_needed
    dialog.accept()
    assert Settings(settings.path).data_folder() == target

    back = _dialog(qtbot, Settings(settings.path), tmp_path, choose_folder=chooser)
    back.default_button.click()
    assert back.folder.text() == str(tmp_path)
    back.accept()
    assert Settings(settings.path).data_folder() is None


def test_dialog_refuses_a_folder_it_cannot_write(qtbot: QtBot, settings: Settings,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(os, "access", lambda *_a: False)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog = _dialog(qtbot, settings, tmp_path, choose_folder=lambda *_: tmp_path)
    dialog.folder_choice = None
    dialog.folder_button.click()
    assert len(warnings) == 1 and str(tmp_path) in warnings[0]
    assert dialog.folder_choice is None and not dialog.restart_needed


def test_dialog_folder_fixed_by_the_environment(qtbot: QtBot, settings: Settings,
                                                tmp_path: Path) -> None:
    dialog = _dialog(qtbot, settings, tmp_path, home_from_env=True)
    assert not dialog.folder_button.isEnabled() and not dialog.default_button.isEnabled()
    assert "SIKSDESK_HOME" in dialog.folder_note.text()
    dialog.accept()
    assert Settings(settings.path).data_folder() is None


# -- Tentang siksdesk ---------------------------------------------------------------------------
def test_about_dialog_shows_version_and_locations(qtbot: QtBot, empty_ctx: AppContext) -> None:
    log_path = empty_ctx.paths.logs / "siksdesk.log"
    dialog = AboutDialog.for_context(empty_ctx, log_path,
                                     settings_file=empty_ctx.paths.settings)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = [label.text() for label in dialog.values]
    for expected in (__version__, str(empty_ctx.paths.home), str(empty_ctx.database),
                     str(log_path), str(empty_ctx.paths.settings), qVersion(),
                     platform.python_version()):
        assert any(expected in text for text in shown), expected
    assert all(label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
               for label in dialog.values)
    assert "MIT" in dialog.licence.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.details_text()
    assert str(empty_ctx.database) in copied and f"siksdesk {__version__}" in copied
    assert dialog.copied.text()


def test_about_dialog_without_a_log_file(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = AboutDialog(tmp_path, tmp_path / "db.sqlite3", None)
    qtbot.addWidget(dialog)
    assert "—" in dialog.details_text()
    assert "Settings file" not in dialog.details_text()
