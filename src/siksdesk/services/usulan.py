"""Creating and reading usulan (proposals) that the MusDes will decide on. The rules (kinds,
statuses, who may move what) are in ``siksdesk.domain.musdes``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.domain.musdes import OPEN_STATUSES as _OPEN
from siksdesk.domain.musdes import UsulanKind
from siksdesk.domain.usulan_rules import UsulanRuleError
from siksdesk.models import Art, Keluarga, Ruta, Usulan

OPEN_STATUSES: tuple[str, ...] = tuple(sorted(s.value for s in _OPEN))  # draft, ready


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
    ruta_uuid: str = ""
    note: str = ""
    changes: tuple[tuple[str, object, object], ...] = ()  # (field, before, after), sorted
    created_at: datetime | None = None
    created_by: str = ""
    meeting_id: int | None = None
    decision: str | None = None
    decision_note: str = ""
    decided_at: datetime | None = None
    previous_id: int | None = None


def propose_art_deactivation(session: Session, art_id: int, reason: DeactivationReason, *,
                             source: str, author: str, note: str = "") -> UsulanRow:
    """Propose that member ``art_id`` leaves the registry. An open (draft or ready) deactivation
    proposal for the same member is updated rather than duplicated (one person, one pending
    decision)."""
    art_uuid, ruta_uuid = session.execute(
        select(Art.uuid, Ruta.uuid)
        .join(Keluarga, Art.keluarga_id == Keluarga.id)
        .join(Ruta, Keluarga.ruta_id == Ruta.id)
        .where(Art.id == art_id)
    ).one()
    existing = open_usulan(session, UsulanKind.NONAKTIF, art_uuid)
    if existing is None:
        existing = Usulan(kind=UsulanKind.NONAKTIF.value, entity="art", entity_uuid=art_uuid,
                          ruta_uuid=ruta_uuid, created_by=author, changes={})
        session.add(existing)
    existing.reason = DeactivationReason(reason).value
    existing.source, existing.note = source, note
    session.flush()
    return usulan_row(existing)


def open_usulan(session: Session, kind: UsulanKind, entity_uuid: str) -> Usulan | None:
    """The open (draft or ready) proposal of ``kind`` about ``entity_uuid``, if any."""
    return session.scalars(
        select(Usulan).where(Usulan.entity_uuid == entity_uuid, Usulan.kind == kind.value,
                             Usulan.status.in_(OPEN_STATUSES)).order_by(Usulan.id)
    ).first()


def open_proposals_for(session: Session, entity_uuid: str) -> list[UsulanRow]:
    rows = session.scalars(
        select(Usulan).where(Usulan.entity_uuid == entity_uuid,
                             Usulan.status.in_(OPEN_STATUSES)).order_by(Usulan.id)
    )
    return [usulan_row(usulan) for usulan in rows]


def get_usulan(session: Session, usulan_id: int) -> Usulan:
    usulan = session.get(Usulan, usulan_id)
    if usulan is None:
        raise UsulanRuleError("USULAN_NOT_FOUND")
    return usulan


def usulan_row(usulan: Usulan) -> UsulanRow:
    changes = tuple(sorted((key, change.get("before"), change.get("after"))
                           for key, change in (usulan.changes or {}).items()
                           if isinstance(change, dict)))
    return UsulanRow(id=usulan.id, uuid=usulan.uuid, kind=usulan.kind, entity=usulan.entity,
                     entity_uuid=usulan.entity_uuid, reason=usulan.reason, source=usulan.source,
                     status=usulan.status, ruta_uuid=usulan.ruta_uuid, note=usulan.note,
                     changes=changes, created_at=usulan.created_at,
                     created_by=usulan.created_by, meeting_id=usulan.meeting_id,
                     decision=usulan.decision, decision_note=usulan.decision_note,
                     decided_at=usulan.decided_at, previous_id=usulan.previous_id)
