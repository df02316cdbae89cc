"""Creating usulan (proposals) that the MusDes will decide on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.models import Art, Keluarga, Ruta, Usulan

OPEN_STATUSES = ("draft",)


@dataclass(frozen=True, slots=True)
class UsulanRow:
    id: int
    uuid: str
    kind: str
    entity: str
    entity_uuid: str
    reason: str
    source: str
    status: str


def propose_art_deactivation(session: Session, art_id: int, reason: DeactivationReason, *,
                             source: str, author: str, note: str = "") -> UsulanRow:
    """Propose that member ``art_id`` leaves the registry. An open deactivation proposal for the
    same member is updated rather than duplicated (one person, one pending decision)."""
    art_uuid, ruta_uuid = session.execute(
        select(Art.uuid, Ruta.uuid)
        .join(Keluarga, Art.keluarga_id == Keluarga.id)
        .join(Ruta, Keluarga.ruta_id == Ruta.id)
        .where(Art.id == art_id)
    ).one()
    existing = session.scalars(
        select(Usulan).where(Usulan.entity == "art", Usulan.entity_uuid == art_uuid,
                             Usulan.kind == "deactivate", Usulan.status.in_(OPEN_STATUSES))
    ).first()
    if existing is None:
        existing = Usulan(kind="deactivate", entity="art", entity_uuid=art_uuid,
                          ruta_uuid=ruta_uuid, created_by=author)
        session.add(existing)
    existing.reason = DeactivationReason(reason).value
    existing.source, existing.note = source, note
    session.flush()
    return _row(existing)


def open_proposals_for(session: Session, entity_uuid: str) -> list[UsulanRow]:
    rows = session.scalars(
        select(Usulan).where(Usulan.entity_uuid == entity_uuid,
                             Usulan.status.in_(OPEN_STATUSES)).order_by(Usulan.id)
    )
    return [_row(usulan) for usulan in rows]


def _row(usulan: Usulan) -> UsulanRow:
    return UsulanRow(id=usulan.id, uuid=usulan.uuid, kind=usulan.kind, entity=usulan.entity,
                     entity_uuid=usulan.entity_uuid, reason=usulan.reason, source=usulan.source,
                     status=usulan.status)
