"""sync with the district: profile, district keys, device chain, outbox, receipts, updates

New tables only (no batch rebuild of a locked table, so the 0004 lock triggers are untouched).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 02:55:18.006929
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_bundle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("previous_sha256", sa.String(length=64), nullable=False),
        sa.Column("recipient_key_id", sa.String(length=32), nullable=False),
        sa.Column("container", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("sealed_at", sa.DateTime(), nullable=False),
        sa.Column("sealed_by", sa.String(length=80), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("meetings", sa.Integer(), nullable=False),
        sa.Column("niks", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=60), nullable=False),
        sa.Column("receipt_status", sa.String(length=10), nullable=False),
        sa.Column("receipt_reason", sa.String(length=60), nullable=False),
        sa.Column("receipted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_bundle")),
        sa.UniqueConstraint("sequence", name=op.f("uq_sync_bundle_sequence")),
        sa.UniqueConstraint("sha256", name=op.f("uq_sync_bundle_sha256")),
    )
    with op.batch_alter_table("sync_bundle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_bundle_state"), ["state"], unique=False)

    op.create_table(
        "sync_device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("base_sequence", sa.Integer(), nullable=False),
        sa.Column("base_sha256", sa.String(length=64), nullable=False),
        sa.Column("acknowledged_through", sa.Integer(), nullable=False),
        sa.Column("update_version", sa.Integer(), nullable=False),
        sa.Column("update_sha256", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_reason", sa.String(length=200), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_device_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_device")),
    )
    op.create_table(
        "sync_district_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("encryption_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("valid_from", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_district_key")),
        sa.UniqueConstraint("key_id", name=op.f("uq_sync_district_key_key_id")),
    )
    op.create_table(
        "sync_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_code", sa.String(length=10), nullable=False),
        sa.Column("district_name", sa.String(length=120), nullable=False),
        sa.Column("village_code", sa.String(length=10), nullable=False),
        sa.Column("village_name", sa.String(length=120), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("server_url", sa.String(length=300), nullable=False),
        sa.Column("training", sa.Boolean(), nullable=False),
        sa.Column("issued_at", sa.String(length=40), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=80), nullable=False),
        sa.Column("profile_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_profile_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_profile")),
    )
    op.create_table(
        "sync_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("bundle_sequence", sa.Integer(), nullable=False),
        sa.Column("bundle_sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason_code", sa.String(length=60), nullable=False),
        sa.Column("last_applied_sequence", sa.Integer(), nullable=False),
        sa.Column("last_applied_sha256", sa.String(length=64), nullable=False),
        sa.Column("district_audit_head", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.String(length=40), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_receipt")),
        sa.UniqueConstraint("sha256", name=op.f("uq_sync_receipt_sha256")),
    )
    with op.batch_alter_table("sync_receipt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sync_receipt_bundle_sequence"), ["bundle_sequence"], unique=False
        )

    op.create_table(
        "sync_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.String(length=40), nullable=False),
        sa.Column("expires_at", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_update")),
        sa.UniqueConstraint("sha256", name=op.f("uq_sync_update_sha256")),
        sa.UniqueConstraint("version", name=op.f("uq_sync_update_version")),
    )
    op.create_table(
        "sync_bundle_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.Column("usulan_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bundle_id"],
            ["sync_bundle.id"],
            name=op.f("fk_sync_bundle_item_bundle_id_sync_bundle"),
        ),
        sa.ForeignKeyConstraint(
            ["usulan_id"], ["usulan.id"], name=op.f("fk_sync_bundle_item_usulan_id_usulan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_bundle_item")),
    )
    with op.batch_alter_table("sync_bundle_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sync_bundle_item_bundle_id"), ["bundle_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_sync_bundle_item_usulan_id"), ["usulan_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_bundle_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_bundle_item_usulan_id"))
        batch_op.drop_index(batch_op.f("ix_sync_bundle_item_bundle_id"))

    op.drop_table("sync_bundle_item")
    op.drop_table("sync_update")
    with op.batch_alter_table("sync_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_receipt_bundle_sequence"))

    op.drop_table("sync_receipt")
    op.drop_table("sync_profile")
    op.drop_table("sync_district_key")
    op.drop_table("sync_device")
    with op.batch_alter_table("sync_bundle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_bundle_state"))

    op.drop_table("sync_bundle")
