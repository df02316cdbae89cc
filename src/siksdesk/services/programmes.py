"""Programmes (KKS/BPNT, PKH, PBI-JK, …): the village's quota, its current beneficiaries, and
one-for-one replacement proposals checked by ``domain.usulan_rules.check_replacements``.

The beneficiary list is what the district says; a replacement changes it only when the district
accepts it (a later issue). Until then, replacements approved in a finalised meeting and not
yet answered (approved or sent) already count: their leaving households are out and their
entering ones in when the next set is checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.domain.musdes import UsulanKind, UsulanStatus
from siksdesk.domain.usulan_rules import (
    ProgrammeFacts,
    ReplacementCheck,
    ReplacementPair,
    UsulanRuleError,
    check_replacements,
)
from siksdesk.models import Programme, ProgrammeBeneficiary, Ruta, Usulan
from siksdesk.models import ReplacementPair as PairModel
from siksdesk.services.usulan import OPEN_STATUSES, UsulanRow, usulan_row

_S = UsulanStatus
# Replacements already decided for good but not yet answered by the district.
_COMMITTED = (_S.DISETUJUI.value, _S.TERKIRIM.value)
_PROPOSED_OUT = (*OPEN_STATUSES, _S.DISETUJUI.value, _S.TERKIRIM.value)


@dataclass(frozen=True, slots=True)
class ProgrammeRow:
    id: int
    code: str
    name: str
    quota: int
    beneficiaries: int


@dataclass(frozen=True, slots=True)
class PairRow:
    usulan_id: int
    programme: str
    exit_ruta: str | None
    exit_reason: str
    entry_ruta: str | None


def set_programme(factory: sessionmaker[Session], code: str, *, quota: int, author: str,
                  name: str = "") -> ProgrammeRow:
    """Create the programme or change its quota/name."""
    if quota < 0:
        raise ValueError("quota must not be negative")
    with unit_of_work(factory, author) as session:
        programme = session.scalars(select(Programme).where(Programme.code == code)).first()
        if programme is None:
            programme = Programme(code=code, name=name)
            session.add(programme)
        programme.quota = quota
        if name:
            programme.name = name
        session.flush()
        return _programme_row(session, programme)


def set_beneficiaries(factory: sessionmaker[Session], code: str, ruta_uuids: Iterable[str], *,
                      author: str, since: date | None = None) -> ProgrammeRow:
    """Replace the programme's beneficiary list (as received from the district)."""
    with unit_of_work(factory, author) as session:
        programme = _programme(session, code)
        session.execute(delete(ProgrammeBeneficiary)
                        .where(ProgrammeBeneficiary.programme_id == programme.id))
        session.add_all(ProgrammeBeneficiary(programme_id=programme.id, ruta_uuid=uuid,
                                             since=since) for uuid in dict.fromkeys(ruta_uuids))
        session.flush()
        return _programme_row(session, programme)


def list_programmes(session: Session) -> list[ProgrammeRow]:
    return [_programme_row(session, p)
            for p in session.scalars(select(Programme).order_by(Programme.code))]


def beneficiaries(session: Session, code: str) -> frozenset[str]:
    programme = _programme(session, code)
    return frozenset(session.scalars(select(ProgrammeBeneficiary.ruta_uuid).where(
        ProgrammeBeneficiary.programme_id == programme.id)))


def propose_replacement(factory: sessionmaker[Session], code: str, *, author: str,
                        exit_ruta: str | None, exit_reason: str | None,
                        entry_ruta: str | None, note: str = "") -> UsulanRow:
    """A draft replacement proposal (one pair). It is checked with the whole set when it is
    decided; ``check_replacement_set`` shows the findings beforehand."""
    with unit_of_work(factory, author) as session:
        programme = _programme(session, code)
        reason = DeactivationReason(exit_reason).value if exit_reason else ""
        subject = exit_ruta or entry_ruta
        if subject is None:
            raise UsulanRuleError("REPL_EMPTY_PAIR", pair=0)
        usulan = Usulan(kind=UsulanKind.PENGGANTIAN.value, entity="ruta", entity_uuid=subject,
                        ruta_uuid=subject, reason=reason, note=note, source="operator",
                        created_by=author, changes={})
        session.add(usulan)
        session.flush()
        session.add(PairModel(usulan_id=usulan.id, programme_id=programme.id,
                              exit_ruta_uuid=exit_ruta, exit_reason=reason,
                              entry_ruta_uuid=entry_ruta))
        session.flush()
        return usulan_row(usulan)


