"""accounts: the account table replaces approver_credential

An existing approver credential (scrypt, 0004) becomes a ``kepala_desa`` account named
``kades`` (``kades2``… when taken) whose ``password_hash`` is the scrypt string
``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``: the accounts service verifies it and rehashes it to
argon2id at its first successful check. It has no recovery code yet (the UI asks for one).

Only ``create_table``/``drop_table`` here: no batch rebuild, so the 0004 lock triggers on
musdes_meeting, musdes_attendee, usulan and replacement_pair are untouched.

Downgrade recreates ``approver_credential`` from a Kepala Desa account whose hash is still the
migrated scrypt one (an argon2id hash cannot be turned back: that approver sets a new password
in the old version).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MIGRATED_BY = "siksdesk"
_USERNAME = "kades"


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("recovery_hash", sa.String(length=256), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.CheckConstraint("role IN ('operator', 'kepala_desa')", name=op.f("ck_account_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("username", name=op.f("uq_account_username")),
    )
    _move_approver_credential()
    op.drop_table("approver_credential")


def _move_approver_credential() -> None:
    conn = op.get_bind()
    rows = conn.exec_driver_sql(
        "SELECT name, algorithm, n, r, p, salt, password_hash, created_at "
        "FROM approver_credential WHERE role = 'kepala_desa' ORDER BY id").fetchall()
    taken: set[str] = set()
    for name, algorithm, n, r, p, salt, password_hash, created_at in rows:
        if algorithm != "scrypt":
            continue  # no other algorithm was ever written
        username = _free_username(taken)
        taken.add(username)
        conn.exec_driver_sql(
            "INSERT INTO account (username, display_name, role, password_hash, recovery_hash, "
            "must_change_password, failed_attempts, last_failed_at, last_login_at, disabled, "
            "created_at, created_by) VALUES (?, ?, 'kepala_desa', ?, NULL, 0, 0, NULL, NULL, 0, "
            "?, ?)",
            (username, (str(name).strip() or "Kepala Desa")[:80],
             f"scrypt${n}${r}${p}${salt}${password_hash}", created_at or _now(), MIGRATED_BY))


def _free_username(taken: set[str]) -> str:
    candidate, number = _USERNAME, 1
    while candidate in taken:
        number += 1
        candidate = f"{_USERNAME}{number}"
    return candidate


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


def downgrade() -> None:
    op.create_table(
        "approver_credential",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("algorithm", sa.String(length=20), nullable=False),
        sa.Column("salt", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("r", sa.Integer(), nullable=False),
        sa.Column("p", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approver_credential")),
        sa.UniqueConstraint("role", name=op.f("uq_approver_credential_role")),
    )
    conn = op.get_bind()
    row = conn.exec_driver_sql(
        "SELECT display_name, password_hash, created_at FROM account "
        "WHERE role = 'kepala_desa' AND disabled = 0 AND password_hash LIKE 'scrypt$%' "
        "ORDER BY id LIMIT 1").fetchone()
    if row is not None:
        _restore_credential(conn, row)
    op.drop_table("account")


def _restore_credential(conn: Any, row: Sequence[Any]) -> None:
    name, stored, created_at = row
    parts = str(stored).split("$")
    if len(parts) != 6:
        return
    _prefix, n, r, p, salt, password_hash = parts
    conn.exec_driver_sql(
        "INSERT INTO approver_credential (role, name, algorithm, salt, n, r, p, password_hash, "
        "created_at, updated_at) VALUES ('kepala_desa', ?, 'scrypt', ?, ?, ?, ?, ?, ?, ?)",
        (name, salt, int(n), int(r), int(p), password_hash, created_at, _now()))
