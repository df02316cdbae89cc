"""Restore the database from an automatic copy or an encrypted USB backup — verify before
replacing, keep the current database, and leave the sync rule's flag.

Order (nothing is changed until every check has passed):
1. the source is decrypted/copied into a temp file **inside the data folder** (removed at the end);
2. that copy passes ``integrity_check`` and its schema revision is one this app knows (an older
   one is upgraded, with a backup, at the next start); a copy of the training village never
   replaces a real village (the other way round is how a village moves to a new laptop);
3. the current database must be closed everywhere: the caller has closed every connection of its
   own; a ``-wal`` file that survives our own open/close means someone else still has it open
   (then nothing is touched — a ``-wal`` is never deleted);
4. the current database is backed up ("before-restore"); one that cannot be read is moved aside
   with its ``-wal``/``-shm`` into ``backups/damaged-<time>/`` instead;
5. ``sync/restored.json`` is written (the sync side exports nothing until it has caught up with
   the district's last receipt), then ``os.replace`` swaps the file in atomically.

The restore itself is recorded in the restored copy's audit chain before the swap (who, which
backup by its SHA-256 and, for our own automatic copies, its name, the schema revision; the
entry's time says when), so the swap brings the entry in with it or nothing at all.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from siksdesk.db.audit import append_entry
from siksdesk.db.backup import (
    BackupNotVerified,
    check_file,
    connect,
    copy_verified,
    file_sha256,
    fsync_dir,
    read_revision,
    write_atomically,
    write_backup,
)
from siksdesk.services.backup_crypto import decrypt_to_file, is_encrypted_backup
from siksdesk.services.backup_errors import BackupError
from siksdesk.services.backups import staging_file
from siksdesk.services.training import is_training_database, may_hold_real_village

__all__ = ["RESTORED_FLAG", "RestoreResult", "restore_backup", "restored_flag_path"]

log = logging.getLogger(__name__)
RESTORED_FLAG: Final = Path("sync") / "restored.json"
SIDE_FILES: Final = ("-wal", "-shm", "-journal")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
_STEPS: Final = 5
RESTORE_ACTION: Final = "restore"
# Our automatic copies' names hold only a time stamp and a reason; any other file name (a USB
# backup the operator named) is left out of the audit entry: it could hold a person's name.
_OWN_BACKUP_NAME: Final = re.compile(r"siksdesk-[0-9A-Za-z_.-]{1,80}\.(?:sqlite3|siksbak)")


def _never() -> bool:
    return False


def _ignore(_done: int, _total: int) -> None:
    return None


@dataclass(frozen=True, slots=True)
class RestoreResult:
    source: str  # file name of the backup restored
    schema_revision: str
    sha256: str  # of the restored database file
    safety_backup: str | None  # the "before-restore" copy of the replaced database
    set_aside: Path | None  # where an unreadable current database was moved instead
    flag: Path  # sync/restored.json
    audit_entry: int | None = None  # id of the "restore" entry; None: backup predates the trail


def restored_flag_path(home: Path) -> Path:
    return home / RESTORED_FLAG


def restore_backup(home: Path, database: Path, source: Path, *, backups: Path | None = None,
                   passphrase: str | None = None, now: datetime | None = None,
                   author: str = "system", progress: Progress = _ignore,
                   cancelled: Cancelled = _never) -> RestoreResult:
    """Replace ``database`` by the backup ``source``. Every connection to ``database`` must be
    closed first (the caller closes its AppContext). ``author`` (the operator's name) goes into
    the audit entry recording the restore. Raises BackupError; then the database is
    unchanged."""
    backups = backups or home / "backups"
    if not source.is_file():
        raise BackupError("BACKUP_NOT_FOUND", file=source.name)
    staged = staging_file(home, "restore")
    try:
        progress(0, _STEPS)
        checked = _stage(source, staged, passphrase)
        progress(1, _STEPS)
        revision = _check_staged(staged, source.name, integrity_checked=checked)
        if is_training_database(staged) and may_hold_real_village(database):
            raise BackupError("BACKUP_TRAINING_OVER_REAL", file=source.name)
        sha256 = file_sha256(staged)
        progress(2, _STEPS)
        if cancelled():
            raise BackupError("BACKUP_CANCELLED")
        entry = _record_restore(staged, source, sha256, revision, author)
        _ensure_closed(database)
        safety, set_aside = _keep_current(database, backups, now)
        progress(3, _STEPS)
        _ensure_closed(database)
        flag = _write_flag(home, source.name, sha256, revision, safety, now)
        progress(4, _STEPS)
        os.replace(staged, database)
        fsync_dir(database.parent)
        with connect(database):  # WAL mode again (the copy was stand-alone)
            pass
        progress(5, _STEPS)
    finally:
        for leftover in (staged, *(staged.with_name(staged.name + s) for s in SIDE_FILES)):
            leftover.unlink(missing_ok=True)
    log.info("database restored from %s (schema %s); before-restore copy %s", source.name,
             revision, safety)
    return RestoreResult(source.name, revision, sha256, safety, set_aside, flag, entry)


def _stage(source: Path, staged: Path, passphrase: str | None) -> bool:
    """The source as a plain database file at ``staged``; True when already integrity-checked
    (a copy through the backup API is; a decrypted file is not yet)."""
    if is_encrypted_backup(source):
        decrypt_to_file(source, staged, passphrase or "")
        return False
    try:
        # read through SQLite (a -wal beside a copy would be honoured), never trusting the name
        copy_verified(source, staged, source_readonly=True)
    except BackupNotVerified as exc:
        raise BackupError("BACKUP_NOT_VERIFIED", file=source.name, detail=str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise BackupError("BACKUP_NOT_SIKSDESK", file=source.name) from exc
    return True


def _check_staged(staged: Path, name: str, *, integrity_checked: bool) -> str:
    detail = "ok" if integrity_checked else check_file(staged)
    if detail != "ok":
        raise BackupError("BACKUP_NOT_VERIFIED", file=name, detail=detail)
    revision = read_revision(staged)
    if revision is None:
        raise BackupError("BACKUP_NOT_SIKSDESK", file=name)
    from siksdesk.db.migrate import known_revisions

    if revision not in known_revisions():
        raise BackupError("BACKUP_TOO_NEW", file=name, revision=revision)
    return revision


def _record_restore(staged: Path, source: Path, sha256: str, revision: str,
                    author: str) -> int | None:
    """Append the "restore" audit entry to the staged copy (one transaction); None when the
    copy is older than the audit trail (its first start after the restore builds the chain)."""
    note = {"backup_sha256": sha256, "schema_revision": revision,
            "encrypted": is_encrypted_backup(source),
            "backup_file": source.name if _OWN_BACKUP_NAME.fullmatch(source.name) else ""}
    try:
        with connect(staged) as conn:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                            "AND name = 'audit_log'").fetchone() is None:
                return None
            conn.execute("BEGIN IMMEDIATE")
            head = append_entry(conn, author=author, origin=RESTORE_ACTION,
                                action=RESTORE_ACTION, note=note, force=True)
            conn.commit()
    except sqlite3.DatabaseError as exc:
        raise BackupError("BACKUP_NOT_VERIFIED", file=source.name,
                          detail=type(exc).__name__) from exc
    return None if head is None else head.id


def _ensure_closed(database: Path) -> None:
    """Open and close the database once: SQLite removes the ``-wal`` when the last connection
    closes, so a ``-wal`` still there means another connection is open."""
    if not database.exists():
        return
    try:
        with closing(sqlite3.connect(database)) as conn:
            conn.execute("PRAGMA busy_timeout=2000")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return  # unreadable: _keep_current moves it aside with its side files
    if database.with_name(database.name + "-wal").exists():
        raise BackupError("DATABASE_IN_USE")


def _keep_current(database: Path, backups: Path,
                  now: datetime | None) -> tuple[str | None, Path | None]:
    if not database.exists():
        return None, None
    try:
        return write_backup(database, backups, reason="before-restore", now=now).file, None
    except (BackupNotVerified, sqlite3.DatabaseError):
        log.warning("current database unreadable before restore: moved aside")
    stamp = (now or datetime.now(UTC)).astimezone().strftime("%Y%m%d-%H%M%S")
    aside = backups / f"damaged-{stamp}"
    aside.mkdir(parents=True, exist_ok=True)
    for suffix in SIDE_FILES:  # the -wal goes along, never deleted
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, aside / side.name)
    os.replace(database, aside / database.name)
    fsync_dir(aside)
    fsync_dir(database.parent)
    return None, aside


def _write_flag(home: Path, source: str, sha256: str, revision: str, safety: str | None,
                now: datetime | None) -> Path:
    flag = restored_flag_path(home)
    flag.parent.mkdir(parents=True, exist_ok=True)
    payload = {"restored_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(),
               "source": source, "source_sha256": sha256, "schema_revision": revision,
               "before_restore_backup": safety}
    write_atomically(flag, json.dumps(payload, indent=1).encode("utf-8"))
    return flag

