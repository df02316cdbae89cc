"""The files of one village in a data folder, and moving them with an undo journal.

A village is its database plus the folders beside it that belong to it: ``sync/`` (device key,
restore flag, marker), ``lampiran/`` (MusDes attachments) and ``backups/``. Logs and settings
belong to the laptop and stay. Every move is a rename inside the data folder (one file system,
so each rename is atomic) recorded in a journal that ``undo`` replays backwards.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Final

log = logging.getLogger(__name__)

VILLAGE_FOLDERS: Final = ("sync", "lampiran", "backups")
SIDE_SUFFIXES: Final = ("-wal", "-shm", "-journal")


class StillOpen(Exception):
    """A ``-wal`` survived closing our own connection: someone else has the database open."""


def database_files(database: Path) -> list[Path]:
    """The database and those of its side files that exist (the ``-wal`` always travels with
    it: it may hold committed pages)."""
    sides = [database.with_name(database.name + s) for s in SIDE_SUFFIXES]
    return [p for p in (database, *sides) if p.exists()]


def ensure_closed(database: Path) -> None:
    """Open and close the database once: SQLite checkpoints and removes the ``-wal`` when its
    last connection closes, so a ``-wal`` still there means another connection is open."""
    if not database.exists():
        return
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("PRAGMA busy_timeout=2000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    if database.with_name(database.name + "-wal").exists():
        raise StillOpen(database.name)


def remove_database(database: Path) -> None:
    """Delete a database we made ourselves, with its side files (closed by the caller)."""
    for path in database_files(database):
        path.unlink(missing_ok=True)


class MoveJournal:
    """Renames and creations that ``undo`` takes back, newest first."""

    def __init__(self) -> None:
        self._undo: list[tuple[str, Callable[[], None]]] = []

    def move(self, source: Path, target: Path) -> None:
        """Rename ``source`` to ``target`` (which must not exist); nothing when ``source`` is
        missing."""
        if not source.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            raise FileExistsError(target.name)
        os.rename(source, target)
        self._undo.append((source.name, lambda: os.rename(target, source)))

    def move_village(self, database: Path, target_database: Path) -> None:
        """The database (with its side files) and the village's folders beside it."""
        for path in database_files(database):
            self.move(path, target_database.with_name(target_database.name
                                                      + path.name[len(database.name):]))
        for folder in VILLAGE_FOLDERS:
            self.move(database.parent / folder, target_database.parent / folder)

    def created(self, path: Path, remove: Callable[[Path], None] | None = None) -> None:
        """``path`` is new: undo removes it (a tree, or with ``remove``)."""
        def take_back() -> None:
            if remove is not None:
                remove(path)
            elif path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)

        self._undo.append((path.name, take_back))

    def undo(self) -> list[str]:
        """Replay the journal backwards; returns the names that could not be put back (every
        step is tried even after a failure)."""
        failed: list[str] = []
        while self._undo:
            name, step = self._undo.pop()
            try:
                step()
            except OSError:
                log.exception("could not put back %s", name)
                failed.append(name)
        return failed

    def forget(self) -> None:
        self._undo.clear()


def remove_tree_quietly(folder: Path) -> None:
    """Cleanup after a committed move: a leftover is logged, never an error."""
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        log.warning("could not remove all of %s after the move", folder.name)
