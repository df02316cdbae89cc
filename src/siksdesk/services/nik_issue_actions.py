"""Resolving an item of the "Perbaikan NIK" worklist, each action ONE transaction.

District rule (domain.md): first decide whether the person is still eligible; if yes, fix the
NIK (``fix_nik``: an ordinary registry edit, so the change log records the correction with
origin "edit"); if not (mampu, meninggal, pindah, tidak ditemukan), propose deactivation
(``propose_deactivation``: an usulan for the MusDes). ``dismiss_issue`` closes an item that
needs neither (someone the village does not hold; a NIK Dukcapil confirmed after the name or
birth date was corrected). ``close_fixed_issues`` marks items fixed whose person meanwhile got
another valid NIK in the household editor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.domain.deactivation import (
    NIK_ISSUE_DEACTIVATION_REASONS,
    DeactivationReason,
    reason_label,
)
from siksdesk.domain.nik import check_nik, check_nik_against_record
from siksdesk.domain.nik_issues import DismissReason, IssueStatus, issue_text
from siksdesk.domain.numbers import clean_identifier
from siksdesk.domain.problems import Problem, Verdict
from siksdesk.domain.rules import SEX_BY_CODE
from siksdesk.models import Art, Keluarga, NikIssue, Ruta
from siksdesk.models.base import utc_now
from siksdesk.services.derived import refresh_households
from siksdesk.services.identifiers import find_nik_users
from siksdesk.services.usulan import UsulanRow, propose_art_deactivation

__all__ = [
    "FixResult", "NikIssueError", "close_fixed_issues", "close_fixed_issues_after_save",
    "dismiss_issue", "fix_nik", "propose_deactivation",
]  # fmt: skip

USULAN_SOURCE = "nik_issue"


class NikIssueError(Exception):
    """An action refused; nothing was written. ``message(lang)`` is what the operator reads;
    ``str()`` is only the code (the texts may name a person)."""

    def __init__(self, code: str, *, problems: tuple[Problem, ...] = (), **params: object) -> None:
        super().__init__(code)
        self.code, self.problems, self.params = code, problems, params

    def message(self, lang: str = "id") -> str:
        params = dict(self.params)
        if self.problems:
            params["problems"] = " ".join(p.message(lang) for p in self.problems)
        if self.code == "DEACTIVATION_REASON":
            params["reasons"] = ", ".join(reason_label(r, lang)
                                          for r in NIK_ISSUE_DEACTIVATION_REASONS)
        return issue_text(self.code, lang, **params)


@dataclass(frozen=True, slots=True)
class FixResult:
    issue_id: int
    art_id: int
    ruta_id: int
    changed: bool  # False when the person already carried this NIK
    warnings: tuple[Problem, ...]  # the NIK's own warnings and disagreements with the record


def _open_issue(session: Session, issue_id: int, *, need_person: bool = True) -> NikIssue:
    issue = session.get(NikIssue, issue_id)
    if issue is None:
        raise NikIssueError("ISSUE_GONE")
    if issue.status != IssueStatus.OPEN:
        raise NikIssueError("ISSUE_NOT_OPEN", status=IssueStatus(issue.status))
    if need_person and issue.art_id is None:
        raise NikIssueError("ISSUE_NO_PERSON")
    return issue


def _resolve(issue: NikIssue, status: IssueStatus, author: str, reason: str | None) -> None:
    issue.status, issue.resolution_reason = status.value, reason
    issue.resolved_at, issue.resolved_by = utc_now(), author


def _digits(value: str | None) -> str | None:
    return clean_identifier(value, "nik").digits if value else None


def fix_nik(factory: sessionmaker[Session], issue_id: int, new_nik: str,
            author: str) -> FixResult:
    """Give the person the corrected NIK and mark the item fixed. Refused (NikIssueError,
    nothing written) when the NIK is invalid, equals the reported one, or belongs to someone
    else in the village. Warnings (e.g. birth date disagrees) do not block: they are returned."""
    check = check_nik(new_nik)
    if check.nik is None or check.verdict is Verdict.INVALID:
        raise NikIssueError("FIX_INVALID", problems=check.problems)
    with unit_of_work(factory, author, origin="edit") as session:
        issue = _open_issue(session, issue_id)
        if _digits(issue.reported_nik) == check.nik:
            raise NikIssueError("FIX_SAME_AS_REPORTED")
        art = session.get(Art, issue.art_id)
        assert art is not None  # the FK sets art_id NULL when the person is deleted
        taken = find_nik_users(session, check.nik, exclude_art_id=art.id, limit=1)
        if taken:
            raise NikIssueError("FIX_NIK_TAKEN", nama=taken[0].nama,
                                ruta_no=taken[0].ruta_no_urut or "?")
        keluarga = session.get(Keluarga, art.keluarga_id)
        ruta = session.get(Ruta, keluarga.ruta_id) if keluarga is not None else None
        assert keluarga is not None and ruta is not None
        warnings = check.problems + check_nik_against_record(
            check, sex=SEX_BY_CODE.get(art.jenis_kelamin or 0), birth_date=art.tanggal_lahir,
            no_kk=keluarga.no_kk)
        changed = art.nik != check.nik
        if changed:
            art.nik, art.nik_from_number = check.nik, False
            ruta.updated_at = utc_now()  # the household editor's concurrency guard
            session.flush()
            refresh_households(session, [ruta.id])
        _resolve(issue, IssueStatus.FIXED, author, None)
        close_fixed_issues(session, author=author, art_ids=[art.id])  # the person's other items
        return FixResult(issue.id, art.id, ruta.id, changed, warnings)


def propose_deactivation(factory: sessionmaker[Session], issue_id: int,
                         reason: DeactivationReason | str, author: str,
                         note: str = "") -> UsulanRow:
    """The person is no longer eligible: an usulan to deactivate them (source "nik_issue"),
    and the item is marked. Only the district's four reasons for this case are accepted."""
    try:
        chosen = DeactivationReason(reason)
    except ValueError:
        chosen = None
    if chosen not in NIK_ISSUE_DEACTIVATION_REASONS:
        raise NikIssueError("DEACTIVATION_REASON")
    assert chosen is not None
    with unit_of_work(factory, author, origin="edit") as session:
        issue = _open_issue(session, issue_id)
        assert issue.art_id is not None
        usulan = propose_art_deactivation(session, issue.art_id, chosen, source=USULAN_SOURCE,
                                          author=author, note=note.strip()[:500])
        _resolve(issue, IssueStatus.DEACTIVATION, author, chosen.value)
        return usulan


