"""What the usulan list and the MusDes wizard show about the households proposals speak of
(household by uuid, its members and key variables, the member a proposal is about, fields in
words), read inside a runner task and handed out as frozen DTOs: no ORM object leaves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from siksdesk.domain.deactivation import DeactivationReason, reason_label
from siksdesk.domain.musdes import Decision, UsulanKind, UsulanStatus
from siksdesk.domain.variables import Entity, Variable, VarType, variable
from siksdesk.models import Art, ChangeLog, Keluarga, Ruta
from siksdesk.services.usulan import UsulanRow

EMPTY = "—"
KEY_VARIABLES = ("hasil_verivali", "status_bangunan", "luas_lantai", "jenis_lantai",
                 "jenis_dinding", "sumber_penerangan", "sumber_air_minum", "fasilitas_bab")
_FIXED = {"nama": ("Nama", "Name"), "nik": ("NIK", "NIK"), "no_kk": ("No. KK", "Family card no."),
          "alamat": ("Alamat", "Address"), "rt": ("RT", "RT"), "rw": ("RW", "RW"),
          "dusun": ("Dusun", "Dusun"), "idbdt": ("IDBDT", "IDBDT"),
          "pencacah": ("Pencacah", "Enumerator"), "pemeriksa": ("Pemeriksa", "Supervisor"),
          "tanggal_verivali": ("Tanggal verivali", "Verification date"),
          "temp_id": ("ID sementara", "Temporary ID")}


@dataclass(frozen=True, slots=True)
class MemberFacts:
    uuid: str
    nama: str
    nik: str
    no_kk: str
    relation: str
    sex: str
    born: str
    presence: str


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    ruta_id: int | None  # None: not (or no longer) in the registry
    uuid: str
    no_urut: int | None
    idbdt: str
    head: str
    address: str
    members: tuple[MemberFacts, ...] = ()
    key_values: tuple[tuple[str, str], ...] = ()  # (label, value)

    def title(self) -> str:
        number = f"{self.no_urut}" if self.no_urut is not None else EMPTY
        return f"{number} · {self.head or EMPTY} · {self.address or EMPTY}"


def read_households(session: Session, ruta_uuids: Iterable[str], lang: str,
                    *, detail: bool = True) -> dict[str, HouseholdFacts]:
    wanted = list(dict.fromkeys(ruta_uuids))
    found: dict[str, HouseholdFacts] = {}
    for start in range(0, len(wanted), 500):
        query = select(Ruta).where(Ruta.uuid.in_(wanted[start:start + 500])).options(
            selectinload(Ruta.keluarga).selectinload(Keluarga.anggota))
        for ruta in session.scalars(query):
            found[ruta.uuid] = _household(ruta, lang, detail)
    for uuid in wanted:
        found.setdefault(uuid, HouseholdFacts(None, uuid, None, "", "", ""))
    return found


def _household(ruta: Ruta, lang: str, detail: bool) -> HouseholdFacts:
    people = [(k, a) for k in ruta.keluarga for a in k.anggota]
    head = next((a for _k, a in people if a.hubungan_krt == 1), people[0][1] if people else None)
    members: tuple[MemberFacts, ...] = ()
    values: tuple[tuple[str, str], ...] = ()
    if detail:
        members = tuple(_member(k, a, lang) for k, a in people)
        values = tuple((variable(Entity.RUTA, key).label(lang),
                        format_value(getattr(ruta, key, None), variable(Entity.RUTA, key), lang))
                       for key in KEY_VARIABLES)
    return HouseholdFacts(ruta.id, ruta.uuid, ruta.no_urut, ruta.idbdt or "",
                          head.nama if head is not None else "", _address(ruta), members, values)


def _member(family: Keluarga, art: Art, lang: str) -> MemberFacts:
    def word(key: str) -> str:
        return format_value(getattr(art, key, None), variable(Entity.ART, key), lang,
                            with_code=False)

    born = art.tanggal_lahir
    return MemberFacts(art.uuid, art.nama, art.nik or art.temp_id or "",
                       family.no_kk or "", word("hubungan_krt"), word("jenis_kelamin"),
                       born.strftime("%d-%m-%Y") if isinstance(born, date) else EMPTY,
                       word("keberadaan"))


def _address(ruta: Ruta) -> str:
    parts = [ruta.alamat.strip()]
    if (ruta.rt or ruta.rw) and "RT" not in ruta.alamat.upper():
        parts.append(f"RT {ruta.rt or EMPTY}/RW {ruta.rw or EMPTY}")
    return ", ".join(p for p in parts if p)


def subject_names(session: Session, rows: Iterable[UsulanRow]) -> dict[str, str]:
    """The name of each member a proposal is about (deleted members: as the change log kept
    them)."""
    uuids = {r.entity_uuid for r in rows if r.entity == "art"}
    names: dict[str, str] = {}
    listed = list(uuids)
    for start in range(0, len(listed), 500):
        chunk = listed[start:start + 500]
        for uuid, nama in session.execute(select(Art.uuid, Art.nama).where(Art.uuid.in_(chunk))):
            names[uuid] = nama
    for uuid in uuids - set(names):
        before = session.scalars(select(ChangeLog.before).where(
            ChangeLog.entity == "art", ChangeLog.entity_uuid == uuid,
            ChangeLog.action == "delete").order_by(ChangeLog.id.desc()).limit(1)).first()
        if isinstance(before, Mapping):
            names[uuid] = str(before.get("nama") or "")
    return names


# --- words --------------------------------------------------------------------------------


def field_label(key: str, entity: str, lang: str) -> str:
    var = catalogue_variable(key, entity)
    if var is not None:
        return var.label(lang)
    words = _FIXED.get(key)
    return key if words is None else words[1 if lang == "en" else 0]


def change_lines(row: UsulanRow, lang: str) -> list[tuple[str, str, str]]:
    """(label, before, after) of every changed field, with the catalogue's words."""
    lines = []
    for key, before, after in row.changes:
        var = catalogue_variable(key, row.entity)
        lines.append((field_label(key, row.entity, lang), format_value(before, var, lang),
                      format_value(after, var, lang)))
    return lines


