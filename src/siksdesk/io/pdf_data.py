"""What the Berita Acara / SPTJM / attendance-sheet writers print: plain frozen dataclasses,
every value already in words (Indonesian labels, formatted dates), so the writers only lay
them out. Built by ``siksdesk.services.berita_acara.berita_acara_data``; no fpdf here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class VillageIdentity:
    kode_desa: str
    nama_desa: str
    kecamatan: str
    kabupaten: str
    provinsi: str
    kode_bps: str = ""
    training: bool = False  # the training village: its documents are marked LATIHAN


@dataclass(frozen=True, slots=True)
class AttendeeLine:
    no: int
    name: str
    role: str  # the AttendeeRole's Indonesian label ("BPD", "Ketua RT/RW", …)
    title: str  # e.g. "Ketua BPD", "RT 003"


@dataclass(frozen=True, slots=True)
class PersonLine:
    """A household as the decisions name it: its head (or the member concerned)."""

    idbdt: str
    no_kk: str
    nik: str
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class ChangedField:
    label: str  # the catalogue's Indonesian label
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class DecisionLine:
    no: int
    kind: str  # UsulanKind label ("Perbaikan data", …)
    decision: str  # "Setuju" | "Ditolak" | "Ditunda"
    household: PersonLine  # the head of the household
    member: PersonLine | None  # the member concerned when it is not the head
    changes: tuple[ChangedField, ...]
    reason: str  # deactivation reason in words ("" when none)
    note: str  # the proposal's note
    decision_note: str  # what the meeting noted with its decision


@dataclass(frozen=True, slots=True)
class ReplacementLine:
    no: int
    programme: str  # "PKH — Program Keluarga Harapan"
    leaving: PersonLine | None
    leaving_reason: str
    entering: PersonLine | None
    decision: str


@dataclass(frozen=True, slots=True)
class KindTotal:
    kind: str
    approved: int
    rejected: int
    deferred: int

    @property
    def total(self) -> int:
        return self.approved + self.rejected + self.deferred


@dataclass(frozen=True, slots=True)
class AnnexLine:
    """One person of a household with a decided proposal (the BNBA annex)."""

    no: int
    idbdt: str
    no_kk: str
    nik: str
    name: str
    relation: str  # hubungan dengan kepala rumah tangga
    sex: str
    birth_date: str
    address: str


@dataclass(frozen=True, slots=True)
class BeritaAcaraData:
    kind: str  # MeetingKind value: "musdes" | "sptjm"
    final: bool  # False: a preview of an open meeting, printed with a "DRAF" watermark
    meeting_uuid: str
    village: VillageIdentity
    held_on: date
    held_on_text: str  # "Senin, 24 November 2026"
    place: str
    agenda: str
    chair: str  # the Kepala Desa
    note_taker: str
    statement: str  # the SPTJM text ("" for a MusDes)
    finalised_by: str
    finalised_at_text: str  # local time in words, "" while open
    attendees: tuple[AttendeeLine, ...]
    decisions: tuple[DecisionLine, ...]  # every decided proposal but the replacement pairs
    replacements: tuple[ReplacementLine, ...]
    totals: tuple[KindTotal, ...]  # one per kind that has a decision
    bpd_chair: str  # "" when no BPD member attended: a blank signature line
    witnesses: tuple[str, ...]  # Saksi (names; blank lines are added up to two)
    sha256: str  # the decided set's hash ("Sidik data")
    annex: tuple[AnnexLine, ...]

    @property
    def is_sptjm(self) -> bool:
        return self.kind == "sptjm"

    @property
    def total(self) -> KindTotal:
        return KindTotal("Jumlah", sum(t.approved for t in self.totals),
                         sum(t.rejected for t in self.totals),
                         sum(t.deferred for t in self.totals))
