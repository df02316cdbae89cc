"""Verified copies of the database in ``backups/``: SQLite's backup API (never a file copy of an
open database) → ``PRAGMA integrity_check`` on the copy → fsync → rename, a manifest beside them
(``manifest.json``: reason, time, size, SHA-256, schema revision) and rotation per kind.

Standard library only: start-up migration calls this before SQLAlchemy is imported.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from siksdesk.db.pragmas import apply_pragmas

PREFIX: Final = "siksdesk-"
SUFFIX: Final = ".sqlite3"
PART_SUFFIX: Final = ".part"  # a copy being written: never listed, removed when found stale
MANIFEST: Final = "manifest.json"
# How many of each kind rotation keeps. "weekly" is not a kind of file: besides the newest
# daily copies, the newest daily copy of each of the last WEEKLY ISO weeks is kept as well.
KEEP: Final[dict[str, int]] = {"daily": 7, "weekly": 4, "pre-import": 10, "pre-migration": 5,
                               "pre-restore": 5, "manual": 10, "other": 10}
_KIND_PREFIXES: Final = (("daily", "daily"), ("before-import", "pre-import"),
                         ("before-upgrade", "pre-migration"), ("before-restore", "pre-restore"),
                         ("manual", "manual"))


class BackupNotVerified(Exception):
    """The copy failed ``integrity_check`` (it has been deleted). ``str()`` is SQLite's verdict,
    which names pages and tables, never row contents."""


@dataclass(frozen=True, slots=True)
class BackupEntry:
    file: str  # name inside the backups folder
    reason: str  # daily, manual, before-import-bnba, before-upgrade-0004 ...
    kind: str  # a key of KEEP (rotation group)
    created: str  # ISO 8601, UTC
    size: int
    sha256: str
    schema_revision: str | None

    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.created)


def kind_of(reason: str) -> str:
    for prefix, kind in _KIND_PREFIXES:
        if reason.startswith(prefix):
            return kind
    return "other"


def write_backup(database: Path, backups: Path, *, reason: str,
                 now: datetime | None = None) -> BackupEntry:
    """Copy ``database`` into ``backups`` (verified), record it in the manifest, rotate."""
    backups.mkdir(parents=True, exist_ok=True)
    moment = now or datetime.now(UTC)
    stamp = moment.astimezone().strftime("%Y%m%d-%H%M%S-%f")
    target = backups / f"{PREFIX}{stamp}-{reason}{SUFFIX}"
    copy_verified(database, target)
    entry = BackupEntry(file=target.name, reason=reason, kind=kind_of(reason),
                        created=moment.astimezone(UTC).isoformat(timespec="seconds"),
                        size=target.stat().st_size, sha256=file_sha256(target),
                        schema_revision=read_revision(target))
    entries = [e for e in load_manifest(backups) if e.file != entry.file] + [entry]
    save_manifest(backups, prune(backups, entries))
    return entry


def copy_verified(database: Path, target: Path, *, source_readonly: bool = False) -> None:
    """Backup API copy to ``target`` + ".part", integrity-checked, fsynced, then renamed. The
    copy is a stand-alone file (rollback journal, no -wal beside it). ``source_readonly``
    opens the source read-only (a backup being restored must not change, not even its
    journal mode)."""
    if not database.is_file():  # sqlite3.connect would create an empty database
        raise FileNotFoundError(database.name)
    part = target.with_name(target.name + PART_SUFFIX)
    part.unlink(missing_ok=True)
    try:
        opened = (closing(sqlite3.connect(_readonly_uri(database), uri=True))
                  if source_readonly else connect(database))
        with opened as source, closing(sqlite3.connect(part)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            result = integrity_result(copy)
        # closed before any unlink: Windows cannot delete a file that is still open
        if result != "ok":
            raise BackupNotVerified(result)
        fsync_file(part)
        os.replace(part, target)
        fsync_dir(target.parent)
    finally:
        part.unlink(missing_ok=True)


def integrity_result(conn: sqlite3.Connection) -> str:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(row[0]) for row in rows[:5])


def check_file(path: Path) -> str:
    """``integrity_check`` of a closed database file, opened read-only ("ok" when sound)."""
    try:
        with closing(sqlite3.connect(_readonly_uri(path), uri=True)) as conn:
            return integrity_result(conn)
    except sqlite3.DatabaseError as exc:  # not a database at all, or unreadable
        return f"error: {exc}"


def read_revision(path: Path) -> str | None:
    """The alembic revision stored in a closed database file (None: not a siksdesk database)."""
    try:
        with closing(sqlite3.connect(_readonly_uri(path), uri=True)) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def _readonly_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_manifest(backups: Path) -> list[BackupEntry]:
    """The manifest reconciled with the folder: entries whose file is gone are dropped; copies
    the manifest does not know (older versions, a lost manifest) are listed from their name."""
    known: dict[str, BackupEntry] = {}
    try:
        raw = json.loads((backups / MANIFEST).read_text(encoding="utf-8"))
        for item in raw.get("backups", []):
            entry = BackupEntry(**{k: item.get(k) for k in BackupEntry.__dataclass_fields__})
            known[entry.file] = entry
    except (OSError, ValueError, TypeError, AttributeError):
        pass  # no manifest yet, or an unreadable one: rebuilt from the files
    entries = []
    for path in sorted(backups.glob(f"{PREFIX}*{SUFFIX}")):
        found = known.get(path.name) or _entry_from_file(path)
        if found is not None:
            entries.append(found)
    return entries


def _entry_from_file(path: Path) -> BackupEntry | None:
    stem = path.name[len(PREFIX):-len(SUFFIX)]
    try:
        moment = datetime.strptime(stem[:22], "%Y%m%d-%H%M%S-%f").astimezone()
    except ValueError:
        return None
    reason = stem[23:] or "other"
    return BackupEntry(file=path.name, reason=reason, kind=kind_of(reason),
                       created=moment.astimezone(UTC).isoformat(timespec="seconds"),
                       size=path.stat().st_size, sha256="", schema_revision=None)


def save_manifest(backups: Path, entries: Sequence[BackupEntry]) -> None:
    payload = {"version": 1, "backups": [asdict(e) for e in entries]}
    write_atomically(backups / MANIFEST,
                     json.dumps(payload, indent=1, ensure_ascii=False).encode("utf-8"))


def prune(backups: Path, entries: Iterable[BackupEntry]) -> list[BackupEntry]:
    """Delete the copies rotation no longer keeps; returns the kept entries, oldest first."""
    ordered = sorted(entries, key=lambda e: (e.created, e.file), reverse=True)
    kept: list[BackupEntry] = []
    for kind in {e.kind for e in ordered}:
        of_kind = [e for e in ordered if e.kind == kind]
        keep = of_kind[:KEEP.get(kind, KEEP["other"])]
        if kind == "daily":
            keep += _weekly(of_kind[len(keep):])
        kept += keep
    for entry in ordered:
        if entry not in kept:
            (backups / entry.file).unlink(missing_ok=True)
    return sorted(kept, key=lambda e: (e.created, e.file))


def _weekly(older: Sequence[BackupEntry]) -> list[BackupEntry]:
    """The newest of ``older`` (newest first) in each of up to KEEP["weekly"] ISO weeks."""
    chosen: dict[tuple[int, int], BackupEntry] = {}
    for entry in older:
        week = entry.created_at().isocalendar()[:2]
        if week not in chosen and len(chosen) < KEEP["weekly"]:
            chosen[week] = entry
    return list(chosen.values())


def remove_stale_parts(folder: Path, *, pattern: str = f"*{PART_SUFFIX}",
                       older_than_s: float = 3600.0) -> None:
    """Copies left half-written by a crash (an hour old: not another process's copy now)."""
    limit = time.time() - older_than_s
    for path in folder.glob(pattern):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()


def write_atomically(path: Path, data: bytes) -> None:
    """Temp name → fsync → rename → fsync of the folder."""
    part = path.with_name(path.name + PART_SUFFIX)
    try:
        with part.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, path)
        fsync_dir(path.parent)
    finally:
        part.unlink(missing_ok=True)


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def connect(database: Path) -> Iterator[sqlite3.Connection]:
    """A sqlite3 connection with our pragmas that is really closed on exit."""
    with closing(sqlite3.connect(database)) as conn:
        apply_pragmas(conn)
        yield conn
