"""Every registry edit becomes or joins a proposal; the operator reviews, groups, edits,
withdraws and marks proposals ready; the export gate says which decided ones may leave.

Edits → proposals: ``record_edit_proposals`` reads the change log of one household (origin
"edit", newer than the last change already folded into one of its proposals, and newer than
what sync has sent) and folds each change into an open (draft or ready) proposal:

* a new household → one "new" proposal; later edits of that household join it;
* a new member → "new_member"; later edits of that member join it; deleting the member again
  withdraws it;
* changed fields → one "correction" per ruta/keluarga/art holding ``{field: {before, after}}``
  (the first before, the newest after; a field edited back drops out, an emptied correction is
  withdrawn);
* a member marked deceased/moved/not found, or a household marked not found/moved/duplicate →
  "deactivate" with the implied reason; deleting an existing member → "deactivate" without a
  reason (the operator must choose one before it can be marked ready).

A ready proposal that an edit joins goes back to draft: the operator checks it again.
Withdrawing a proposal does NOT undo the registry edit: the data stay as edited, but the change
is not put to the MusDes and is never exported to the district (the edit remains in the change
log; a new edit of the same record starts a new proposal).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.domain.musdes import (
    MeetingStatus,
    Role,
    UsulanKind,
    UsulanStatus,
    check_transition,
    leaving_reason,
    merge_changes,
)
from siksdesk.domain.usulan_rules import UsulanRuleError, rule_message
from siksdesk.models import ChangeLog, MusdesMeeting, SyncState, Usulan
from siksdesk.services.programmes import copy_pair, pair_for
from siksdesk.services.usulan import OPEN_STATUSES, UsulanRow, get_usulan, open_usulan, usulan_row

EDIT_SOURCE = "edit"
_K = UsulanKind
_S = UsulanStatus


def record_edit_proposals(session: Session, ruta_uuid: str, *, author: str) -> list[int]:
    """Fold the household's not-yet-proposed edits into proposals (see the module doc). Runs
    inside the caller's unit of work; returns the ids of the proposals created or joined."""
    floor = max(_watermark(session, ruta_uuid), _sent_through(session))
    changes = list(session.scalars(
        select(ChangeLog).where(ChangeLog.ruta_uuid == ruta_uuid, ChangeLog.origin == "edit",
                                ChangeLog.id > floor).order_by(ChangeLog.id)))
    if not changes:
        return []
    folder = _Folder(session, ruta_uuid, author)
    for change in changes:
        folder.fold(change)
    return folder.finish(changes[-1].id)


def _watermark(session: Session, ruta_uuid: str) -> int:
    found = session.scalar(select(func.max(Usulan.through_change_id))
                           .where(Usulan.ruta_uuid == ruta_uuid))
    return int(found or 0)


def _sent_through(session: Session) -> int:
    state = session.get(SyncState, 1)
    return state.sent_through_change_id if state is not None else 0


class _Folder:
    """Folds change-log rows of one household into its open proposals."""

    def __init__(self, session: Session, ruta_uuid: str, author: str) -> None:
        self.session, self.ruta_uuid, self.author = session, ruta_uuid, author
        self.touched: dict[int, Usulan] = {}
        self.household_new = open_usulan(session, _K.BARU, ruta_uuid)

    def fold(self, change: ChangeLog) -> None:
        entity, action = change.entity, change.action
        if entity == "ruta" and action == "insert":
            self.household_new = self.household_new or self._create(_K.BARU, "ruta", ruta_uuid=
                                                                    self.ruta_uuid)
        if self.household_new is not None:  # everything about a new household joins it
            self._touch(self.household_new)
            return
        if action == "update":
            self._update(entity, change.entity_uuid, change.before or {}, change.after or {})
        elif entity == "art" and action == "insert":
            member = open_usulan(self.session, _K.ANGGOTA_BARU, change.entity_uuid)
            self._touch(member or self._create(_K.ANGGOTA_BARU, "art", change.entity_uuid))
        elif entity == "art" and action == "delete":
            self._member_deleted(change.entity_uuid)
        # keluarga insert/delete: its members' own rows carry the change

    def _update(self, entity: str, entity_uuid: str, before: dict[str, Any],
                after: dict[str, Any]) -> None:
        if entity == "art" and (member := open_usulan(self.session, _K.ANGGOTA_BARU,
                                                      entity_uuid)) is not None:
            self._touch(member)
            return
        target = open_usulan(self.session, _K.NONAKTIF, entity_uuid)
        reason = leaving_reason(entity, after)
        if target is None and reason is None:
            target = open_usulan(self.session, _K.PERBAIKAN, entity_uuid)
            target = target or self._create(_K.PERBAIKAN, entity, entity_uuid)
        elif target is None:
            target = self._create(_K.NONAKTIF, entity, entity_uuid)
        if target.kind == _K.NONAKTIF and reason is not None and not target.reason:
            target.reason = reason.value
        target.changes = merge_changes(target.changes or {}, before, after)
        self._touch(target)

    def _member_deleted(self, art_uuid: str) -> None:
        member = open_usulan(self.session, _K.ANGGOTA_BARU, art_uuid)
        if member is not None:
            member.status = UsulanStatus.DITARIK.value
            self._touch(member, reopen=False)
            return
        for kind in (_K.PERBAIKAN,):  # its pending corrections no longer apply
            stale = open_usulan(self.session, kind, art_uuid)
            if stale is not None:
                stale.status = UsulanStatus.DITARIK.value
                self._touch(stale, reopen=False)
        leaving = open_usulan(self.session, _K.NONAKTIF, art_uuid)
        self._touch(leaving or self._create(_K.NONAKTIF, "art", art_uuid))

    def _create(self, kind: UsulanKind, entity: str, entity_uuid: str | None = None, *,
                ruta_uuid: str | None = None) -> Usulan:
        usulan = Usulan(kind=kind.value, entity=entity,
                        entity_uuid=entity_uuid or ruta_uuid or self.ruta_uuid,
                        ruta_uuid=self.ruta_uuid, reason="", source=EDIT_SOURCE,
                        created_by=self.author, changes={})
        self.session.add(usulan)
        self.session.flush()
        return usulan

    def _touch(self, usulan: Usulan, *, reopen: bool = True) -> None:
        if reopen and usulan.status == UsulanStatus.SIAP_MUSDES:
            usulan.status = UsulanStatus.DRAFT.value  # changed since marked ready: check again
        self.touched[usulan.id] = usulan

    def finish(self, through: int) -> list[int]:
        for usulan in self.touched.values():
            usulan.through_change_id = through
            if (usulan.kind == _K.PERBAIKAN and usulan.source == EDIT_SOURCE
                    and not usulan.changes and usulan.status == UsulanStatus.DRAFT):
                usulan.status = UsulanStatus.DITARIK.value  # every field edited back
        self.session.flush()
        return sorted(self.touched)


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HouseholdProposals:
    ruta_uuid: str
    proposals: tuple[UsulanRow, ...]


