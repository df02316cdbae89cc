"""The district's invalid-NIK list: dry run, import, and the "Perbaikan NIK" worklist.

``preview_invalid_nik_file`` and ``apply_invalid_nik_import`` share one planner (``_plan``), and
the import plans again inside its write transaction, so what was previewed is what is written
(unless the database changed in between, in which case the newer state wins). A row already on
the worklist for the same person and reported NIK (any status) is not listed again: importing
the same list twice changes nothing but the batch history.

The resolution actions (fix the NIK, propose deactivation, close) live in
``services.nik_issue_actions`` and are re-exported here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.domain.import_problems import ImportRejected
from siksdesk.domain.nik import mask_nik
from siksdesk.domain.nik_issues import (
    IssueStatus,
    MatchedBy,
    PersonIndex,
    PersonKeys,
    normalise_name,
)
from siksdesk.io.invalid_nik_read import read_invalid_nik_list
from siksdesk.io.invalid_nik_rows import (
    CellNote,
    ImportCancelled,
    ListRow,
    NikList,
    NikListRejected,
)
from siksdesk.models import Art, ImportBatch, Keluarga, NikIssue, Ruta
from siksdesk.services.backups import backup_before_import
from siksdesk.services.nik_issue_actions import (
    FixResult,
    NikIssueError,
    close_fixed_issues,
    close_fixed_issues_after_save,
    dismiss_issue,
    fix_nik,
    propose_deactivation,
)

__all__ = [
    "BATCH_KIND", "REJECTIONS", "FixResult", "ImportCancelled", "ImportRejected",
    "NikIssueError", "NikIssueRow", "NikListImportResult", "NikListPreview", "NikListRejected",
    "RowOutcome", "apply_invalid_nik_import", "close_fixed_issues",
    "close_fixed_issues_after_save", "dismiss_issue", "fix_nik", "nik_issue_counts",
    "nik_issue_rows", "preview_invalid_nik_file", "propose_deactivation", "store_nik_list",
]  # fmt: skip

BATCH_KIND: Final = "invalid_nik"
# Every refusal of a file as a whole: nothing was written; ``message(lang)`` says why.
REJECTIONS: Final = (ImportRejected, NikListRejected)
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# Row statuses of a preview. Rows of the first three become nik_issue rows.
MATCHED, AMBIGUOUS, UNMATCHED = "matched", "ambiguous", "unmatched"
EXISTING, REJECTED = "existing", "rejected"
ROW_STATUSES: Final = (MATCHED, AMBIGUOUS, UNMATCHED, EXISTING, REJECTED)
_STORED: Final = frozenset({MATCHED, AMBIGUOUS, UNMATCHED})


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What the import does with one row of the list."""

    source_row: int
    status: str  # one of ROW_STATUSES
    matched_by: str  # MatchedBy value
    art_id: int | None
    ruta_id: int | None
    ruta_no_urut: int | None
    candidates: tuple[int, ...]  # art ids, when ambiguous
    nik_masked: str  # the reported NIK, masked
    village_name: str = field(repr=False)  # the matched person's (candidates') name(s)
    reported_name: str = field(repr=False)
    notes: tuple[CellNote, ...] = ()

    def message(self, lang: str = "id") -> str:
        return " ".join(note.message(lang) for note in self.notes)


@dataclass(frozen=True, slots=True)
class NikListPreview:
    file_name: str
    sheet: str
    header_row: int
    sha256: str
    rows: tuple[RowOutcome, ...]
    counts: dict[str, int]  # per row status (every status present, zeros included)
    by_key: dict[str, int]  # matched rows per MatchedBy value

    @property
    def to_store(self) -> int:
        return sum(self.counts[s] for s in _STORED)


@dataclass(frozen=True, slots=True)
class NikListImportResult:
    batch_id: int
    preview: NikListPreview  # as planned inside the write transaction


# --- reading + planning -------------------------------------------------------------------------

def preview_invalid_nik_file(session: Session, path: Path, *, cancelled: Cancelled | None = None,
                             progress: Progress | None = None) -> NikListPreview:
    """Dry run: read the file and match every row; nothing is written.
    Raises ``ImportRejected`` (domain.import_problems) for an unusable file."""
    nik_list = read_invalid_nik_list(path, cancelled=cancelled)
    return _plan(session, nik_list, cancelled, progress)


