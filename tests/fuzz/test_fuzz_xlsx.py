"""Fuzz: damaged .xlsx files through the real import path (dry run, then apply) into a real
SQLite village — a BNBA list and the district's invalid-NIK list.

Every damaged file ends either in a typed, bilingual refusal naming the file (ImportRejected,
NikListRejected, or NeedsMapping for an unknown header) with the database unchanged (content
digest), or in a clean preview whose row problems name their row; an applied preview is written
whole (importing the same file again has nothing left to write) and the audit chain verifies.
Never a bare exception. Long run: bench/fuzz_all.py."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from xlsx_mutations import DAMAGE, Op, damaged, read_members, write_members

from bnba_files import KODE_DESA, household_rows, write_xlsx
from nik_issue_data import add_village, write_list
from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session
from siksdesk.domain.import_problems import ImportRejected
from siksdesk.models import VillageProfile
from siksdesk.paths import default_paths
from siksdesk.services.audit_verify import verify_chain
from siksdesk.services.bnba_import import NeedsMapping, apply_bnba, preview_bnba
from siksdesk.services.nik_issues import (
    REJECTIONS,
    apply_invalid_nik_import,
    preview_invalid_nik_file,
)

FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
AUTHOR = "fuzz"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A village home (closed): profile, the invalid-NIK list's people, the BNBA list imported."""
    root = tmp_path_factory.mktemp("fuzz-xlsx")
    ctx = open_app(default_paths({"SIKSDESK_HOME": str(root / "home")}))
    try:
        with ctx.sessions.begin() as session:
            session.add(VillageProfile(kode_desa=KODE_DESA, nama_desa="Kedaton",
                                       nama_kecamatan="Kapas", nama_kabupaten="Bojonegoro",
                                       nama_provinsi="Jawa Timur"))
        add_village(ctx.sessions)
        bnba = write_xlsx(root / "bnba.xlsx", household_rows())
        apply_bnba(ctx.sessions, preview_bnba(ctx.sessions, bnba), author=AUTHOR)
    finally:
        ctx.close()
    return root / "home"


class Originals(dict[str, bytes]):
    def __repr__(self) -> str:  # a failing example prints its operations, not these bytes
        return "Originals(bnba, nik)"


@pytest.fixture(scope="module")
def originals(template: Path) -> Originals:
    folder = template.parent
    bnba = write_xlsx(folder / "bnba-next.xlsx", household_rows()[:2])
    nik = write_list(folder / "nik.xlsx")
    return Originals(bnba=bnba.read_bytes(), nik=nik.read_bytes())


