"""BNBA import: dry run, commit, change log, conflicts, cancel, stale previews, profiles."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bnba_files import HEADERS, add_village_profile, household_rows, person, write_xlsx
from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.domain.import_problems import ImportRejected
from siksdesk.models import (
    Art,
    ChangeLog,
    HouseholdIndex,
    ImportBatch,
    Keluarga,
    Ruta,
    VillageProfile,
)
from siksdesk.paths import default_paths
from siksdesk.services.bnba_import import (
    NeedsMapping,
    apply_bnba,
    preview_bnba,
    remember_profile,
)
from siksdesk.services.bnba_types import RowStatus


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = open_app(default_paths({"SIKSDESK_HOME": str(tmp_path / "home")}))
    add_village_profile(context.sessions)
    yield context
    context.close()


def content(ctx: AppContext) -> list[str]:
    """Everything in the database, as SQL text (compares contents, not file bytes)."""
    with sqlite3.connect(ctx.database) as conn:
        return list(conn.iterdump())


def statuses(plan: object) -> list[str]:
    return [row.status.value for row in plan.rows]  # type: ignore[attr-defined]


def test_new_village_list_is_previewed_then_committed(ctx: AppContext, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bnba.xlsx", household_rows())
    before = content(ctx)
    plan = preview_bnba(ctx.sessions, path)
    assert content(ctx) == before  # the dry run writes nothing
    assert statuses(plan) == ["new", "new", "new"] and plan.clean
    result = apply_bnba(ctx.sessions, plan, author="Operator Desa")
    with read_session(ctx.sessions) as s:
        assert s.scalar(select(func.count()).select_from(Ruta)) == 2
        assert s.scalar(select(func.count()).select_from(Keluarga)) == 2
        siti = s.scalars(select(Art).where(Art.nama == "Siti Aminah")).one()
        assert siti.nik == "3522145708820002" and siti.tanggal_lahir == date(1982, 8, 17)
        assert not siti.nik_from_number
        ruta = s.scalars(select(Ruta).where(Ruta.idbdt == "3522142010000002")).one()
        assert ruta.ada_tabung_gas is False and ruta.ada_lemari_es is False  # 2 and 4
        first = s.scalars(select(Ruta).where(Ruta.idbdt == "3522142010000001")).one()
        assert first.ada_tabung_gas is True and first.ada_lemari_es is True  # 1 and 3
        logged = s.scalars(select(ChangeLog.origin).distinct()).all()
        assert logged == ["import"]
        assert s.scalar(select(func.count()).select_from(ChangeLog)) == 2 + 2 + 3
        assert s.scalar(select(func.count()).select_from(HouseholdIndex)) == 2
        batch = s.get(ImportBatch, result.batch_id)
        assert batch is not None and batch.counts["new"] == 3
    again = preview_bnba(ctx.sessions, path)  # what was previewed is what got stored
    assert statuses(again) == ["unchanged"] * 3


def test_update_shows_before_and_after_and_logs_it(ctx: AppContext, tmp_path: Path) -> None:
    apply_bnba(ctx.sessions, preview_bnba(
        ctx.sessions, write_xlsx(tmp_path / "a.xlsx", household_rows())), author="a")
    rows = household_rows()
    rows[2][11] = 3  # Slamet's household now has a refrigerator (3 = Ya)
    rows[1][14] = "Siti Aminah Rahayu"
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "b.xlsx", rows))
    assert statuses(plan) == ["unchanged", "update", "update"]
    changes = {(c.part, c.name): (c.before, c.after) for r in plan.rows for c in r.changes}
    assert changes == {("art", "nama"): ("Siti Aminah", "Siti Aminah Rahayu"),
                       ("ruta", "ada_lemari_es"): (False, True)}
    apply_bnba(ctx.sessions, plan, author="b")
    with read_session(ctx.sessions) as s:
        entry = s.scalars(select(ChangeLog).where(ChangeLog.action == "update",
                                                  ChangeLog.entity == "art")).one()
        assert entry.before == {"nama": "Siti Aminah"} and entry.author == "b"
    assert statuses(preview_bnba(ctx.sessions, tmp_path / "b.xlsx")) == ["unchanged"] * 3


def test_local_unsent_edit_is_a_conflict_and_not_overwritten(ctx: AppContext,
                                                             tmp_path: Path) -> None:
    apply_bnba(ctx.sessions, preview_bnba(
        ctx.sessions, write_xlsx(tmp_path / "a.xlsx", household_rows())), author="a")
    with unit_of_work(ctx.sessions, "Operator") as s:  # an edit, not yet sent
        s.scalars(select(Art).where(Art.nama == "Slamet")).one().nama = "Slamet Riyadi"
    rows = household_rows()
    rows[2][11] = 3
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "b.xlsx", rows))
    assert statuses(plan) == ["unchanged", "unchanged", "conflict"]
    assert plan.rows[2].reason is not None and plan.rows[2].reason.code == "ROW_LOCAL_EDIT"
    assert not plan.clean
    apply_bnba(ctx.sessions, plan, author="b")
    with read_session(ctx.sessions) as s:
        assert s.scalars(select(Art.nama).where(Art.nama.like("Slamet%"))).one() == \
            "Slamet Riyadi"
        assert s.scalars(select(Ruta.ada_lemari_es).where(
            Ruta.idbdt == "3522142010000002")).one() is False


def test_cancel_leaves_the_database_exactly_as_it_was(ctx: AppContext, tmp_path: Path) -> None:
    rows = [person(f"35221420100{n:05d}", f"x{n}", f"Warga {n}", f"35221401017{n:05d}"[:16],
                   kk=f"352214010109{n:04d}") for n in range(1, 4001)]
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "big.xlsx", rows))
    before = content(ctx)
    reports: list[int] = []

    def progress(done: int, _total: int) -> None:
        reports.append(done)

    with pytest.raises(ImportRejected) as caught:
        apply_bnba(ctx.sessions, plan, author="x", progress=progress,
                   cancelled=lambda: len(reports) >= 2)
    assert caught.value.code == "IMPORT_CANCELLED"
    assert content(ctx) == before


def test_stale_preview_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", household_rows())
    first = preview_bnba(ctx.sessions, path)
    apply_bnba(ctx.sessions, preview_bnba(ctx.sessions, path), author="other")
    before = content(ctx)
    with pytest.raises(ImportRejected) as caught:
        apply_bnba(ctx.sessions, first, author="late")
    assert caught.value.code == "FILE_STALE" and content(ctx) == before


def test_numbers_damaged_by_excel(ctx: AppContext, tmp_path: Path) -> None:
    rows = household_rows()
    rows[0][15] = 3522141708800000  # a numeric cell: flagged, stored with the flag
    rows[1][15] = "3.52214E+15"  # scientific text: the row is rejected
    rows[2][12] = 3522140101090002.0  # No. KK as a number
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "n.xlsx", rows))
    assert statuses(plan) == ["new", "rejected", "new"]
    warning = plan.rows[0].problems[0]
    assert warning.code == "CELL_NUMBER_DAMAGED"
    assert "Rusak oleh Excel" in warning.message("id") and "baris 2" in warning.message("id")
    assert "kolom P (NIK)" in warning.message("id")
    assert "rusak oleh Excel" in plan.rows[1].problems[0].message("id")
    apply_bnba(ctx.sessions, plan, author="x")
    with read_session(ctx.sessions) as s:
        budi = s.scalars(select(Art).where(Art.nama == "Budi Santoso")).one()
        assert budi.nik_from_number is True
        assert s.scalars(select(Keluarga.no_kk_from_number).where(
            Keluarga.no_kk == "3522140101090002")).one() is True
        assert s.scalar(select(func.count()).select_from(Art)) == 2


def test_numeric_nik_never_replaces_a_typed_one(ctx: AppContext, tmp_path: Path) -> None:
    apply_bnba(ctx.sessions, preview_bnba(
        ctx.sessions, write_xlsx(tmp_path / "a.xlsx", household_rows())), author="a")
    rows = household_rows()
    rows[0][15] = 3522141708800000
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "b.xlsx", rows))
    assert plan.rows[0].status is RowStatus.UNCHANGED
    assert [p.code for p in plan.rows[0].problems] == ["CELL_NUMBER_KEPT"]


def test_region_codes_bps_and_kemendagri(ctx: AppContext, tmp_path: Path) -> None:
    rows = household_rows()
    for row in rows:  # BPS: kecamatan 3 digits, desa 3 digits (read from numeric cells)
        row[:4] = [35, 22, 140, 5]
    rows[2][:4] = [35, 22, 150, 7]  # another village
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "bps.xlsx", rows))
    assert statuses(plan) == ["new", "new", "rejected"]
    assert plan.rows[2].problems[0].code == "ROW_OTHER_VILLAGE"
    assert plan.kode_bps_learned == "3522140005"
    apply_bnba(ctx.sessions, plan, author="x")
    with read_session(ctx.sessions) as s:
        assert s.scalar(select(VillageProfile.kode_bps)) == "3522140005"
    other = household_rows()
    for row in other:
        row[:4] = ["35", "22", "15", "2001"]
    with pytest.raises(ImportRejected) as caught:
        preview_bnba(ctx.sessions, write_xlsx(tmp_path / "other.xlsx", other))
    assert caught.value.code == "FILE_OTHER_VILLAGE"


def test_headers_with_odd_case_spacing_and_order(ctx: AppContext, tmp_path: Path) -> None:
    headers = [h.upper().replace("_", " ") + "  " for h in HEADERS]
    order = list(reversed(range(len(HEADERS))))
    rows = [[row[i] for i in order] for row in household_rows()]
    plan = preview_bnba(ctx.sessions, write_xlsx(
        tmp_path / "odd.xlsx", rows, [headers[i] for i in order],
        above=[["DAFTAR BNBA DESA KEDATON"], []]))
    assert statuses(plan) == ["new"] * 3 and plan.header.row == 3


def test_regsosek_layout_is_detected(ctx: AppContext, tmp_path: Path) -> None:
    headers = ["KODE_PROVINSI", "KODE_KABUPATEN", "KODE_KECAMATAN", "KODE_DESA", "ID_RUTA",
               "NO_KK", "ID_ART", "NAMA", "NIK", "ADA_LEMARI_ES"]
    rows = [["35", "22", "14", "2010", "R1", "3522140101090001", "A1", "Budi",
             "3522141708800001", 1],
            ["35", "22", "14", "2010", "R1", "3522140101090001", "A2", "Siti",
             "3522145708820002", 2]]
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "regsosek.xlsx", rows, headers))
    assert plan.profile == "regsosek2022" and statuses(plan) == ["new", "new"]
    apply_bnba(ctx.sessions, plan, author="x")
    with read_session(ctx.sessions) as s:  # Regsosek writes 1 = Ya (not 3/4)
        assert s.scalar(select(Ruta.ada_lemari_es)) is True


def test_unknown_header_needs_a_mapping_that_is_remembered(ctx: AppContext,
                                                           tmp_path: Path) -> None:
    headers = ["No Rumah Tangga", "Nama Lengkap", "Nomor Induk", "Kartu Keluarga", "Catatan"]
    rows = [["H1", "Budi", "3522141708800001", "3522140101090001", "x"]]
    path = write_xlsx(tmp_path / "own.xlsx", rows, headers)
    with pytest.raises(NeedsMapping) as caught:
        preview_bnba(ctx.sessions, path)
    match = caught.value.match
    remember_profile(ctx.sessions, match, {0: "idbdt", 1: "nama", 2: "nik", 3: "no_kk"},
                     "Format kecamatan")
    plan = preview_bnba(ctx.sessions, path)
    assert plan.profile == "Format kecamatan" and statuses(plan) == ["new"]


def test_rows_with_problems_name_row_and_column(ctx: AppContext, tmp_path: Path) -> None:
    rows = household_rows()
    rows[0][9] = 9  # Sta_bangunan has no code 9
    rows[1][14] = ""  # no name
    rows[2][18] = "31-02-1970"
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "bad.xlsx", rows))
    assert statuses(plan) == ["rejected"] * 3
    messages = [r.problems[0].message("id") for r in plan.rows]
    assert "baris 2, kolom J (Sta_bangunan)" in messages[0] and "Kode 9" in messages[0]
    assert "baris 3, kolom O (Nama)" in messages[1]
    assert "baris 4, kolom S (Tgl_lahir)" in messages[2]
    assert "row 4, column S (Tgl_lahir)" in plan.rows[2].problems[0].message("en")
