"""Every file the training village writes says LATIHAN: .xlsx (a first sheet, red tabs, print
headers, properties), CSV (its name), PDF (watermark and header line on every page, metadata),
backups (name and manifest). A real village's files carry none of it, the BNBA export still
imports into the training village, and a real village refuses to import it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import update

from siksdesk.app import AppContext, open_app
from siksdesk.db.backup import load_manifest
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.demo import build_demo_village
from siksdesk.domain.import_problems import ImportRejected
from siksdesk.io.berita_acara import write_attendance_sheet, write_berita_acara
from siksdesk.io.report_data import report_html
from siksdesk.io.training_mark import is_training_workbook, marked_name
from siksdesk.models import VillageProfile
from siksdesk.paths import AppPaths
from siksdesk.services.backups import backup_if_due, create_backup, split_reason
from siksdesk.services.berita_acara import berita_acara_data
from siksdesk.services.bnba_import import preview_bnba
from siksdesk.services.exports import default_file_name, run_export
from siksdesk.services.reports import build_report, run_report
from siksdesk.services.training import is_training, is_training_database
from training_support import approved_meeting

HEADER = "MODE LATIHAN — data contoh"


def _village(folder: Path, *, training: bool) -> AppContext:
    ctx = open_app(AppPaths(folder).ensure())
    build_demo_village(ctx, people=60)
    if not training:
        with unit_of_work(ctx.sessions, "test") as session:
            session.execute(update(VillageProfile).values(is_demo=False))
    return ctx


@pytest.fixture(scope="module")
def training(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    ctx = _village(tmp_path_factory.mktemp("latihan"), training=True)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    ctx = _village(tmp_path_factory.mktemp("nyata"), training=False)
    yield ctx
    ctx.close()


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_the_flag_comes_from_the_village_profile(training: AppContext, real: AppContext,
                                                 tmp_path: Path) -> None:
    with read_session(training.sessions) as session:
        assert is_training(session)
    with read_session(real.sessions) as session:
        assert not is_training(session)
    assert is_training_database(training.database)
    assert not is_training_database(real.database)
    assert not is_training_database(tmp_path / "none.sqlite3")


def test_xlsx_export_is_marked_and_still_round_trips(training: AppContext, real: AppContext,
                                                     tmp_path: Path) -> None:
    result = run_export(training.sessions, "bnba", tmp_path / "bnba.xlsx")
    assert result.path == tmp_path / "bnba.xlsx"  # the content says it; the name is the user's
    book = openpyxl.load_workbook(result.path)
    assert book.sheetnames[0] == "LATIHAN" and book.active.title == "LATIHAN"
    assert "tidak dapat dikirim" in str(book["LATIHAN"]["B2"].value or book["LATIHAN"]["A2"].value)
    props = book.properties
    assert (props.keywords, props.category) == ("LATIHAN", "LATIHAN")
    assert props.title.startswith("LATIHAN") and "data contoh" in props.subject
    data = book.worksheets[1]
    assert data.sheet_properties.tabColor.rgb.endswith("C00000")
    assert "LATIHAN" in data.oddHeader.center.text
    assert data.max_row == result.rows + 1
    assert is_training_workbook(result.path)

    same = preview_bnba(training.sessions, result.path)  # back into the training village
    assert same.counts["unchanged"] == len(same.rows) == result.rows
    with pytest.raises(ImportRejected) as refused:  # a real village does not take it
        preview_bnba(real.sessions, result.path)
    assert refused.value.problem.code == "FILE_TRAINING_DATA"
    assert "bnba.xlsx" in refused.value.message("id") and "latihan" in refused.value.message()


def test_a_real_villages_files_carry_no_marks(real: AppContext, tmp_path: Path) -> None:
    result = run_export(real.sessions, "bnba", tmp_path / "bnba.xlsx")
    book = openpyxl.load_workbook(result.path)
    assert "LATIHAN" not in book.sheetnames and book.properties.keywords is None
    assert not book.worksheets[0].oddHeader.center.text
    assert not is_training_workbook(result.path)
    assert run_export(real.sessions, "masalah", tmp_path / "m.csv").path == tmp_path / "m.csv"
    with closing(sqlite3.connect(real.database)) as conn:
        run_report(conn, "rekap", tmp_path / "r.pdf")
    assert not any("LATIHAN" in text for text in _pages(tmp_path / "r.pdf"))
    assert "LATIHAN" not in create_backup(real.database, real.paths.backups).file


def test_csv_says_it_in_its_name_and_nowhere_else(training: AppContext, real: AppContext,
                                                  tmp_path: Path) -> None:
    result = run_export(training.sessions, "masalah", tmp_path / "masalah.csv")
    assert result.path == tmp_path / "masalah-LATIHAN.csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["masalah-LATIHAN.csv"]
    plain = run_export(real.sessions, "masalah", tmp_path / "nyata.csv")
    first = result.path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first == plain.path.read_text(encoding="utf-8-sig").splitlines()[0]  # no note row
    again = run_export(training.sessions, "masalah", result.path)  # a marked name stays
    assert again.path == result.path
    assert default_file_name("bnba", "Kedaton", "csv", training=True).endswith("-LATIHAN.csv")
    assert default_file_name("bnba", "Kedaton").count("LATIHAN") == 0
    assert marked_name("Latihan-saya.xlsx") == "Latihan-saya.xlsx"


def test_reports_are_marked_on_every_page(training: AppContext, tmp_path: Path) -> None:
    with training.reader.snapshot() as conn:
        run_report(conn, "rekap", tmp_path / "rekap.pdf")
        run_report(conn, "programme", tmp_path / "program.xlsx")
        report = build_report(conn, "rekap")
    pages = _pages(tmp_path / "rekap.pdf")
    assert pages and all(HEADER in text and text.count("LATIHAN") >= 2 for text in pages)
    metadata: Any = PdfReader(tmp_path / "rekap.pdf").metadata
    assert metadata.get("/Keywords") == "LATIHAN" and metadata.title.startswith("LATIHAN")
    book = openpyxl.load_workbook(tmp_path / "program.xlsx")
    assert book.sheetnames[0] == "LATIHAN" and book.active.title == "LATIHAN"
    assert all("LATIHAN" in sheet.oddHeader.center.text for sheet in book.worksheets)
    assert report.training and HEADER in report_html(report)


def test_musdes_documents_are_marked_on_every_page(tmp_path: Path) -> None:
    from musdes_village import ruta_ids, village
    from training_support import set_profile

    with village(tmp_path / "desa") as factory:
        set_profile(factory, training=True)
        _proposal, meeting = approved_meeting(factory, ruta_ids(factory)[0])
        with read_session(factory) as session:
            data = berita_acara_data(session, meeting)
    assert data.village.training
    for path in (write_berita_acara(data, tmp_path / "ba.pdf"),
                 write_attendance_sheet(data, tmp_path / "hadir.pdf")):
        pages = _pages(path)
        assert pages and all(HEADER in text for text in pages), path.name
        assert PdfReader(path).metadata.get("/Keywords") == "LATIHAN"  # type: ignore[union-attr]


def test_backups_say_so_in_name_and_manifest(training: AppContext, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    entry = create_backup(training.database, backups, reason="manual")
    assert entry.reason == "manual-latihan" and entry.kind == "manual"
    assert entry.file.endswith("-manual-latihan.sqlite3")
    [listed] = load_manifest(backups)
    assert listed.reason == "manual-latihan"
    assert split_reason(listed.reason) == ("manual", True)
    assert split_reason("daily") == ("daily", False)
    daily = backup_if_due(training.database, backups)
    assert daily is not None and daily.kind == "daily" and daily.reason == "daily-latihan"
    assert backup_if_due(training.database, backups) is None  # rotation still sees a daily copy


def test_the_usb_backup_is_named_latihan(training: AppContext, tmp_path: Path) -> None:
    from siksdesk.services.backups import write_encrypted_backup

    stick = tmp_path / "usb"
    stick.mkdir()
    written = write_encrypted_backup(training.database, training.paths.home, stick,
                                     "frasa sandi latihan yang panjang")
    assert written.path.name.startswith("siksdesk-cadangan-LATIHAN-")