def apply_invalid_nik_import(factory: sessionmaker[Session], path: Path, *, author: str,
                             expected_sha256: str | None = None,
                             cancelled: Cancelled | None = None,
                             progress: Progress | None = None) -> NikListImportResult:
    """Import in ONE transaction: an ``import_batch`` row and a ``nik_issue`` row per new list
    row. ``expected_sha256`` (from the preview) refuses a file changed since its preview
    (NikListRejected). Raises ImportRejected for an unusable file, ImportCancelled when
    ``cancelled()`` turned true (rolled back: nothing written)."""
    nik_list = read_invalid_nik_list(path, cancelled=cancelled)
    if expected_sha256 is not None and nik_list.sha256 != expected_sha256:
        raise NikListRejected("LIST_CHANGED", file=nik_list.file_name)
    backup_before_import(factory, "invalid-nik")  # a verified copy before anything is written
    with unit_of_work(factory, author, origin="import") as session:
        return store_nik_list(session, nik_list, author=author, cancelled=cancelled,
                              progress=progress)


def store_nik_list(session: Session, nik_list: NikList, *, author: str,
                   profile: str = "invalid-nik", cancelled: Cancelled | None = None,
                   progress: Progress | None = None) -> NikListImportResult:
    """Put the rows of ``nik_list`` on the worklist inside the caller's transaction: an
    ``import_batch`` row and a ``nik_issue`` row per row not listed yet (the file import and
    the district's sync updates and receipts share this)."""
    preview = _plan(session, nik_list, cancelled, progress)
    batch = ImportBatch(kind=BATCH_KIND, file_name=nik_list.file_name[:255],
                        file_sha256=nik_list.sha256, sheet=nik_list.sheet[:100],
                        profile=profile, author=author, counts=dict(preview.counts))
    session.add(batch)
    session.flush()
    rows = [_issue_row(batch.id, row, outcome)
            for row, outcome in zip(nik_list.rows, preview.rows, strict=True)
            if outcome.status in _STORED]
    if rows:
        session.execute(insert(NikIssue), rows)
    if cancelled is not None and cancelled():
        raise ImportCancelled()
    return NikListImportResult(batch.id, preview)


def _issue_row(batch_id: int, row: ListRow, outcome: RowOutcome) -> dict[str, Any]:
    return {
        "batch_id": batch_id, "source_row": row.source_row, "art_id": outcome.art_id,
        "matched_by": outcome.matched_by, "reported_nik": row.reported_nik[:40],
        "reported_name": row.reported_name[:120], "reported_birth_date": row.reported_birth_date,
        "reported_idbdt": row.reported_idbdt[:40], "district_note": row.note[:200],
        "status": IssueStatus.OPEN.value,
    }


# Bound parameters of the candidate query; SQLite allows 32,766. A longer list loads everyone.
_MAX_PARAMETERS: Final = 20_000


def _people(session: Session, nik_list: NikList
            ) -> tuple[PersonIndex, dict[int, tuple[int, int | None]]]:
    """The matching index, and art id -> (ruta id, ruta no. urut).

    Only the candidates are loaded: people sharing a NIK, an ID, a household ID or a birth date
    with some row. Every person a key could find is among them, so the matches (ambiguity
    included) are those over the whole village, at a fraction of the cost (2,000 rows against
    50,000 people: a few thousand candidates)."""
    keys = [row.keys for row in nik_list.rows]
    niks = {k.nik for k in keys if k.nik}
    idarts = {k.idartbdt.strip() for k in keys if k.idartbdt}
    idbdts = {k.idbdt.strip() for k in keys if k.idbdt}
    births = {k.birth_date for k in keys if k.birth_date is not None}
    stmt = (select(Art.id, Keluarga.ruta_id, Art.nik, Art.idartbdt, Ruta.idbdt, Art.nama,
                   Art.tanggal_lahir, Ruta.no_urut)
            .join(Keluarga, Art.keluarga_id == Keluarga.id)
            .join(Ruta, Keluarga.ruta_id == Ruta.id))
    if len(niks) + len(idarts) + len(idbdts) + len(births) <= _MAX_PARAMETERS:
        stmt = stmt.where(or_(Art.nik.in_(sorted(niks)),
                              func.trim(Art.idartbdt).in_(sorted(idarts)),
                              func.trim(Ruta.idbdt).in_(sorted(idbdts)),
                              Art.tanggal_lahir.in_(sorted(births))))
    index = PersonIndex()
    where: dict[int, tuple[int, int | None]] = {}
    for art_id, ruta_id, nik, idartbdt, idbdt, nama, birth, no_urut in session.execute(stmt):
        index.add(PersonKeys(art_id, ruta_id, nik, idartbdt, idbdt, nama, birth))
        where[art_id] = (ruta_id, no_urut)
    return index, where