@contextmanager
def village(template: Path) -> Iterator[AppContext]:
    """A fresh copy of the template village for one example."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-village-", dir=template.parent))
    try:
        home = folder / "home"
        home.mkdir()
        shutil.copyfile(template / "siksdesk.sqlite3", home / "siksdesk.sqlite3")
        ctx = open_app(default_paths({"SIKSDESK_HOME": str(home)}))
        try:
            yield ctx
        finally:
            ctx.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def digest(ctx: AppContext) -> str:
    with closing(sqlite3.connect(ctx.database)) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def check_whole(ctx: AppContext) -> None:
    with closing(sqlite3.connect(ctx.database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        report = verify_chain(conn)
        assert report.ok, report.problem


def assert_names_file(message_id: str, message_en: str, file_name: str) -> None:
    assert message_id != message_en
    assert file_name in message_id and file_name in message_en, (message_id, message_en)


def write(ctx: AppContext, data: bytes, name: str) -> Path:
    path = ctx.paths.home / name
    path.write_bytes(data)
    return path


@FUZZ
@given(**DAMAGE)
def test_damaged_bnba_lists(template: Path, originals: Originals, zip_ops: list[Op],
                            stored: bool, byte_ops: list[Op]) -> None:
    damaged_file = damaged(originals["bnba"], zip_ops, stored, byte_ops)
    with village(template) as ctx:
        path = write(ctx, damaged_file, "BNBA desa.xlsx")
        before = digest(ctx)
        try:
            plan = preview_bnba(ctx.sessions, path)
        except ImportRejected as error:
            event(f"refused {error.code}")
            assert_names_file(error.message("id"), error.message("en"), path.name)
            assert digest(ctx) == before
            return
        except NeedsMapping as needs:
            event("needs a column mapping")
            assert needs.file_name == path.name and path.name in str(needs)
            assert digest(ctx) == before
            return
        assert digest(ctx) == before  # a dry run writes nothing
        for row in plan.rows:
            for found in row.problems:
                assert found.where.row == row.row and found.message("id") != found.message("en")
        event(f"preview: {sorted(k for k, v in plan.counts.items() if v)}")
        try:
            apply_bnba(ctx.sessions, plan, author=AUTHOR)
        except ImportRejected as error:
            assert_names_file(error.message("id"), error.message("en"), path.name)
            assert digest(ctx) == before
            return
        again = preview_bnba(ctx.sessions, path)
        assert again.writes.empty, again.counts  # written whole: nothing left to write
        check_whole(ctx)


@FUZZ
@given(**DAMAGE)
def test_damaged_invalid_nik_lists(template: Path, originals: Originals, zip_ops: list[Op],
                                   stored: bool, byte_ops: list[Op]) -> None:
    damaged_file = damaged(originals["nik"], zip_ops, stored, byte_ops)
    with village(template) as ctx:
        path = write(ctx, damaged_file, "NIK tidak padan.xlsx")
        before = digest(ctx)
        try:
            with read_session(ctx.sessions) as session:
                preview = preview_invalid_nik_file(session, path)
        except REJECTIONS as error:
            event(f"refused {error.code}")
            assert_names_file(error.message("id"), error.message("en"), path.name)
            assert digest(ctx) == before
            return
        assert digest(ctx) == before
        event(f"preview: {sorted(k for k, v in preview.counts.items() if v)}")
        for row in preview.rows:
            assert row.message("id") == "" or row.message("id") != row.message("en")
        result = apply_invalid_nik_import(ctx.sessions, path, author=AUTHOR,
                                          expected_sha256=preview.sha256)
        assert result.preview.to_store == preview.to_store
        with read_session(ctx.sessions) as session:
            again = preview_invalid_nik_file(session, path)
        assert again.to_store == 0, again.counts  # written whole: every row is listed now
        check_whole(ctx)


def test_the_undamaged_files_import(template: Path, originals: Originals) -> None:
    """Not vacuous: the originals preview cleanly and write something."""
    with village(template) as ctx:
        nik = write(ctx, originals["nik"], "list.xlsx")
        with read_session(ctx.sessions) as session:
            assert preview_invalid_nik_file(session, nik).to_store > 0
        bnba = write(ctx, originals["bnba"], "bnba.xlsx")
        assert preview_bnba(ctx.sessions, bnba).clean


def _hidden_sheets(original: bytes) -> bytes:
    members = [(name, data.replace(b'state="visible"', b'state="hidden"')
                if name == "xl/workbook.xml" else data) for name, data in read_members(original)]
    return write_members(members, stored=False)


def _huge_row_number(original: bytes) -> bytes:
    members = [(name, data.replace(b'<row r="2"', b'<row r="' + b"9" * 5000 + b'"', 1)
                if name == "xl/worksheets/sheet1.xml" else data)
               for name, data in read_members(original)]
    return write_members(members, stored=False)


@pytest.mark.parametrize(("make", "code"), [
    # a flipped byte in a deflate stream: zlib.error escaped the file guard
    (lambda b: damaged(b, [("drop", 1)], False, [("flip", 46, 2)]), "FILE_DAMAGED"),
    (_hidden_sheets, "FILE_NO_SHEET"),  # the message did not name the file
    (_huge_row_number, "FILE_SHEET_TOO_BIG"),  # int() refused a 5,000-digit row number
], ids=["deflate-flip", "no-visible-sheet", "huge-row-number"])
def test_what_the_fuzzing_found(template: Path, originals: Originals,
                                make: Callable[[bytes], bytes], code: str) -> None:
    with village(template) as ctx:
        path = write(ctx, make(originals["bnba"]), "BNBA desa.xlsx")
        before = digest(ctx)
        with pytest.raises(ImportRejected) as caught:
            preview_bnba(ctx.sessions, path)
        assert caught.value.code == code
        assert_names_file(caught.value.message("id"), caught.value.message("en"), path.name)
        assert digest(ctx) == before