def list_proposals(session: Session, statuses: Iterable[str] | None = None,
                   kinds: Iterable[str] | None = None) -> list[UsulanRow]:
    query = select(Usulan).order_by(Usulan.id)
    if statuses is not None:
        query = query.where(Usulan.status.in_(list(statuses)))
    if kinds is not None:
        query = query.where(Usulan.kind.in_(list(kinds)))
    return [usulan_row(u) for u in session.scalars(query)]


def proposals_by_household(session: Session,
                           statuses: Iterable[str] | None = None) -> list[HouseholdProposals]:
    """Proposals grouped per household, households in the order of their first proposal."""
    grouped: dict[str, list[UsulanRow]] = defaultdict(list)
    for row in list_proposals(session, statuses):
        grouped[row.ruta_uuid].append(row)
    return [HouseholdProposals(ruta, tuple(rows)) for ruta, rows in grouped.items()]


def pending_for_household(session: Session, ruta_uuid: str) -> list[UsulanRow]:
    """What is pending on a household (for the list and the editor): open proposals, those
    decided in a meeting that is not finalised yet, approved ones not yet sent, and deferred
    ones not yet carried forward to a new draft."""
    rows = list(session.scalars(select(Usulan).where(Usulan.ruta_uuid == ruta_uuid)
                                .order_by(Usulan.id)))
    finalised = _finalised_meetings(session)
    carried: set[int] = {u.previous_id for u in rows if u.previous_id is not None}
    return [usulan_row(u) for u in rows if _pending(u, finalised, carried)]


def _pending(usulan: Usulan, finalised: set[int], carried: set[int]) -> bool:
    status = usulan.status
    if status in OPEN_STATUSES:
        return True
    if status not in (_S.DISETUJUI, _S.DITOLAK, _S.DITUNDA):
        return False
    if usulan.meeting_id not in finalised:
        return True
    return status == _S.DISETUJUI or (status == _S.DITUNDA and usulan.id not in carried)


def _finalised_meetings(session: Session) -> set[int]:
    return set(session.scalars(select(MusdesMeeting.id).where(
        MusdesMeeting.status == MeetingStatus.FINALISED.value)))


# --- the operator's actions ------------------------------------------------------------------


def edit_proposal(factory: sessionmaker[Session], usulan_id: int, *, author: str,
                  note: str | None = None, reason: str | None = None) -> UsulanRow:
    """Change the note (and, for a deactivation, the reason) of an open proposal."""
    with unit_of_work(factory, author) as session:
        usulan = _open(session, usulan_id)
        if note is not None:
            usulan.note = note.strip()[:500]
        if reason is not None and usulan.kind in (_K.NONAKTIF, _K.PENGGANTIAN):
            usulan.reason = DeactivationReason(reason).value
        session.flush()
        return usulan_row(usulan)


def withdraw(factory: sessionmaker[Session], usulan_id: int, *, author: str,
             note: str = "") -> UsulanRow:
    """Withdraw an open proposal (see the module doc: the registry edit stays)."""
    return _move(factory, usulan_id, UsulanStatus.DITARIK, author, note)


