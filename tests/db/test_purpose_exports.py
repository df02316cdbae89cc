"""Export purposes on the demo village: a public notice ("pengumuman") never carries a full
NIK/No. KK or any 16-digit number, nor a birth date; the field list masks; "lengkap" writes
exactly what the export wrote before purposes existed."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.io.csv_export import write_csv
from siksdesk.io.table import ExportError
from siksdesk.models import Art
from siksdesk.paths import AppPaths
from siksdesk.services import exports
from siksdesk.services.exports import default_file_name, export_table, run_export
from siksdesk.services.usulan import propose_art_deactivation

demo = pytest.importorskip("siksdesk.demo")
pytest.importorskip(exports.BNBA_MODULE)

SIXTEEN_DIGITS = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")
TEXT_DATE = re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    ctx = open_app(AppPaths(tmp_path_factory.mktemp("purposes")))
    demo.build_demo_village(ctx, people=150)
    with unit_of_work(ctx.sessions, "tester") as session:
        people = session.scalars(select(Art).where(Art.nik.is_not(None)).order_by(Art.id)
                                 .limit(3)).all()
        for person, reason in zip(people, (DeactivationReason.MENINGGAL,
                                           DeactivationReason.PINDAH,
                                           DeactivationReason.MENINGGAL), strict=True):
            propose_art_deactivation(session, person.id, reason, source="operator",
                                     author="tester", note=f"lahir {person.nik}")
    yield ctx
    ctx.close()


def xlsx_rows(path: Path) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "LATIHAN"  # the demo is the training village
    return [[cell.value for cell in row] for row in book.worksheets[1].iter_rows()]


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def assert_public(rows: Sequence[Sequence[object]]) -> None:
    cells = [cell for row in rows for cell in row if cell is not None]
    assert len(rows) > 2 and cells
    for cell in cells:
        assert not isinstance(cell, date | datetime), cell
        text = cell if isinstance(cell, str) else repr(cell)
        assert not SIXTEEN_DIGITS.search(text), "a full 16-digit number in a public list"
        assert not TEXT_DATE.search(text), "a date in a public list"


@pytest.mark.parametrize("what", ["bnba", "usulan"])
def test_public_notice_has_no_full_number_and_no_date(village: AppContext, tmp_path: Path,
                                                      what: str) -> None:
    full = run_export(village.sessions, what, tmp_path / "full.xlsx")
    result = run_export(village.sessions, what, tmp_path / "pub.xlsx", purpose="pengumuman")
    assert result.purpose == "pengumuman" and result.masked
    assert result.rows == full.rows and result.columns < full.columns
    rows = xlsx_rows(result.path)
    assert_public(rows)
    headers = {str(h) for h in rows[0]}
    assert not headers & {"Tgl_lahir", "Nama_ibu_kandung", "Luas_lantai", "Ada_emas",
                          "Dibuat", "Catatan", "No. KK"}
    assert any("*" in str(cell) for row in rows[1:] for cell in row if cell)
    csv_result = run_export(village.sessions, what, tmp_path / "pub.csv", purpose="pengumuman")
    assert_public(csv_rows(csv_result.path))


def test_the_full_list_does_carry_what_the_scan_looks_for(village: AppContext,
                                                          tmp_path: Path) -> None:
    """The scan above can fail: the complete BNBA has full NIKs and birth dates."""
    rows = xlsx_rows(run_export(village.sessions, "bnba", tmp_path / "b.xlsx").path)
    with pytest.raises(AssertionError):
        assert_public(rows)


def test_field_list_masks_and_leaves_out_birth_dates(village: AppContext,
                                                     tmp_path: Path) -> None:
    result = run_export(village.sessions, "bnba", tmp_path / "f.xlsx", purpose="pendataan")
    assert result.masked and result.purpose == "pendataan"
    rows = xlsx_rows(result.path)
    headers = rows[0]
    assert {"Nama", "Alamat", "RT", "Dusun", "NIK", "Nomor_KK"} <= set(headers)
    assert "Tgl_lahir" not in headers and "Nama_ibu_kandung" not in headers
    nik = headers.index("NIK")
    assert all("*" in str(row[nik]) for row in rows[1:] if row[nik])


@pytest.mark.parametrize("what", [kind.key for kind in exports.EXPORT_KINDS])
def test_lengkap_is_byte_for_byte_what_the_export_wrote_before(village: AppContext,
                                                               tmp_path: Path,
                                                               what: str) -> None:
    result = run_export(village.sessions, what, tmp_path / "new.csv", purpose="lengkap")
    assert result.purpose == "lengkap" and not result.masked
    with read_session(village.sessions) as session:
        before = write_csv(export_table(session, what), tmp_path / "before.csv")
        headers = [column.header for column in export_table(session, what).columns]
    assert result.path.read_bytes() == before.path.read_bytes()
    assert csv_rows(result.path)[0] == headers


def test_a_purpose_not_offered_is_refused_before_writing(village: AppContext,
                                                         tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        run_export(village.sessions, "masalah", tmp_path / "m.xlsx", purpose="pengumuman")
    assert caught.value.code == "EXPORT_PURPOSE_NOT_OFFERED"
    assert "pengumuman" in caught.value.message("id")
    assert list(tmp_path.iterdir()) == []


def test_file_names_say_the_purpose() -> None:
    day = date(2026, 11, 24)
    assert default_file_name("usulan", "Kedaton", today=day, purpose="pengumuman") == \
        "Usulan_Kedaton_2026-11-24_publik.xlsx"
    assert default_file_name("bnba", "Kedaton", today=day, purpose="pendataan") == \
        "BNBA_Kedaton_2026-11-24_pendataan.xlsx"
    assert default_file_name("bnba", "Kedaton", today=day) == "BNBA_Kedaton_2026-11-24.xlsx"
