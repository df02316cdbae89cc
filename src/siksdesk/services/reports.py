"""The printable rekap reports: per dusun/RT and per programme, as PDF (A4) or Excel.

``build_report`` reads the figures (``services.rekap`` plus a per-RT breakdown) in the caller's
snapshot and returns an ``io.report_data.Report`` — format-free tables with totals, every word
already in the report's language; ``io.report_pdf`` and ``io.report_xlsx`` lay it out, and the
app prints the same tables (``io.report_data.report_html``). Reports are
in Indonesian by default (they go to the Kecamatan and the Dinas), English on request.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from siksdesk.io.report_data import Report, ReportTable
from siksdesk.io.training_mark import marked_name
from siksdesk.services.household_list import VillageSummary, village_summary
from siksdesk.services.rekap import area_counts, programme_coverage

KINDS: Final = ("rekap", "programme")
FORMATS: Final = ("pdf", "xlsx")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class ReportResult:
    path: Path
    format: str
    kind: str
    tables: int
    rows: int
    size_bytes: int


_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "REPORT_UNKNOWN_KIND": ("Laporan {kind} tidak dikenal: pilih rekap atau programme.",
                            "Unknown report {kind}: choose rekap or programme."),
    "REPORT_UNKNOWN_FORMAT": ("Format file {file} tidak dikenal: pilih .pdf atau .xlsx.",
                              "Unknown file format for {file}: choose .pdf or .xlsx."),
    "REPORT_CANCELLED": ("Laporan dibatalkan; tidak ada file yang ditulis.",
                         "The report was cancelled; no file was written."),
}


class ReportError(Exception):
    """A report that cannot be made, with a bilingual message; ``str()`` holds no personal
    data (the code, a file name)."""

    def __init__(self, code: str, **params: str) -> None:
        self.code, self.params = code, params
        super().__init__(f"{code}: {self.message('en')}")

    def message(self, lang: str = "id") -> str:
        return _t(lang, *_MESSAGES[self.code]).format(**self.params)


def format_for(path: Path, fmt: str | None) -> str:
    """The format asked for, else the file's suffix (``ReportError`` when neither says)."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ReportError("REPORT_UNKNOWN_FORMAT", file=path.name)
    return chosen


def build_report(conn: sqlite3.Connection, kind: str, *, lang: str = "id",
                 now: datetime | None = None) -> Report:
    made_at = now or datetime.now()
    if kind == "rekap":
        return _rekap_report(conn, lang, made_at)
    if kind == "programme":
        return _programme_report(conn, lang, made_at)
    raise ReportError("REPORT_UNKNOWN_KIND", kind=kind)


