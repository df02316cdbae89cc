"""The district's invalid-NIK list: dry run, import, the worklist and its resolution actions,
on real SQLite files and real .xlsx files written by openpyxl."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from nik_issue_data import LIST_ROWS, ROW_STATUS, Person, add_village, write_list
from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory, read_session
from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.domain.import_problems import ImportRejected
from siksdesk.domain.nik_issues import DismissReason
from siksdesk.models import FTS_TABLE, Art, ChangeLog, ImportBatch, NikIssue, Usulan
from siksdesk.services.household_edit import load_household, save_household
from siksdesk.services.nik_issues import (
    ImportCancelled,
    NikIssueError,
    NikListRejected,
    apply_invalid_nik_import,
    close_fixed_issues_after_save,
    dismiss_issue,
    fix_nik,
    nik_issue_counts,
    nik_issue_rows,
    preview_invalid_nik_file,
    propose_deactivation,
)

Factory = sessionmaker[Session]
NEW_NIK = "3522015705850009"  # valid, same birth date and sex as Siti Aminah


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Person]]:
    """The migrated village, built once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("nik-issues")
    path = folder / "template.sqlite3"
    ensure_schema(path, folder / "backups")
    engine = make_engine(path)
    try:
        return path, add_village(make_session_factory(engine))
    finally:
        engine.dispose()


@pytest.fixture
def db(template: tuple[Path, dict[str, Person]], tmp_path: Path) -> Iterator[tuple[Path, Factory]]:
    path = tmp_path / "village.sqlite3"
    with closing(sqlite3.connect(template[0])) as src, closing(sqlite3.connect(path)) as dst:
        src.backup(dst)
    engine = make_engine(path)
    yield path, make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def factory(db: tuple[Path, Factory]) -> Factory:
    return db[1]


