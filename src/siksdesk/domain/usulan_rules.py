"""Bilingual explanations for the usulan/MusDes rules, and the one-for-one replacement arithmetic.

Codes are stable English identifiers in the style of ``domain.problems``: ``USULAN_`` (the
status machine), ``MEETING_``/``SPTJM_`` (the deliberation and its finalisation; who may finalise is
``domain.accounts``),
``REPL_`` (programme replacement) and ``HELD_`` (why a proposal is not exportable yet).
Parameters never carry a NIK, a No. KK or a name; households are named by their position in
the set being checked (``pair`` is 1-based) or by a count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from siksdesk.domain.problems import Severity

_E, _W = Severity.ERROR, Severity.WARNING

_CATALOGUE: Final[dict[str, tuple[Severity, str, str]]] = {
    # --- the status machine ---
    "USULAN_TRANSITION": (
        _E, "Usulan berstatus “{current}” tidak bisa diubah menjadi “{target}”.",
        "A proposal with status “{current}” cannot be changed to “{target}”."),
    "USULAN_ROLE": (
        _E, "Perubahan status ini hanya boleh dilakukan oleh {allowed}.",
        "Only {allowed} may make this status change."),
    "USULAN_REASON_MISSING": (
        _E, "Usulan penonaktifan belum punya alasan (meninggal, pindah, sudah mampu, …). "
            "Pilih alasannya dulu.",
        "The deactivation proposal has no reason yet (deceased, moved, no longer poor, …). "
        "Choose the reason first."),
    "USULAN_NOT_FOUND": (
        _E, "Usulan ini tidak ditemukan (mungkin sudah dihapus).",
        "This proposal was not found (it may have been removed)."),
    "USULAN_NOT_EDITABLE": (
        _E, "Usulan berstatus “{current}” tidak bisa diubah lagi; hanya draf atau usulan yang "
            "siap MusDes yang bisa diubah.",
        "A proposal with status “{current}” can no longer be changed; only drafts and proposals "
        "ready for the MusDes can."),
    "USULAN_ALREADY_CARRIED": (
        _E, "Usulan yang ditunda ini sudah diajukan lagi sebagai draf baru.",
        "This deferred proposal has already been put forward again as a new draft."),
    # --- meetings ---
    "MEETING_NOT_FOUND": (
        _E, "Musyawarah ini tidak ditemukan.", "This meeting was not found."),
    "MEETING_FINALISED": (
        _E, "Musyawarah ini sudah difinalisasi dan dikunci; isinya tidak bisa diubah lagi.",
        "This meeting has been finalised and locked; it can no longer be changed."),
    "MEETING_NOT_ON_AGENDA": (
        _E, "Usulan ini tidak ada di agenda musyawarah (harus berstatus siap MusDes).",
        "This proposal is not on the meeting's agenda (it must be ready for the MusDes)."),
    "MEETING_DECIDE_PAIRS_TOGETHER": (
        _E, "Usulan penggantian diputuskan bersama per program, bukan satu per satu.",
        "Replacement proposals are decided together per programme, not one by one."),
    "MEETING_REPLACEMENTS_INVALID": (
        _E, "Penggantian program {programme} belum memenuhi aturan ({count} masalah); "
            "lihat penjelasannya.",
        "The replacements for {programme} break the rules ({count} problems); see the "
        "explanations."),
    "MEETING_NO_DECISIONS": (
        _E, "Belum ada satu pun usulan yang diputuskan dalam musyawarah ini.",
        "No proposal has been decided in this meeting yet."),
    "MEETING_NO_ATTENDEES": (
        _E, "Daftar hadir musyawarah masih kosong.", "The meeting's attendance list is empty."),
    "MEETING_DETAILS_MISSING": (
        _E, "Isian “{detail}” musyawarah belum diisi.", "The meeting's “{detail}” is empty."),
    "MEETING_ATTENDEES_SPTJM": (
        _E, "SPTJM tidak punya daftar hadir: itu pernyataan Kepala Desa, bukan musyawarah.",
        "An SPTJM has no attendance list: it is the village head's statement, not a meeting."),
    "SPTJM_NO_STATEMENT": (
        _E, "Teks pernyataan tanggung jawab mutlak (SPTJM) belum diisi.",
        "The statement of absolute responsibility (SPTJM) is empty."),
    # --- one-for-one replacement ---
    "PROGRAMME_NOT_FOUND": (
        _E, "Program {programme} belum diatur (kuota dan penerimanya).",
        "Programme {programme} is not set up yet (quota and beneficiaries)."),
    "REPL_QUOTA_EXCEEDED": (
        _E, "Kuota program {programme} adalah {quota}, tetapi setelah penggantian ini penerima "
            "menjadi {after}. Kurangi yang masuk atau tambah yang keluar.",
        "Programme {programme} has a quota of {quota}, but after this replacement it would "
        "have {after} beneficiaries. Remove an entry or add an exit."),
    "REPL_ALREADY_OVER_QUOTA": (
        _W, "Penerima program {programme} saat ini ({current}) sudah melebihi kuota ({quota}).",
        "Programme {programme} already has more beneficiaries ({current}) than its quota "
        "({quota})."),
    "REPL_EMPTY_PAIR": (
        _E, "Pasangan ke-{pair} tidak berisi rumah tangga yang keluar maupun yang masuk.",
        "Pair {pair} names neither a leaving nor an entering household."),
    "REPL_EXIT_NO_REASON": (
        _E, "Pasangan ke-{pair}: rumah tangga yang keluar belum diberi alasan.",
        "Pair {pair}: the leaving household has no reason."),
    "REPL_EXIT_NOT_BENEFICIARY": (
        _E, "Pasangan ke-{pair}: rumah tangga yang keluar bukan penerima program {programme}.",
        "Pair {pair}: the leaving household is not a beneficiary of {programme}."),
    "REPL_EXIT_TWICE": (
        _E, "Pasangan ke-{pair}: rumah tangga yang keluar sudah keluar di pasangan lain.",
        "Pair {pair}: the leaving household already leaves in another pair."),
    "REPL_ENTRY_NOT_IN_REGISTRY": (
        _E, "Pasangan ke-{pair}: rumah tangga pengganti tidak ada (aktif) di data desa.",
        "Pair {pair}: the entering household is not (active) in the village registry."),
    "REPL_ENTRY_ALREADY_BENEFICIARY": (
        _E, "Pasangan ke-{pair}: rumah tangga pengganti sudah menerima {programme}.",
        "Pair {pair}: the entering household already receives {programme}."),
    "REPL_ENTRY_PROPOSED_OUT": (
        _E, "Pasangan ke-{pair}: rumah tangga pengganti sendiri sedang diusulkan nonaktif.",
        "Pair {pair}: the entering household is itself proposed for deactivation."),
    "REPL_ENTRY_TWICE": (
        _E, "Pasangan ke-{pair}: rumah tangga pengganti sudah masuk di pasangan lain.",
        "Pair {pair}: the entering household already enters in another pair."),
    "REPL_SAME_HOUSEHOLD": (
        _E, "Pasangan ke-{pair}: rumah tangga yang keluar dan yang masuk sama.",
        "Pair {pair}: the leaving and the entering household are the same."),
    # --- the export gate ---
    "HELD_DRAFT": (
        _W, "Masih draf: belum ditandai siap MusDes.",
        "Still a draft: not yet marked ready for the MusDes."),
    "HELD_READY": (
        _W, "Menunggu keputusan MusDes.", "Waiting for the MusDes decision."),
    "HELD_NOT_FINALISED": (
        _W, "Sudah diputuskan, tetapi musyawarahnya belum difinalisasi Kepala Desa.",
        "Decided, but the meeting has not been finalised by the village head yet."),
    "HELD_REJECTED": (
        _W, "Ditolak oleh MusDes.", "Rejected by the MusDes."),
    "HELD_DEFERRED": (
        _W, "Ditunda oleh MusDes; ajukan lagi di musyawarah berikutnya.",
        "Deferred by the MusDes; put it to the next meeting again."),
    "HELD_WITHDRAWN": (
        _W, "Ditarik oleh operator.", "Withdrawn by the operator."),
    "HELD_SENT": (
        _W, "Sudah dikirim ke Dinas.", "Already sent to the district."),
    "HELD_DINAS_DECIDED": (
        _W, "Sudah diputuskan oleh Dinas.", "Already decided by the district."),
}


class Labelled(Protocol):
    """A parameter value that is itself a word (a status, a role…): shown in the right language."""

    def label(self, lang: str = "id") -> str: ...


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def rule_message(code: str, lang: str = "id", /, **params: object) -> str:
    entry = _CATALOGUE.get(code)
    if entry is None:
        return code
    en = lang.lower().startswith("en")
    values = _Params()
    for key, value in params.items():
        label = getattr(value, "label", None)
        values[key] = label("en" if en else "id") if callable(label) else value
    return entry[2 if en else 1].format_map(values)


def rule_codes() -> frozenset[str]:
    return frozenset(_CATALOGUE)


@dataclass(frozen=True, slots=True)
class RuleFinding:
    """One explained finding. ``pair`` is the 0-based index in a replacement set, if any."""

    code: str
    params: tuple[tuple[str, object], ...] = ()
    pair: int | None = None

    @property
    def severity(self) -> Severity:
        return _CATALOGUE[self.code][0]

    def message(self, lang: str = "id") -> str:
        return rule_message(self.code, lang, **dict(self.params))


def finding(code: str, /, pair: int | None = None, **params: object) -> RuleFinding:
    if code not in _CATALOGUE:
        raise KeyError(code)
    shown = {"pair": pair + 1} if pair is not None else {}
    return RuleFinding(code, tuple((shown | params).items()), pair)


class UsulanRuleError(Exception):
    """A rule of the usulan/MusDes workflow was broken; nothing was written. ``str()`` is the
    English text (never a name or a number that identifies a person)."""

    def __init__(self, code: str, /, **params: object) -> None:
        pair = params.pop("pair", None)
        self.finding = finding(code, pair if isinstance(pair, int) else None, **params)
        super().__init__(self.finding.message("en"))

    @property
    def code(self) -> str:
        return self.finding.code

    def message(self, lang: str = "id") -> str:
        return self.finding.message(lang)


# --- one-for-one replacement -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReplacementPair:
    """A leaving beneficiary household (with its reason) and the household that takes its
    place. Either side may be missing: an exit alone frees a place, an entry alone fills a free
    one — the quota check decides whether that is allowed."""

    exit_ruta: str | None
    exit_reason: str | None
    entry_ruta: str | None


@dataclass(frozen=True, slots=True)
class ProgrammeFacts:
    code: str
    quota: int
    beneficiaries: frozenset[str]  # ruta uuids receiving the programme now


@dataclass(frozen=True, slots=True)
class ReplacementCheck:
    current: int
    exits: int
    entries: int
    quota: int
    findings: tuple[RuleFinding, ...]

    @property
    def after(self) -> int:
        return self.current - self.exits + self.entries

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def check_replacements(programme: ProgrammeFacts, pairs: Sequence[ReplacementPair], *,
                       registry: frozenset[str], proposed_out: frozenset[str],
                       reasons: Iterable[str]) -> ReplacementCheck:
    """Check a set of replacement pairs for one programme. ``registry`` holds the active
    households of the village, ``proposed_out`` those with an open deactivation proposal,
    ``reasons`` the valid exit reason codes. The quota is never exceeded by an entry: when
    anyone enters, the count after the set must fit the quota (exits alone are always fine)."""
    valid_reasons = frozenset(reasons)
    exit_count = Counter(p.exit_ruta for p in pairs if p.exit_ruta is not None)
    entry_count = Counter(p.entry_ruta for p in pairs if p.entry_ruta is not None)
    found: list[RuleFinding] = []
    exits = entries = 0
    for index, pair in enumerate(pairs):
        found.extend(_pair_findings(index, pair, programme, registry, proposed_out,
                                    valid_reasons, exit_count, entry_count))
        exits += pair.exit_ruta is not None
        entries += pair.entry_ruta is not None
    current = len(programme.beneficiaries)
    if current > programme.quota:
        found.append(finding("REPL_ALREADY_OVER_QUOTA", programme=programme.code,
                             current=current, quota=programme.quota))
    after = current - exits + entries
    if entries and after > programme.quota:
        found.append(finding("REPL_QUOTA_EXCEEDED", programme=programme.code,
                             quota=programme.quota, after=after))
    return ReplacementCheck(current, exits, entries, programme.quota, tuple(found))


def _pair_findings(index: int, pair: ReplacementPair, programme: ProgrammeFacts,
                   registry: frozenset[str], proposed_out: frozenset[str],
                   reasons: frozenset[str], exit_count: Counter[str],
                   entry_count: Counter[str]) -> list[RuleFinding]:
    found: list[RuleFinding] = []
    code = programme.code
    if pair.exit_ruta is None and pair.entry_ruta is None:
        return [finding("REPL_EMPTY_PAIR", index)]
    if pair.exit_ruta is not None:
        if not pair.exit_reason or pair.exit_reason not in reasons:
            found.append(finding("REPL_EXIT_NO_REASON", index))
        if pair.exit_ruta not in programme.beneficiaries:
            found.append(finding("REPL_EXIT_NOT_BENEFICIARY", index, programme=code))
        if exit_count[pair.exit_ruta] > 1:
            found.append(finding("REPL_EXIT_TWICE", index))
    if pair.entry_ruta is not None:
        if pair.entry_ruta not in registry:
            found.append(finding("REPL_ENTRY_NOT_IN_REGISTRY", index))
        if pair.entry_ruta in programme.beneficiaries:
            found.append(finding("REPL_ENTRY_ALREADY_BENEFICIARY", index, programme=code))
        if pair.entry_ruta in proposed_out:
            found.append(finding("REPL_ENTRY_PROPOSED_OUT", index))
        if entry_count[pair.entry_ruta] > 1:
            found.append(finding("REPL_ENTRY_TWICE", index))
        if pair.entry_ruta == pair.exit_ruta:
            found.append(finding("REPL_SAME_HOUSEHOLD", index))
    return found
