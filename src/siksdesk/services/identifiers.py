"""Who else in the village carries a NIK or a No. KK: the duplicates the NIK/KK fields link to.

Both look-ups are one indexed query (``ix_art_nik``, ``ix_keluarga_no_kk``) joined up to the
household; they return DTOs, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from siksdesk.domain.numbers import clean_identifier
from siksdesk.models import Art, Keluarga, Ruta

__all__ = ["DuplicateRef", "find_kk_users", "find_nik_users"]

DEFAULT_LIMIT = 20  # a placeholder number may be everywhere; the field shows a few links only


@dataclass(frozen=True, slots=True)
class DuplicateRef:
    """One other record carrying the number: where it is and whom to show.

    For a No. KK the person is the family's first member (head first); ``art_id`` is 0 and
    ``nama`` empty when that family has no member at all."""

    ruta_id: int
    art_id: int
    nama: str
    ruta_no_urut: int | None


def _digits(number: str | None) -> str | None:
    """The number as stored (16 ASCII digits after cleaning), or None if it cannot be one."""
    if number is None:
        return None
    digits = clean_identifier(number, "nik").digits
    return digits if digits and len(digits) <= 16 else None


def find_nik_users(session: Session, nik: str | None, exclude_art_id: int | None = None,
                   *, limit: int = DEFAULT_LIMIT) -> list[DuplicateRef]:
    """Members whose NIK equals ``nik`` (cleaned first), except ``exclude_art_id``."""
    digits = _digits(nik)
    if digits is None:
        return []
    stmt = (
        select(Ruta.id, Art.id, Art.nama, Ruta.no_urut)
        .join(Keluarga, Art.keluarga_id == Keluarga.id)
        .join(Ruta, Keluarga.ruta_id == Ruta.id)
        .where(Art.nik == digits)
    )
    if exclude_art_id is not None:
        stmt = stmt.where(Art.id != exclude_art_id)
    stmt = stmt.order_by(Ruta.no_urut.is_(None), Ruta.no_urut, Ruta.id, Art.no_urut, Art.id)
    return _refs(session.execute(stmt.limit(limit)))


def find_kk_users(session: Session, no_kk: str | None, exclude_keluarga_id: int | None = None,
                  *, limit: int = DEFAULT_LIMIT) -> list[DuplicateRef]:
    """Families whose No. KK equals ``no_kk`` (cleaned first), except ``exclude_keluarga_id``;
    each is named by its first member (head of household first, then by member number)."""
    digits = _digits(no_kk)
    if digits is None:
        return []
    first_member = (
        select(Art.id)
        .where(Art.keluarga_id == Keluarga.id)
        .order_by(Art.hubungan_krt.is_(None), Art.hubungan_krt, Art.no_urut, Art.id)
        .limit(1)
        .correlate(Keluarga)
        .scalar_subquery()
    )
    stmt = (
        select(Ruta.id, Art.id, Art.nama, Ruta.no_urut)
        .select_from(Keluarga)
        .join(Ruta, Keluarga.ruta_id == Ruta.id)
        .outerjoin(Art, Art.id == first_member)
        .where(Keluarga.no_kk == digits)
    )
    if exclude_keluarga_id is not None:
        stmt = stmt.where(Keluarga.id != exclude_keluarga_id)
    stmt = stmt.order_by(Ruta.no_urut.is_(None), Ruta.no_urut, Ruta.id, Keluarga.no_urut,
                         Keluarga.id)
    return _refs(session.execute(stmt.limit(limit)))


def _refs(rows: Iterable[Sequence[Any]]) -> list[DuplicateRef]:
    """(ruta id, art id, nama, ruta no. urut) rows; the person may be missing (outer join)."""
    return [
        DuplicateRef(ruta_id=ruta_id, art_id=art_id or 0, nama=nama or "", ruta_no_urut=no_urut)
        for ruta_id, art_id, nama, no_urut in rows
    ]
