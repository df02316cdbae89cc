"""Export tables read from the database: the problem list ("Masalah data"), the list of
proposals (usulan) and the "Perbaikan NIK" list. (The BNBA comes from ``services.bnba_export``:
its layout must round-trip with the import.)

Each function counts the rows, then returns an ``ExportTable`` whose rows stream from
``session`` in pages; the caller writes the table before closing the session. Headers and
labels are Indonesian by default, English with ``lang="en"``. Times are stored in UTC and
exported in the laptop's local time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from siksdesk.domain.deactivation import DeactivationReason, reason_label
from siksdesk.domain.musdes import UsulanKind, UsulanStatus
from siksdesk.domain.nik import mask_nik
from siksdesk.domain.nik_issues import dismiss_label, matched_by_label, status_label
from siksdesk.domain.problems import Severity, message_for
from siksdesk.io.table import ColumnKind, ExportColumn, ExportTable
from siksdesk.models import Art, HouseholdIndex, Keluarga, NikIssue, RecordProblem, Ruta, Usulan
from siksdesk.services.worklist import decode_params, field_label, kind_title, severity_of

__all__ = ["nik_issue_table", "problems_table", "usulan_table"]

PAGE: Final = 1000
_LONG_DIGITS: Final = re.compile(r"\d{15,}")
TEXT, IDENT, INT = ColumnKind.TEXT, ColumnKind.IDENTIFIER, ColumnKind.INTEGER
DATE, DATETIME = ColumnKind.DATE, ColumnKind.DATETIME


def _en(lang: str) -> bool:
    return lang.lower().startswith("en")


def _columns(lang: str, spec: Sequence[tuple[str, str, str, ColumnKind, bool]]
             ) -> tuple[ExportColumn, ...]:
    return tuple(ExportColumn(en if _en(lang) else id_, kind, personal, key)
                 for key, id_, en, kind, personal in spec)


def _stream(session: Session, query: Select[*tuple[Any, ...]]) -> Iterator[Any]:
    yield from session.execute(query.execution_options(yield_per=PAGE))


def _count(session: Session, query: Select[*tuple[Any, ...]]) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def address(alamat: str | None, rt: str | None, rw: str | None, dusun: str | None) -> str:
    """One line for a household's address: the street line, RT/RW and dusun unless the street
    line already names them."""
    parts = [alamat.strip()] if alamat and alamat.strip() else []
    line = parts[0] if parts else ""
    if (rt or rw) and "RT" not in line.upper():
        parts.append(f"RT {rt or '-'}/RW {rw or '-'}")
    if dusun and dusun.lower() not in line.lower():
        parts.append(f"Dsn. {dusun}")
    return ", ".join(parts)


def local_time(value: datetime | None) -> datetime | None:
    """A stored naive-UTC time as the laptop's local time (naive, as Excel wants it)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


# --- Masalah data ----------------------------------------------------------------------------

_PROBLEM_COLUMNS: Final = (
    ("no_urut", "No. urut ruta", "Household no.", INT, False),
    ("dusun", "Dusun", "Hamlet (dusun)", TEXT, False),
    ("rt", "RT", "RT", TEXT, False),
    ("rw", "RW", "RW", TEXT, False),
    ("alamat", "Alamat", "Address", TEXT, False),
    ("nama", "Nama", "Name", TEXT, False),
    ("nik", "NIK", "NIK", IDENT, True),
    ("no_kk", "No. KK", "Family card no.", IDENT, True),
    ("jenis", "Jenis masalah", "Kind of problem", TEXT, False),
    ("kolom", "Kolom", "Field", TEXT, False),
    ("tingkat", "Tingkat", "Severity", TEXT, False),
    ("keterangan", "Keterangan", "Explanation", TEXT, False),
)
_SEVERITY_WORDS: Final = {Severity.ERROR: ("Kesalahan", "Error"),
                          Severity.WARNING: ("Peringatan", "Warning")}