def run_report(conn: sqlite3.Connection, kind: str, path: Path, *, fmt: str | None = None,
               lang: str = "id", progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> ReportResult:
    """Build the report and write it to ``path`` (atomically; ``ExportError`` naming the file
    when it cannot be written, ``ReportError`` on a cancel or a wrong kind/format). A training
    village's report is marked inside (``io.training_mark``); ``default_report_name`` gives
    the name to offer."""
    chosen = format_for(path, fmt)
    step = progress or (lambda _done, _total: None)
    step(0, 3)
    report = build_report(conn, kind, lang=lang)
    step(1, 3)
    if cancelled is not None and cancelled():
        raise ReportError("REPORT_CANCELLED")
    if chosen == "pdf":
        from siksdesk.io.report_pdf import write_report_pdf

        write_report_pdf(report, path)
    else:
        from siksdesk.io.report_xlsx import write_report_xlsx

        write_report_xlsx(report, path)
    step(3, 3)
    return ReportResult(path, chosen, kind, len(report.tables),
                        sum(len(t.rows) for t in report.tables), path.stat().st_size)


# --- the two reports ---------------------------------------------------------------------------


def _rekap_report(conn: sqlite3.Connection, lang: str, made_at: datetime) -> Report:
    dusun, rts = area_counts(conn)
    extra = {(str(d), str(t)): (int(v), int(p)) for d, t, v, p in conn.execute(
        "SELECT r.dusun, r.rt, sum(r.hasil_verivali IS NOT NULL), "
        "sum(coalesce(h.errors, 0) > 0 OR coalesce(h.warnings, 0) > 0) FROM ruta r "
        "LEFT JOIN household_index h ON h.ruta_id = r.id GROUP BY r.dusun, r.rt")}
    headers = (_t(lang, "Ruta", "Households"), _t(lang, "ART (jiwa)", "People"),
               _t(lang, "Sudah diverivali", "Verified"), _t(lang, "Belum", "Not yet"),
               _t(lang, "Ruta bermasalah", "With problems"))
    per_rt: list[tuple[str | int, ...]] = []
    per_dusun: dict[str, list[int]] = {}
    for area in rts:
        verified, problems = extra.get((area.dusun, area.rt or ""), (0, 0))
        figures = [area.households, area.people, verified, area.households - verified, problems]
        per_rt.append((area.dusun or "–", area.rt or "–", *figures))
        totals = per_dusun.setdefault(area.dusun, [0] * len(figures))
        for n, value in enumerate(figures):
            totals[n] += value
    grand = [sum(column) for column in zip(*per_dusun.values(), strict=True)] \
        if per_dusun else [0] * len(headers)
    total_word = _t(lang, "Jumlah", "Total")
    tables = (
        ReportTable(_t(lang, "Per dusun", "Per dusun"), ("Dusun", *headers),
                    (False, *(True,) * len(headers)),
                    tuple((d.dusun or "–", *per_dusun[d.dusun]) for d in dusun),
                    (total_word, *grand)),
        ReportTable(_t(lang, "Per RT", "Per RT"), ("Dusun", "RT", *headers),
                    (False, False, *(True,) * len(headers)), tuple(per_rt),
                    (total_word, "", *grand)),
    )
    village = village_summary(conn)
    return Report("rekap", lang, _t(lang, "REKAPITULASI DATA RUTA PER DUSUN/RT",
                                    "HOUSEHOLD SUMMARY PER DUSUN/RT"),
                  _identity(village, lang), _date_line(made_at, lang), tables,
                  (_t(lang, "Ruta bermasalah: ruta dengan sedikitnya satu kesalahan atau "
                            "peringatan data.",
                      "With problems: households with at least one data error or warning."),),
                  training=_training(village))


def _programme_report(conn: sqlite3.Connection, lang: str, made_at: datetime) -> Report:
    coverage = programme_coverage(conn)
    rows = tuple((p.code, p.name, p.quota, p.beneficiaries, p.beneficiaries - p.quota,
                  p.listed - p.beneficiaries) for p in coverage)
    totals: tuple[str | int, ...] = (
        _t(lang, "Jumlah", "Total"), "", sum(p.quota for p in coverage),
        sum(p.beneficiaries for p in coverage),
        sum(p.beneficiaries - p.quota for p in coverage),
        sum(p.listed - p.beneficiaries for p in coverage))
    by_dusun = tuple((str(code), str(dusun) or "–", int(n)) for code, dusun, n in conn.execute(
        "SELECT g.code, r.dusun, count(DISTINCT r.id) FROM programme g "
        "JOIN programme_beneficiary b ON b.programme_id = g.id "
        "JOIN ruta r ON r.uuid = b.ruta_uuid GROUP BY g.code, r.dusun ORDER BY g.code, r.dusun"))
    tables = (
        ReportTable(_t(lang, "Cakupan program terhadap kuota", "Coverage against quota"),
                    (_t(lang, "Program", "Programme"), _t(lang, "Nama", "Name"),
                     _t(lang, "Kuota", "Quota"), _t(lang, "Penerima", "Beneficiaries"),
                     _t(lang, "Selisih", "Difference"),
                     _t(lang, "Tidak di registri", "Not in registry")),
                    (False, False, True, True, True, True), rows, totals),
        ReportTable(_t(lang, "Penerima per dusun", "Beneficiaries per dusun"),
                    (_t(lang, "Program", "Programme"), "Dusun", _t(lang, "Ruta", "Households")),
                    (False, False, True), by_dusun,
                    (_t(lang, "Jumlah", "Total"), "", sum(r[2] for r in by_dusun))),
    )
    village = village_summary(conn)
    return Report("programme", lang, _t(lang, "REKAPITULASI CAKUPAN PROGRAM BANTUAN SOSIAL",
                                        "SOCIAL-AID PROGRAMME COVERAGE"),
                  _identity(village, lang), _date_line(made_at, lang), tables,
                  _programme_notes(lang, bool(coverage)),
                  training=_training(village))


def _programme_notes(lang: str, any_programme: bool) -> tuple[str, ...]:
    notes = [_t(lang, "Penerima: ruta penerima yang ada di registri desa. Selisih: penerima "
                      "dikurangi kuota.",
                "Beneficiaries: beneficiary households in the village registry. Difference: "
                "beneficiaries minus quota.")]
    if not any_programme:
        notes.insert(0, _t(lang, "Belum ada program yang tercatat.",
                           "No programme has been recorded yet."))
    return tuple(notes)


FILE_STEMS: Final = {"rekap": "rekap-dusun-rt", "programme": "cakupan-program"}


def default_report_name(kind: str, fmt: str, *, training: bool = False,
                        today: date | None = None) -> str:
    """``rekap-dusun-rt-2026-11-24.pdf``; a training village's report is named
    ``…-LATIHAN.pdf`` (as its exports are)."""
    name = f"{FILE_STEMS[kind]}-{(today or date.today()).isoformat()}.{fmt}"
    return marked_name(name) if training else name


def _training(village: VillageSummary | None) -> bool:
    return bool(village is not None and village.is_demo)


def _identity(village: VillageSummary | None, lang: str) -> tuple[str, ...]:
    """The village's name and codes, one line each (none without a village)."""
    if village is None:
        return ()
    lines = [f"{_t(lang, 'Desa', 'Village')} {village.nama_desa} · Kecamatan "
             f"{village.nama_kecamatan} · {village.nama_kabupaten} · {village.nama_provinsi}",
             f"{_t(lang, 'Kode desa', 'Village code')} {village.kode_desa}"]
    if village.is_demo:
        lines.append(_t(lang, "MODE LATIHAN — DATA DEMO, bukan data sebenarnya",
                        "TRAINING MODE — DEMO DATA, not real households"))
    return tuple(lines)


def _date_line(made_at: datetime, lang: str) -> str:
    return _t(lang, "Keadaan data per {when}", "Data as of {when}").format(
        when=made_at.strftime("%d-%m-%Y %H:%M"))


def _t(lang: str, indonesian: str, english: str) -> str:
    return english if lang.lower().startswith("en") else indonesian
