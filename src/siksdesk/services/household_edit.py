"""Edit one household: load it as a frozen draft (no ORM object leaves), validate a changed
draft (catalogue codes and ranges, text lengths, NIK/No. KK hard errors unless kept), then save it
in ONE unit of work — changed fields only, so the change log records exactly what changed — with
the derived index refreshed in the same transaction. Any error: nothing is written. Families and
members are known by ``uuid`` (new ones get theirs in the draft), so ``kept`` can name them.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.domain.numbers import clean_identifier
from siksdesk.domain.problems import Term, make_problem
from siksdesk.domain.rules import Finding
from siksdesk.domain.variables import Entity, variables
from siksdesk.models import Art, Keluarga, RecordProblem, Ruta
from siksdesk.models.base import new_uuid, utc_now
from siksdesk.services.derived import refresh_households
from siksdesk.services.household_validation import (
    HEADER_TEXT_LIMITS,
    KEEP_KK,
    KEEP_NIK,
    NAMA_LIMIT,
    FieldError,
    validate_draft,
)
from siksdesk.services.nik_issue_actions import close_fixed_issues
from siksdesk.services.proposals import record_edit_proposals

__all__ = [
    "HEADER_TEXT_LIMITS", "KEEP_KK", "KEEP_NIK", "NAMA_LIMIT", "EditConflict", "EditRejected",
    "FamilyDraft", "FieldError", "HouseholdDraft", "HouseholdEditError", "MemberDraft",
    "SaveResult", "known_dusun", "load_household", "new_family_draft", "new_household_draft",
    "new_member_draft", "new_temp_id", "save_household", "validate_draft",
]  # fmt: skip

RUTA_KEYS: tuple[str, ...] = tuple(v.key for v in variables(Entity.RUTA))
ART_KEYS: tuple[str, ...] = tuple(v.key for v in variables(Entity.ART))
TEMP_ID_PREFIX = "SMT-"

_CONFLICT = ("Rumah tangga ini sudah diubah di tempat lain sejak dibuka, jadi perubahan Anda "
             "belum disimpan. Muat ulang data rumah tangga ini, lalu ulangi perubahan Anda.",
             "This household was changed elsewhere since it was opened, so your changes were not "
             "saved. Reload the household and make your changes again.")


@dataclass(frozen=True, slots=True)
class MemberDraft:
    art_id: int | None
    nama: str
    nik: str | None
    temp_id: str | None = None
    values: Mapping[str, object] = field(default_factory=dict)  # Art catalogue values
    uuid: str = field(default_factory=new_uuid)
    no_urut: int | None = None  # None: after the family's last member


@dataclass(frozen=True, slots=True)
class FamilyDraft:
    keluarga_id: int | None
    no_kk: str | None
    no_urut: int
    members: tuple[MemberDraft, ...] = ()
    uuid: str = field(default_factory=new_uuid)


@dataclass(frozen=True, slots=True)
class HouseholdDraft:
    ruta_id: int | None
    uuid: str
    no_urut: int | None
    idbdt: str | None
    alamat: str
    rt: str
    rw: str
    dusun: str
    tanggal_verivali: date | None
    pencacah: str | None
    pemeriksa: str | None
    values: Mapping[str, object]  # Ruta catalogue values
    families: tuple[FamilyDraft, ...]
    updated_at: datetime | None = None  # the ruta row's, when loaded: the concurrency guard


@dataclass(frozen=True, slots=True)
class SaveResult:
    ruta_id: int
    findings: tuple[Finding, ...]  # the household's problems after the save (warnings etc.)
    draft: HouseholdDraft  # the saved state, as load_household would return it now


class HouseholdEditError(Exception):
    """A user error of the household editor: ``message(lang)`` is what the operator reads."""

    def __init__(self, text_id: str, text_en: str, *, summary: str | None = None) -> None:
        # str(error) may reach a log or crash report: it must not carry names, so callers whose
        # texts name people pass a ``summary`` without them.
        super().__init__(summary if summary is not None else text_en)
        self.texts = (text_id, text_en)

    def message(self, lang: str = "id") -> str:
        return self.texts[1] if lang == "en" else self.texts[0]


class EditRejected(HouseholdEditError):
    def __init__(self, field_errors: list[FieldError]) -> None:
        super().__init__("\n".join(e.text_id for e in field_errors),
                         "\n".join(e.text_en for e in field_errors),
                         summary="household edit rejected: "
                                 + ", ".join(e.path for e in field_errors))
        self.field_errors = field_errors


class EditConflict(HouseholdEditError):
    def __init__(self) -> None:
        super().__init__(*_CONFLICT)


def load_household(session: Session, ruta_id: int) -> HouseholdDraft:
    ruta = session.get(Ruta, ruta_id)
    if ruta is None:
        raise KeyError(f"ruta {ruta_id}")
    families = tuple(
        FamilyDraft(keluarga_id=fam.id, no_kk=fam.no_kk, no_urut=fam.no_urut, uuid=fam.uuid,
                    members=tuple(
                        MemberDraft(art_id=art.id, nama=art.nama, nik=art.nik,
                                    temp_id=art.temp_id, uuid=art.uuid, no_urut=art.no_urut,
                                    values={k: getattr(art, k) for k in ART_KEYS})
                        for art in fam.anggota))
        for fam in ruta.keluarga)
    return HouseholdDraft(
        ruta_id=ruta.id, uuid=ruta.uuid, no_urut=ruta.no_urut, idbdt=ruta.idbdt,
        alamat=ruta.alamat, rt=ruta.rt, rw=ruta.rw, dusun=ruta.dusun,
        tanggal_verivali=ruta.tanggal_verivali, pencacah=ruta.pencacah,
        pemeriksa=ruta.pemeriksa, values={k: getattr(ruta, k) for k in RUTA_KEYS},
        families=families, updated_at=ruta.updated_at)


def new_household_draft(session: Session) -> HouseholdDraft:
    """An empty household with the next free number and one empty family."""
    last = session.scalar(select(func.max(Ruta.no_urut)))
    return HouseholdDraft(
        ruta_id=None, uuid=new_uuid(), no_urut=(last or 0) + 1, idbdt=None, alamat="", rt="",
        rw="", dusun="", tanggal_verivali=None, pencacah=None, pemeriksa=None,
        values=dict.fromkeys(RUTA_KEYS), families=(new_family_draft(1),))


def new_family_draft(no_urut: int) -> FamilyDraft:
    return FamilyDraft(keluarga_id=None, no_kk=None, no_urut=no_urut)


def new_member_draft() -> MemberDraft:
    return MemberDraft(art_id=None, nama="", nik=None, values=dict.fromkeys(ART_KEYS))


def known_dusun(session: Session) -> list[str]:
    """The dusun names used in the village, for the editor's choice list."""
    return list(session.scalars(select(Ruta.dusun).where(Ruta.dusun != "").distinct()
                                .order_by(Ruta.dusun)))


