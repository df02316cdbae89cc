"""The village at a glance (the "Rekap" dashboard and the rekap reports): households and people
by dusun/RT, verivali progress, data-quality counts with their change since the last import,
programme coverage against quota, proposals by status, and the last bundle sent / receipt.

Plain SQL on a stdlib sqlite3 connection (``db.reader.Reader.snapshot()``), like the household
list: the dashboard is the first page and must not wait for SQLAlchemy. Every count that the
dashboard lets the operator click is computed with the same predicate as the list filter it
opens (``services.household_list``), so the number on the bar is the number of rows listed.

The change since the last import needs the counts as they were right after that import; the
schema keeps no such snapshot, so ``with_baseline`` remembers them in a small JSON file in the
data folder (counts only, no personal data) the first time it sees a new import batch.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from siksdesk.services.household_list import (
    HOUSEHOLD_INDEX_TABLE,
    NOT_VERIFIED,
    PENDING_USULAN_STATUSES,
    HouseholdQuery,
    ProblemFilter,
    VillageSummary,
    count_matching,
    problem_predicate,
    village_summary,
)

BASELINE_FILE: Final = "rekap-baseline.json"

# Data-quality figures: key → the problems it counts (the list filter uses the same predicate).
QUALITY: Final[dict[str, ProblemFilter]] = {
    "nik_invalid": ProblemFilter(field="nik", severity="error"),
    "errors": ProblemFilter(severity="error"),
    "warnings": ProblemFilter(severity="warning"),
    "nik_duplicate": ProblemFilter(codes=("NIK_DUPLICATE",)),
    "missing": ProblemFilter(codes=("FIELD_MISSING", "ART_NO_NIK", "KK_MISSING")),
}
# Proposal statuses in the order of the status machine (domain.musdes.UsulanStatus values;
# a test keeps them equal — importing the domain module here would slow the first screen).
USULAN_STATUSES: Final = ("draft", "ready", "approved", "rejected", "deferred", "withdrawn",
                          "sent", "accepted_by_dinas", "rejected_by_dinas")


@dataclass(frozen=True, slots=True)
class AreaCount:
    """One dusun (``rt`` None: the dusun's total) or one RT inside a dusun."""

    dusun: str
    rt: str | None
    households: int
    people: int


@dataclass(frozen=True, slots=True)
class VerivaliCount:
    code: int  # 1–5, or NOT_VERIFIED (0) for households without a result yet
    households: int


@dataclass(frozen=True, slots=True)
class QualityCount:
    key: str  # a QUALITY key
    problems: int
    households: int
    people: int
    baseline: int | None = None  # households right after the last import (None: not known)

    @property
    def change(self) -> int | None:
        return None if self.baseline is None else self.households - self.baseline


@dataclass(frozen=True, slots=True)
class ProgrammeCoverage:
    code: str
    name: str
    quota: int
    beneficiaries: int  # listed beneficiaries that are households of this registry
    listed: int  # every listed beneficiary (some may not be in the registry)


@dataclass(frozen=True, slots=True)
class UsulanCount:
    status: str
    proposals: int
    households: int  # registry households with a proposal in this status


@dataclass(frozen=True, slots=True)
class LastImport:
    batch_id: int
    kind: str
    at: str  # ISO date and time as stored
    edited_since: int  # households edited by the operator since then


@dataclass(frozen=True, slots=True)
class SyncFacts:
    """The outbox and receipts (sync tables); ``available`` False before they exist."""

    available: bool
    last_sent_at: str | None = None
    last_sent_sequence: int | None = None
    pending_bundles: int = 0
    last_receipt_at: str | None = None
    last_receipt_status: str | None = None
    last_receipt_sequence: int | None = None


@dataclass(frozen=True, slots=True)
class Rekap:
    village: VillageSummary | None
    dusun: tuple[AreaCount, ...]
    rt: tuple[AreaCount, ...]
    verivali: tuple[VerivaliCount, ...]
    quality: tuple[QualityCount, ...]
    programmes: tuple[ProgrammeCoverage, ...]
    usulan: tuple[UsulanCount, ...]
    last_import: LastImport | None
    sync: SyncFacts
    problem_households: int = 0  # with any data problem (the list's "Data problems only")
    pending_households: int = 0  # with an open usulan (the list's "Open proposals only")

    @property
    def households(self) -> int:
        return sum(area.households for area in self.dusun)

    @property
    def people(self) -> int:
        return sum(area.people for area in self.dusun)

    @property
    def verified(self) -> int:
        """Households with a verivali result (any code)."""
        return sum(v.households for v in self.verivali if v.code != NOT_VERIFIED)

    def quality_of(self, key: str) -> QualityCount:
        return next(q for q in self.quality if q.key == key)


def read_rekap(conn: sqlite3.Connection) -> Rekap:
    """Every figure of the dashboard, read in the caller's snapshot."""
    dusun, rt = area_counts(conn)
    return Rekap(village=village_summary(conn), dusun=dusun, rt=rt,
                 verivali=verivali_counts(conn), quality=quality_counts(conn),
                 programmes=programme_coverage(conn), usulan=usulan_counts(conn),
                 last_import=last_import(conn), sync=sync_facts(conn),
                 problem_households=count_matching(conn, HouseholdQuery(only_problems=True)),
                 pending_households=pending_households(conn))


def pending_households(conn: sqlite3.Connection) -> int:
    """Households the list's "Open proposals only" shows (counted from the proposals: walking
    every household through the list's EXISTS costs ≈30 ms more)."""
    marks = ", ".join("?" for _ in PENDING_USULAN_STATUSES)
    return int(conn.execute(f"SELECT count(DISTINCT r.id) FROM usulan u JOIN ruta r "
                            f"ON r.uuid = u.ruta_uuid WHERE u.status IN ({marks})",
                            PENDING_USULAN_STATUSES).fetchone()[0])


def area_counts(conn: sqlite3.Connection) -> tuple[tuple[AreaCount, ...], tuple[AreaCount, ...]]:
    """(per dusun, per RT within its dusun), each ordered by name. People are every member
    stored (as the village summary counts them), read from the household index that every
    write keeps current (joining 50,000 members costs ≈100 ms more)."""
    rows = conn.execute(
        "SELECT r.dusun, r.rt, count(*), coalesce(sum(h.jumlah_art), 0) FROM ruta r "
        f"LEFT JOIN {HOUSEHOLD_INDEX_TABLE} h ON h.ruta_id = r.id "
        "GROUP BY r.dusun, r.rt ORDER BY r.dusun, r.rt").fetchall()
    rts = tuple(AreaCount(str(d), str(t), int(h), int(p)) for d, t, h, p in rows)
    totals: dict[str, list[int]] = {}
    for area in rts:
        entry = totals.setdefault(area.dusun, [0, 0])
        entry[0] += area.households
        entry[1] += area.people
    dusun = tuple(AreaCount(name, None, h, p) for name, (h, p) in totals.items())
    return dusun, rts


def verivali_counts(conn: sqlite3.Connection) -> tuple[VerivaliCount, ...]:
    """Households per verivali result; "not yet verified" first."""
    rows = conn.execute("SELECT coalesce(hasil_verivali, ?), count(*) FROM ruta "
                        "GROUP BY 1 ORDER BY 1", (NOT_VERIFIED,)).fetchall()
    return tuple(VerivaliCount(int(code), int(n)) for code, n in rows)


def quality_counts(conn: sqlite3.Connection) -> tuple[QualityCount, ...]:
    counts = []
    for key, problem in QUALITY.items():
        predicate, params = problem_predicate(problem)
        row = conn.execute(
            "SELECT count(*), count(DISTINCT p.ruta_id), count(DISTINCT p.art_id) "
            f"FROM record_problem p WHERE {predicate}",
            params).fetchone()
        counts.append(QualityCount(key, int(row[0]), int(row[1]), int(row[2])))
    return tuple(counts)


def programme_coverage(conn: sqlite3.Connection) -> tuple[ProgrammeCoverage, ...]:
    rows = conn.execute(
        "SELECT g.code, g.name, g.quota, count(r.id), count(b.id) FROM programme g "
        "LEFT JOIN programme_beneficiary b ON b.programme_id = g.id "
        "LEFT JOIN ruta r ON r.uuid = b.ruta_uuid GROUP BY g.id ORDER BY g.code").fetchall()
    return tuple(ProgrammeCoverage(str(c), str(n or ""), int(q or 0), int(h), int(listed))
                 for c, n, q, h, listed in rows)


def usulan_counts(conn: sqlite3.Connection) -> tuple[UsulanCount, ...]:
    """Proposals per status (statuses without any left out), in the status machine's order."""
    rows = conn.execute(
        "SELECT u.status, count(*), count(DISTINCT r.id) FROM usulan u "
        "LEFT JOIN ruta r ON r.uuid = u.ruta_uuid GROUP BY u.status").fetchall()
    order = {status: n for n, status in enumerate(USULAN_STATUSES)}
    counts = [UsulanCount(str(s), int(n), int(h)) for s, n, h in rows]
    counts.sort(key=lambda c: (order.get(c.status, len(order)), c.status))
    return tuple(counts)


def last_import(conn: sqlite3.Connection) -> LastImport | None:
    row = conn.execute("SELECT id, kind, at FROM import_batch ORDER BY id DESC LIMIT 1"
                       ).fetchone()
    if row is None:
        return None
    edited = conn.execute("SELECT count(DISTINCT ruta_uuid) FROM change_log "
                          "WHERE origin = 'edit' AND at > ?", (row[2],)).fetchone()[0]
    return LastImport(int(row[0]), str(row[1]), str(row[2]), int(edited or 0))


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def sync_facts(conn: sqlite3.Connection) -> SyncFacts:
    """The last bundle written or uploaded, the bundles still waiting for a receipt, and the
    last receipt. Read only when the sync tables (migration 0005) exist."""
    if not (table_exists(conn, "sync_bundle") and table_exists(conn, "sync_receipt")):
        return SyncFacts(available=False)
    sent = conn.execute(
        "SELECT max(coalesce(uploaded_at, ''), coalesce(written_at, '')), sequence "
        "FROM sync_bundle WHERE uploaded_at IS NOT NULL OR written_at IS NOT NULL "
        "ORDER BY sequence DESC LIMIT 1").fetchone()
    pending = conn.execute("SELECT count(*) FROM sync_bundle WHERE state IN ('pending', 'held')"
                           ).fetchone()[0]
    receipt = conn.execute("SELECT imported_at, status, bundle_sequence FROM sync_receipt "
                           "ORDER BY imported_at DESC, id DESC LIMIT 1").fetchone()
    return SyncFacts(
        available=True,
        last_sent_at=None if sent is None else str(sent[0]),
        last_sent_sequence=None if sent is None else int(sent[1]),
        pending_bundles=int(pending or 0),
        last_receipt_at=None if receipt is None else str(receipt[0]),
        last_receipt_status=None if receipt is None else str(receipt[1]),
        last_receipt_sequence=None if receipt is None else int(receipt[2]))


# --- change since the last import --------------------------------------------------------------


def with_baseline(rekap: Rekap, path: Path | None) -> Rekap:
    """``rekap`` with each quality count's baseline: the households counted the first time a
    rekap was read after the last import (remembered in ``path``; a new import batch replaces
    it). Without an import, or without a file to remember in, the change is unknown."""
    if rekap.last_import is None or path is None:
        return rekap
    stored = _load_baseline(path)
    batch = rekap.last_import.batch_id
    if stored is None or stored.get("import_batch") != batch:
        counts = {q.key: q.households for q in rekap.quality}
        _save_baseline(path, {"import_batch": batch, "households": counts})
    else:
        raw = stored.get("households")
        counts = {str(k): int(v) for k, v in raw.items()
                  if isinstance(v, int)} if isinstance(raw, dict) else {}
    return replace(rekap, quality=tuple(replace(q, baseline=counts.get(q.key))
                                        for q in rekap.quality))


def _load_baseline(path: Path) -> dict[str, object] | None:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing or damaged: start again from the current counts
    return loaded if isinstance(loaded, dict) else None


def _save_baseline(path: Path, data: dict[str, object]) -> None:
    """Atomically (temp file, rename); a read-only folder only loses the trend."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".rekap-", suffix=".part", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(name, path)
    except OSError:
        Path(name).unlink(missing_ok=True)
