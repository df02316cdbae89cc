"""Start-up schema handling: quick check → version gate → backup → alembic upgrade.

The fast path (database already current) reads one row with sqlite3 and does not import alembic.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from siksdesk.db.backup import BackupNotVerified, write_backup
from siksdesk.db.pragmas import apply_pragmas
from siksdesk.db.schema_version import HEAD_REVISION

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """A database problem the user can act on; ``str()`` is a plain Indonesian message."""


class DatabaseTooNew(DatabaseError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            f"Basis data ini dibuat oleh versi siksdesk yang lebih baru (skema {revision}). "
            "Perbarui aplikasi siksdesk; data tidak diubah."
        )
        self.revision = revision


class DatabaseCorrupt(DatabaseError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            "Basis data rusak dan tidak dibuka (pemeriksaan integritas gagal). Pulihkan dari "
            f"cadangan di folder backups. Rincian: {detail}"
        )


def current_revision(database: Path) -> str | None:
    if not database.exists():
        return None
    with _connect(database) as conn:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None


def quick_check(database: Path) -> None:
    with _connect(database) as conn:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise DatabaseCorrupt(str(result))


def ensure_schema(database: Path, backups: Path, *, migrations: Path = MIGRATIONS_DIR,
                  head: str = HEAD_REVISION, check_current: bool = True) -> str:
    """Bring ``database`` to ``head``. Returns what was done: "current", "created" or "upgraded".

    A database that is already current gets ``PRAGMA quick_check`` unless ``check_current`` is
    False: the GUI runs that check in the background once its window shows (it reads the whole
    file, ≈150 ms at 50,000 people) and opens nothing that writes before it has passed.
    ``migrations``/``head`` are parameters only so tests can run a scripted future upgrade."""
    revision = current_revision(database)
    if revision == head:
        if check_current:
            quick_check(database)
        return "current"
    if revision is not None:
        if revision not in known_revisions(migrations):
            raise DatabaseTooNew(revision)
        quick_check(database)
        backup_path = backup_database(database, backups, reason=f"before-upgrade-{revision}")
        log.info("backup before migration written to %s", backup_path)
    _upgrade(database, migrations)
    return "created" if revision is None else "upgraded"


def backup_database(database: Path, backups: Path, *, reason: str) -> Path:
    """Copy through SQLite's backup API (never a file copy of an open database), check the copy
    with ``integrity_check``, record it in the manifest and rotate (``siksdesk.db.backup``)."""
    try:
        entry = write_backup(database, backups, reason=reason)
    except BackupNotVerified as exc:
        raise DatabaseCorrupt(f"salinan cadangan: {exc}") from exc
    return backups / entry.file


def known_revisions(migrations: Path = MIGRATIONS_DIR) -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory(str(migrations)).walk_revisions()}


def script_head(migrations: Path = MIGRATIONS_DIR) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(migrations)).get_current_head()


def alembic_config(migrations: Path = MIGRATIONS_DIR):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    return config


def _upgrade(database: Path, migrations: Path) -> None:
    from alembic import command

    from siksdesk.db.engine import make_engine

    engine = make_engine(database)
    try:
        with engine.begin() as connection:
            config = alembic_config(migrations)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


@contextmanager
def _connect(database: Path) -> Iterator[sqlite3.Connection]:
    """A sqlite3 connection with our pragmas that is really closed on exit (sqlite3's own
    context manager only ends the transaction)."""
    with closing(sqlite3.connect(database)) as conn:
        apply_pragmas(conn)
        yield conn