def pair_for(session: Session, usulan_id: int) -> PairRow | None:
    found = session.execute(select(PairModel, Programme.code)
                            .join(Programme, Programme.id == PairModel.programme_id)
                            .where(PairModel.usulan_id == usulan_id)).first()
    if found is None:
        return None
    pair, code = found
    return PairRow(usulan_id, code, pair.exit_ruta_uuid, pair.exit_reason, pair.entry_ruta_uuid)


def copy_pair(session: Session, old_usulan_id: int, new_usulan_id: int) -> None:
    """Give a carried-forward replacement proposal its own copy of the pair."""
    pair = session.scalars(select(PairModel).where(PairModel.usulan_id == old_usulan_id)).first()
    if pair is not None:
        session.add(PairModel(usulan_id=new_usulan_id, programme_id=pair.programme_id,
                              exit_ruta_uuid=pair.exit_ruta_uuid, exit_reason=pair.exit_reason,
                              entry_ruta_uuid=pair.entry_ruta_uuid))
        session.flush()


def programme_facts(session: Session, code: str) -> ProgrammeFacts:
    """Quota and beneficiaries, with committed (approved or sent) replacements applied."""
    programme = _programme(session, code)
    current = set(beneficiaries(session, code))
    for pair in _pairs(session, programme.id, _COMMITTED):
        current.discard(pair.exit_ruta_uuid or "")
        if pair.entry_ruta_uuid is not None:
            current.add(pair.entry_ruta_uuid)
    return ProgrammeFacts(code, programme.quota, frozenset(current))


def check_replacement_set(session: Session, code: str,
                          usulan_ids: Iterable[int] | None = None) -> ReplacementCheck:
    """Check a set of replacement proposals of one programme (default: every open one)."""
    programme = _programme(session, code)
    wanted = None if usulan_ids is None else set(usulan_ids)
    statuses = OPEN_STATUSES if wanted is None else None
    pairs = [ReplacementPair(p.exit_ruta_uuid, p.exit_reason or None, p.entry_ruta_uuid)
             for p in _pairs(session, programme.id, statuses)
             if wanted is None or p.usulan_id in wanted]
    return check_replacements(programme_facts(session, code), pairs,
                              registry=_registry(session), proposed_out=_proposed_out(session),
                              reasons=(r.value for r in DeactivationReason))


def _pairs(session: Session, programme_id: int,
           statuses: Iterable[str] | None) -> list[PairModel]:
    query = (select(PairModel).join(Usulan, Usulan.id == PairModel.usulan_id)
             .where(PairModel.programme_id == programme_id).order_by(PairModel.usulan_id))
    if statuses is not None:
        query = query.where(Usulan.status.in_(list(statuses)))
    return list(session.scalars(query))


def _registry(session: Session) -> frozenset[str]:
    return frozenset(session.scalars(select(Ruta.uuid).where(Ruta.aktif.is_(True))))


def _proposed_out(session: Session) -> frozenset[str]:
    return frozenset(session.scalars(select(Usulan.entity_uuid).where(
        Usulan.kind == UsulanKind.NONAKTIF.value, Usulan.entity == "ruta",
        Usulan.status.in_(_PROPOSED_OUT))))


def _programme(session: Session, code: str) -> Programme:
    programme = session.scalars(select(Programme).where(Programme.code == code)).first()
    if programme is None:
        raise UsulanRuleError("PROGRAMME_NOT_FOUND", programme=code)
    return programme


def _programme_row(session: Session, programme: Programme) -> ProgrammeRow:
    count = session.scalar(select(func.count()).select_from(ProgrammeBeneficiary).where(
        ProgrammeBeneficiary.programme_id == programme.id))
    return ProgrammeRow(programme.id, programme.code, programme.name, programme.quota,
                        int(count or 0))
