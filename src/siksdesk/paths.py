"""Where siksdesk keeps its data, logs and backups. ``SIKSDESK_HOME`` moves all of them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "siksdesk"
DB_FILENAME = "siksdesk.sqlite3"


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

    def ensure(self) -> AppPaths:
        for folder in (self.home, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def default_paths(environ: os._Environ[str] | dict[str, str] | None = None) -> AppPaths:
    env = os.environ if environ is None else environ
    override = env.get("SIKSDESK_HOME")
    if override:
        return AppPaths(Path(override).expanduser().resolve())
    import platformdirs

    return AppPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))
