"""usulan kinds and statuses, programmes, MusDes

The MusDes record is locked in the database itself: the triggers below abort any change to a
finalised meeting, its attendance list, the usulan decided in it (except the later status moves
approved → sent → accepted/rejected by the district and the sent/district columns) and their
replacement pairs. Batch mode rebuilds a table and drops its triggers: a later migration that
batch-alters ``usulan``, ``musdes_meeting``, ``musdes_attendee`` or ``replacement_pair`` must
run ``create_lock_triggers`` again (tests/db/test_musdes.py checks they exist at head).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 01:33:17.012588
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_FINALISED = "SELECT 1 FROM musdes_meeting m WHERE m.id = {ref} AND m.status = 'finalised'"
_PAIR_FINALISED = (
    "SELECT 1 FROM usulan u JOIN musdes_meeting m ON m.id = u.meeting_id "
    "WHERE u.id = {ref} AND m.status = 'finalised'"
)
# Columns of a decided usulan that may never change once its meeting is finalised.
_FROZEN = (
    "id",
    "uuid",
    "kind",
    "entity",
    "entity_uuid",
    "ruta_uuid",
    "reason",
    "note",
    "source",
    "created_at",
    "created_by",
    "changes",
    "through_change_id",
    "previous_id",
    "meeting_id",
    "decision",
    "decision_note",
    "decided_at",
)
_LATER_MOVES = (
    "NEW.status = OLD.status"
    " OR (OLD.status = 'approved' AND NEW.status = 'sent')"
    " OR (OLD.status = 'sent'"
    " AND NEW.status IN ('accepted_by_dinas', 'rejected_by_dinas'))"
)


def _trigger(name: str, when: str, table: str, condition: str, message: str) -> str:
    return (
        f"CREATE TRIGGER {name} BEFORE {when} ON {table} WHEN {condition} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )


def _lock_triggers() -> dict[str, str]:
    unchanged = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in _FROZEN)
    meeting_locked = "siksdesk: the MusDes is finalised and locked"
    usulan_locked = "siksdesk: usulan decided in a finalised MusDes is locked"
    old_final = f"EXISTS ({_FINALISED.format(ref='OLD.meeting_id')})"
    new_final = f"EXISTS ({_FINALISED.format(ref='NEW.meeting_id')})"
    return {
        "musdes_meeting_locked_insert": _trigger(
            "musdes_meeting_locked_insert",
            "INSERT",
            "musdes_meeting",
            "NEW.status = 'finalised'",
            "siksdesk: a MusDes is created open, then finalised",
        ),
        "musdes_meeting_locked_update": _trigger(
            "musdes_meeting_locked_update",
            "UPDATE",
            "musdes_meeting",
            "OLD.status = 'finalised'",
            meeting_locked,
        ),
        "musdes_meeting_locked_delete": _trigger(
            "musdes_meeting_locked_delete",
            "DELETE",
            "musdes_meeting",
            "OLD.status = 'finalised'",
            meeting_locked,
        ),
        "musdes_attendee_locked_insert": _trigger(
            "musdes_attendee_locked_insert", "INSERT", "musdes_attendee", new_final, meeting_locked
        ),
        "musdes_attendee_locked_update": _trigger(
            "musdes_attendee_locked_update",
            "UPDATE",
            "musdes_attendee",
            f"{old_final} OR {new_final}",
            meeting_locked,
        ),
        "musdes_attendee_locked_delete": _trigger(
            "musdes_attendee_locked_delete", "DELETE", "musdes_attendee", old_final, meeting_locked
        ),
        "usulan_locked_insert": _trigger(
            "usulan_locked_insert", "INSERT", "usulan", new_final, usulan_locked
        ),
        "usulan_locked_update": _trigger(
            "usulan_locked_update",
            "UPDATE",
            "usulan",
            f"({old_final} AND NOT ({unchanged} AND ({_LATER_MOVES})))"
            f" OR (NEW.meeting_id IS NOT OLD.meeting_id AND {new_final})",
            usulan_locked,
        ),
        "usulan_locked_delete": _trigger(
            "usulan_locked_delete", "DELETE", "usulan", old_final, usulan_locked
        ),
        "replacement_pair_locked_insert": _trigger(
            "replacement_pair_locked_insert",
            "INSERT",
            "replacement_pair",
            f"EXISTS ({_PAIR_FINALISED.format(ref='NEW.usulan_id')})",
            usulan_locked,
        ),
        "replacement_pair_locked_update": _trigger(
            "replacement_pair_locked_update",
            "UPDATE",
            "replacement_pair",
            f"EXISTS ({_PAIR_FINALISED.format(ref='OLD.usulan_id')})"
            f" OR EXISTS ({_PAIR_FINALISED.format(ref='NEW.usulan_id')})",
            usulan_locked,
        ),
        "replacement_pair_locked_delete": _trigger(
            "replacement_pair_locked_delete",
            "DELETE",
            "replacement_pair",
            f"EXISTS ({_PAIR_FINALISED.format(ref='OLD.usulan_id')})",
            usulan_locked,
        ),
    }


LOCK_TRIGGERS = tuple(_lock_triggers())


def create_lock_triggers() -> None:
    for sql in _lock_triggers().values():
        op.execute(sql)


def drop_lock_triggers() -> None:
    for name in LOCK_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
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
    op.create_table(
        "musdes_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("agenda", sa.String(length=1000), nullable=False),
        sa.Column("chair", sa.String(length=120), nullable=False),
        sa.Column("note_taker", sa.String(length=120), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("finalised_at", sa.DateTime(), nullable=True),
        sa.Column("finalised_by", sa.String(length=120), nullable=True),
        sa.Column("decided_set_sha256", sa.String(length=64), nullable=True),
        sa.CheckConstraint("kind IN ('musdes', 'sptjm')", name=op.f("ck_musdes_meeting_kind")),
        sa.CheckConstraint(
            "status IN ('open', 'finalised')", name=op.f("ck_musdes_meeting_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_musdes_meeting")),
        sa.UniqueConstraint("uuid", name=op.f("uq_musdes_meeting_uuid")),
    )
    with op.batch_alter_table("musdes_meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_musdes_meeting_status"), ["status"], unique=False)

    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
        sa.UniqueConstraint("code", name=op.f("uq_programme_code")),
    )
    op.create_table(
        "musdes_attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("no_urut", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["musdes_meeting.id"],
            name=op.f("fk_musdes_attendee_meeting_id_musdes_meeting"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_musdes_attendee")),
    )
    with op.batch_alter_table("musdes_attendee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_musdes_attendee_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "programme_beneficiary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("ruta_uuid", sa.String(length=36), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_beneficiary_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_beneficiary")),
        sa.UniqueConstraint("programme_id", "ruta_uuid", name="programme_ruta"),
    )
    with op.batch_alter_table("programme_beneficiary", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_beneficiary_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_programme_beneficiary_ruta_uuid"), ["ruta_uuid"], unique=False
        )

    op.create_table(
        "replacement_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("usulan_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("exit_ruta_uuid", sa.String(length=36), nullable=True),
        sa.Column("exit_reason", sa.String(length=30), nullable=False),
        sa.Column("entry_ruta_uuid", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_replacement_pair_programme_id_programme"),
        ),
        sa.ForeignKeyConstraint(
            ["usulan_id"], ["usulan.id"], name=op.f("fk_replacement_pair_usulan_id_usulan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replacement_pair")),
        sa.UniqueConstraint("usulan_id", name=op.f("uq_replacement_pair_usulan_id")),
    )
    with op.batch_alter_table("replacement_pair", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_replacement_pair_programme_id"), ["programme_id"], unique=False
        )

    with op.batch_alter_table("usulan", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("changes", sa.JSON(), server_default=sa.text("'{}'"), nullable=False)
        )
        batch_op.add_column(sa.Column("through_change_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("previous_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("meeting_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("decision", sa.String(length=10), nullable=True))
        batch_op.add_column(
            sa.Column("decision_note", sa.String(length=500), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("decided_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("sent_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("dinas_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("dinas_note", sa.String(length=500), server_default="", nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_usulan_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_usulan_meeting_id_musdes_meeting"),
            "musdes_meeting",
            ["meeting_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_usulan_previous_id_usulan"), "usulan", ["previous_id"], ["id"]
        )

    create_lock_triggers()


def downgrade() -> None:
    drop_lock_triggers()
    with op.batch_alter_table("usulan", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_usulan_previous_id_usulan"), type_="foreignkey")
        batch_op.drop_constraint(
            batch_op.f("fk_usulan_meeting_id_musdes_meeting"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_usulan_meeting_id"))
        batch_op.drop_column("dinas_note")
        batch_op.drop_column("dinas_at")
        batch_op.drop_column("sent_at")
        batch_op.drop_column("decided_at")
        batch_op.drop_column("decision_note")
        batch_op.drop_column("decision")
        batch_op.drop_column("meeting_id")
        batch_op.drop_column("previous_id")
        batch_op.drop_column("through_change_id")
        batch_op.drop_column("changes")

    with op.batch_alter_table("replacement_pair", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_replacement_pair_programme_id"))

    op.drop_table("replacement_pair")
    with op.batch_alter_table("programme_beneficiary", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_beneficiary_ruta_uuid"))
        batch_op.drop_index(batch_op.f("ix_programme_beneficiary_programme_id"))

    op.drop_table("programme_beneficiary")
    with op.batch_alter_table("musdes_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_musdes_attendee_meeting_id"))

    op.drop_table("musdes_attendee")
    op.drop_table("programme")
    with op.batch_alter_table("musdes_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_musdes_meeting_status"))

    op.drop_table("musdes_meeting")
    op.drop_table("approver_credential")
