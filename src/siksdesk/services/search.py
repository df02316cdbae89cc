"""The household list as a query: free-text search (FTS5 trigram), filters, sorting, paging.

Rows come back as ``HouseholdRow`` DTOs. Paging is by offset over a stable order (sort key, then
id): a village of 20,000 households pages in a few milliseconds, and the UI asks page by page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    String,
    and_,
    column,
    exists,
    func,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

from siksdesk.models import FTS_TABLE, HouseholdIndex, RecordProblem, Ruta
from siksdesk.services.households import HouseholdRow


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


@dataclass(frozen=True, slots=True)
class HouseholdQuery:
    text: str = ""
    dusun: str | None = None
    rt: str | None = None
    hasil_verivali: int | None = None
    only_problems: bool = False
    problem_code: str | None = None
    sort: SortKey = SortKey.NO_URUT
    descending: bool = False

    def with_text(self, value: str) -> HouseholdQuery:
        return replace(self, text=value)


@dataclass(frozen=True, slots=True)
class ListRow:
    household: HouseholdRow
    errors: int
    warnings: int


@dataclass(frozen=True, slots=True)
class FilterOptions:
    dusun: tuple[str, ...]
    rt: tuple[str, ...]


_FTS = table(FTS_TABLE, column("rowid", Integer), column("doc", String))
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


def _filtered(query: HouseholdQuery) -> Select[Any]:
    stmt = select(Ruta.id).join(HouseholdIndex, HouseholdIndex.ruta_id == Ruta.id)
    match, short_terms = fts_expression(query.text)
    if match:
        stmt = stmt.where(Ruta.id.in_(select(_FTS.c.rowid).where(_FTS.c.doc.match(match))))
    for term in short_terms:
        pattern = "%" + term.replace("\\", "").replace("%", "").replace("_", "") + "%"
        stmt = stmt.where(Ruta.id.in_(select(_FTS.c.rowid).where(_FTS.c.doc.like(pattern))))
    if query.dusun is not None:
        stmt = stmt.where(Ruta.dusun == query.dusun)
    if query.rt is not None:
        stmt = stmt.where(Ruta.rt == query.rt)
    if query.hasil_verivali is not None:
        stmt = stmt.where(Ruta.hasil_verivali == query.hasil_verivali)
    if query.only_problems:
        stmt = stmt.where(or_(HouseholdIndex.errors > 0, HouseholdIndex.warnings > 0))
    if query.problem_code is not None:
        stmt = stmt.where(exists().where(and_(RecordProblem.ruta_id == Ruta.id,
                                              RecordProblem.code == query.problem_code)))
    return stmt


def _order(query: HouseholdQuery) -> list[object]:
    columns = {
        SortKey.NO_URUT: [Ruta.no_urut],
        SortKey.NAMA_KRT: [func.lower(HouseholdIndex.nama_krt)],
        SortKey.NO_KK: [HouseholdIndex.no_kk],
        SortKey.ALAMAT: [func.lower(Ruta.alamat)],
        SortKey.RT_RW: [Ruta.rt, Ruta.rw],
        SortKey.DUSUN: [Ruta.dusun],
        SortKey.JUMLAH_ART: [HouseholdIndex.jumlah_art],
        SortKey.VERIVALI: [Ruta.hasil_verivali],
        SortKey.PROBLEMS: [HouseholdIndex.errors, HouseholdIndex.warnings],
    }[query.sort]
    ordered = [c.desc() if query.descending else c.asc() for c in columns]  # type: ignore[attr-defined]
    return [*ordered, Ruta.id.desc() if query.descending else Ruta.id.asc()]


def count_matching(session: Session, query: HouseholdQuery) -> int:
    return session.scalar(select(func.count()).select_from(_filtered(query).subquery())) or 0


def list_page(session: Session, query: HouseholdQuery, *, offset: int = 0,
              limit: int = 200) -> list[ListRow]:
    ids = _filtered(query).with_only_columns(Ruta.id).order_by(*_order(query))  # type: ignore[arg-type]
    ids = ids.offset(offset).limit(limit)
    stmt = (
        select(Ruta.id, Ruta.uuid, Ruta.no_urut, HouseholdIndex.nama_krt, HouseholdIndex.no_kk,
               Ruta.alamat, Ruta.rt, Ruta.rw, Ruta.dusun, HouseholdIndex.jumlah_art,
               Ruta.hasil_verivali, HouseholdIndex.errors, HouseholdIndex.warnings)
        .join(HouseholdIndex, HouseholdIndex.ruta_id == Ruta.id)
        .where(Ruta.id.in_(ids.scalar_subquery()))
        .order_by(*_order(query))  # type: ignore[arg-type]
    )
    return [
        ListRow(HouseholdRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]),
                r[11], r[12])
        for r in session.execute(stmt)
    ]


def filter_options(session: Session) -> FilterOptions:
    dusun = tuple(session.scalars(select(Ruta.dusun).distinct().where(Ruta.dusun != "")
                                  .order_by(Ruta.dusun)))
    rt = tuple(session.scalars(select(Ruta.rt).distinct().where(Ruta.rt != "").order_by(Ruta.rt)))
    return FilterOptions(dusun, rt)
