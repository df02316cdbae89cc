"""``siksdesk audit verify``: exit 0 on an intact chain, 1 naming the first tampered entry."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from siksdesk.app import open_app
from siksdesk.cli import main
from siksdesk.db.session import unit_of_work
from siksdesk.models import Art, Keluarga, Ruta
from siksdesk.paths import default_paths


@pytest.fixture
def village(tmp_home: Path) -> Path:
    ctx = open_app(default_paths())
    try:
        for no in (1, 2):
            with unit_of_work(ctx.sessions, "op") as session:
                ruta = Ruta(no_urut=no, alamat="Dsn. Krajan", dusun="Krajan", rt="001")
                family = Keluarga(no_urut=1, no_kk=f"352201230415000{no}")
                family.anggota.append(Art(no_urut=1, nama=f"Warga {no}", temp_id=f"SMT-AAAAAAA{no}",
                                          jenis_kelamin=1,
                                          hubungan_krt=1))
                ruta.keluarga.append(family)
                session.add(ruta)
        with unit_of_work(ctx.sessions, "op") as session:
            session.scalars(select(Art).where(Art.nama == "Warga 1")).one().nama = "Warga Satu"
    finally:
        ctx.close()
    return ctx.database


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_intact_chain(village: Path) -> None:
    status, text = _run("audit", "verify")
    assert status == 0 and "Rantai audit utuh: 3 catatan, 7 baris" in text
    status, text = _run("audit", "verify", "--json", "--lang", "en")
    report = json.loads(text)
    assert status == 0 and report["ok"] and report["problem"] is None
    assert (report["entries"], report["changes"], len(report["head"])) == (3, 7, 64)


def test_tampered_change_row_exits_1_naming_the_entry(village: Path) -> None:
    with sqlite3.connect(village, isolation_level=None) as conn:
        conn.execute("DROP TRIGGER change_log_no_update")
        conn.execute("UPDATE change_log SET after = replace(after, 'Satu', 'Dua') "
                     "WHERE action = 'update'")
    status, text = _run("audit", "verify", "--lang", "en")
    assert status == 1
    assert "BROKEN after 2 good entries" in text and "audit entry no. 3" in text
    status, text = _run("audit", "verify", "--json")
    problem = json.loads(text)["problem"]
    assert status == 1 and (problem["code"], problem["entry"]) == ("CHANGES_EDITED", 3)
    assert "catatan audit no. 3" in problem["message"]
