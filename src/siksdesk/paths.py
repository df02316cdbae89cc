"""Where siksdesk keeps its data, logs and backups.

The data folder is looked up in this order (``resolve_location``, used by the GUI and the CLI
alike): ``SIKSDESK_HOME``, then the folder chosen in the settings dialog, then the platform's
user-data folder. The choice is stored in ``settings.ini`` in the *default* data folder
(``SIKSDESK_HOME`` when set, else the platform folder), written by Qt's ``QSettings`` in
``IniFormat``; it is read back here without Qt.
"""

from __future__ import annotations

import configparser
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "siksdesk"
DB_FILENAME = "siksdesk.sqlite3"
TRAINING_FOLDER = "latihan"  # the training village beside a real one: <home>/latihan/


@dataclass(frozen=True, slots=True)
class AppPaths:
    home: Path

    @property
    def database(self) -> Path:
        return self.home / DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def settings(self) -> Path:
        return self.home / "settings.ini"

    @property
    def training(self) -> AppPaths:
        """Where the training village lives once a real village has been set up here."""
        return AppPaths(self.home / TRAINING_FOLDER)

    def ensure(self) -> AppPaths:
        for folder in (self.home, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def default_paths(environ: Mapping[str, str] | None = None) -> AppPaths:
    env = os.environ if environ is None else environ
    override = env.get("SIKSDESK_HOME")
    if override:
        return AppPaths(Path(override).expanduser().resolve())
    import platformdirs

    return AppPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


HOME_ENV = "SIKSDESK_HOME"
# QSettings (IniFormat) keeps the key "data/folder" as ``folder=`` in section ``[data]``
# (keys without a "/" would go to ``[General]``).
DATA_FOLDER_SECTION = "data"
DATA_FOLDER_OPTION = "folder"


@dataclass(frozen=True, slots=True)
class StartupLocation:
    paths: AppPaths  # database, logs, backups
    settings_file: Path  # always in the default data folder
    source: str  # "env", "settings" or "default"
    default_home: Path  # the folder used when none is chosen (SettingsDialog's "Default")


def choose_home(env_home: str | None, chosen: str | None, platform_default: Path) -> Path:
    """``SIKSDESK_HOME`` first, then the folder chosen in the settings, then the default."""
    if env_home:
        return Path(env_home).expanduser().resolve()
    if chosen:
        return Path(chosen).expanduser()
    return platform_default


def resolve_location(environ: Mapping[str, str] | None = None) -> StartupLocation:
    """Where this start of siksdesk keeps its data (the GUI and every CLI command agree)."""
    env = os.environ if environ is None else environ
    base = default_paths(env)
    if env.get(HOME_ENV):
        return StartupLocation(base, base.settings, "env", base.home)
    chosen = read_chosen_folder(base.settings)
    home = choose_home(None, str(chosen) if chosen else None, base.home)
    return StartupLocation(AppPaths(home), base.settings,
                           "settings" if chosen is not None else "default", base.home)


def read_chosen_folder(settings_file: Path) -> Path | None:
    """The data folder chosen in the settings (None: none chosen, or the file is unreadable)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",),
                                       comment_prefixes=(";", "#"), empty_lines_in_values=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # Qt keys keep case
    try:
        text = settings_file.read_text(encoding="utf-8-sig")
        parser.read_string(text, source=str(settings_file))
        raw = parser.get(DATA_FOLDER_SECTION, DATA_FOLDER_OPTION, fallback=None)
    except (OSError, UnicodeError, configparser.Error):
        return None
    value = qsettings_string(raw) if raw is not None else None
    return Path(value) if value else None


_HEX_DIGITS = "0123456789abcdefABCDEF"
_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
                   "v": "\v", '"': '"', "?": "?", "'": "'", "\\": "\\"}
_SPECIAL_VALUE = re.compile(r"@[A-Za-z]+\(.*\)\Z", re.DOTALL)


def qsettings_string(raw: str) -> str | None:
    """A plain string value as ``QSettings`` (IniFormat, Qt 6) reads it back from ``raw``.

    Mirrors ``QSettingsPrivate::iniUnescapedStringList`` and ``stringToVariant``: double quotes
    group (and keep spaces), backslash escapes (``\\n``, ``\\x..``, octal ...), an unquoted ``;``
    starts a comment, a leading ``@@`` stands for ``@``. None when the value is not one string
    (an unquoted comma makes a list; ``@Invalid()``, ``@ByteArray(...)`` and the like).
    """
    out: list[str] = []
    i, n = 0, len(raw)
    in_quotes = False
    quoted = False  # the value had quotes: trailing spaces are kept
    chop_limit = 0  # escaped characters are never chopped as trailing spaces

    def skip_spaces(j: int) -> int:
        while j < n and raw[j] in " \t":
            j += 1
        return j

    i = skip_spaces(i)
    while i < n:
        ch = raw[i]
        if ch == "\\":
            i += 1
            if i >= n:
                break
            ch = raw[i]
            i += 1
            if ch in _SIMPLE_ESCAPES:
                out.append(_SIMPLE_ESCAPES[ch])
            elif ch == "x" and i < n and raw[i] in _HEX_DIGITS:
                start = i
                while i < n and raw[i] in _HEX_DIGITS:
                    i += 1
                out.append(chr(int(raw[start:i], 16) & 0xFFFF))
            elif "0" <= ch <= "7":
                start = i - 1
                while i < n and "0" <= raw[i] <= "7":
                    i += 1
                out.append(chr(int(raw[start:i], 8) & 0xFFFF))
            # any other escaped character is dropped, as Qt does
            chop_limit = len(out)
        elif ch == '"':
            i += 1
            quoted = True
            in_quotes = not in_quotes
            if not in_quotes:
                i = skip_spaces(i)
        elif ch == "," and not in_quotes:
            return None  # a string list, not a folder
        elif ch == ";" and not in_quotes:
            break  # a comment
        else:
            out.append(ch)
            i += 1
    if not quoted:
        while len(out) > chop_limit and out[-1] in " \t":
            out.pop()
    value = "".join(out)
    if value.startswith("@"):
        if value.startswith("@@"):
            return value[1:]
        if _SPECIAL_VALUE.match(value):
            return None
    return value
