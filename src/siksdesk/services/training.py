"""Training mode ("Mode latihan"): whether the open village is the training village.

The training village is the demo data: ``village_profile.is_demo`` (set by the demo builder).
Everything that marks a screen or a file, or keeps training data away from a real district,
asks here — the flag always comes from the village profile, never from a setting.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from siksdesk.models import VillageProfile

__all__ = ["is_training", "is_training_connection", "is_training_database",
           "may_hold_real_village"]


def is_training(session: Session) -> bool:
    """True when this database holds the training village (no village yet: False)."""
    return bool(session.scalar(select(VillageProfile.is_demo).where(VillageProfile.id == 1)))


def is_training_database(database: Path) -> bool:
    """The same question for a closed (or open) database file, read-only through sqlite3 (the
    backups work on files, without a session). An unreadable file or one without a village
    profile is not a training database."""
    return _village_kind(database) == "training"


def is_training_connection(conn: sqlite3.Connection) -> bool:
    """The same question on a plain sqlite3 connection (the read-only ``Reader``'s)."""
    return _profile_flag(conn) is True


def may_hold_real_village(database: Path) -> bool:
    """Whether a database file holds a real village — or is too damaged to tell, which counts
    the same (a restore must not lose it). No file, or no village in it yet: False."""
    return _village_kind(database) in ("real", "unreadable")


def _village_kind(database: Path) -> str:
    """"training", "real", "none" (no file, or no village profile yet) or "unreadable"."""
    if not Path(database).is_file():
        return "none"
    uri = Path(database).resolve().as_uri() + "?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            flag = _profile_flag(conn)
    except sqlite3.DatabaseError:
        return "unreadable"
    if flag is None:
        return "none"
    return "training" if flag else "real"


def _profile_flag(conn: sqlite3.Connection) -> bool | None:
    """``village_profile.is_demo``; None before a village exists."""
    row = conn.execute("SELECT is_demo FROM village_profile WHERE id = 1").fetchone()
    return None if row is None else bool(row[0])