def change_summary(row: UsulanRow, lang: str, limit: int = 3) -> str:
    parts = [f"{label}: {before} → {after}" for label, before, after
             in change_lines(row, lang)[:limit]]
    if len(row.changes) > limit:
        parts.append(f"+{len(row.changes) - limit}")
    return "; ".join(parts)


def catalogue_variable(key: str, entity: str) -> Variable | None:
    """The catalogue variable ``key`` of ``entity`` ("art" | "ruta"), else of the other one."""
    first = Entity.ART if entity == "art" else Entity.RUTA
    for candidate in (first, Entity.RUTA if first is Entity.ART else Entity.ART):
        try:
            return variable(candidate, key)
        except KeyError:
            continue
    return None


def format_value(value: object, var: Variable | None, lang: str, *,
                 with_code: bool = True) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return ("Yes" if value else "No") if lang == "en" else ("Ya" if value else "Tidak")
    if var is not None and isinstance(value, int):
        if var.vtype is VarType.CODE and (code := var.code(value)) is not None:
            return f"{value} – {code.label(lang)}" if with_code else code.label(lang)
        if var.vtype is VarType.FLAGS:
            return ", ".join(c.label(lang) for c in var.codes if value & c.value) or str(value)
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    if isinstance(value, float):
        text = f"{value:g}"
        return text if lang == "en" else text.replace(".", ",")
    return str(value)


def kind_label(kind: str, lang: str) -> str:
    try:
        return UsulanKind(kind).label(lang)
    except ValueError:
        return kind


def status_label(status: str, lang: str) -> str:
    try:
        return UsulanStatus(status).label(lang)
    except ValueError:
        return status


def decision_label(decision: str | None, lang: str) -> str:
    if not decision:
        return ""
    try:
        return Decision(decision).label(lang)
    except ValueError:
        return decision


def reason_text(reason: str, lang: str) -> str:
    if not reason:
        return ""
    try:
        return reason_label(DeactivationReason(reason), lang)
    except ValueError:
        return reason