def problems_table(session: Session, lang: str = "id", code: str | None = None) -> ExportTable:
    """Every stored problem (of one kind with ``code``), in household order."""
    family = aliased(Keluarga)
    query = (
        select(Ruta.no_urut, Ruta.dusun, Ruta.rt, Ruta.rw, Ruta.alamat,
               func.coalesce(Art.nama, HouseholdIndex.nama_krt, ""), Art.nik,
               func.coalesce(family.no_kk, HouseholdIndex.no_kk), RecordProblem.code,
               RecordProblem.field, RecordProblem.severity, RecordProblem.params)
        .join(Ruta, Ruta.id == RecordProblem.ruta_id)
        .outerjoin(Art, Art.id == RecordProblem.art_id)
        .outerjoin(family, family.id == func.coalesce(RecordProblem.keluarga_id,
                                                      Art.keluarga_id))
        .outerjoin(HouseholdIndex, HouseholdIndex.ruta_id == RecordProblem.ruta_id)
        .order_by(Ruta.no_urut, Ruta.id, RecordProblem.id)
    )
    if code is not None:
        query = query.where(RecordProblem.code == code)
    language = "en" if _en(lang) else "id"

    def rows() -> Iterator[tuple[object, ...]]:
        for (no_urut, dusun, rt, rw, alamat, nama, nik, no_kk, pcode, field, severity,
             params) in _stream(session, query):
            level = _severity(severity, pcode)
            yield (no_urut, dusun, rt, rw, alamat, nama, nik, no_kk or None,
                   kind_title(pcode, language), field_label(field, language),
                   _SEVERITY_WORDS[level][1 if language == "en" else 0],
                   _masked(message_for(pcode, language, **decode_params(params))))

    title = "Data problems" if language == "en" else "Masalah data"
    return ExportTable(title, _columns(lang, _PROBLEM_COLUMNS), rows(), _count(session, query))


def _masked(text: str) -> str:
    """Messages never carry a full number; mask any long digit run all the same."""
    return _LONG_DIGITS.sub(lambda match: mask_nik(match.group()), text)


def _severity(stored: str, code: str) -> Severity:
    try:
        return Severity(stored)
    except ValueError:
        return severity_of(code)


# --- Usulan ----------------------------------------------------------------------------------

_USULAN_COLUMNS: Final = (
    ("jenis", "Jenis usulan", "Kind of proposal", TEXT, False),
    ("alasan", "Alasan", "Reason", TEXT, False),
    ("nama", "Nama", "Name", TEXT, False),
    ("nik", "NIK", "NIK", IDENT, True),
    ("no_kk", "No. KK", "Family card no.", IDENT, True),
    ("alamat", "Alamat ruta", "Household address", TEXT, False),
    ("status", "Status", "Status", TEXT, False),
    ("dibuat", "Dibuat", "Created", DATETIME, False),
    ("dibuat_oleh", "Dibuat oleh", "Created by", TEXT, False),
    ("sumber", "Sumber", "Source", TEXT, False),
    ("catatan", "Catatan", "Note", TEXT, False),
)
_USULAN_SOURCES: Final = {"nik_issue": ("Daftar NIK tidak valid", "Invalid-NIK list"),
                          "duplicate": ("Kemungkinan ganda", "Possible duplicates"),
                          "operator": ("Operator", "Operator")}


def _usulan_label(kind: type[UsulanKind] | type[UsulanStatus], code: str, lang: str) -> str:
    """The domain's label for a stored kind/status code (the code itself if unknown)."""
    try:
        return kind(code).label("en" if _en(lang) else "id")
    except ValueError:
        return code


