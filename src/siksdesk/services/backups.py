"""Backups as use cases: automatic (daily at start, before every import; before migrations in
``db.migrate``), on request ("Cadangkan sekarang"), listing and verifying, and the encrypted copy
for a USB stick ("Cadangkan ke USB"). Restore lives in ``services.backup_restore``; the
cipher (``services.backup_crypto``) loads only when an encrypted file is written or read.

Every copy goes through ``siksdesk.db.backup`` (backup API → integrity_check → fsync → rename →
manifest → rotation). No Qt, no SQLAlchemy session: these work on closed files and on a live
database alike (the backup API reads one consistent snapshot while the app keeps writing).

A copy of the training village says so in its name and in the manifest: its reason ends in
``-latihan`` (``daily-latihan``, ``before-import-bnba-latihan`` …; rotation groups by the
reason's start, so it is unchanged) and the encrypted USB copy is named
``siksdesk-cadangan-LATIHAN-…``. ``split_reason`` gives the UI the plain reason back.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final

from siksdesk.db.backup import (
    PART_SUFFIX,
    BackupEntry,
    BackupNotVerified,
    check_file,
    copy_verified,
    file_sha256,
    fsync_dir,
    load_manifest,
    read_revision,
    remove_stale_parts,
    write_backup,
)
from siksdesk.services.backup_errors import BackupError
from siksdesk.services.training import is_training_database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

__all__ = [
    "DAILY_INTERVAL", "BackupEntry", "BackupError", "UsbBackupResult", "VerifyResult",
    "backup_before_import", "backup_if_due", "backups_folder_for", "create_backup",
    "list_backups", "split_reason", "staging_file", "verify_backup", "write_encrypted_backup",
]  # fmt: skip

log = logging.getLogger(__name__)
DAILY_INTERVAL: Final = timedelta(hours=24)
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


TRAINING_REASON: Final = "-latihan"
TRAINING_USB_NAME: Final = "LATIHAN-"


def _never() -> bool:
    return False


def split_reason(reason: str) -> tuple[str, bool]:
    """(the reason without the training marker, whether the copy is the training village's)."""
    if reason.endswith(TRAINING_REASON):
        return reason[:-len(TRAINING_REASON)], True
    return reason, False


def _marked_reason(database: Path, reason: str) -> str:
    if reason.endswith(TRAINING_REASON) or not is_training_database(database):
        return reason
    return reason + TRAINING_REASON


def _ignore(_done: int, _total: int) -> None:
    return None


@dataclass(frozen=True, slots=True)
class VerifyResult:
    file: str
    ok: bool
    detail: str  # "ok", SQLite's integrity verdict, or the error code
    schema_revision: str | None
    sha256_matches: bool | None  # against the manifest; None when the manifest has no hash


@dataclass(frozen=True, slots=True)
class UsbBackupResult:
    path: Path
    size: int  # bytes of the encrypted file
    sha256: str  # of the database copy inside (the plaintext)
    schema_revision: str | None


def create_backup(database: Path, backups: Path, *, reason: str = "manual") -> BackupEntry:
    """A verified copy now. Raises BackupError(BACKUP_NOT_VERIFIED) when the copy is unsound."""
    if backups.is_dir():
        remove_stale_parts(backups)
    reason = _marked_reason(database, reason)
    try:
        entry = write_backup(database, backups, reason=reason)
    except BackupNotVerified as exc:
        raise BackupError("BACKUP_NOT_VERIFIED", file=database.name, detail=str(exc)) from exc
    # the file name is not logged: its 20-digit time stamp would be masked as a NIK would
    log.info("backup written: reason %s, %s bytes, schema %s", reason, entry.size,
             entry.schema_revision)
    return entry


def backup_if_due(database: Path, backups: Path, *, now: datetime | None = None,
                  interval: timedelta = DAILY_INTERVAL) -> BackupEntry | None:
    """The daily backup: written when the newest daily one is older than ``interval``
    (or there is none). Returns the new entry, or None when none was due."""
    moment = now or datetime.now(UTC)
    dailies = [e for e in list_backups(backups) if e.kind == "daily"]
    if dailies and moment - dailies[0].created_at() < interval:
        return None
    return create_backup(database, backups, reason="daily")


def backups_folder_for(database: Path) -> Path:
    """``backups/`` beside the database (the data folder's own for the default database)."""
    return database.parent / "backups"


def backup_before_import(factory: sessionmaker[Session], kind: str, *,
                         progress: Progress | None = None) -> BackupEntry | None:
    """The automatic copy before an import writes (``kind``: "bnba", "invalid-nik"). The
    database is the file the session factory's engine opens; None for an in-memory one.
    With ``progress``, the copy runs on a worker thread and ``progress(0, 0)`` (busy: the
    backup API and integrity_check report nothing measurable) comes every HEARTBEAT seconds."""
    bind = factory.kw.get("bind")
    name = getattr(getattr(bind, "url", None), "database", None)
    if not name or name == ":memory:":
        return None
    database = Path(name)
    reason = f"before-import-{kind}"
    if progress is None:
        return create_backup(database, backups_folder_for(database), reason=reason)
    return _with_heartbeat(
        lambda: create_backup(database, backups_folder_for(database), reason=reason), progress)


HEARTBEAT: Final = 0.1  # seconds: the import's progress comes at least 5 times a second


def _with_heartbeat(job: Callable[[], BackupEntry], progress: Progress) -> BackupEntry:
    """SQLite's backup API, integrity_check and hashing release the GIL, so the caller's thread
    stays free to report while the worker copies."""
    with ThreadPoolExecutor(1, thread_name_prefix="backup") as pool:
        future = pool.submit(job)
        while True:
            try:
                return future.result(timeout=HEARTBEAT)
            except TimeoutError:
                progress(0, 0)


def list_backups(backups: Path) -> list[BackupEntry]:
    """The automatic and manual copies, newest first."""
    if not backups.is_dir():
        return []
    return sorted(load_manifest(backups), key=lambda e: (e.created, e.file), reverse=True)


def verify_backup(path: Path, *, home: Path, passphrase: str | None = None) -> VerifyResult:
    """Check a copy again: ``integrity_check``, schema revision and (for a copy in the backups
    folder) the SHA-256 recorded in the manifest. An encrypted file is decrypted into a temp
    file inside ``home`` that is removed afterwards."""
    from siksdesk.services.backup_crypto import decrypt_to_file, is_encrypted_backup

    if not path.is_file():
        raise BackupError("BACKUP_NOT_FOUND", file=path.name)
    if is_encrypted_backup(path):
        staged = staging_file(home, "verify")
        try:
            try:
                decrypt_to_file(path, staged, passphrase or "")
            except BackupError as exc:
                return VerifyResult(path.name, False, exc.code, None, None)
            return _verified(staged, path.name, None)
        finally:
            staged.unlink(missing_ok=True)
    recorded = next((e.sha256 for e in load_manifest(path.parent) if e.file == path.name), "")
    matches = (file_sha256(path) == recorded) if recorded else None
    return _verified(path, path.name, matches)


def _verified(path: Path, name: str, matches: bool | None) -> VerifyResult:
    detail = check_file(path)
    ok = detail == "ok" and matches is not False
    return VerifyResult(name, ok, detail, read_revision(path), matches)


STAGING_PURPOSES: Final = ("restore", "usb", "verify")


def staging_file(home: Path, purpose: str) -> Path:
    """A fresh temp name inside the data folder (personal data never goes to /tmp). Staging
    files a crash left behind (an hour old) are removed first: they hold personal data."""
    home.mkdir(parents=True, exist_ok=True)
    for stale in STAGING_PURPOSES:
        remove_stale_parts(home, pattern=f".{stale}-*{PART_SUFFIX}")
    return home / f".{purpose}-{secrets.token_hex(6)}{PART_SUFFIX}"


def write_encrypted_backup(database: Path, home: Path, folder: Path, passphrase: str, *,
                           now: datetime | None = None, progress: Progress = _ignore,
                           cancelled: Cancelled = _never) -> UsbBackupResult:
    """"Cadangkan ke USB": a verified snapshot (inside ``home``), encrypted to ``folder`` under a
    temp name → fsync → rename, then read back and compared; the snapshot is removed."""
    from siksdesk.services.backup_crypto import FILE_SUFFIX, check_passphrase

    check_passphrase(passphrase)
    if not folder.is_dir():
        raise BackupError("BACKUP_WRITE_FAILED", folder=folder, reason="folder not found")
    stamp = (now or datetime.now(UTC)).astimezone().strftime("%Y%m%d-%H%M%S")
    marker = TRAINING_USB_NAME if is_training_database(database) else ""
    final = folder / f"siksdesk-cadangan-{marker}{stamp}{FILE_SUFFIX}"
    snapshot = staging_file(home, "usb")
    try:
        try:
            copy_verified(database, snapshot)
        except BackupNotVerified as exc:
            raise BackupError("BACKUP_NOT_VERIFIED", file=database.name,
                              detail=str(exc)) from exc
        size = snapshot.stat().st_size
        sha256, revision = file_sha256(snapshot), read_revision(snapshot)

        def report(done: int, _total: int) -> None:
            progress(done, 2 * size)

        _encrypt_to(snapshot, final, passphrase, size, report, cancelled)
    finally:
        snapshot.unlink(missing_ok=True)
    _read_back(final, passphrase, sha256, size, progress, cancelled)
    log.info("encrypted backup written to removable folder (%s bytes)", final.stat().st_size)
    return UsbBackupResult(final, final.stat().st_size, sha256, revision)


def _encrypt_to(snapshot: Path, final: Path, passphrase: str, size: int, progress: Progress,
                cancelled: Cancelled) -> None:
    from siksdesk.services.backup_crypto import encrypt_stream

    part = final.with_name(final.name + PART_SUFFIX)
    try:
        with snapshot.open("rb") as source, part.open("wb") as target:
            encrypt_stream(source, target, passphrase, total=size, progress=progress,
                           cancelled=cancelled)
            target.flush()
            os.fsync(target.fileno())
        os.replace(part, final)
        fsync_dir(final.parent)
    except OSError as exc:
        raise BackupError("BACKUP_WRITE_FAILED", folder=final.parent,
                          reason=exc.strerror or type(exc).__name__) from exc
    finally:
        part.unlink(missing_ok=True)


def _read_back(final: Path, passphrase: str, sha256: str, size: int, progress: Progress,
               cancelled: Cancelled) -> None:
    from siksdesk.services.backup_crypto import plaintext_sha256

    _drop_cache(final)  # read from the stick, not from what the OS still holds in memory

    def report(done: int, _total: int) -> None:
        progress(size + min(done, size), 2 * size)

    try:
        readback = plaintext_sha256(final, passphrase, progress=report, cancelled=cancelled)
    except (BackupError, OSError) as exc:
        final.unlink(missing_ok=True)
        if isinstance(exc, BackupError) and exc.code == "BACKUP_CANCELLED":
            raise
        raise BackupError("BACKUP_READBACK_FAILED", file=final.name) from exc
    if readback != sha256:
        final.unlink(missing_ok=True)
        raise BackupError("BACKUP_READBACK_FAILED", file=final.name)


def _drop_cache(path: Path) -> None:
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with path.open("rb") as handle:
        advise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
