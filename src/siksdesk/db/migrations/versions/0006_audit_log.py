"""audit trail: append-only hash-chained audit_log; sync_bundle.audit_head

``audit_log`` is append-only in the database itself: triggers abort any UPDATE or DELETE, and an
INSERT whose id or prev_hash does not extend the chain; ``change_log`` gets the same UPDATE and
DELETE triggers. A database that already holds change_log rows gets a first "baseline" entry
covering them (docs/audit-trail.md). ``sync_bundle`` is only given a column (ALTER TABLE ADD
COLUMN, no batch rebuild), so the 0004 lock triggers are untouched.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from siksdesk.domain.audit_chain import (
    CHANGE_COLUMNS,
    GENESIS,
    ChangeDigest,
    EntryFields,
    entry_hash,
    summary_text,
)

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_APPEND_ONLY = "siksdesk: the audit trail is append-only"
_NOT_NEXT = "siksdesk: an audit entry must extend the chain"
_LAST = "SELECT {col} FROM audit_log ORDER BY id DESC LIMIT 1"
TRIGGERS = {
    "audit_log_no_update": "BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, "
                           f"'{_APPEND_ONLY}'); END",
    "audit_log_no_delete": "BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, "
                           f"'{_APPEND_ONLY}'); END",
    "audit_log_next_only": (
        "BEFORE INSERT ON audit_log WHEN "
        f"NEW.id IS NOT coalesce(({_LAST.format(col='id')}), 0) + 1 "
        f"OR NEW.prev_hash IS NOT coalesce(({_LAST.format(col='hash')}), '{GENESIS}') "
        f"BEGIN SELECT RAISE(ABORT, '{_NOT_NEXT}'); END"),
    "change_log_no_update": "BEFORE UPDATE ON change_log BEGIN SELECT RAISE(ABORT, "
                            f"'{_APPEND_ONLY}'); END",
    "change_log_no_delete": "BEFORE DELETE ON change_log BEGIN SELECT RAISE(ABORT, "
                            f"'{_APPEND_ONLY}'); END",
}


def create_audit_triggers() -> None:
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_uuid", sa.String(length=36), nullable=False),
        sa.Column("change_through", sa.Integer(), nullable=False),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.Column("change_sha256", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_change_through"), ["change_through"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_entity_uuid"), ["entity_uuid"],
                              unique=False)
    op.add_column("sync_bundle", sa.Column("audit_head", sa.String(length=64),
                                           server_default="", nullable=False))
    _baseline()
    create_audit_triggers()


def _baseline() -> None:
    """One entry covering the change_log rows written before the audit trail existed."""
    conn = op.get_bind()
    digest = ChangeDigest()
    tables: dict[str, dict[str, int]] = {}
    result = conn.exec_driver_sql(
        f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change_log ORDER BY id")
    while rows := result.fetchmany(2000):
        plain = [tuple(row) for row in rows]
        digest.update(plain)
        for row in plain:
            counts = tables.setdefault(str(row[5]), {})
            counts[str(row[4])] = counts.get(str(row[4]), 0) + 1
    if not digest.count:
        return
    at = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    fields = EntryFields(id=1, at=at, author="siksdesk", origin="edit", action="baseline",
                         entity="", entity_uuid="", change_through=digest.last_id,
                         change_count=digest.count, change_sha256=digest.hexdigest(),
                         summary=summary_text({"tables": tables}))
    conn.exec_driver_sql(
        "INSERT INTO audit_log (id, at, author, origin, action, entity, entity_uuid, "
        "change_through, change_count, change_sha256, summary, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (fields.id, fields.at, fields.author, fields.origin, fields.action, fields.entity,
         fields.entity_uuid, fields.change_through, fields.change_count, fields.change_sha256,
         fields.summary, GENESIS, entry_hash(GENESIS, fields)))


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("sync_bundle", schema=None) as batch_op:
        batch_op.drop_column("audit_head")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_entity_uuid"))
        batch_op.drop_index(batch_op.f("ix_audit_log_change_through"))
    op.drop_table("audit_log")
