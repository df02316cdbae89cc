"""Usulan (proposals) and the MusDes: kinds, the status machine, who may move a proposal, how
edits merge into a correction, and the canonical form of a finalised meeting's decided set.

Stored codes are stable English identifiers (the values below); the Indonesian domain words
are the member names and the labels. The codes "deactivate", "new", "correction" and the
statuses "draft", "approved", "rejected", "deferred", "sent" were already in use (issue 4).

Status machine (who may do it)::

    draft ──operator──▶ ready (siap MusDes) ──operator──▶ draft      (taken back to edit)
    draft | ready ──operator──▶ withdrawn (ditarik; the registry edit itself stays)
    ready ──meeting──▶ approved | rejected | deferred                  (recorded in an open
                                                                        meeting; binding once
                                                                        the approver finalises)
    approved ──operator──▶ sent (terkirim) ──dinas──▶ accepted_by_dinas | rejected_by_dinas

A decision recorded in a meeting that is still open can be changed or undone (back to ready);
after finalisation the row is locked by database triggers (migration 0004). A deferred
proposal stays deferred as the record of that meeting; ``carry_forward`` makes a new draft.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.domain.usulan_rules import UsulanRuleError


class _Labelled(StrEnum):
    def label(self, lang: str = "id") -> str:
        words = _LABELS[self]
        return words[1] if lang.lower().startswith("en") else words[0]


class UsulanKind(_Labelled):
    BARU = "new"  # a new household
    ANGGOTA_BARU = "new_member"
    PERBAIKAN = "correction"  # changed fields, NIK fixes included
    NONAKTIF = "deactivate"  # a household or member leaves, with a DeactivationReason
    PENGGANTIAN = "replacement"  # programme replacement pair


class UsulanStatus(_Labelled):
    DRAFT = "draft"
    SIAP_MUSDES = "ready"
    DISETUJUI = "approved"
    DITOLAK = "rejected"
    DITUNDA = "deferred"
    DITARIK = "withdrawn"
    TERKIRIM = "sent"
    DITERIMA_DINAS = "accepted_by_dinas"
    DITOLAK_DINAS = "rejected_by_dinas"


class Decision(_Labelled):
    SETUJU = "approve"
    TOLAK = "reject"
    TUNDA = "defer"


class Role(_Labelled):
    OPERATOR = "operator"
    MEETING = "meeting"  # recorded in an open MusDes/SPTJM (by the note-taker)
    KEPALA_DESA = "kepala_desa"
    DINAS = "dinas"  # feedback from the district


class MeetingKind(_Labelled):
    MUSDES = "musdes"
    SPTJM = "sptjm"


class MeetingStatus(_Labelled):
    OPEN = "open"
    FINALISED = "finalised"


class AttendeeRole(_Labelled):
    BPD = "bpd"
    RT_RW = "rt_rw"
    KADUS = "kadus"
    TOKOH_MASYARAKAT = "tokoh_masyarakat"
    TOKOH_AGAMA = "tokoh_agama"
    PENDAMPING = "pendamping"
    KPM = "kpm"
    LAINNYA = "other"


_LABELS: Final[dict[StrEnum, tuple[str, str]]] = {
    UsulanKind.BARU: ("Usulan baru (rumah tangga)", "New household"),
    UsulanKind.ANGGOTA_BARU: ("Anggota baru", "New member"),
    UsulanKind.PERBAIKAN: ("Perbaikan data", "Data correction"),
    UsulanKind.NONAKTIF: ("Penonaktifan", "Deactivation"),
    UsulanKind.PENGGANTIAN: ("Penggantian penerima program", "Programme replacement"),
    UsulanStatus.DRAFT: ("Draf", "Draft"),
    UsulanStatus.SIAP_MUSDES: ("Siap MusDes", "Ready for the MusDes"),
    UsulanStatus.DISETUJUI: ("Disetujui", "Approved"),
    UsulanStatus.DITOLAK: ("Ditolak", "Rejected"),
    UsulanStatus.DITUNDA: ("Ditunda", "Deferred"),
    UsulanStatus.DITARIK: ("Ditarik", "Withdrawn"),
    UsulanStatus.TERKIRIM: ("Terkirim", "Sent"),
    UsulanStatus.DITERIMA_DINAS: ("Diterima Dinas", "Accepted by the district"),
    UsulanStatus.DITOLAK_DINAS: ("Ditolak Dinas", "Rejected by the district"),
    Decision.SETUJU: ("Setuju", "Approve"),
    Decision.TOLAK: ("Tolak", "Reject"),
    Decision.TUNDA: ("Tunda", "Defer"),
    Role.OPERATOR: ("operator desa", "the village operator"),
    Role.MEETING: ("musyawarah (notulen)", "the meeting (note-taker)"),
    Role.KEPALA_DESA: ("Kepala Desa", "the village head"),
    Role.DINAS: ("Dinas Sosial", "the district social office"),
    MeetingKind.MUSDES: ("Musyawarah Desa", "Village deliberation (MusDes)"),
    MeetingKind.SPTJM: ("SPTJM (tanpa musyawarah)", "SPTJM (no deliberation held)"),
    MeetingStatus.OPEN: ("Berlangsung", "In progress"),
    MeetingStatus.FINALISED: ("Difinalisasi", "Finalised"),
    AttendeeRole.BPD: ("BPD", "Village council (BPD)"),
    AttendeeRole.RT_RW: ("Ketua RT/RW", "RT/RW head"),
    AttendeeRole.KADUS: ("Kepala dusun", "Hamlet head"),
    AttendeeRole.TOKOH_MASYARAKAT: ("Tokoh masyarakat", "Community leader"),
    AttendeeRole.TOKOH_AGAMA: ("Tokoh agama", "Religious leader"),
    AttendeeRole.PENDAMPING: ("Pendamping", "Programme facilitator"),
    AttendeeRole.KPM: ("Perwakilan KPM", "Beneficiary representative"),
    AttendeeRole.LAINNYA: ("Lainnya", "Other"),
}

_S = UsulanStatus
TRANSITIONS: Final[Mapping[tuple[UsulanStatus, UsulanStatus], frozenset[Role]]] = {
    (_S.DRAFT, _S.SIAP_MUSDES): frozenset({Role.OPERATOR}),
    (_S.SIAP_MUSDES, _S.DRAFT): frozenset({Role.OPERATOR}),
    (_S.DRAFT, _S.DITARIK): frozenset({Role.OPERATOR}),
    (_S.SIAP_MUSDES, _S.DITARIK): frozenset({Role.OPERATOR}),
    **{(_S.SIAP_MUSDES, d): frozenset({Role.MEETING})
       for d in (_S.DISETUJUI, _S.DITOLAK, _S.DITUNDA)},
    # re-deciding or undoing inside a meeting that is still open
    **{(a, b): frozenset({Role.MEETING})
       for a in (_S.DISETUJUI, _S.DITOLAK, _S.DITUNDA)
       for b in (_S.DISETUJUI, _S.DITOLAK, _S.DITUNDA, _S.SIAP_MUSDES) if a != b},
    (_S.DISETUJUI, _S.TERKIRIM): frozenset({Role.OPERATOR}),
    (_S.TERKIRIM, _S.DITERIMA_DINAS): frozenset({Role.DINAS}),
    (_S.TERKIRIM, _S.DITOLAK_DINAS): frozenset({Role.DINAS}),
}
OPEN_STATUSES: Final = frozenset({_S.DRAFT, _S.SIAP_MUSDES})  # editable, may be joined by edits
DECIDED_STATUSES: Final = frozenset({_S.DISETUJUI, _S.DITOLAK, _S.DITUNDA})
DECISION_STATUS: Final[Mapping[Decision, UsulanStatus]] = {
    Decision.SETUJU: _S.DISETUJUI, Decision.TOLAK: _S.DITOLAK, Decision.TUNDA: _S.DITUNDA}
# After finalisation only these moves may touch a decided row (the triggers mirror this).
POST_FINAL_MOVES: Final = frozenset({(_S.DISETUJUI, _S.TERKIRIM), (_S.TERKIRIM, _S.DITERIMA_DINAS),
                                     (_S.TERKIRIM, _S.DITOLAK_DINAS)})


def allowed(current: str, target: str, role: Role) -> bool:
    roles = TRANSITIONS.get((UsulanStatus(current), UsulanStatus(target)))
    return roles is not None and role in roles


def check_transition(current: str, target: str, role: Role) -> None:
    """Raise UsulanRuleError unless ``role`` may move a proposal from ``current`` to
    ``target``."""
    key = (UsulanStatus(current), UsulanStatus(target))
    roles = TRANSITIONS.get(key)
    if roles is None:
        raise UsulanRuleError("USULAN_TRANSITION", current=key[0], target=key[1])
    if role not in roles:
        raise UsulanRuleError("USULAN_ROLE", allowed=sorted(roles)[0])


# --- edits become proposals ------------------------------------------------------------------

# Member presence (keberadaan) and household verification results (hasil verivali) that mean
# the person or household leaves: the edit becomes a deactivation with this reason.
_LEAVING: Final[Mapping[tuple[str, str, object], DeactivationReason]] = {
    ("art", "keberadaan", 2): DeactivationReason.MENINGGAL,
    ("art", "keberadaan", 3): DeactivationReason.PINDAH,
    ("art", "keberadaan", 4): DeactivationReason.PINDAH,
    ("art", "keberadaan", 6): DeactivationReason.TIDAK_DITEMUKAN,
    ("ruta", "hasil_verivali", 2): DeactivationReason.TIDAK_DITEMUKAN,
    ("ruta", "hasil_verivali", 3): DeactivationReason.PINDAH,
    ("ruta", "hasil_verivali", 5): DeactivationReason.GANDA,
}
# Bookkeeping columns that are not data the district decides on.
NOT_PROPOSED_FIELDS: Final = frozenset({"uuid", "no_urut", "temp_id", "nik_from_number",
                                        "no_kk_from_number", "aktif"})


def leaving_reason(entity: str, after: Mapping[str, object]) -> DeactivationReason | None:
    """The deactivation reason an edit implies (a member marked deceased…), or None."""
    for (kind, key, code), reason in _LEAVING.items():
        if kind == entity and key in after and after[key] == code:
            return reason
    return None


def merge_changes(existing: Mapping[str, object], before: Mapping[str, object],
                  after: Mapping[str, object]) -> dict[str, object]:
    """Fold one edit into a correction stored as ``{"field": {"before": x, "after": y}}``: the
    first ``before`` of a field stays, the newest ``after`` wins, and a field edited back to
    where it started drops out."""
    merged: dict[str, object] = {k: dict(v) for k, v in existing.items()
                                 if isinstance(v, Mapping)}
    for key, new in after.items():
        if key in NOT_PROPOSED_FIELDS:
            continue
        old = merged.get(key)
        start = old.get("before") if isinstance(old, dict) else before.get(key)
        if start == new:
            merged.pop(key, None)
        else:
            merged[key] = {"before": start, "after": new}
    return merged


# --- the decided set -------------------------------------------------------------------------

DECIDED_SET_FORMAT: Final = "siksdesk-musdes-decided-set/1"


@dataclass(frozen=True, slots=True)
class DecidedItem:
    usulan_uuid: str
    kind: str
    entity: str
    entity_uuid: str
    ruta_uuid: str
    reason: str
    note: str
    changes: Mapping[str, object]
    decision: str
    decision_note: str
    replacement: Mapping[str, object] | None = None  # programme, exit/entry ruta, exit reason


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    meeting_uuid: str
    kind: str
    held_on: str  # ISO date
    place: str
    agenda: str
    chair: str
    note_taker: str
    statement: str  # the SPTJM text ("" for a MusDes)
    finalised_by: str
    finalised_at: str  # ISO, seconds
    attendees: Sequence[tuple[str, str, str]]  # (role, name, title)
    items: Sequence[DecidedItem]


def canonical_decided_set(record: MeetingRecord) -> bytes:
    """The bytes that are hashed when a meeting is finalised.

    Format ``siksdesk-musdes-decided-set/1``: one JSON object, UTF-8, keys sorted, no
    insignificant whitespace (``separators=(",", ":")``), non-ASCII characters kept as they
    are. Top-level keys: ``format``, ``meeting`` (the record's fields except attendees and
    items), ``attendees`` (``[role, name, title]`` lists, sorted) and ``items`` (one
    object per decided proposal, sorted by ``usulan_uuid``; ``changes`` as stored). Values are
    strings, JSON numbers for integers, or null.
    """
    meeting = {k: getattr(record, k) for k in (
        "meeting_uuid", "kind", "held_on", "place", "agenda", "chair", "note_taker",
        "statement", "finalised_by", "finalised_at")}
    document = {
        "format": DECIDED_SET_FORMAT,
        "meeting": meeting,
        "attendees": sorted([list(a) for a in record.attendees]),
        "items": [_item(i) for i in sorted(record.items, key=lambda i: i.usulan_uuid)],
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def _item(item: DecidedItem) -> dict[str, object]:
    return {"usulan_uuid": item.usulan_uuid, "kind": item.kind, "entity": item.entity,
            "entity_uuid": item.entity_uuid, "ruta_uuid": item.ruta_uuid,
            "reason": item.reason, "note": item.note, "changes": dict(item.changes),
            "decision": item.decision,
            "decision_note": item.decision_note,
            "replacement": dict(item.replacement) if item.replacement is not None else None}


def decided_set_sha256(record: MeetingRecord) -> str:
    return hashlib.sha256(canonical_decided_set(record)).hexdigest()
