"""exchange with the district, usulan

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 00:36:06.114034
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "duplicate_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("art_uuid_a", sa.String(length=36), nullable=False),
        sa.Column("art_uuid_b", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=False),
        sa.CheckConstraint(
            "art_uuid_a < art_uuid_b", name=op.f("ck_duplicate_decision_ordered_pair")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_decision")),
        sa.UniqueConstraint("art_uuid_a", "art_uuid_b", name="pair"),
    )
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("sheet", sa.String(length=100), nullable=False),
        sa.Column("profile", sa.String(length=80), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    op.create_table(
        "import_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_profile")),
        sa.UniqueConstraint("kind", "signature", name="kind_signature"),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sent_through_change_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "usulan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=10), nullable=False),
        sa.Column("entity_uuid", sa.String(length=36), nullable=False),
        sa.Column("ruta_uuid", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usulan")),
        sa.UniqueConstraint("uuid", name=op.f("uq_usulan_uuid")),
    )
    with op.batch_alter_table("usulan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_usulan_entity_uuid"), ["entity_uuid"], unique=False)
        batch_op.create_index(batch_op.f("ix_usulan_ruta_uuid"), ["ruta_uuid"], unique=False)
        batch_op.create_index(batch_op.f("ix_usulan_status"), ["status"], unique=False)

    op.create_table(
        "nik_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("art_id", sa.Integer(), nullable=True),
        sa.Column("matched_by", sa.String(length=20), nullable=False),
        sa.Column("reported_nik", sa.String(length=40), nullable=False),
        sa.Column("reported_name", sa.String(length=120), nullable=False),
        sa.Column("reported_birth_date", sa.Date(), nullable=True),
        sa.Column("reported_idbdt", sa.String(length=40), nullable=False),
        sa.Column("district_note", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("resolution_reason", sa.String(length=30), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["art_id"], ["art.id"], name=op.f("fk_nik_issue_art_id_art"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
            name=op.f("fk_nik_issue_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nik_issue")),
    )
    with op.batch_alter_table("nik_issue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nik_issue_art_id"), ["art_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nik_issue_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nik_issue_status"), ["status"], unique=False)

    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=10), server_default="edit", nullable=False)
        )

    with op.batch_alter_table("village_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kode_bps", sa.String(length=10), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("village_profile", schema=None) as batch_op:
        batch_op.drop_column("kode_bps")

    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_column("origin")

    with op.batch_alter_table("nik_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nik_issue_status"))
        batch_op.drop_index(batch_op.f("ix_nik_issue_batch_id"))
        batch_op.drop_index(batch_op.f("ix_nik_issue_art_id"))

    op.drop_table("nik_issue")
    with op.batch_alter_table("usulan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_usulan_status"))
        batch_op.drop_index(batch_op.f("ix_usulan_ruta_uuid"))
        batch_op.drop_index(batch_op.f("ix_usulan_entity_uuid"))

    op.drop_table("usulan")
    op.drop_table("sync_state")
    op.drop_table("import_profile")
    op.drop_table("import_batch")
    op.drop_table("duplicate_decision")
