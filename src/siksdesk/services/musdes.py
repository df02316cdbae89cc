"""The MusDes (or the SPTJM that stands in for it): details, attendance, the agenda of ready
proposals, one decision per proposal (replacement pairs per programme, together), a summary,
and finalisation by a Kepala Desa account with its password — which hashes the decided set
and locks it.

A meeting in progress is just rows (status "open"): closing the program and calling
``load_meeting``/``agenda`` later resumes it. Once finalised, the triggers of migration 0004
refuse every change to the meeting, its attendees and what it decided.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.domain.accounts import check_may_finalise
from siksdesk.domain.musdes import (
    DECISION_STATUS,
    AttendeeRole,
    DecidedItem,
    Decision,
    MeetingKind,
    MeetingRecord,
    MeetingStatus,
    Role,
    UsulanKind,
    UsulanStatus,
    check_transition,
    decided_set_sha256,
)
from siksdesk.domain.usulan_rules import ReplacementCheck, UsulanRuleError
from siksdesk.models import MusdesAttendee, MusdesMeeting, Usulan
from siksdesk.models.base import utc_now
from siksdesk.services.accounts import check_password
from siksdesk.services.programmes import check_replacement_set, pair_for
from siksdesk.services.usulan import UsulanRow, get_usulan, usulan_row

_READY = UsulanStatus.SIAP_MUSDES.value


@dataclass(frozen=True, slots=True)
class AttendeeRow:
    id: int
    no_urut: int
    name: str
    role: str
    title: str


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: int
    uuid: str
    kind: str
    status: str
    held_on: date
    place: str
    agenda: str
    chair: str
    note_taker: str
    statement: str
    created_by: str
    finalised_at: datetime | None
    finalised_by: str | None
    decided_set_sha256: str | None
    attendees: tuple[AttendeeRow, ...]


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    decided: int
    undecided: int  # ready proposals still on the agenda
    by_decision: tuple[tuple[str, int], ...]  # (Decision, count), Decision order
    by_kind: tuple[tuple[str, str, int], ...]  # (UsulanKind, Decision, count), sorted


def create_meeting(factory: sessionmaker[Session], *, author: str, held_on: date,
                   kind: MeetingKind = MeetingKind.MUSDES, place: str = "", agenda: str = "",
                   chair: str = "", note_taker: str = "", statement: str = "") -> MeetingRow:
    with unit_of_work(factory, author) as session:
        meeting = MusdesMeeting(kind=MeetingKind(kind).value, held_on=held_on, place=place,
                                agenda=agenda, chair=chair, note_taker=note_taker,
                                statement=statement, created_by=author)
        session.add(meeting)
        session.flush()
        return meeting_row(meeting)


def create_sptjm(factory: sessionmaker[Session], *, author: str, held_on: date, chair: str,
                 statement: str) -> MeetingRow:
    """No deliberation was held: the Kepala Desa's statement of absolute responsibility
    (SPTJM) records the decisions instead (kind "sptjm", no attendance list)."""
    return create_meeting(factory, author=author, held_on=held_on, kind=MeetingKind.SPTJM,
                          chair=chair, statement=statement)


def update_meeting(factory: sessionmaker[Session], meeting_id: int, *, author: str,
                   **details: object) -> MeetingRow:
    """Change details (held_on, place, agenda, chair, note_taker, statement) while open."""
    allowed = {"held_on", "place", "agenda", "chair", "note_taker", "statement"}
    unknown = set(details) - allowed
    if unknown:
        raise TypeError(f"unknown meeting details: {sorted(unknown)}")
    with unit_of_work(factory, author) as session:
        meeting = _open_meeting(session, meeting_id)
        for key, value in details.items():
            setattr(meeting, key, value)
        session.flush()
        return meeting_row(meeting)


def add_attendee(factory: sessionmaker[Session], meeting_id: int, *, author: str, name: str,
                 role: AttendeeRole, title: str = "") -> AttendeeRow:
    with unit_of_work(factory, author) as session:
        meeting = _open_meeting(session, meeting_id)
        if meeting.kind == MeetingKind.SPTJM:
            raise UsulanRuleError("MEETING_ATTENDEES_SPTJM")
        attendee = MusdesAttendee(meeting_id=meeting.id, name=name.strip(),
                                  role=AttendeeRole(role).value, title=title.strip(),
                                  no_urut=len(meeting.attendees) + 1)
        session.add(attendee)
        session.flush()
        return _attendee_row(attendee)


def remove_attendee(factory: sessionmaker[Session], attendee_id: int, *, author: str) -> None:
    with unit_of_work(factory, author) as session:
        attendee = session.get(MusdesAttendee, attendee_id)
        if attendee is not None:
            _open_meeting(session, attendee.meeting_id)
            session.delete(attendee)


def list_meetings(session: Session, status: MeetingStatus | None = None) -> list[MeetingRow]:
    query = select(MusdesMeeting).order_by(MusdesMeeting.held_on, MusdesMeeting.id)
    if status is not None:
        query = query.where(MusdesMeeting.status == status.value)
    return [meeting_row(m) for m in session.scalars(query)]


def load_meeting(session: Session, meeting_id: int) -> MeetingRow:
    return meeting_row(_meeting(session, meeting_id))


def meeting_is_finalised(session: Session, meeting_id: int) -> bool:
    return _meeting(session, meeting_id).status == MeetingStatus.FINALISED


def agenda(session: Session, meeting_id: int) -> list[UsulanRow]:
    """An open meeting's agenda: every ready proposal plus what it has decided so far; a
    finalised meeting's: what it decided."""
    meeting = _meeting(session, meeting_id)
    where = Usulan.meeting_id == meeting.id
    if meeting.status == MeetingStatus.OPEN:
        where = where | (Usulan.status == _READY)
    return [usulan_row(u) for u in session.scalars(select(Usulan).where(where)
                                                    .order_by(Usulan.ruta_uuid, Usulan.id))]


