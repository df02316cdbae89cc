"""The duplicate finder ("Kemungkinan ganda") and the operator's decisions on its pairs.

``find_duplicates`` reads every member of the active households with one driver-level query,
normalises the names once per person, compares only the pairs that share a block key
(``domain.duplicate_blocks``), skips the pairs already decided in ``duplicate_decision`` and
returns the pairs scoring at least ``min_score``, best first. It reports
``progress(done, total)`` and stops with ``FinderCancelled`` when ``cancelled()`` says so.

``mark_not_duplicate`` and ``keep_one`` record a decision in one transaction each; ``keep_one``
also proposes the other person for deactivation as *ganda* (an usulan for the MusDes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.domain.duplicate_blocks import candidate_pairs
from siksdesk.domain.duplicates import (
    DEFAULT_MIN_SCORE,
    PersonFacts,
    PreparedPerson,
    Reason,
    prepare,
    score_pair,
)
from siksdesk.models import Art, DuplicateDecision
from siksdesk.services.gc_pause import cyclic_gc_paused
from siksdesk.services.usulan import propose_art_deactivation

__all__ = [
    "CandidatePair",
    "DecisionRow",
    "DuplicateDecisionError",
    "FinderCancelled",
    "FinderResult",
    "find_duplicates",
    "keep_one",
    "load_people",
    "mark_not_duplicate",
]

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
_CHECK_EVERY: Final = 2048

_PEOPLE_SQL: Final = """
SELECT a.id, a.uuid, r.id, k.id, coalesce(a.nama, ''), a.nik, k.no_kk, a.tanggal_lahir,
       a.jenis_kelamin, a.nama_ibu_kandung, coalesce(r.dusun, ''), coalesce(r.rt, ''),
       coalesce(r.rw, ''), coalesce(r.alamat, ''), r.no_urut, a.hubungan_krt, a.keberadaan
FROM art AS a
JOIN keluarga AS k ON k.id = a.keluarga_id
JOIN ruta AS r ON r.id = k.ruta_id
WHERE r.aktif = 1
ORDER BY a.id
"""


class FinderCancelled(Exception):
    """The operator cancelled the search; nothing was changed."""

    def __init__(self) -> None:
        super().__init__("duplicate search cancelled")


_ERRORS: Final = {
    "DUP_SAME_RECORD": ("Kedua data adalah orang yang sama (satu data).",
                        "Both sides are the same record."),
    "DUP_UNKNOWN_RECORD": ("Data anggota tidak ditemukan lagi (mungkin sudah dihapus). "
                           "Jalankan pencarian ulang.",
                           "The member record no longer exists (perhaps deleted). "
                           "Search again."),
}


class DuplicateDecisionError(Exception):
    """A decision that cannot be recorded. ``str()`` names the code, never a person."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def message(self, lang: str = "id") -> str:
        texts = _ERRORS[self.code]
        return texts[1] if lang.lower().startswith("en") else texts[0]


@dataclass(frozen=True, slots=True)
class CandidatePair:
    a: PersonFacts  # a.uuid < b.uuid, the order of duplicate_decision
    b: PersonFacts
    score: int
    reasons: tuple[Reason, ...]
    same_nik: bool


@dataclass(frozen=True, slots=True)
class FinderResult:
    pairs: tuple[CandidatePair, ...]  # best first
    people: int
    comparisons: int  # pairs scored (the pairs that share a block key)
    decided: int  # pairs at or above the threshold left out because already decided
    above_threshold: int  # before ``limit``


@dataclass(frozen=True, slots=True)
class DecisionRow:
    art_uuid_a: str
    art_uuid_b: str
    decision: str  # not_duplicate | keep_a | keep_b
    usulan_id: int | None  # the deactivation proposal keep_one created or updated


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def load_people(session: Session) -> list[PersonFacts]:
    """Every member of the active households (one query through the DB-API cursor)."""
    raw = session.connection().connection.driver_connection
    assert raw is not None
    rows = raw.execute(_PEOPLE_SQL).fetchall()
    return [PersonFacts(row[0], row[1], row[2], row[3], row[4], row[5], row[6], _as_date(row[7]),
                        row[8], row[9], row[10], row[11], row[12], row[13], row[14], row[15],
                        row[16])
            for row in rows]  # positional: the columns come in PersonFacts' field order


def _decided_pairs(session: Session) -> set[tuple[str, str]]:
    rows = session.execute(select(DuplicateDecision.art_uuid_a, DuplicateDecision.art_uuid_b))
    return {(a, b) for a, b in rows}


