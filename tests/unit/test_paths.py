"""Where the data lives: SIKSDESK_HOME, else the folder chosen in settings.ini, else the default.

``settings.ini`` is written by Qt (``QSettings``, IniFormat) and read back here without Qt, so
the GUI and the CLI (``siksdesk demo``) open the same database.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from siksdesk.paths import (
    AppPaths,
    StartupLocation,
    choose_home,
    qsettings_string,
    read_chosen_folder,
    resolve_location,
)


@pytest.fixture
def platform_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    default = tmp_path / "platform-default"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(default))
    return default


def _choose(settings_file: Path, folder: str) -> None:
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(f"[ui]\nlanguage=en\n\n[data]\nfolder={folder}\n", encoding="utf-8")


def test_default_when_nothing_is_chosen(platform_default: Path) -> None:
    location = resolve_location({})
    assert location == StartupLocation(AppPaths(platform_default),
                                       platform_default / "settings.ini", "default",
                                       platform_default)


def test_settings_beat_the_default(platform_default: Path, tmp_path: Path) -> None:
    _choose(platform_default / "settings.ini", str(tmp_path / "chosen"))
    location = resolve_location({})
    assert location.source == "settings"
    assert location.paths == AppPaths(tmp_path / "chosen")
    assert location.settings_file == platform_default / "settings.ini"  # stays findable
    assert location.default_home == platform_default


def test_env_beats_settings(platform_default: Path, tmp_path: Path) -> None:
    _choose(platform_default / "settings.ini", str(tmp_path / "chosen"))
    env_home = tmp_path / "env"
    _choose(env_home / "settings.ini", str(tmp_path / "ignored"))  # even its own settings
    location = resolve_location({"SIKSDESK_HOME": str(env_home)})
    assert location.source == "env"
    assert location.paths == AppPaths(env_home.resolve())
    assert location.settings_file == env_home.resolve() / "settings.ini"
    assert location.default_home == env_home.resolve()


def test_empty_env_is_ignored(platform_default: Path, tmp_path: Path) -> None:
    _choose(platform_default / "settings.ini", str(tmp_path / "chosen"))
    assert resolve_location({"SIKSDESK_HOME": ""}).source == "settings"


def test_reads_os_environ_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIKSDESK_HOME", str(tmp_path))
    assert resolve_location().paths.home == tmp_path.resolve()


@pytest.mark.parametrize("content", [
    None,  # no settings file
    "",  # empty
    "[ui]\nlanguage=en\n",  # no data folder chosen
    "[data]\nfolder=\n",  # chosen, then reset
    "folder=/nowhere\n",  # no section header: unreadable
    "[data]\nfolder=/x\n[data\n",  # broken section header
    "[data]\nfolder=@Invalid()\n",
])
def test_missing_or_unreadable_settings_mean_default(platform_default: Path,
                                                     content: str | None) -> None:
    if content is not None:
        platform_default.mkdir(parents=True)
        (platform_default / "settings.ini").write_text(content, encoding="utf-8")
    location = resolve_location({})
    assert location.source == "default" and location.paths == AppPaths(platform_default)


def test_undecodable_settings_mean_default(platform_default: Path) -> None:
    platform_default.mkdir(parents=True)
    (platform_default / "settings.ini").write_bytes(b"[data]\nfolder=/d\xe9sa\n")
    assert resolve_location({}).source == "default"


def test_settings_file_that_is_a_folder_means_default(platform_default: Path) -> None:
    (platform_default / "settings.ini").mkdir(parents=True)
    assert resolve_location({}).source == "default"
    assert read_chosen_folder(platform_default / "settings.ini") is None


def test_choose_home_order(tmp_path: Path) -> None:
    default = tmp_path / "default"
    assert choose_home(str(tmp_path / "env"), str(tmp_path / "chosen"), default) == \
        (tmp_path / "env").resolve()
    assert choose_home(None, str(tmp_path / "chosen"), default) == tmp_path / "chosen"
    assert choose_home("", None, default) == default


# What QSettings 6 reads back from hand-written values (checked against Qt in the test below).
QT_READS = [
    ("/a/b", "/a/b"),
    ("  /sp  ", "/sp"),
    ('" /quoted keeps spaces "', " /quoted keeps spaces "),
    ("/a/b ; comment", "/a/b"),
    ('"/a/b ; c"', "/a/b ; c"),
    ('"/a" trailing', "/atrailing"),
    ("/a # b", "/a # b"),
    (r"C:\\Users\\Budi Santoso\\Data", r"C:\Users\Budi Santoso\Data"),
    (r"/a\qb", "/ab"),
    (r"\x41\x0042z", "ABz"),
    (r"\101x", "Ax"),
    (r"x\ny\tz", "x\ny\tz"),
    ("/désa 村", "/désa 村"),
    ("@@x", "@x"),
    ("/a/b, c", None),  # a string list
    ("@Invalid()", None),
]


@pytest.mark.parametrize(("raw", "expected"), QT_READS)
def test_qsettings_string(raw: str, expected: str | None) -> None:
    assert qsettings_string(raw) == expected


def test_reader_agrees_with_qsettings_on_hand_written_values(tmp_path: Path) -> None:
    qtcore = pytest.importorskip("PySide6.QtCore")
    for number, (raw, expected) in enumerate(QT_READS):
        path = tmp_path / f"s{number}.ini"
        _choose(path, raw)
        by_qt = qtcore.QSettings(str(path), qtcore.QSettings.Format.IniFormat).value(
            "data/folder")
        if expected is None:
            assert not isinstance(by_qt, str), raw
        else:
            assert by_qt == expected, raw
        assert read_chosen_folder(path) == (Path(expected) if expected else None), raw


@pytest.mark.parametrize("name", [
    "Data Desa Sukamaju",
    "Désa Ñoño 村 ✓",
    "comma, semi; quote\" back\\slash",
    " leading and trailing ",
    "@at",
    "tab\tand #hash",
])
def test_folder_written_by_the_settings_dialog_is_read_back(tmp_path: Path, name: str) -> None:
    """``Settings.set_data_folder`` (QSettings) → ``read_chosen_folder`` (configparser)."""
    pytest.importorskip("PySide6.QtCore")
    from siksdesk.ui.settings import Settings

    path = tmp_path / "default" / "settings.ini"
    settings = Settings(path)
    settings.set_language("en")
    settings.set_operator_name("Siti Rahayu")
    folder = tmp_path / "pilihan" / name
    settings.set_data_folder(folder)
    assert read_chosen_folder(path) == folder
    assert Settings(path).data_folder() == folder  # Qt agrees
    settings.set_data_folder(None)
    assert read_chosen_folder(path) is None