def decide(factory: sessionmaker[Session], meeting_id: int, usulan_id: int,
           decision: Decision | None, *, author: str, note: str = "") -> UsulanRow:
    """Record (or, with ``None``, undo) the meeting's decision on one proposal."""
    with unit_of_work(factory, author) as session:
        meeting = _open_meeting(session, meeting_id)
        usulan = get_usulan(session, usulan_id)
        if usulan.kind == UsulanKind.PENGGANTIAN:
            raise UsulanRuleError("MEETING_DECIDE_PAIRS_TOGETHER")
        _decide(meeting, usulan, decision, note)
        session.flush()
        return usulan_row(usulan)


def decide_replacements(factory: sessionmaker[Session], meeting_id: int, programme: str,
                        decision: Decision | None, *, author: str,
                        note: str = "") -> ReplacementCheck:
    """Decide every replacement pair of ``programme`` on the agenda together. Approving checks
    the set first (quota, reasons, the entering households); a broken set is refused whole."""
    with unit_of_work(factory, author) as session:
        meeting = _open_meeting(session, meeting_id)
        items = [u for u in session.scalars(
            select(Usulan).where(Usulan.kind == UsulanKind.PENGGANTIAN.value,
                                 (Usulan.status == _READY) | (Usulan.meeting_id == meeting.id))
            .order_by(Usulan.id))
            if (pair := pair_for(session, u.id)) is not None and pair.programme == programme]
        check = check_replacement_set(session, programme, [u.id for u in items])
        if decision is Decision.SETUJU and not check.ok:
            errors = sum(1 for f in check.findings if f.severity == "error")
            raise UsulanRuleError("MEETING_REPLACEMENTS_INVALID", programme=programme,
                                  count=errors)
        if not items:
            raise UsulanRuleError("MEETING_NOT_ON_AGENDA")
        for usulan in items:
            _decide(meeting, usulan, decision, note)
        session.flush()
        return check


def _decide(meeting: MusdesMeeting, usulan: Usulan, decision: Decision | None,
            note: str) -> None:
    if usulan.meeting_id not in (None, meeting.id) or (
            usulan.meeting_id is None and usulan.status != _READY):
        raise UsulanRuleError("MEETING_NOT_ON_AGENDA")
    target = UsulanStatus.SIAP_MUSDES if decision is None else DECISION_STATUS[decision]
    if target != usulan.status:
        check_transition(usulan.status, target, Role.MEETING)
    usulan.status = target.value
    usulan.decision = None if decision is None else Decision(decision).value
    usulan.decision_note = "" if decision is None else note.strip()[:500]
    usulan.decided_at = None if decision is None else utc_now()
    usulan.meeting_id = None if decision is None else meeting.id


def summary(session: Session, meeting_id: int) -> MeetingSummary:
    rows = agenda(session, meeting_id)
    decided = [r for r in rows if r.meeting_id == meeting_id and r.decision]
    by_decision = Counter(r.decision for r in decided)
    by_kind = Counter((r.kind, r.decision or "") for r in decided)
    return MeetingSummary(
        decided=len(decided), undecided=len(rows) - len(decided),
        by_decision=tuple((d.value, by_decision.get(d.value, 0)) for d in Decision),
        by_kind=tuple((k, d, n) for (k, d), n in sorted(by_kind.items())))


def finalise(factory: sessionmaker[Session], meeting_id: int, approver: str, password: str, *,
             author: str) -> MeetingRow:
    """A Kepala Desa account finalises: its password is checked first in its own transaction
    (a wrong one only counts towards the growing delay; ``AccountError``), then — refused with
    NOT_APPROVER / SELF_APPROVAL unless a Kepala Desa who made none of the meeting's proposals —
    the decided set is hashed and the meeting locked. ``finalised_by`` is the approver's
    display name, as the Berita Acara prints it."""
    head = check_password(factory, approver, password)
    with unit_of_work(factory, author) as session:
        meeting = _open_meeting(session, meeting_id)
        authors = session.scalars(select(Usulan.created_by).distinct()
                                  .where(Usulan.meeting_id == meeting.id))
        check_may_finalise(head.role, head.username, authors)
        _check_complete(session, meeting)
        meeting.finalised_by = head.display_name
        meeting.finalised_at = utc_now().replace(microsecond=0)
        meeting.decided_set_sha256 = decided_set_sha256(meeting_record(session, meeting.id,
                                                                       meeting=meeting))
        meeting.status = MeetingStatus.FINALISED.value
        session.flush()
        return meeting_row(meeting)


