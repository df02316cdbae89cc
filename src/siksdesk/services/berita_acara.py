"""The Berita Acara (or SPTJM) of one meeting as printable data: every value in Indonesian
words, read from the meeting's decided set (``services.musdes.meeting_record``, the very data
that was hashed) and from the registry for the names, numbers and addresses it speaks of.

``berita_acara_data`` refuses a meeting that is still open unless ``allow_draft=True`` (a
preview: the writers print it with a "DRAF — belum final" watermark and the hash of the set as
it stands). Write it with ``siksdesk.io.berita_acara.write_berita_acara`` / ``write_sptjm`` /
``write_attendance_sheet``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from siksdesk.domain.deactivation import DeactivationReason, reason_label
from siksdesk.domain.musdes import (
    AttendeeRole,
    DecidedItem,
    MeetingRecord,
    MeetingStatus,
    UsulanKind,
    decided_set_sha256,
)
from siksdesk.domain.variables import Entity, Variable, variable
from siksdesk.io.pdf_data import (
    AnnexLine,
    AttendeeLine,
    BeritaAcaraData,
    ChangedField,
    DecisionLine,
    KindTotal,
    PersonLine,
    ReplacementLine,
    VillageIdentity,
)
from siksdesk.models import Art, ChangeLog, Keluarga, Programme, Ruta, VillageProfile
from siksdesk.services.export_tables import local_time
from siksdesk.services.musdes import load_meeting, meeting_record
from siksdesk.services.proposal_context import catalogue_variable, format_value

__all__ = ["BeritaAcaraData", "BeritaAcaraError", "berita_acara_data", "indonesian_date"]

DAYS: Final = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS: Final = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                 "September", "Oktober", "November", "Desember")
DECISION_WORDS: Final = {"approve": "Setuju", "reject": "Ditolak", "defer": "Ditunda"}
EMPTY: Final = "—"
_FIXED_LABELS: Final = {"nama": "Nama", "nik": "NIK", "no_kk": "No. KK", "alamat": "Alamat",
                        "rt": "RT", "rw": "RW", "dusun": "Dusun", "idbdt": "IDBDT",
                        "pencacah": "Pencacah", "pemeriksa": "Pemeriksa",
                        "tanggal_verivali": "Tanggal verivali", "temp_id": "ID sementara"}
_MESSAGES: Final = {
    "BA_NOT_FINALISED": (
        "Musyawarah ini belum difinalisasi oleh Kepala Desa: Berita Acara belum dapat dibuat.",
        "This meeting has not been finalised by the village head: the Berita Acara cannot be "
        "made yet."),
}


class BeritaAcaraError(Exception):
    """The document cannot be made; ``message(lang)`` is for the operator. ``str()`` is the
    English text and never carries personal data."""

    def __init__(self, code: str, **params: str) -> None:
        self.code, self.params = code, params
        super().__init__(f"{code}: {self.message('en')}")

    def message(self, lang: str = "id") -> str:
        text_id, text_en = _MESSAGES[self.code]
        return (text_en if lang.lower().startswith("en") else text_id).format(**self.params)


def indonesian_date(value: date, *, with_day: bool = True) -> str:
    """``date(2026, 11, 23)`` → "Senin, 23 November 2026" (day names do not depend on the
    machine's locale)."""
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{DAYS[value.weekday()]}, {text}" if with_day else text


def berita_acara_data(session: Session, meeting_id: int, *,
                      allow_draft: bool = False) -> BeritaAcaraData:
    """Everything the Berita Acara (kind "musdes") or the SPTJM (kind "sptjm") of meeting
    ``meeting_id`` prints. Raises ``BeritaAcaraError("BA_NOT_FINALISED")`` for an open meeting
    unless ``allow_draft`` (then ``final`` is False) and ``UsulanRuleError`` for an unknown
    one."""
    meeting = load_meeting(session, meeting_id)
    final = meeting.status == MeetingStatus.FINALISED
    if not final and not allow_draft:
        raise BeritaAcaraError("BA_NOT_FINALISED")
    record = meeting_record(session, meeting_id)
    people = _Households(session, _ruta_uuids(record.items))
    attendees = tuple(AttendeeLine(a.no_urut, a.name, _role(a.role), a.title)
                      for a in meeting.attendees)
    plain = [i for i in record.items if i.replacement is None]
    plain.sort(key=lambda i: (people.order(i.ruta_uuid), _kind_order(i.kind), i.usulan_uuid))
    pairs = sorted((i for i in record.items if i.replacement is not None),
                   key=lambda i: (str(i.replacement and i.replacement.get("programme")),
                                  i.usulan_uuid))
    bpd_chair = _bpd_chair(attendees)
    return BeritaAcaraData(
        kind=meeting.kind, final=final, meeting_uuid=meeting.uuid,
        village=_village(session), held_on=meeting.held_on,
        held_on_text=indonesian_date(meeting.held_on), place=meeting.place,
        agenda=meeting.agenda, chair=meeting.chair, note_taker=meeting.note_taker,
        statement=meeting.statement, finalised_by=meeting.finalised_by or "",
        finalised_at_text=_moment(meeting.finalised_at),
        attendees=attendees,
        decisions=tuple(_decision(n, i, people) for n, i in enumerate(plain, 1)),
        replacements=tuple(_replacement(n, i, people, _programmes(session))
                           for n, i in enumerate(pairs, 1)),
        totals=_totals(record), bpd_chair=bpd_chair,
        witnesses=_witnesses(attendees, meeting.chair, bpd_chair),
        sha256=meeting.decided_set_sha256 or decided_set_sha256(record),
        annex=people.annex(_annex_order(plain, pairs, people)))


# --- the meeting --------------------------------------------------------------------------


def _village(session: Session) -> VillageIdentity:
    profile = session.get(VillageProfile, 1)
    if profile is None:
        return VillageIdentity("", "", "", "", "")
    return VillageIdentity(profile.kode_desa, profile.nama_desa, profile.nama_kecamatan,
                           profile.nama_kabupaten, profile.nama_provinsi, profile.kode_bps or "",
                           training=profile.is_demo)


def _moment(value: datetime | None) -> str:
    shown = local_time(value)
    if shown is None:
        return ""
    return f"{indonesian_date(shown.date())} pukul {shown:%H.%M}"


def _role(code: str) -> str:
    try:
        return AttendeeRole(code).label()
    except ValueError:
        return code


def _bpd_chair(attendees: Iterable[AttendeeLine]) -> str:
    bpd = [a for a in attendees if a.role == AttendeeRole.BPD.label()]
    chairs = [a for a in bpd if "ketua" in a.title.casefold()]
    return (chairs or bpd)[0].name if (chairs or bpd) else ""


def _witnesses(attendees: Iterable[AttendeeLine], chair: str, bpd_chair: str) -> tuple[str, ...]:
    taken = {chair.strip().casefold(), bpd_chair.strip().casefold()}
    return tuple(a.name for a in attendees if a.name.strip().casefold() not in taken)[:2]


def _kind_order(kind: str) -> int:
    kinds = [k.value for k in UsulanKind]
    return kinds.index(kind) if kind in kinds else len(kinds)


def _totals(record: MeetingRecord) -> tuple[KindTotal, ...]:
    counts = Counter((i.kind, i.decision) for i in record.items)
    return tuple(KindTotal(kind.label(), counts[kind.value, "approve"],
                           counts[kind.value, "reject"], counts[kind.value, "defer"])
                 for kind in UsulanKind
                 if any(counts[kind.value, d] for d in DECISION_WORDS))


def _programmes(session: Session) -> dict[str, str]:
    return {p.code: f"{p.code} — {p.name}" if p.name else p.code
            for p in session.scalars(select(Programme))}


# --- decisions ----------------------------------------------------------------------------


def _ruta_uuids(items: Iterable[DecidedItem]) -> list[str]:
    found: dict[str, None] = {}
    for item in items:
        found[item.ruta_uuid] = None
        pair = item.replacement or {}
        for side in ("exit_ruta", "entry_ruta"):
            if isinstance(pair.get(side), str):
                found[str(pair[side])] = None
    return list(found)


def _decision(no: int, item: DecidedItem, people: _Households) -> DecisionLine:
    member = people.member(item.entity_uuid) if item.entity == "art" else None
    head = people.head(item.ruta_uuid)
    if member is not None and head is not None and member.nik == head.nik:
        member = None  # the head is the member concerned: name them once
    entity = Entity.RUTA if item.entity in ("ruta", "keluarga") else Entity.ART
    return DecisionLine(
        no=no, kind=_kind_label(item.kind), decision=DECISION_WORDS.get(item.decision,
                                                                        item.decision),
        household=head or _unknown(), member=member,
        changes=tuple(_changes(item.changes, entity)), reason=_reason(item.reason),
        note=item.note, decision_note=item.decision_note)


def _replacement(no: int, item: DecidedItem, people: _Households,
                 programmes: Mapping[str, str]) -> ReplacementLine:
    pair = item.replacement or {}
    code = str(pair.get("programme") or "")
    leaving, entering = pair.get("exit_ruta"), pair.get("entry_ruta")
    return ReplacementLine(
        no=no, programme=programmes.get(code, code),
        leaving=people.head(leaving) if isinstance(leaving, str) else None,
        leaving_reason=_reason(str(pair.get("exit_reason") or "")),
        entering=people.head(entering) if isinstance(entering, str) else None,
        decision=DECISION_WORDS.get(item.decision, item.decision))


def _kind_label(kind: str) -> str:
    try:
        return UsulanKind(kind).label()
    except ValueError:
        return kind


def _reason(code: str) -> str:
    try:
        return reason_label(DeactivationReason(code)) if code else ""
    except ValueError:
        return code


def _changes(changes: Mapping[str, object], entity: Entity) -> list[ChangedField]:
    lines = []
    for key in sorted(changes):
        value = changes[key]
        var = catalogue_variable(key, entity)
        if isinstance(value, Mapping) and ("before" in value or "after" in value):
            before, after = value.get("before"), value.get("after")
            lines.append(ChangedField(_label(key, var), format_value(before, var, "id"),
                                      format_value(after, var, "id")))
        else:
            lines.append(ChangedField(_label(key, var), EMPTY, format_value(value, var, "id")))
    return lines


def _label(key: str, var: Variable | None) -> str:
    return var.label() if var is not None else _FIXED_LABELS.get(key, key)


def _unknown() -> PersonLine:
    return PersonLine("", "", "", EMPTY, "")


def _annex_order(plain: Iterable[DecidedItem], pairs: Iterable[DecidedItem],
                 people: _Households) -> list[str]:
    return sorted(_ruta_uuids([*plain, *pairs]), key=people.order)


# --- the registry side --------------------------------------------------------------------


class _Households:
    """The households the decisions speak of, loaded once (a meeting of 80 items is 80
    households at most, read in one query per table)."""

    def __init__(self, session: Session, ruta_uuids: list[str]) -> None:
        self.session = session
        self.ruta: dict[str, Ruta] = {}
        for start in range(0, len(ruta_uuids), 500):
            chunk = ruta_uuids[start:start + 500]
            for ruta in session.scalars(select(Ruta).where(Ruta.uuid.in_(chunk)).options(
                    selectinload(Ruta.keluarga).selectinload(Keluarga.anggota))):
                self.ruta[ruta.uuid] = ruta
        self.members = {a.uuid: (r, k, a) for r in self.ruta.values() for k in r.keluarga
                        for a in k.anggota}

    def order(self, ruta_uuid: str) -> tuple[int, str, str]:
        ruta = self.ruta.get(ruta_uuid)
        if ruta is None:
            return (1, "", ruta_uuid)
        return (0, f"{ruta.no_urut or 0:09d}", ruta.idbdt or ruta_uuid)

    def head(self, ruta_uuid: str) -> PersonLine | None:
        ruta = self.ruta.get(ruta_uuid)
        if ruta is None:
            return None
        people = [(k, a) for k in ruta.keluarga for a in k.anggota]
        if not people:
            return PersonLine(ruta.idbdt or "", "", "", EMPTY, _address(ruta))
        family, art = next(((k, a) for k, a in people if a.hubungan_krt == 1), people[0])
        return _person(ruta, family, art)

    def member(self, art_uuid: str) -> PersonLine | None:
        found = self.members.get(art_uuid)
        if found is not None:
            return _person(*found)
        return self._deleted_member(art_uuid)

    def _deleted_member(self, art_uuid: str) -> PersonLine | None:
        """A member removed from the registry: name and NIK as the change log kept them."""
        before = self.session.scalars(
            select(ChangeLog.before).where(ChangeLog.entity == "art",
                                           ChangeLog.entity_uuid == art_uuid,
                                           ChangeLog.action == "delete")
            .order_by(ChangeLog.id.desc()).limit(1)).first()
        if not isinstance(before, Mapping):
            return None
        return PersonLine("", "", str(before.get("nik") or before.get("temp_id") or ""),
                          str(before.get("nama") or EMPTY), "")

    def annex(self, ruta_uuids: Iterable[str]) -> tuple[AnnexLine, ...]:
        relation, sex = variable(Entity.ART, "hubungan_krt"), variable(Entity.ART,
                                                                       "jenis_kelamin")
        lines: list[AnnexLine] = []
        for uuid in ruta_uuids:
            ruta = self.ruta.get(uuid)
            if ruta is None:
                continue  # no longer in the registry: the decision lines still name it
            for family in ruta.keluarga:
                for art in family.anggota:
                    lines.append(AnnexLine(
                        no=len(lines) + 1, idbdt=ruta.idbdt or "",
                        no_kk=family.no_kk or "", nik=art.nik or art.temp_id or "",
                        name=art.nama, relation=_code_word(relation, art.hubungan_krt),
                        sex=_code_word(sex, art.jenis_kelamin),
                        birth_date=(art.tanggal_lahir.strftime("%d-%m-%Y")
                                    if art.tanggal_lahir else ""),
                        address=_address(ruta)))
        return tuple(lines)


def _code_word(var: Variable, value: int | None) -> str:
    code = var.code(value) if value is not None else None
    return code.label() if code is not None else ""


def _person(ruta: Ruta, family: Keluarga, art: Art) -> PersonLine:
    return PersonLine(ruta.idbdt or "", family.no_kk or "", art.nik or art.temp_id or "",
                      art.nama, _address(ruta))


def _address(ruta: Ruta) -> str:
    parts = [ruta.alamat.strip()]
    if ruta.rt or ruta.rw:
        parts.append(f"RT {ruta.rt or EMPTY}/RW {ruta.rw or EMPTY}")
    if ruta.dusun and ruta.dusun.casefold() not in ruta.alamat.casefold():
        parts.append(f"Dusun {ruta.dusun}")
    return ", ".join(p for p in parts if p)