def mark_ready(factory: sessionmaker[Session], usulan_ids: Sequence[int], *,
               author: str) -> list[UsulanRow]:
    """Mark drafts ready for the MusDes (siap MusDes): all or none."""
    with unit_of_work(factory, author) as session:
        rows = []
        for usulan_id in usulan_ids:
            usulan = get_usulan(session, usulan_id)
            check_transition(usulan.status, UsulanStatus.SIAP_MUSDES, Role.OPERATOR)
            if not usulan.reason and _needs_reason(session, usulan):
                raise UsulanRuleError("USULAN_REASON_MISSING")
            usulan.status = UsulanStatus.SIAP_MUSDES.value
            rows.append(usulan)
        session.flush()
        return [usulan_row(u) for u in rows]


def _needs_reason(session: Session, usulan: Usulan) -> bool:
    if usulan.kind == _K.NONAKTIF:
        return True
    pair = pair_for(session, usulan.id) if usulan.kind == _K.PENGGANTIAN else None
    return pair is not None and pair.exit_ruta is not None


def back_to_draft(factory: sessionmaker[Session], usulan_id: int, *, author: str) -> UsulanRow:
    return _move(factory, usulan_id, UsulanStatus.DRAFT, author)


def carry_forward(factory: sessionmaker[Session], usulan_id: int, *, author: str) -> UsulanRow:
    """A deferred proposal stays as the record of its meeting; this puts a copy (a new draft
    that names it as ``previous_id``) in front of the next meeting."""
    with unit_of_work(factory, author) as session:
        old = get_usulan(session, usulan_id)
        if old.status != UsulanStatus.DITUNDA:
            raise UsulanRuleError("USULAN_TRANSITION", current=UsulanStatus(old.status),
                                  target=UsulanStatus.DRAFT)
        if session.scalar(select(Usulan.id).where(Usulan.previous_id == old.id).limit(1)):
            raise UsulanRuleError("USULAN_ALREADY_CARRIED")
        copy = Usulan(kind=old.kind, entity=old.entity, entity_uuid=old.entity_uuid,
                      ruta_uuid=old.ruta_uuid, reason=old.reason, note=old.note,
                      source=old.source, created_by=author, changes=dict(old.changes or {}),
                      previous_id=old.id, through_change_id=old.through_change_id)
        session.add(copy)
        session.flush()
        copy_pair(session, old.id, copy.id)
        return usulan_row(copy)


def _open(session: Session, usulan_id: int) -> Usulan:
    usulan = get_usulan(session, usulan_id)
    if usulan.status not in OPEN_STATUSES:
        raise UsulanRuleError("USULAN_NOT_EDITABLE", current=UsulanStatus(usulan.status))
    return usulan


def _move(factory: sessionmaker[Session], usulan_id: int, target: UsulanStatus, author: str,
          note: str = "") -> UsulanRow:
    with unit_of_work(factory, author) as session:
        usulan = get_usulan(session, usulan_id)
        check_transition(usulan.status, target, Role.OPERATOR)
        usulan.status = target.value
        if note:
            usulan.note = note.strip()[:500]
        session.flush()
        return usulan_row(usulan)


# --- the export gate -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeldBack:
    """A proposal that cannot be exported now, and why (``message(lang)``)."""

    usulan: UsulanRow
    code: str

    def message(self, lang: str = "id") -> str:
        return rule_message(self.code, lang)


def exportable_proposals(session: Session) -> list[UsulanRow]:
    """The only proposals that may leave the village: approved in a finalised MusDes or SPTJM
    and not yet sent. Nothing else passes, whatever the UI shows."""
    query = (select(Usulan).join(MusdesMeeting, MusdesMeeting.id == Usulan.meeting_id)
             .where(Usulan.status == _S.DISETUJUI.value, Usulan.decision == "approve",
                    MusdesMeeting.status == MeetingStatus.FINALISED.value,
                    MusdesMeeting.decided_set_sha256.is_not(None))
             .order_by(Usulan.id))
    return [usulan_row(u) for u in session.scalars(query)]


def held_back(session: Session) -> list[HeldBack]:
    """Every other proposal, with the reason it is not exportable."""
    exportable = {row.id for row in exportable_proposals(session)}
    finalised = _finalised_meetings(session)
    return [HeldBack(usulan_row(u), _held_code(u, finalised))
            for u in session.scalars(select(Usulan).order_by(Usulan.id))
            if u.id not in exportable]


_HELD_CODES = {_S.DRAFT: "HELD_DRAFT", _S.SIAP_MUSDES: "HELD_READY",
               _S.DITOLAK: "HELD_REJECTED", _S.DITUNDA: "HELD_DEFERRED",
               _S.DITARIK: "HELD_WITHDRAWN", _S.TERKIRIM: "HELD_SENT",
               _S.DITERIMA_DINAS: "HELD_DINAS_DECIDED", _S.DITOLAK_DINAS: "HELD_DINAS_DECIDED"}


def _held_code(usulan: Usulan, finalised: set[int]) -> str:
    if usulan.status in (_S.DISETUJUI, _S.DITOLAK, _S.DITUNDA) and (
            usulan.meeting_id not in finalised):
        return "HELD_NOT_FINALISED"
    return _HELD_CODES.get(UsulanStatus(usulan.status), "HELD_READY")
