"""Schema start-up: create from empty, models == migrations, backup before upgrade, refuse newer."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.util.exc import CommandError

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import (
    MIGRATIONS_DIR,
    DatabaseTooNew,
    alembic_config,
    current_revision,
    ensure_schema,
    script_head,
)
from siksdesk.db.schema_version import HEAD_REVISION
from siksdesk.models import Base


def test_head_constant_matches_migration_scripts() -> None:
    assert script_head() == HEAD_REVISION


def test_upgrade_from_empty_creates_every_table(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    assert ensure_schema(db, tmp_path / "backups") == "created"
    assert current_revision(db) == HEAD_REVISION
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(Base.metadata.tables) <= tables
    assert ensure_schema(db, tmp_path / "backups") == "current"
    assert not list((tmp_path / "backups").glob("*.sqlite3")), "no backup for a new database"


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.check(config)  # raises when autogenerate would emit any operation
    finally:
        engine.dispose()


def test_check_detects_a_model_without_migration(tmp_path: Path) -> None:
    """The agreement test above must be able to fail: drop a table and alembic check objects."""
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE change_log")
    engine = make_engine(db)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            with pytest.raises(CommandError):
                command.check(config)
    finally:
        engine.dispose()


FUTURE_REVISION = '''"""test-only future revision"""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ruta") as batch_op:
        batch_op.add_column(sa.Column("catatan_uji", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ruta") as batch_op:
        batch_op.drop_column("catatan_uji")
'''


def test_upgrade_writes_a_verified_backup_first(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    backups = tmp_path / "backups"
    ensure_schema(db, backups)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO ruta (uuid, alamat, rt, rw, dusun, aktif, created_at, updated_at) "
            "VALUES ('u-1', 'Jl. Mawar', '001', '002', 'Krajan', 1, '2026-01-01', '2026-01-01')"
        )
    future = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, future, ignore=shutil.ignore_patterns("__pycache__"))
    (future / "versions" / "9001_future.py").write_text(FUTURE_REVISION.format(head=HEAD_REVISION))

    assert ensure_schema(db, backups, migrations=future, head="9001") == "upgraded"

    assert current_revision(db) == "9001"
    copies = list(backups.glob("*.sqlite3"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as conn:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == (HEAD_REVISION,)
        assert conn.execute("SELECT alamat FROM ruta").fetchall() == [("Jl. Mawar",)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT alamat, catatan_uji FROM ruta").fetchall() == [
            ("Jl. Mawar", None)
        ]


def test_database_newer_than_the_app_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dcafe'")
    before = db.read_bytes()

    with pytest.raises(DatabaseTooNew) as error:
        ensure_schema(db, tmp_path / "backups")

    assert "lebih baru" in str(error.value)
    assert current_revision(db) == "f00dcafe"
    assert db.read_bytes() == before


def test_pragmas_are_set_on_every_connection(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("trusted_schema") == 0
    finally:
        engine.dispose()
