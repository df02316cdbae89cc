"""The household list as a query: free-text search (FTS5 trigram), filters, sorting, paging,
and the village summary above it.

This is the first screen's read path, so it is plain SQL with bound parameters on a sqlite3
connection (``siksdesk.db.reader.Reader``) and imports nothing heavier than the standard
library: the window shows before SQLAlchemy is imported. Building the same queries with
SQLAlchemy's expression language cost 3–4 ms per keystroke against ≈1 ms of SQLite work.
Paging is by offset over a stable order (sort key, then id): a village of 20,000 households
pages in a few milliseconds, and the UI asks page by page.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from enum import StrEnum

# Table names of siksdesk.models (a test keeps them equal; importing the models here would
# import SQLAlchemy).
HOUSEHOLD_INDEX_TABLE = "household_index"
RECORD_PROBLEM_TABLE = "record_problem"
FTS_TABLE = "ruta_fts"
USULAN_TABLE = "usulan"
PROGRAMME_TABLE = "programme"
BENEFICIARY_TABLE = "programme_beneficiary"
# Statuses of an open (still pending) usulan: draft and ready (siap MusDes).
# domain.musdes.OPEN_STATUSES as stored (a test keeps them equal; importing the domain module
# here would add ≈35 ms to start-up for two words).
PENDING_USULAN_STATUSES: tuple[str, ...] = ("draft", "ready")


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    id: int
    uuid: str
    no_urut: int | None
    nama_krt: str
    no_kk: str
    alamat: str
    rt: str
    rw: str
    dusun: str
    jumlah_art: int
    hasil_verivali: int | None


@dataclass(frozen=True, slots=True)
class VillageSummary:
    kode_desa: str
    nama_desa: str
    nama_kecamatan: str
    nama_kabupaten: str
    nama_provinsi: str
    is_demo: bool
    households: int
    people: int


class SortKey(StrEnum):
    NO_URUT = "no_urut"
    NAMA_KRT = "nama_krt"
    NO_KK = "no_kk"
    ALAMAT = "alamat"
    RT_RW = "rt_rw"
    DUSUN = "dusun"
    JUMLAH_ART = "jumlah_art"
    VERIVALI = "hasil_verivali"
    PROBLEMS = "problems"


# ``HouseholdQuery.hasil_verivali`` value for households without a verivali result yet (the
# result codes are 1–5).
NOT_VERIFIED = 0


@dataclass(frozen=True, slots=True)
class ProblemFilter:
    """Households with at least one stored problem matching every given part: one of ``codes``
    (empty: any code), on ``field``, of ``severity`` ("error" | "warning")."""

    codes: tuple[str, ...] = ()
    field: str | None = None
    severity: str | None = None


@dataclass(frozen=True, slots=True)
class HouseholdQuery:
    text: str = ""
    dusun: str | None = None
    rt: str | None = None
    hasil_verivali: int | None = None
    only_problems: bool = False
    problem_code: str | None = None
    only_pending_usulan: bool = False  # households with an open (draft/ready) usulan
    problem: ProblemFilter | None = None
    programme: str | None = None  # beneficiaries of this programme (its code)
    usulan_status: str | None = None  # households with a proposal in this status
    sort: SortKey = SortKey.NO_URUT
    descending: bool = False


@dataclass(frozen=True, slots=True)
class ListRow:
    household: HouseholdRow
    errors: int
    warnings: int


@dataclass(frozen=True, slots=True)
class FilterOptions:
    dusun: tuple[str, ...]
    rt: tuple[str, ...]


def village_summary(conn: sqlite3.Connection) -> VillageSummary | None:
    profile = conn.execute(
        "SELECT kode_desa, nama_desa, nama_kecamatan, nama_kabupaten, nama_provinsi, is_demo "
        "FROM village_profile WHERE id = 1").fetchone()
    if profile is None:
        return None
    households = conn.execute("SELECT count(*) FROM ruta").fetchone()[0]
    people = conn.execute("SELECT count(*) FROM art").fetchone()[0]
    kode, desa, kecamatan, kabupaten, provinsi, is_demo = profile
    return VillageSummary(kode, desa, kecamatan, kabupaten, provinsi, bool(is_demo),
                          int(households), int(people))


_TERM = re.compile(r"[^\s\"']+")


def fts_expression(text_value: str) -> tuple[str | None, list[str]]:
    """Split the search box into an FTS5 MATCH expression (terms of ≥3 characters, ANDed, each a
    quoted substring) and short terms that need a LIKE (trigrams cannot match 1–2 characters)."""
    long_terms: list[str] = []
    short_terms: list[str] = []
    for term in _TERM.findall(text_value.replace(".", "").casefold()):
        (long_terms if len(term) >= 3 else short_terms).append(term)
    match = " AND ".join(f'"{t}"' for t in long_terms) or None
    return match, short_terms


_FROM = f"FROM ruta r JOIN {HOUSEHOLD_INDEX_TABLE} h ON h.ruta_id = r.id"
_COLUMNS = ("r.id, r.uuid, r.no_urut, h.nama_krt, h.no_kk, r.alamat, r.rt, r.rw, r.dusun, "
            "h.jumlah_art, r.hasil_verivali, h.errors, h.warnings")
_ORDER: dict[SortKey, tuple[str, ...]] = {
    SortKey.NO_URUT: ("r.no_urut",),
    SortKey.NAMA_KRT: ("lower(h.nama_krt)",),
    SortKey.NO_KK: ("h.no_kk",),
    SortKey.ALAMAT: ("lower(r.alamat)",),
    SortKey.RT_RW: ("r.rt", "r.rw"),
    SortKey.DUSUN: ("r.dusun",),
    SortKey.JUMLAH_ART: ("h.jumlah_art",),
    SortKey.VERIVALI: ("r.hasil_verivali",),
    SortKey.PROBLEMS: ("h.errors", "h.warnings"),
}


def _where(query: HouseholdQuery) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    match, short_terms = fts_expression(query.text)
    if match:
        clauses.append(f"r.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)")
        params.append(match)
    for term in short_terms:
        clauses.append(f"r.id IN (SELECT rowid FROM {FTS_TABLE} WHERE doc LIKE ?)")
        params.append("%" + term.replace("%", "").replace("_", "") + "%")
    verivali = None if query.hasil_verivali == NOT_VERIFIED else query.hasil_verivali
    if query.hasil_verivali == NOT_VERIFIED:
        clauses.append("r.hasil_verivali IS NULL")
    for column, value in (("r.dusun", query.dusun), ("r.rt", query.rt),
                          ("r.hasil_verivali", verivali)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if query.only_problems:
        clauses.append("(h.errors > 0 OR h.warnings > 0)")
    if query.problem_code is not None:
        clauses.append(f"EXISTS (SELECT 1 FROM {RECORD_PROBLEM_TABLE} p "
                       "WHERE p.ruta_id = r.id AND p.code = ?)")
        params.append(query.problem_code)
    if query.only_pending_usulan:
        marks = ", ".join("?" for _ in PENDING_USULAN_STATUSES)
        clauses.append(f"EXISTS (SELECT 1 FROM {USULAN_TABLE} u "
                       f"WHERE u.ruta_uuid = r.uuid AND u.status IN ({marks}))")
        params.extend(PENDING_USULAN_STATUSES)
    _more_clauses(query, clauses, params)
    return " AND ".join(clauses) or "1", params


def _more_clauses(query: HouseholdQuery, clauses: list[str], params: list[object]) -> None:
    """The filters the dashboard opens the list with (no widget of their own in the bar)."""
    if query.problem is not None:
        predicate, values = problem_predicate(query.problem)
        clauses.append(f"EXISTS (SELECT 1 FROM {RECORD_PROBLEM_TABLE} p "
                       f"WHERE p.ruta_id = r.id AND {predicate})")
        params.extend(values)
    if query.programme is not None:
        clauses.append(f"EXISTS (SELECT 1 FROM {BENEFICIARY_TABLE} b JOIN {PROGRAMME_TABLE} g "
                       "ON g.id = b.programme_id WHERE b.ruta_uuid = r.uuid AND g.code = ?)")
        params.append(query.programme)
    if query.usulan_status is not None:
        clauses.append(f"EXISTS (SELECT 1 FROM {USULAN_TABLE} u "
                       "WHERE u.ruta_uuid = r.uuid AND u.status = ?)")
        params.append(query.usulan_status)


def problem_predicate(problem: ProblemFilter, alias: str = "p") -> tuple[str, list[object]]:
    """SQL over ``record_problem`` rows (table alias ``alias``) for ``problem``: shared by the
    list filter and the dashboard's counts, so a count and the list it opens always agree."""
    clauses: list[str] = []
    params: list[object] = []
    if problem.codes:
        clauses.append(f"{alias}.code IN ({', '.join('?' for _ in problem.codes)})")
        params.extend(problem.codes)
    for column, value in (("field", problem.field), ("severity", problem.severity)):
        if value is not None:
            clauses.append(f"{alias}.{column} = ?")
            params.append(value)
    return " AND ".join(clauses) or "1", params