def dismiss_issue(factory: sessionmaker[Session], issue_id: int, reason: DismissReason | str,
                  author: str) -> None:
    """Close an item that needs neither a NIK fix nor a deactivation."""
    chosen = DismissReason(reason)
    with unit_of_work(factory, author, origin="edit") as session:
        issue = _open_issue(session, issue_id, need_person=False)
        _resolve(issue, IssueStatus.DISMISSED, author, chosen.value)


def close_fixed_issues(session: Session, *, author: str,
                       ruta_ids: Iterable[int] | None = None,
                       art_ids: Iterable[int] | None = None) -> int:
    """Mark fixed every open item whose person now has another NIK than the one reported,
    and a valid one (warnings allowed). ``ruta_ids`` / ``art_ids`` limit it to those
    households / people (after a household save: in the same transaction, or right after it
    with ``close_fixed_issues_after_save``). Returns the number closed."""
    stmt = (select(NikIssue, Art.nik).join(Art, NikIssue.art_id == Art.id)
            .where(NikIssue.status == IssueStatus.OPEN.value, Art.nik.is_not(None)))
    if art_ids is not None:
        stmt = stmt.where(Art.id.in_(sorted(set(art_ids))))
    if ruta_ids is not None:
        ids = sorted(set(ruta_ids))
        if not ids:
            return 0
        stmt = stmt.join(Keluarga, Art.keluarga_id == Keluarga.id).where(
            Keluarga.ruta_id.in_(ids))
    closed = 0
    for issue, nik in session.execute(stmt).all():
        if nik != _digits(issue.reported_nik) and check_nik(nik).verdict is not Verdict.INVALID:
            _resolve(issue, IssueStatus.FIXED, author, None)
            closed += 1
    return closed


def close_fixed_issues_after_save(factory: sessionmaker[Session], ruta_id: int,
                                  author: str) -> int:
    """``close_fixed_issues`` for one saved household, in a transaction of its own."""
    with unit_of_work(factory, author, origin="edit") as session:
        return close_fixed_issues(session, author=author, ruta_ids=[ruta_id])
