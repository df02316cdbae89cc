"""`siksdesk demo` writes into the data folder the GUI opens: the one chosen in Pengaturan."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from siksdesk.paths import DB_FILENAME


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "siksdesk", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    """No SIKSDESK_HOME; the platform's user-data folder lies under ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if k != "SIKSDESK_HOME"}
    env.update({"HOME": str(tmp_path / "home"), "USERPROFILE": str(tmp_path / "home"),
                "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
                "APPDATA": str(tmp_path / "appdata"), "LOCALAPPDATA": str(tmp_path / "appdata"),
                "PYTHONIOENCODING": "utf-8"})
    return env


def ini_string(folder: Path) -> str:
    """``folder`` as QSettings writes it: quoted, backslashes and quotes escaped."""
    return '"' + str(folder).replace("\\", "\\\\").replace('"', '\\"') + '"'


def default_home(env: dict[str, str]) -> Path:
    """The platform default as the subprocess sees it (asked in a subprocess with ``env``)."""
    result = subprocess.run(
        [sys.executable, "-c", "from siksdesk.paths import default_paths; "
                               "print(default_paths().home)"],
        capture_output=True, text=True, env=env, timeout=60, check=True,
    )
    return Path(result.stdout.strip())


def test_demo_uses_the_folder_chosen_in_the_settings(tmp_path: Path,
                                                     user_env: dict[str, str]) -> None:
    default = default_home(user_env)
    assert tmp_path in default.parents  # the test must not touch the real user folder
    chosen = tmp_path / "Data Désa 村"
    default.mkdir(parents=True)
    (default / "settings.ini").write_text(
        f"[ui]\nlanguage=id\n\n[data]\nfolder={ini_string(chosen)}\n", encoding="utf-8")

    result = run("demo", "--people", "30", env=user_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (chosen / DB_FILENAME).is_file()
    assert not (default / DB_FILENAME).exists()
    assert str(chosen / DB_FILENAME) in result.stdout


def test_demo_uses_the_default_folder_without_a_choice(tmp_path: Path,
                                                       user_env: dict[str, str]) -> None:
    default = default_home(user_env)
    assert tmp_path in default.parents
    result = run("demo", "--people", "30", env=user_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (default / DB_FILENAME).is_file()


def test_siksdesk_home_beats_the_chosen_folder(tmp_path: Path,
                                               user_env: dict[str, str]) -> None:
    default = default_home(user_env)
    chosen = tmp_path / "chosen"
    default.mkdir(parents=True)
    (default / "settings.ini").write_text(f"[data]\nfolder={ini_string(chosen)}\n",
                                          encoding="utf-8")
    env_home = tmp_path / "env-home"
    result = run("demo", "--people", "30", env={**user_env, "SIKSDESK_HOME": str(env_home)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (env_home / DB_FILENAME).is_file()
    assert not (chosen / DB_FILENAME).exists()