def new_temp_id() -> str:
    """"SMT-" and 8 random base32 characters (40 bits): never 16 digits, never a NIK."""
    return TEMP_ID_PREFIX + base64.b32encode(secrets.token_bytes(5)).decode("ascii")


def save_household(factory: sessionmaker[Session], draft: HouseholdDraft, *, author: str,
                   kept: frozenset[tuple[str, str]] = frozenset()) -> SaveResult:
    """Validate, then write the draft in one transaction (change log and derived index
    included). Raises EditRejected (nothing written) or EditConflict (changed elsewhere)."""
    with unit_of_work(factory, author) as session:  # any error: rolled back, nothing written
        ruta = _ruta_for(session, draft)
        stored = {f.uuid: f.no_kk for f in ruta.keluarga} | {
            a.uuid: a.nik for f in ruta.keluarga for a in f.anggota}
        errors = validate_draft(draft, kept, stored)
        if errors:
            raise EditRejected(errors)
        if _apply(session, ruta, draft):
            ruta.updated_at = utc_now()  # a member-only change moves the household's version too
            session.flush()
            refresh_households(session, [ruta.id])
            # A NIK the district listed as invalid, now corrected here: its item is done.
            close_fixed_issues(session, author=author, ruta_ids=[ruta.id])
            record_edit_proposals(session, ruta.uuid, author=author)  # every change: an usulan
        ruta_id = ruta.id
    with factory() as session:
        return SaveResult(ruta_id, _findings(session, ruta_id), load_household(session, ruta_id))