def _order_by(query: HouseholdQuery) -> str:
    direction = " DESC" if query.descending else ""
    return ", ".join(f"{column}{direction}" for column in (*_ORDER[query.sort], "r.id"))


def count_matching(conn: sqlite3.Connection, query: HouseholdQuery) -> int:
    where, params = _where(query)
    row = conn.execute(f"SELECT count(*) {_FROM} WHERE {where}", params).fetchone()
    return int(row[0] or 0)


def list_page(conn: sqlite3.Connection, query: HouseholdQuery, *, offset: int = 0,
              limit: int = 200) -> list[ListRow]:
    where, params = _where(query)
    result = conn.execute(
        f"SELECT {_COLUMNS} {_FROM} WHERE {where} ORDER BY {_order_by(query)} LIMIT ? OFFSET ?",
        (*params, limit, offset))
    return [
        ListRow(HouseholdRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]),
                r[11], r[12])
        for r in result
    ]


def filter_options(conn: sqlite3.Connection) -> FilterOptions:
    dusun = tuple(r[0] for r in conn.execute(
        "SELECT DISTINCT dusun FROM ruta WHERE dusun != '' ORDER BY dusun"))
    rt = tuple(r[0] for r in conn.execute(
        "SELECT DISTINCT rt FROM ruta WHERE rt != '' ORDER BY rt"))
    return FilterOptions(dusun, rt)