def _no_progress(_done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


def find_duplicates(session: Session, *, min_score: int = DEFAULT_MIN_SCORE,
                    limit: int | None = None, progress: ProgressFn | None = None,
                    cancelled: CancelledFn | None = None) -> FinderResult:
    """Candidate duplicate pairs of the village, best first (see the module docstring).
    Progress runs over ``3 × people``: normalising, blocking and scoring a third each."""
    with cyclic_gc_paused():
        return _find(session, min_score, limit, progress or _no_progress, cancelled or _never)


def _find(session: Session, min_score: int, limit: int | None, report: ProgressFn,
          stop: CancelledFn) -> FinderResult:
    facts = load_people(session)
    decided = _decided_pairs(session)
    n = max(len(facts), 1)
    total = 3 * n  # three phases of n steps: normalise, block, score
    report(0, total)
    people: list[PreparedPerson] = []
    for index, person in enumerate(facts):
        people.append(prepare(person))
        if index % _CHECK_EVERY == 0:
            if stop():
                raise FinderCancelled
            report(index, total)
    pairs = candidate_pairs(people, stop, lambda done, _n: report(n + done, total))
    if stop():
        raise FinderCancelled
    found, skipped = _score_all(people, pairs, decided, min_score,
                                lambda done, _n: report(2 * n + done, total), stop)
    found.sort(key=lambda pair: (-pair.score, pair.a.art_id, pair.b.art_id))
    report(total, total)
    kept = found if limit is None else found[:max(limit, 0)]
    return FinderResult(pairs=tuple(kept), people=len(facts),
                        comparisons=len(pairs), decided=skipped,
                        above_threshold=len(found))


def _score_all(people: list[PreparedPerson], pairs: list[tuple[int, int]],
               decided: set[tuple[str, str]], min_score: int, report: ProgressFn,
               stop: CancelledFn) -> tuple[list[CandidatePair], int]:
    """Score every pair; only the few that reach ``min_score`` are ordered by uuid and looked
    up among the decided pairs. ``report(done, len(people))`` in proportion to the pairs."""
    found: list[CandidatePair] = []
    skipped = 0
    n, count = len(people), max(len(pairs), 1)
    for start in range(0, len(pairs), _CHECK_EVERY):
        if stop():
            raise FinderCancelled
        report(start * n // count, n)
        for i, j in pairs[start:start + _CHECK_EVERY]:
            first, second = people[i], people[j]
            result = score_pair(first, second, min_score)
            if result is None:
                continue
            a, b = first.facts, second.facts
            if a.uuid > b.uuid:
                a, b = b, a
            if (a.uuid, b.uuid) in decided:
                skipped += 1
                continue
            found.append(CandidatePair(a, b, result.score, result.reasons, result.same_nik))
    return found, skipped


# -- decisions ---------------------------------------------------------------------------------
def _art_ids(session: Session, *uuids: str) -> dict[str, int]:
    rows = session.execute(select(Art.uuid, Art.id).where(Art.uuid.in_(uuids)))
    found = {uuid: art_id for uuid, art_id in rows}
    if len(found) != len(set(uuids)):
        raise DuplicateDecisionError("DUP_UNKNOWN_RECORD")
    return found


def _record(session: Session, uuid_x: str, uuid_y: str, decision_for_x: str, author: str,
            note: str) -> tuple[str, str, str]:
    """Upsert the decision of the ordered pair. ``decision_for_x`` is "not_duplicate" or "keep"
    (x is kept); the stored value says keep_a / keep_b in the pair's own order."""
    if uuid_x == uuid_y:
        raise DuplicateDecisionError("DUP_SAME_RECORD")
    a, b = sorted((uuid_x, uuid_y))
    decision = decision_for_x
    if decision_for_x == "keep":
        decision = "keep_a" if uuid_x == a else "keep_b"
    row = session.scalars(select(DuplicateDecision).where(
        DuplicateDecision.art_uuid_a == a, DuplicateDecision.art_uuid_b == b)).first()
    if row is None:
        row = DuplicateDecision(art_uuid_a=a, art_uuid_b=b, decision=decision,
                                decided_by=author)
        session.add(row)
    row.decision, row.note, row.decided_by = decision, note[:500], author
    session.flush()
    return a, b, decision


def mark_not_duplicate(factory: sessionmaker[Session], uuid_a: str, uuid_b: str, author: str,
                       note: str = "") -> DecisionRow:
    """The two records are different people: the pair is not listed again."""
    with unit_of_work(factory, author) as session:
        _art_ids(session, uuid_a, uuid_b)
        a, b, decision = _record(session, uuid_a, uuid_b, "not_duplicate", author, note)
    return DecisionRow(a, b, decision, None)


def keep_one(factory: sessionmaker[Session], keep_uuid: str, drop_uuid: str, author: str,
             note: str = "") -> DecisionRow:
    """One person, two records: ``keep_uuid`` stays, ``drop_uuid`` is proposed for deactivation
    with reason ganda (source "duplicate"), in the same transaction as the decision."""
    with unit_of_work(factory, author) as session:
        ids = _art_ids(session, keep_uuid, drop_uuid)
        a, b, decision = _record(session, keep_uuid, drop_uuid, "keep", author, note)
        usulan = propose_art_deactivation(session, ids[drop_uuid], DeactivationReason.GANDA,
                                          source="duplicate", author=author, note=note)
    return DecisionRow(a, b, decision, usulan.id)
