"""District receiver schema: devices, bundles, applied records, NIK index, receipts, alarms,
updates and the audit chain.

Revision ID: d0001
Revises:
Create Date: 2026-11-24 02:59:23.565578
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("encryption_key", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("village_code", sa.String(length=10), nullable=False),
        sa.Column("village_name", sa.String(length=200), nullable=False),
        sa.Column("device_name", sa.String(length=200), nullable=False),
        sa.Column("training", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("registration", sa.LargeBinary(), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_reason", sa.String(length=500), nullable=False),
        sa.Column("last_applied_sequence", sa.BigInteger(), nullable=False),
        sa.Column("last_applied_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
        sa.UniqueConstraint("key_id", name=op.f("uq_device_key_id")),
    )
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_village_code"), ["village_code"], unique=False)

    op.create_table(
        "district_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_code", sa.String(length=4), nullable=False),
        sa.Column("district_name", sa.String(length=200), nullable=False),
        sa.Column("server_url", sa.String(length=500), nullable=False),
        sa.Column("training", sa.Boolean(), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("encryption_key", sa.LargeBinary(), nullable=False),
        sa.Column("audit_head", sa.String(length=64), nullable=False),
        sa.Column("audit_length", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district_info")),
    )
    op.create_table(
        "bundle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("previous", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=False),
        sa.Column("training", sa.Boolean(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("signed_at", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=True),
        sa.Column("records_accepted", sa.Integer(), nullable=False),
        sa.Column("records_rejected", sa.Integer(), nullable=False),
        sa.Column("village_audit_head", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_bundle_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle")),
        sa.UniqueConstraint("device_id", "sha256", name="uq_bundle_device_sha256"),
    )
    with op.batch_alter_table("bundle", schema=None) as batch_op:
        batch_op.create_index("ix_bundle_device_sequence", ["device_id", "sequence"], unique=False)

    op.create_table(
        "update_issued",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("item_types", sa.String(length=200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_update_issued_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_issued")),
        sa.UniqueConstraint("device_id", "version", name="uq_update_device_version"),
    )
    op.create_table(
        "alarm",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bundle_id"], ["bundle.id"], name=op.f("fk_alarm_bundle_id_bundle")
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_alarm_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alarm")),
    )
    with op.batch_alter_table("alarm", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alarm_device_id"), ["device_id"], unique=False)

    op.create_table(
        "applied_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("usulan_uuid", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=10), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=10), nullable=False),
        sa.Column("entity_uuid", sa.String(length=36), nullable=False),
        sa.Column("ruta_uuid", sa.String(length=36), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bundle_id"], ["bundle.id"], name=op.f("fk_applied_record_bundle_id_bundle")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applied_record")),
        sa.UniqueConstraint("usulan_uuid", name=op.f("uq_applied_record_usulan_uuid")),
    )
    with op.batch_alter_table("applied_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_applied_record_bundle_id"), ["bundle_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_applied_record_entity_uuid"), ["entity_uuid"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_applied_record_village_code"), ["village_code"], unique=False
        )

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.Column("previous_head", sa.String(length=64), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bundle_id"], ["bundle.id"], name=op.f("fk_audit_entry_bundle_id_bundle")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
        sa.UniqueConstraint("bundle_id", name=op.f("uq_audit_entry_bundle_id")),
    )
    op.create_table(
        "nik_index",
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("village_code", sa.String(length=10), nullable=False),
        sa.Column("art_uuid", sa.String(length=36), nullable=False),
        sa.Column("ruta_uuid", sa.String(length=36), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bundle_id"], ["bundle.id"], name=op.f("fk_nik_index_bundle_id_bundle")
        ),
        sa.PrimaryKeyConstraint("nik", name=op.f("pk_nik_index")),
    )
    with op.batch_alter_table("nik_index", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nik_index_art_uuid"), ["art_uuid"], unique=False)
        batch_op.create_index(batch_op.f("ix_nik_index_bundle_id"), ["bundle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nik_index_ruta_uuid"), ["ruta_uuid"], unique=False)

    op.create_table(
        "receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bundle_id"], ["bundle.id"], name=op.f("fk_receipt_bundle_id_bundle")
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_receipt_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt")),
    )
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receipt_bundle_id"), ["bundle_id"], unique=False)
        batch_op.create_index("ix_receipt_device_sequence", ["device_id", "sequence"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_index("ix_receipt_device_sequence")
        batch_op.drop_index(batch_op.f("ix_receipt_bundle_id"))

    op.drop_table("receipt")
    with op.batch_alter_table("nik_index", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nik_index_ruta_uuid"))
        batch_op.drop_index(batch_op.f("ix_nik_index_bundle_id"))
        batch_op.drop_index(batch_op.f("ix_nik_index_art_uuid"))

    op.drop_table("nik_index")
    op.drop_table("audit_entry")
    with op.batch_alter_table("applied_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_applied_record_village_code"))
        batch_op.drop_index(batch_op.f("ix_applied_record_entity_uuid"))
        batch_op.drop_index(batch_op.f("ix_applied_record_bundle_id"))

    op.drop_table("applied_record")
    with op.batch_alter_table("alarm", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alarm_device_id"))

    op.drop_table("alarm")
    op.drop_table("update_issued")
    with op.batch_alter_table("bundle", schema=None) as batch_op:
        batch_op.drop_index("ix_bundle_device_sequence")

    op.drop_table("bundle")
    op.drop_table("district_info")
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_village_code"))

    op.drop_table("device")
