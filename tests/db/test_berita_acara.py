"""The Berita Acara, the SPTJM and the attendance sheet of a finalised meeting, read back with
pypdf: what the village signs must say what was decided."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from accounts_support import (
    APPROVER,
    add_approver,
    fast_hashes,  # noqa: F401  (a fixture)
)
from musdes_village import PASSWORD, load, ruta_ids, ruta_uuid, village, with_member
from siksdesk.db.session import unit_of_work
from siksdesk.domain.musdes import AttendeeRole, Decision
from siksdesk.io.berita_acara import write_attendance_sheet, write_berita_acara, write_sptjm
from siksdesk.models import Keluarga, Ruta, VillageProfile
from siksdesk.services import musdes
from siksdesk.services.berita_acara import (
    BeritaAcaraError,
    berita_acara_data,
    indonesian_date,
)
from siksdesk.services.household_edit import save_household
from siksdesk.services.programmes import propose_replacement, set_beneficiaries, set_programme
from siksdesk.services.proposals import list_proposals, mark_ready

UNICODE_NAME = "Ŝiti Nur’aini Đặng"
HELD_ON = date(2026, 11, 23)  # a Monday


pytestmark = pytest.mark.usefixtures("fast_hashes")

@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    with village(tmp_path) as made:
        add_approver(made, PASSWORD)
        with unit_of_work(made, "op") as session:
            session.add(VillageProfile(kode_desa="3522012001", nama_desa="Sukamaju",
                                       nama_kecamatan="Sumberrejo", nama_kabupaten="Bojonegoro",
                                       nama_provinsi="Jawa Timur", kode_bps="3522010001"))
            for n, ruta in enumerate(session.scalars(select(Ruta).order_by(Ruta.no_urut)), 1):
                ruta.idbdt = f"35220100{n:04d}"
        yield made


def _proposals(factory: sessionmaker[Session]) -> dict[str, int]:
    """Household 1: the head renamed, the wife died; household 2: the wife renamed (with a
    Unicode name); PKH: household 1 leaves, household 3 enters."""
    first, second, third = ruta_ids(factory)
    save_household(factory, with_member(load(factory, first), 0, nama="Kepala Satu Baru"),
                   author="op")
    save_household(factory, with_member(load(factory, first), 1, values={"keberadaan": 2}),
                   author="op")
    save_household(factory, with_member(load(factory, second), 1, nama=UNICODE_NAME),
                   author="op")
    set_programme(factory, "PKH", quota=2, name="Program Keluarga Harapan", author="op")
    set_beneficiaries(factory, "PKH", [ruta_uuid(factory, first)], author="op")
    propose_replacement(factory, "PKH", author="op", exit_ruta=ruta_uuid(factory, first),
                        exit_reason="mampu", entry_ruta=ruta_uuid(factory, third))
    with factory() as session:
        rows = list_proposals(session)
    mark_ready(factory, [r.id for r in rows], author="op")
    one, two = ruta_uuid(factory, first), ruta_uuid(factory, second)
    by = {(r.ruta_uuid, r.kind): r.id for r in rows}
    return {"rename_head": by[one, "correction"], "deceased": by[one, "deactivate"],
            "rename_wife": by[two, "correction"]}


def _musdes(factory: sessionmaker[Session], *, finalise: bool = True) -> int:
    ids = _proposals(factory)
    meeting = musdes.create_meeting(factory, author="op", held_on=HELD_ON, place="Balai Desa",
                                    agenda="Usulan pemutakhiran DTKS", chair="Bapak Kades",
                                    note_taker="Sekretaris Desa")
    for name, role, title in (("Bu Ketua", AttendeeRole.BPD, "Ketua BPD"),
                              ("Pak RT Satu", AttendeeRole.RT_RW, "RT 001"),
                              ("Ustaz Ahmad", AttendeeRole.TOKOH_AGAMA, "")):
        musdes.add_attendee(factory, meeting.id, author="op", name=name, role=role,
                            title=title)
    musdes.decide(factory, meeting.id, ids["rename_head"], Decision.SETUJU, author="op",
                  note="sesuai KTP")
    musdes.decide(factory, meeting.id, ids["deceased"], Decision.SETUJU, author="op")
    musdes.decide(factory, meeting.id, ids["rename_wife"], Decision.TUNDA, author="op",
                  note="menunggu KTP")
    musdes.decide_replacements(factory, meeting.id, "PKH", Decision.SETUJU, author="op")
    if finalise:
        musdes.finalise(factory, meeting.id, APPROVER, PASSWORD, author="op")
    return meeting.id


def _text(path: Path) -> str:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_indonesian_dates_do_not_depend_on_the_locale() -> None:
    assert indonesian_date(date(2026, 11, 23)) == "Senin, 23 November 2026"
    assert indonesian_date(date(2026, 8, 16), with_day=False) == "16 Agustus 2026"


def test_the_berita_acara_says_what_was_decided(factory: sessionmaker[Session],
                                                tmp_path: Path) -> None:
    meeting_id = _musdes(factory)
    with factory() as session:
        data = berita_acara_data(session, meeting_id)
        sha = musdes.load_meeting(session, meeting_id).decided_set_sha256
        no_kk = session.scalars(select(Keluarga.no_kk).order_by(Keluarga.id)).first()
    target = write_berita_acara(data, tmp_path / "ba.pdf")
    reader = PdfReader(target)
    pages = len(reader.pages)
    text = _text(target)
    flat = _flat(text)
    assert "BERITA ACARA MUSYAWARAH DESA" in text
    assert "Sukamaju" in text and "3522012001" in text and "Bojonegoro" in text
    assert "Senin, 23 November 2026" in flat and "Balai Desa" in text
    for attendee in ("Bu Ketua", "Pak RT Satu", "Ustaz Ahmad", "Sekretaris Desa"):
        assert attendee in text
    # the decisions: head's name, numbers, before → after, decision words
    assert "Kepala Satu Baru" in flat and "Kepala 1 → Kepala Satu Baru" in flat
    assert f"No. KK: {no_kk}" in flat and "IDBDT: 352201000001" in flat
    assert "Keberadaan" in flat and "→ 2 – Meninggal" in flat
    assert f"Istri 2 → {UNICODE_NAME}" in flat
    assert "Setuju" in text and "Ditunda" in text
    # the replacement pair with its programme, the leaving reason
    assert "PKH — Program Keluarga Harapan" in flat
    assert "Keluar: Kepala Satu Baru" in flat and "Masuk: Kepala 3" in flat
    assert "Alasan: Sudah mampu" in flat
    # totals: 1 correction + 1 deactivation + 1 replacement approved, 1 correction deferred
    assert "Perbaikan data 1 0 1 2" in flat and "Penonaktifan 1 0 0 1" in flat
    assert "Penggantian penerima program 1 0 0 1" in flat
    assert "Jumlah 3 0 1 4" in flat
    # signatures, annex, footer on every page
    assert "Ketua BPD" in text and "Kepala Desa Sukamaju" in text and "Saksi 1" in text
    annex = _flat(reader.pages[-1].extract_text())
    assert "LAMPIRAN: DAFTAR BNBA" in annex and reader.pages[-1].mediabox.width > 800
    assert f"3522014102720004 {UNICODE_NAME} Istri/suami Perempuan 12-04-1978" in annex
    assert "3522010505650005 Kepala 3" in annex  # the entering household, too
    assert sha is not None and flat.count(f"Sidik data: SHA-256 {sha}") == pages
    assert f"Halaman {pages} dari {pages}" in flat
    assert "DRAF" not in text
    assert not list(tmp_path.glob("*.part"))  # written atomically, no temp left


def test_the_sptjm_is_marked_as_such_and_has_no_attendance(factory: sessionmaker[Session],
                                                            tmp_path: Path) -> None:
    ids = _proposals(factory)
    sptjm = musdes.create_sptjm(factory, author="op", held_on=HELD_ON, chair="Bapak Kades",
                                statement="Saya menyatakan bertanggung jawab penuh atas data.")
    musdes.decide(factory, sptjm.id, ids["rename_head"], Decision.TOLAK, author="op")
    musdes.finalise(factory, sptjm.id, APPROVER, PASSWORD, author="op")
    with factory() as session:
        data = berita_acara_data(session, sptjm.id)
    flat = _flat(_text(write_sptjm(data, tmp_path / "sptjm.pdf")))
    assert "SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK" in flat
    assert "tanpa Musyawarah Desa" in flat
    assert "Saya menyatakan bertanggung jawab penuh atas data." in flat
    assert "Daftar hadir" not in flat and "BERITA ACARA" not in flat
    assert "Ditolak" in flat and "Meterai" in flat
    # write_berita_acara on an SPTJM's data writes the SPTJM; the attendance sheet is refused
    assert "SURAT PERNYATAAN" in _text(write_berita_acara(data, tmp_path / "b.pdf"))
    with pytest.raises(ValueError, match="attendance"):
        write_attendance_sheet(data, tmp_path / "hadir.pdf")


def test_the_attendance_sheet_lists_people_and_empty_rows(factory: sessionmaker[Session],
                                                           tmp_path: Path) -> None:
    meeting_id = _musdes(factory, finalise=False)
    with factory() as session:
        data = berita_acara_data(session, meeting_id, allow_draft=True)
    flat = _flat(_text(write_attendance_sheet(data, tmp_path / "hadir.pdf", blank_rows=5)))
    assert "DAFTAR HADIR MUSYAWARAH DESA" in flat and "Senin, 23 November 2026" in flat
    assert "Bu Ketua Ketua BPD / BPD" in flat and "Ustaz Ahmad" in flat
    assert "8. ........" in flat and "9. ..." not in flat  # 3 attendees + 5 empty rows
    assert "Tanda tangan" in flat and "Sidik data" not in flat


def test_an_open_meeting_is_refused_or_printed_as_a_draft(factory: sessionmaker[Session],
                                                          tmp_path: Path) -> None:
    meeting_id = _musdes(factory, finalise=False)
    with factory() as session, pytest.raises(BeritaAcaraError) as error:
        berita_acara_data(session, meeting_id)
    assert error.value.code == "BA_NOT_FINALISED"
    assert "belum difinalisasi" in error.value.message()
    with factory() as session:
        data = berita_acara_data(session, meeting_id, allow_draft=True)
    assert not data.final
    flat = _flat(_text(write_berita_acara(data, tmp_path / "draf.pdf")))
    assert "DRAF — belum final" in flat and "Sidik data (draf)" in flat


def _text_heights(page: PageObject) -> list[float]:
    """Heights (pt from the bottom) of the page's text, the footer left out."""
    heights: list[float] = []

    def visit(text: str, _cm: object, tm: list[float], _font: object, _size: object) -> None:
        if text.strip() and "Sidik data" not in text and "Halaman" not in text:
            heights.append(tm[5])

    page.extract_text(visitor_text=visit)
    return heights


def test_long_meetings_repeat_table_headers_and_stay_on_the_page(
        factory: sessionmaker[Session], tmp_path: Path) -> None:
    meeting_id = _musdes(factory)
    with factory() as session:
        data = berita_acara_data(session, meeting_id)
    many = tuple(dataclasses.replace(d, no=n, changes=d.changes * 90, note="catatan " * 60)
                 for n, d in enumerate(data.decisions * 4, 1))
    big = dataclasses.replace(data, decisions=many)
    reader = PdfReader(write_berita_acara(big, tmp_path / "big.pdf"))
    decision_pages = [t for p in reader.pages if "• Nama" in (t := p.extract_text() or "")]
    assert len(decision_pages) >= 6  # rows taller than a page continue on the next
    assert all("Usulan dan perubahan data" in t for t in decision_pages)  # header repeated
    assert sum(t.count("• Nama: Kepala 1 → Kepala Satu Baru") for t in decision_pages) == 4 * 90
    bottom = 21 * 72 / 25.4 - 2  # the bottom margin, where the footer begins (pt)
    for page in reader.pages:  # no text runs into the footer or off the page
        heights = _text_heights(page)
        assert heights and all(bottom < y < float(page.mediabox.height) for y in heights)
