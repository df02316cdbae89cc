"""``siksdesk duplicates``: text and JSON output, thresholds, exit statuses."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from siksdesk.app import open_app
from siksdesk.cli import main
from siksdesk.db.session import unit_of_work
from siksdesk.models import Art, Keluarga, Ruta
from siksdesk.paths import default_paths

SITI_NIK = "3522015708800002"


@pytest.fixture
def village(tmp_home: Path) -> Path:
    """Siti Aminah registered twice (once with a NIK, once as "Hj. S. Aminah" without), and an
    unrelated man."""
    ctx = open_app(default_paths())
    try:
        with unit_of_work(ctx.sessions, "setup") as session:
            for no, (nama, nik, sex, born) in enumerate([
                ("Siti Aminah", SITI_NIK, 2, date(1980, 8, 17)),
                ("Hj. S. Aminah", None, 2, date(1980, 8, 17)),
                ("Sutrisno", "3522011204800001", 1, date(1980, 4, 12)),
            ], 1):
                ruta = Ruta(no_urut=no, alamat="Dsn. Krajan", dusun="Krajan", rt=f"00{no}")
                family = Keluarga(no_urut=1, no_kk=f"352201230415000{no}")
                family.anggota.append(Art(no_urut=1, nama=nama, nik=nik,
                                          temp_id=None if nik else "SMT-AAAAAAAA",
                                          jenis_kelamin=sex, tanggal_lahir=born,
                                          nama_ibu_kandung="Sumini", hubungan_krt=1))
                ruta.keluarga.append(family)
                session.add(ruta)
    finally:
        ctx.close()
    return ctx.database


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def test_text_output_lists_the_pair_with_masked_nik(village: Path) -> None:
    status, text = _run("duplicates")
    assert status == 0
    assert "Kemungkinan ganda: 1 dari 1 pasang" in text
    assert "Siti Aminah" in text and "Hj. S. Aminah" in text and "Sutrisno" not in text
    assert SITI_NIK not in text and "352201********02" in text
    assert "+ Tanggal lahir sama" in text and "tanpa NIK" in text


def test_json_output_shape(village: Path) -> None:
    status, text = _run("duplicates", "--json", "--lang", "en")
    assert status == 0
    payload = json.loads(text)
    assert (payload["people"], payload["min_score"], payload["total"]) == (3, 50, 1)
    pair = payload["pairs"][0]
    assert set(pair) == {"score", "same_nik", "reasons", "a", "b"}
    assert pair["score"] >= 80 and pair["same_nik"] is False
    assert {"code": "DUP_BIRTH_SAME", "points": 30, "message": "Same birth date"} in \
        pair["reasons"]
    people = {pair["a"]["nama"]: pair["a"], pair["b"]["nama"]: pair["b"]}
    siti = people["Siti Aminah"]
    assert (siti["nik"], siti["nik_masked"], siti["tanggal_lahir"], siti["jenis_kelamin"]) == (
        SITI_NIK, "352201********02", "1980-08-17", "P")
    assert people["Hj. S. Aminah"]["nik"] is None
    assert pair["a"]["uuid"] < pair["b"]["uuid"]


def test_threshold_and_limit(village: Path) -> None:
    status, text = _run("duplicates", "--min-score", "100")
    assert status == 0 and "Tidak ada kemungkinan ganda" in text
    status, text = _run("duplicates", "--json", "--min-score", "0", "--limit", "1")
    payload = json.loads(text)
    assert status == 0 and len(payload["pairs"]) == 1 and payload["total"] == 3


@pytest.mark.parametrize("argv", [("--min-score", "101"), ("--limit", "-1"),
                                  ("--min-score", "x")])
def test_usage_errors_exit_two(village: Path, argv: tuple[str, ...]) -> None:
    status, _ = _run("duplicates", *argv)
    assert status == 2


def test_real_command_line(village: Path, tmp_home: Path) -> None:
    env = {**os.environ, "SIKSDESK_HOME": str(tmp_home), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "siksdesk", "duplicates", "--lang", "en"],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "Possible duplicates: 1 of 1 pairs" in result.stdout
    assert "Same birth date" in result.stdout