def _ruta_for(session: Session, draft: HouseholdDraft) -> Ruta:
    if draft.ruta_id is None:
        created = Ruta(uuid=draft.uuid)
        session.add(created)
        return created
    ruta = session.get(Ruta, draft.ruta_id)
    if ruta is None or ruta.updated_at != draft.updated_at:  # checked under the write lock
        raise EditConflict()
    return ruta


def _assign(obj: Any, key: str, value: object) -> bool:
    if getattr(obj, key) != value:
        setattr(obj, key, value)
        return True
    return False


def _apply(session: Session, ruta: Ruta, draft: HouseholdDraft) -> bool:
    changed = ruta.id is None
    for key in ("no_urut", "alamat", "rt", "rw", "dusun", "tanggal_verivali"):
        changed |= _assign(ruta, key, getattr(draft, key))
    for key in ("idbdt", "pencacah", "pemeriksa"):  # optional texts: empty means NULL
        changed |= _assign(ruta, key, getattr(draft, key) or None)
    for key, value in draft.values.items():
        changed |= _assign(ruta, key, value)
    existing = {fam.uuid: fam for fam in ruta.keluarga}
    changed |= _drop_missing(session, existing, {fam.uuid for fam in draft.families})
    for family in draft.families:
        keluarga = existing.get(family.uuid)
        if keluarga is None:
            keluarga = Keluarga(uuid=family.uuid)
            ruta.keluarga.append(keluarga)
            changed = True
        changed |= _apply_family(session, keluarga, family)
    return changed


def _apply_family(session: Session, keluarga: Keluarga, family: FamilyDraft) -> bool:
    changed = _assign(keluarga, "no_urut", family.no_urut)
    no_kk = _stored_number(family.no_kk)
    if keluarga.no_kk != no_kk:
        keluarga.no_kk, keluarga.no_kk_from_number = no_kk, False  # typed, not from Excel
        changed = True
    existing = {art.uuid: art for art in keluarga.anggota}
    wanted = {m.uuid for m in family.members}
    changed |= _drop_missing(session, existing, wanted)
    last = max((a.no_urut for a in keluarga.anggota if a.uuid in wanted), default=0)
    for member in family.members:
        found = existing.get(member.uuid)
        if found is None:
            last = member.no_urut or last + 1
            found = Art(uuid=member.uuid, no_urut=last)
            keluarga.anggota.append(found)
            changed = True
        changed |= _apply_member(found, member)
    return changed


def _drop_missing(session: Session, existing: Mapping[str, Any], wanted: set[str]) -> bool:
    """Delete the rows the draft no longer has (a family takes its members along); deleted
    through the session, so their links stay intact for the change log's aggregate."""
    gone = [row for uuid, row in existing.items() if uuid not in wanted]
    for row in gone:
        session.delete(row)
    return bool(gone)


def _apply_member(art: Art, member: MemberDraft) -> bool:
    changed = (art.nama or "").strip() != member.nama.strip()
    if changed:
        art.nama = member.nama.strip()
    if member.no_urut is not None:
        changed |= _assign(art, "no_urut", member.no_urut)
    nik = _stored_number(member.nik)
    if art.nik != nik:
        art.nik, art.nik_from_number = nik, False
        changed = True
    if art.nik is None and art.temp_id is None:  # a real NIK later keeps the temp_id (tracing)
        art.temp_id = member.temp_id or new_temp_id()
        changed = True
    for key, value in member.values.items():
        changed |= _assign(art, key, value)
    return changed


def _stored_number(raw: str | None) -> str | None:
    if not raw:
        return None
    return clean_identifier(raw, "nik").digits or raw


def _findings(session: Session, ruta_id: int) -> tuple[Finding, ...]:
    """The household's problems as the derived index holds them (duplicates included)."""
    terms = {t.value: t for t in Term}
    found = []
    for row in session.scalars(select(RecordProblem).where(RecordProblem.ruta_id == ruta_id)
                               .order_by(RecordProblem.id)):
        params = {k: terms.get(v, v) for k, v in (json.loads(row.params or "{}")).items()}
        found.append(Finding(row.field, make_problem(row.code, row.field, **params),
                             art_id=row.art_id, keluarga_id=row.keluarga_id))
    return tuple(found)