@pytest.fixture
def people(template: tuple[Path, dict[str, Person]]) -> dict[str, Person]:
    return template[1]


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (content comparison, independent of the file's pages)."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in tables}


def _import(factory: Factory, tmp_path: Path, rows: list[object] | None = None) -> int:
    path = write_list(tmp_path / "list.xlsx", LIST_ROWS if rows is None else rows)
    return apply_invalid_nik_import(factory, path, author="operator").batch_id


def _issue(factory: Factory, name: str) -> int:
    with read_session(factory) as session:
        return next(r.id for r in nik_issue_rows(session) if r.nama == name)


def test_dry_run_reports_every_row_and_writes_nothing(
        db: tuple[Path, Factory], people: dict[str, Person], tmp_path: Path) -> None:
    path, factory = db
    before = _dump(path)
    with read_session(factory) as session:
        preview = preview_invalid_nik_file(session, write_list(tmp_path / "list.xlsx"))
    assert _dump(path) == before
    assert {r.source_row: r.status for r in preview.rows} == ROW_STATUS
    assert preview.header_row == 3 and preview.sheet == "NIK TIDAK PADAN"
    assert preview.counts == {"matched": 3, "ambiguous": 1, "unmatched": 1, "existing": 0,
                              "rejected": 1}
    assert preview.by_key == {"nik": 1, "idartbdt": 1, "idbdt": 1}
    by_row = {r.source_row: r for r in preview.rows}
    assert by_row[4].art_id == people["Sutrisno"].art_id and by_row[4].notes == ()


def test_a_numeric_cell_nik_is_reported_and_matching_falls_back(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    with read_session(factory) as session:
        preview = preview_invalid_nik_file(session, write_list(tmp_path / "list.xlsx"))
    numeric, scientific = preview.rows[1], preview.rows[2]
    assert (numeric.matched_by, numeric.art_id) == ("idartbdt", people["Siti Aminah"].art_id)
    assert [n.code for n in numeric.notes] == ["ROW_NIK_UNUSABLE"]
    assert numeric.notes[0].column == "NIK (D)"
    assert "Rusak oleh Excel" in numeric.message("id")
    assert "Damaged by Excel" in numeric.message("en")
    assert (scientific.matched_by, scientific.art_id) == ("idbdt", people["Budi Santoso"].art_id)
    assert "angka ilmiah" in scientific.message("id")


def test_unmatched_and_ambiguous_rows_are_listed_without_a_person(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    with read_session(factory) as session:
        preview = preview_invalid_nik_file(session, write_list(tmp_path / "list.xlsx"))
    unmatched, ambiguous = preview.rows[3], preview.rows[4]
    assert (unmatched.art_id, unmatched.matched_by) == (None, "none")
    assert "Tidak ditemukan di data desa" in unmatched.message("id")
    assert ambiguous.art_id is None
    assert set(ambiguous.candidates) == {people["Joko Susilo"].art_id,
                                         people["Joko  Susilo"].art_id}
    assert ambiguous.village_name == "Joko Susilo / Joko  Susilo"
    _import(factory, tmp_path)
    with read_session(factory) as session:
        rows = {r.source_row: r for r in nik_issue_rows(session)}
    assert (rows[7].matched_by, rows[7].art_id, rows[7].reported_name) == ("none", None,
                                                                           "Orang Lain")
    assert (rows[8].matched_by, rows[8].art_id) == ("ambiguous", None)
    assert 9 not in rows  # the rejected row has nothing to act on


def test_import_is_one_batch_with_one_issue_per_row_and_agrees_with_the_preview(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.xlsx")
    with read_session(factory) as session:
        preview = preview_invalid_nik_file(session, path)
    result = apply_invalid_nik_import(factory, path, author="operator",
                                      expected_sha256=preview.sha256)
    assert result.preview.rows == preview.rows
    with read_session(factory) as session:
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None
        assert (batch.kind, batch.file_name, batch.author) == ("invalid_nik", "list.xlsx",
                                                               "operator")
        assert batch.counts == preview.counts
        issues = session.scalars(select(NikIssue).order_by(NikIssue.source_row)).all()
        assert [i.source_row for i in issues] == [4, 5, 6, 7, 8]
        assert {i.status for i in issues} == {"open"}
        assert issues[0].district_note == "NIK tidak padan"
        assert issues[1].reported_nik == "3522015705850002"  # as the numeric cell held it
        assert issues[2].reported_nik == "3.52201E+15"
        # the import writes no registry change
        assert session.scalar(select(func.count()).select_from(ChangeLog).where(
            ChangeLog.origin == "edit", ChangeLog.author == "operator")) == 0
        assert nik_issue_counts(session) == {"open": 5, "fixed": 0, "deactivation": 0,
                                             "dismissed": 0}


def test_reimporting_the_same_list_does_not_duplicate_open_issues(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    _import(factory, tmp_path)
    fix_nik(factory, _issue(factory, "Siti Aminah"), NEW_NIK, "operator")
    second = apply_invalid_nik_import(factory, tmp_path / "list.xlsx", author="operator")
    assert second.preview.counts["existing"] == 5
    assert second.preview.to_store == 0
    with read_session(factory) as session:
        assert session.scalar(select(func.count()).select_from(NikIssue)) == 5
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 2


def test_a_row_repeated_within_the_file_is_listed_once(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    batch = _import(factory, tmp_path, [LIST_ROWS[0], LIST_ROWS[0]])
    with read_session(factory) as session:
        assert session.scalar(select(func.count()).select_from(NikIssue)) == 1
        assert session.get(ImportBatch, batch).counts["existing"] == 1  # type: ignore[union-attr]


def test_fix_nik_is_a_logged_edit_and_closes_the_issue(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    _import(factory, tmp_path)
    siti = people["Siti Aminah"]
    result = fix_nik(factory, _issue(factory, "Siti Aminah"), NEW_NIK, "operator")
    assert (result.changed, result.art_id, result.warnings) == (True, siti.art_id, ())
    with read_session(factory) as session:
        art = session.get(Art, siti.art_id)
        assert art is not None and (art.nik, art.nik_from_number) == (NEW_NIK, False)
        log = session.scalars(select(ChangeLog).where(ChangeLog.entity_uuid == art.uuid,
                                                      ChangeLog.action == "update")).one()
        assert (log.origin, log.author) == ("edit", "operator")
        assert log.before == {"nik": siti.nik} and log.after == {"nik": NEW_NIK}
        fixed = nik_issue_rows(session, "fixed")
        assert [(r.nama, r.resolved_by) for r in fixed] == [("Siti Aminah", "operator")]
        doc = session.execute(text(f"SELECT doc FROM {FTS_TABLE} WHERE rowid = :id"),
                              {"id": siti.ruta_id}).scalar_one()
        assert NEW_NIK in doc and siti.nik not in doc  # the derived tables were refreshed


def test_fix_nik_warns_when_the_nik_disagrees_with_the_record(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    _import(factory, tmp_path)
    # a male birth day (no +40) for a woman
    result = fix_nik(factory, _issue(factory, "Siti Aminah"), "3522011705850009", "operator")
    assert "NIK_SEX_MISMATCH" in [p.code for p in result.warnings]


@pytest.mark.parametrize(("new_nik", "code"), [
    ("3522013205850009", "FIX_INVALID"),  # month 13... day 32: impossible
    ("12345", "FIX_INVALID"),
    ("3522011705800001", "FIX_NIK_TAKEN"),  # Sutrisno's
])
def test_fix_nik_refusals_write_nothing(
        db: tuple[Path, Factory], people: dict[str, Person], tmp_path: Path, new_nik: str,
        code: str) -> None:
    path, factory = db
    _import(factory, tmp_path)
    issue = _issue(factory, "Siti Aminah")
    before = _dump(path)
    with pytest.raises(NikIssueError) as refused:
        fix_nik(factory, issue, new_nik, "operator")
    assert refused.value.code == code
    assert str(refused.value) == code  # never a name or a NIK
    assert refused.value.message("id") and refused.value.message("en")
    assert _dump(path) == before


def test_fix_nik_refuses_the_reported_number_and_an_unlinked_issue(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    _import(factory, tmp_path)
    with pytest.raises(NikIssueError, match="FIX_SAME_AS_REPORTED"):
        fix_nik(factory, _issue(factory, "Sutrisno"), people["Sutrisno"].nik, "operator")
    with read_session(factory) as session:
        unlinked = next(r.id for r in nik_issue_rows(session) if r.art_id is None)
    with pytest.raises(NikIssueError, match="ISSUE_NO_PERSON"):
        fix_nik(factory, unlinked, NEW_NIK, "operator")


def test_propose_deactivation_creates_the_usulan_and_marks_the_issue(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    _import(factory, tmp_path)
    issue = _issue(factory, "Sutrisno")
    usulan = propose_deactivation(factory, issue, DeactivationReason.MENINGGAL, "operator",
                                  note="wafat 2024")
    assert (usulan.kind, usulan.reason, usulan.source) == ("deactivate", "meninggal", "nik_issue")
    with read_session(factory) as session:
        row = session.scalars(select(Usulan)).one()
        assert (row.note, row.created_by, row.entity) == ("wafat 2024", "operator", "art")
        item = session.get(NikIssue, issue)
        assert item is not None
        assert (item.status, item.resolution_reason) == ("deactivation", "meninggal")
    with pytest.raises(NikIssueError, match="ISSUE_NOT_OPEN"):
        fix_nik(factory, issue, NEW_NIK, "operator")


def test_only_the_districts_four_reasons_are_accepted(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    _import(factory, tmp_path)
    with pytest.raises(NikIssueError) as refused:
        propose_deactivation(factory, _issue(factory, "Sutrisno"), DeactivationReason.GANDA,
                             "operator")
    assert "Sudah mampu" in refused.value.message("id")
    with read_session(factory) as session:
        assert session.scalar(select(func.count()).select_from(Usulan)) == 0


def test_an_unmatched_item_can_be_closed_as_not_a_resident(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    _import(factory, tmp_path)
    with read_session(factory) as session:
        unmatched = next(r.id for r in nik_issue_rows(session) if r.matched_by == "none")
    dismiss_issue(factory, unmatched, DismissReason.NOT_IN_VILLAGE, "operator")
    with read_session(factory) as session:
        closed = nik_issue_rows(session, "dismissed")
        assert [(r.id, r.resolution_reason) for r in closed] == [(unmatched, "bukan_warga")]
        assert nik_issue_counts(session)["open"] == 4


def test_fixing_the_nik_in_the_household_editor_closes_the_issue(
        factory: Factory, people: dict[str, Person], tmp_path: Path) -> None:
    _import(factory, tmp_path)
    siti = people["Siti Aminah"]
    with read_session(factory) as session:
        draft = load_household(session, siti.ruta_id)
    family = draft.families[0]
    members = tuple(replace(m, nik=NEW_NIK) if m.art_id == siti.art_id else m
                    for m in family.members)
    save_household(factory, replace(draft, families=(replace(family, members=members),)),
                   author="operator")  # closes the item in the save's own transaction
    assert close_fixed_issues_after_save(factory, siti.ruta_id, "operator") == 0
    with read_session(factory) as session:
        assert [r.nama for r in nik_issue_rows(session, "fixed")] == ["Siti Aminah"]
        # Sutrisno (same household) still has his reported NIK: his item stays open
        assert "Sutrisno" in [r.nama for r in nik_issue_rows(session)]


def test_a_rejected_file_leaves_the_database_unchanged(
        db: tuple[Path, Factory], people: dict[str, Person], tmp_path: Path) -> None:
    path, factory = db
    before = _dump(path)
    wrong = write_list(tmp_path / "bnba.xlsx", [("x",) * 4],
                       headers=("IDBDT", "KDPROP", "KDKAB", "Nama_KRT"))
    with pytest.raises(ImportRejected) as rejected:
        apply_invalid_nik_import(factory, wrong, author="operator")
    assert rejected.value.code == "FILE_NO_HEADER"
    assert "bnba.xlsx" in rejected.value.message("id")
    renamed = tmp_path / "list.xlsx"
    renamed.write_text("NIK;NAMA\n1;2\n" * 0 + "<html><body>NIK</body></html>")
    with pytest.raises(ImportRejected):
        apply_invalid_nik_import(factory, renamed, author="operator")
    assert _dump(path) == before


def test_a_file_changed_since_its_preview_is_refused(
        db: tuple[Path, Factory], people: dict[str, Person], tmp_path: Path) -> None:
    path, factory = db
    listed = write_list(tmp_path / "list.xlsx")
    with read_session(factory) as session:
        preview = preview_invalid_nik_file(session, listed)
    write_list(listed, LIST_ROWS[:2])
    before = _dump(path)
    with pytest.raises(NikListRejected) as refused:
        apply_invalid_nik_import(factory, listed, author="operator",
                                 expected_sha256=preview.sha256)
    assert "list.xlsx" in refused.value.message("en")
    assert _dump(path) == before


def test_cancelling_the_import_rolls_everything_back(
        db: tuple[Path, Factory], people: dict[str, Person], tmp_path: Path) -> None:
    path, factory = db
    listed = write_list(tmp_path / "list.xlsx")
    before = _dump(path)
    planned = {"all": False}  # cancel at the last moment: after every row was written

    def progress(done: int, total: int) -> None:
        planned["all"] = done >= total

    with pytest.raises(ImportCancelled):
        apply_invalid_nik_import(factory, listed, author="operator", progress=progress,
                                 cancelled=lambda: planned["all"])
    assert _dump(path) == before