def _word(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    words = table.get(key)
    return key if words is None else words[1 if _en(lang) else 0]


_DEACTIVATION_CODES: Final = frozenset(reason.value for reason in DeactivationReason)


def _reason(reason: str | None, lang: str) -> str:
    """A deactivation or dismissal reason in words (the stored code if it is neither)."""
    if not reason:
        return ""
    if reason in _DEACTIVATION_CODES:
        return reason_label(reason, "en" if _en(lang) else "id")
    try:
        return dismiss_label(reason, "en" if _en(lang) else "id")
    except ValueError:
        return reason


def usulan_table(session: Session, lang: str = "id") -> ExportTable:
    """Every proposal, oldest first, with the person (or household) it is about."""
    query = (
        select(Usulan.kind, Usulan.reason, func.coalesce(Art.nama, HouseholdIndex.nama_krt, ""),
               Art.nik, func.coalesce(Keluarga.no_kk, HouseholdIndex.no_kk), Ruta.alamat,
               Ruta.rt, Ruta.rw, Ruta.dusun, Usulan.status, Usulan.created_at,
               Usulan.created_by, Usulan.source, Usulan.note)
        .outerjoin(Art, (Usulan.entity == "art") & (Art.uuid == Usulan.entity_uuid))
        .outerjoin(Keluarga, Keluarga.id == Art.keluarga_id)
        .outerjoin(Ruta, Ruta.uuid == Usulan.ruta_uuid)
        .outerjoin(HouseholdIndex, HouseholdIndex.ruta_id == Ruta.id)
        .order_by(Usulan.created_at, Usulan.id)
    )

    def rows() -> Iterator[tuple[object, ...]]:
        for (kind, reason, nama, nik, no_kk, alamat, rt, rw, dusun, status, created,
             author, source, note) in _stream(session, query):
            yield (_usulan_label(UsulanKind, kind, lang), _reason(reason, lang), nama, nik,
                   no_kk or None, address(alamat, rt, rw, dusun),
                   _usulan_label(UsulanStatus, status, lang), local_time(created), author,
                   _word(_USULAN_SOURCES, source, lang), note)

    title = "Proposals" if _en(lang) else "Usulan"
    return ExportTable(title, _columns(lang, _USULAN_COLUMNS), rows(), _count(session, query))


# --- Perbaikan NIK ---------------------------------------------------------------------------

_NIK_ISSUE_COLUMNS: Final = (
    ("baris", "Baris di daftar dinas", "Row in the district list", INT, False),
    ("nik_dinas", "NIK dari dinas", "NIK reported", IDENT, True),
    ("nama_dinas", "Nama dari dinas", "Name reported", TEXT, False),
    ("tanggal_lahir_dinas", "Tanggal lahir dari dinas", "Birth date reported", DATE, False),
    ("idbdt_dinas", "IDBDT dari dinas", "IDBDT reported", IDENT, False),
    ("catatan_dinas", "Catatan dinas", "District note", TEXT, False),
    ("dicocokkan", "Dicocokkan lewat", "Matched by", TEXT, False),
    ("nama", "Nama di data desa", "Name in the village data", TEXT, False),
    ("nik", "NIK di data desa", "NIK in the village data", IDENT, True),
    ("no_kk", "No. KK", "Family card no.", IDENT, True),
    ("alamat", "Alamat ruta", "Household address", TEXT, False),
    ("status", "Status", "Status", TEXT, False),
    ("penyelesaian", "Penyelesaian", "Resolution", TEXT, False),
    ("diselesaikan", "Diselesaikan", "Resolved at", DATETIME, False),
    ("diselesaikan_oleh", "Diselesaikan oleh", "Resolved by", TEXT, False),
)


def nik_issue_table(session: Session, lang: str = "id") -> ExportTable:
    """The "Perbaikan NIK" list: each row of the district's list and what became of it."""
    query = (
        select(NikIssue.source_row, NikIssue.reported_nik, NikIssue.reported_name,
               NikIssue.reported_birth_date, NikIssue.reported_idbdt, NikIssue.district_note,
               NikIssue.matched_by, Art.nama, Art.nik, Keluarga.no_kk, Ruta.alamat, Ruta.rt,
               Ruta.rw, Ruta.dusun, NikIssue.status, NikIssue.resolution_reason,
               NikIssue.resolved_at, NikIssue.resolved_by)
        .outerjoin(Art, Art.id == NikIssue.art_id)
        .outerjoin(Keluarga, Keluarga.id == Art.keluarga_id)
        .outerjoin(Ruta, Ruta.id == Keluarga.ruta_id)
        .order_by(NikIssue.batch_id, NikIssue.source_row, NikIssue.id)
    )
    language = "en" if _en(lang) else "id"

    def rows() -> Iterator[tuple[object, ...]]:
        for (source_row, reported_nik, reported_name, birth, idbdt, note, matched_by, nama,
             nik, no_kk, alamat, rt, rw, dusun, status, reason, resolved_at,
             resolved_by) in _stream(session, query):
            yield (source_row, reported_nik or None, reported_name, birth, idbdt or None, note,
                   _label(matched_by_label, matched_by, language), nama, nik, no_kk,
                   address(alamat, rt, rw, dusun) if alamat is not None else None,
                   _label(status_label, status, language), _reason(reason, language),
                   local_time(resolved_at), resolved_by)

    title = "NIK corrections" if language == "en" else "Perbaikan NIK"
    return ExportTable(title, _columns(lang, _NIK_ISSUE_COLUMNS), rows(),
                       _count(session, query))


def _label(words: Any, key: str, lang: str) -> str:
    try:
        return str(words(key, lang))
    except ValueError:  # a value this version does not know: show it as stored
        return key
