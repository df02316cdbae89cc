"""Login accounts (operator / Kepala Desa). Passwords and the Kepala Desa's recovery code are
stored as argon2id hashes (or, for an approver credential migrated from 0004, a scrypt string
rehashed at its first successful check); failed attempts are counted here so a restart does
not reset the growing delay."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base, utc_now


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint("role IN ('operator', 'kepala_desa')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)  # lowercase, the author
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))  # domain.accounts.AccountRole
    password_hash: Mapped[str] = mapped_column(String(256))
    recovery_hash: Mapped[str | None] = mapped_column(String(256))  # kepala_desa only
    must_change_password: Mapped[bool] = mapped_column(default=False)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    last_failed_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(64))