_IssueKey = tuple[object, ...]


def _row_key(art_id: int | None, nik: str, name: str, birth: date | None,
             idbdt: str) -> _IssueKey:
    """Identity of a list row on the worklist: the person and the reported NIK; for a row not
    linked to one person, everything the district reported about them."""
    if art_id is not None:
        return ("art", art_id, nik)
    return ("row", nik, normalise_name(name), birth, idbdt.strip())


def _known_issues(session: Session) -> set[_IssueKey]:
    rows = session.execute(select(NikIssue.art_id, NikIssue.reported_nik, NikIssue.reported_name,
                                  NikIssue.reported_birth_date, NikIssue.reported_idbdt))
    return {_row_key(*row) for row in rows}


def _plan(session: Session, nik_list: NikList, cancelled: Cancelled | None,
          progress: Progress | None) -> NikListPreview:
    index, where = _people(session, nik_list)
    known = _known_issues(session)
    total = len(nik_list.rows)
    outcomes: list[RowOutcome] = []
    for done, row in enumerate(nik_list.rows):
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        outcome = _outcome(row, index, where, known)
        if outcome.status in _STORED:
            known.add(_row_key(outcome.art_id, row.reported_nik, row.reported_name,
                               row.reported_birth_date, row.reported_idbdt))
        outcomes.append(outcome)
        if progress is not None and done % 200 == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    counts = Counter(o.status for o in outcomes)
    by_key = Counter(o.matched_by for o in outcomes if o.status == MATCHED)
    return NikListPreview(
        file_name=nik_list.file_name, sheet=nik_list.sheet, header_row=nik_list.header_row,
        sha256=nik_list.sha256, rows=tuple(outcomes),
        counts={status: counts.get(status, 0) for status in ROW_STATUSES},
        by_key=dict(by_key))


def _outcome(row: ListRow, index: PersonIndex, where: dict[int, tuple[int, int | None]],
             known: set[_IssueKey]) -> RowOutcome:
    notes = list(row.notes)
    if row.rejected or not row.keys.usable:
        if not row.rejected:
            notes.append(CellNote.of("ROW_NO_KEYS", rejects_row=True))
        return _make(row, REJECTED, MatchedBy.NONE, None, (), notes, index, where)
    match = index.match(row.keys)
    art_id = match.art_id
    if match.matched_by is MatchedBy.AMBIGUOUS:
        notes.append(CellNote.of("ROW_AMBIGUOUS", count=len(match.art_ids),
                                 matched_by=match.key or MatchedBy.AMBIGUOUS))
        status = AMBIGUOUS
    elif art_id is None:
        notes.append(CellNote.of("ROW_UNMATCHED"))
        status = UNMATCHED
    else:
        status = MATCHED
        if match.name_differs:
            notes.append(CellNote.of("ROW_NAME_DIFFERS"))
        village_nik, reported = index.people[art_id].nik, row.reported_nik
        if village_nik and len(reported) == 16 and reported.isdigit() and village_nik != reported:
            notes.append(CellNote.of("ROW_NIK_DIFFERS", village_nik=mask_nik(village_nik)))
    issue_key = _row_key(art_id, row.reported_nik, row.reported_name, row.reported_birth_date,
                         row.reported_idbdt)
    if issue_key in known:
        notes.append(CellNote.of("ROW_ALREADY_LISTED"))
        status = EXISTING
    return _make(row, status, match.matched_by, art_id, match.art_ids if status == AMBIGUOUS
                 else (), notes, index, where)