def verify_meeting(session: Session, meeting_id: int) -> bool:
    """Whether a finalised meeting's stored hash still matches its rows."""
    meeting = _meeting(session, meeting_id)
    return (meeting.decided_set_sha256 is not None
            and decided_set_sha256(meeting_record(session, meeting_id))
            == meeting.decided_set_sha256)


def meeting_record(session: Session, meeting_id: int, *,
                   meeting: MusdesMeeting | None = None) -> MeetingRecord:
    """The meeting and its decided set as pure data (what is hashed; the Berita Acara's
    source)."""
    meeting = meeting or _meeting(session, meeting_id)
    items = []
    for u in session.scalars(select(Usulan).where(Usulan.meeting_id == meeting.id)):
        pair = pair_for(session, u.id)
        items.append(DecidedItem(
            usulan_uuid=u.uuid, kind=u.kind, entity=u.entity, entity_uuid=u.entity_uuid,
            ruta_uuid=u.ruta_uuid, reason=u.reason, note=u.note, changes=dict(u.changes or {}),
            decision=u.decision or "", decision_note=u.decision_note,
            replacement=None if pair is None else {
                "programme": pair.programme, "exit_ruta": pair.exit_ruta,
                "exit_reason": pair.exit_reason, "entry_ruta": pair.entry_ruta}))
    finalised_at = meeting.finalised_at.isoformat() if meeting.finalised_at else ""
    return MeetingRecord(
        meeting_uuid=meeting.uuid, kind=meeting.kind, held_on=meeting.held_on.isoformat(),
        place=meeting.place, agenda=meeting.agenda, chair=meeting.chair,
        note_taker=meeting.note_taker, statement=meeting.statement,
        finalised_by=meeting.finalised_by or "", finalised_at=finalised_at,
        attendees=[(a.role, a.name, a.title) for a in meeting.attendees], items=items)


def _check_complete(session: Session, meeting: MusdesMeeting) -> None:
    if meeting.kind == MeetingKind.SPTJM:
        if not meeting.statement.strip():
            raise UsulanRuleError("SPTJM_NO_STATEMENT")
    else:
        for detail in ("place", "chair", "note_taker"):
            if not str(getattr(meeting, detail)).strip():
                raise UsulanRuleError("MEETING_DETAILS_MISSING", detail=_DETAIL_WORDS[detail])
        if not meeting.attendees:
            raise UsulanRuleError("MEETING_NO_ATTENDEES")
    decided = session.scalars(select(Usulan.id).where(Usulan.meeting_id == meeting.id)).first()
    if decided is None:
        raise UsulanRuleError("MEETING_NO_DECISIONS")


@dataclass(frozen=True, slots=True)
class _Word:
    """A fixed bilingual word passed as a message parameter."""

    id: str
    en: str

    def label(self, lang: str = "id") -> str:
        return self.en if lang.startswith("en") else self.id


_DETAIL_WORDS = {"place": _Word("tempat", "place"), "chair": _Word("pimpinan rapat", "chair"),
                 "note_taker": _Word("notulen", "note-taker")}


def _meeting(session: Session, meeting_id: int) -> MusdesMeeting:
    meeting = session.get(MusdesMeeting, meeting_id)
    if meeting is None:
        raise UsulanRuleError("MEETING_NOT_FOUND")
    return meeting


def _open_meeting(session: Session, meeting_id: int) -> MusdesMeeting:
    meeting = _meeting(session, meeting_id)
    if meeting.status != MeetingStatus.OPEN:
        raise UsulanRuleError("MEETING_FINALISED")
    return meeting


def meeting_row(meeting: MusdesMeeting) -> MeetingRow:
    return MeetingRow(
        id=meeting.id, uuid=meeting.uuid, kind=meeting.kind, status=meeting.status,
        held_on=meeting.held_on, place=meeting.place, agenda=meeting.agenda,
        chair=meeting.chair, note_taker=meeting.note_taker, statement=meeting.statement,
        created_by=meeting.created_by, finalised_at=meeting.finalised_at,
        finalised_by=meeting.finalised_by, decided_set_sha256=meeting.decided_set_sha256,
        attendees=tuple(_attendee_row(a) for a in meeting.attendees))


def _attendee_row(attendee: MusdesAttendee) -> AttendeeRow:
    return AttendeeRow(attendee.id, attendee.no_urut, attendee.name, attendee.role,
                       attendee.title)


def decided_rows(session: Session, meeting_id: int) -> Sequence[UsulanRow]:
    return [r for r in agenda(session, meeting_id) if r.meeting_id == meeting_id]