def _make(row: ListRow, status: str, matched_by: MatchedBy, art_id: int | None,
          candidates: tuple[int, ...], notes: Iterable[CellNote], index: PersonIndex,
          where: dict[int, tuple[int, int | None]]) -> RowOutcome:
    ruta_id, no_urut = where.get(art_id, (None, None)) if art_id is not None else (None, None)
    # an ambiguous row names its candidates, so the operator can tell them apart
    shown = (art_id,) if art_id is not None else candidates
    village_name = " / ".join(index.people[a].nama for a in shown)
    return RowOutcome(
        source_row=row.source_row, status=status, matched_by=matched_by.value, art_id=art_id,
        ruta_id=ruta_id, ruta_no_urut=no_urut, candidates=candidates, nik_masked=row.nik_masked,
        village_name=village_name, reported_name=row.reported_name, notes=tuple(notes))


# --- the worklist -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NikIssueRow:
    """One line of the "Perbaikan NIK" worklist (a DTO: no ORM object reaches the UI)."""

    id: int
    status: str
    matched_by: str
    art_id: int | None
    ruta_id: int | None
    ruta_no_urut: int | None
    nama: str = field(repr=False)  # the person in the village data ("" when not linked)
    nik: str | None = field(repr=False)  # their current NIK
    jenis_kelamin: int | None = field(repr=False)
    tanggal_lahir: date | None = field(repr=False)
    no_kk: str | None = field(repr=False)
    reported_nik: str = field(repr=False)
    reported_name: str = field(repr=False)
    reported_birth_date: date | None = field(repr=False)
    district_note: str = field(repr=False)
    source_row: int = 0
    file_name: str = ""
    imported_at: datetime | None = None
    resolution_reason: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None

    @property
    def reported_nik_masked(self) -> str:
        nik = self.reported_nik
        return mask_nik(nik) if len(nik) >= 10 and nik.isascii() and nik.isdigit() else nik


def nik_issue_counts(session: Session) -> dict[str, int]:
    """Issues per status (every status present, zeros included)."""
    found = {status: int(count) for status, count in session.execute(
        select(NikIssue.status, func.count()).group_by(NikIssue.status))}
    return {status.value: int(found.get(status.value, 0)) for status in IssueStatus}


def nik_issue_rows(session: Session, status: str | None = IssueStatus.OPEN.value) -> \
        list[NikIssueRow]:
    """The worklist (``status`` None: every issue), in household order, unlinked ones last."""
    stmt = (
        select(NikIssue.id, NikIssue.status, NikIssue.matched_by, NikIssue.art_id, Ruta.id,
               Ruta.no_urut, Art.nama, Art.nik, Art.jenis_kelamin, Art.tanggal_lahir,
               Keluarga.no_kk, NikIssue.reported_nik, NikIssue.reported_name,
               NikIssue.reported_birth_date, NikIssue.district_note, NikIssue.source_row,
               ImportBatch.file_name, ImportBatch.at, NikIssue.resolution_reason,
               NikIssue.resolved_at, NikIssue.resolved_by)
        .join(ImportBatch, NikIssue.batch_id == ImportBatch.id)
        .outerjoin(Art, NikIssue.art_id == Art.id)
        .outerjoin(Keluarga, Art.keluarga_id == Keluarga.id)
        .outerjoin(Ruta, Keluarga.ruta_id == Ruta.id)
        .order_by(Ruta.no_urut.is_(None), Ruta.no_urut, Art.no_urut, NikIssue.id))
    if status is not None:
        stmt = stmt.where(NikIssue.status == status)
    return [NikIssueRow(*(row[:6]), nama=row[6] or "", nik=row[7], jenis_kelamin=row[8],
                        tanggal_lahir=row[9], no_kk=row[10], reported_nik=row[11],
                        reported_name=row[12], reported_birth_date=row[13],
                        district_note=row[14], source_row=row[15], file_name=row[16],
                        imported_at=row[17], resolution_reason=row[18], resolved_at=row[19],
                        resolved_by=row[20])
            for row in session.execute(stmt)]
