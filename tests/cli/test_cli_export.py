"""`siksdesk export WHAT FILE`: written files, JSON, exit statuses 0 / 1 / 2."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from siksdesk.app import open_app
from siksdesk.cli import main
from siksdesk.paths import AppPaths

demo = pytest.importorskip("siksdesk.demo")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ctx = open_app(AppPaths(tmp_path_factory.mktemp("cli-export")))
    demo.build_demo_village(ctx, people=120)
    ctx.close()
    return ctx.database


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "home"
    monkeypatch.setenv("SIKSDESK_HOME", str(folder))
    yield folder
    root = logging.getLogger()  # the command set up file logging into ``folder``
    for handler in [h for h in root.handlers if getattr(h, "_siksdesk", False)]:
        root.removeHandler(handler)
        handler.close()


def cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def test_export_problems_as_json(database: Path, home: Path, tmp_path: Path) -> None:
    target = tmp_path / "masalah.xlsx"
    status, output = cli("export", "masalah", str(target), "--db", str(database), "--json")
    assert status == 0, output
    report = json.loads(output)
    assert report["file"] == str(target) and report["format"] == "xlsx"
    assert report["rows"] > 0 and report["masked"] is False
    assert report["bytes"] == target.stat().st_size
    book = openpyxl.load_workbook(target)  # the demo is the training village: marked LATIHAN
    assert book.sheetnames[0] == "LATIHAN" and book.properties.keywords == "LATIHAN"
    assert book.worksheets[1].max_row == report["rows"] + 1


def test_format_option_overrides_the_suffix_and_masks(database: Path, home: Path,
                                                      tmp_path: Path) -> None:
    target = tmp_path / "masalah.txt"
    status, output = cli("export", "masalah", str(target), "--db", str(database),
                         "--format", "csv", "--mask-nik")
    assert status == 0, output
    assert "disamarkan" in output
    assert not target.exists()  # a training village's CSV says so in its name
    text = target.with_name("masalah-LATIHAN.txt").read_text(encoding="utf-8-sig")
    assert text.startswith("No. urut ruta;")
    assert "********" in text


@pytest.mark.parametrize("args", [("export", "semua", "x.xlsx"), ("export", "masalah", "x.xls"),
                                  ("export", "masalah"), ("export", "usulan", "x.csv",
                                                          "--delimiter", "|")])
def test_usage_errors_exit_2(database: Path, home: Path, tmp_path: Path,
                             args: tuple[str, ...]) -> None:
    status, _ = cli(*args, "--db", str(database))
    assert status == 2
    assert not list(tmp_path.glob("x.*"))


def test_unwritable_target_exits_1_with_a_message(database: Path, home: Path,
                                                  tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "usulan.xlsx"
    status, output = cli("export", "usulan", str(target), "--db", str(database))
    assert status == 1
    assert "tidak ada" in output and "no-such-folder" in output


def test_real_command_line(database: Path, tmp_path: Path) -> None:
    env = {**os.environ, "SIKSDESK_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}
    target = tmp_path / "usulan.csv"
    result = subprocess.run(
        [sys.executable, "-m", "siksdesk", "export", "usulan", str(target), "--db",
         str(database), "--lang", "en"],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote 0 rows to ")
    written = target.with_name("usulan-LATIHAN.csv")  # the demo is the training village
    assert str(written) in result.stdout
    assert written.read_text(encoding="utf-8-sig").startswith("Kind of proposal;")


def test_purpose_option(database: Path, home: Path, tmp_path: Path) -> None:
    full, public = tmp_path / "full.xlsx", tmp_path / "pub.xlsx"
    assert cli("export", "bnba", str(full), "--db", str(database))[0] == 0
    status, output = cli("export", "bnba", str(public), "--db", str(database), "--json",
                         "--purpose", "pengumuman")
    assert status == 0, output
    report = json.loads(output)
    assert report["purpose"] == "pengumuman" and report["masked"] is True
    headers = [cell.value for cell in openpyxl.load_workbook(public).worksheets[1][1]]
    full_headers = [cell.value for cell in openpyxl.load_workbook(full).worksheets[1][1]]
    assert report["columns"] == len(headers) < len(full_headers)
    assert "Tgl_lahir" not in headers and "NIK" in headers


def test_purpose_not_offered_is_a_usage_error(database: Path, home: Path,
                                              tmp_path: Path) -> None:
    status, output = cli("export", "masalah", str(tmp_path / "m.xlsx"), "--db", str(database),
                         "--purpose", "pengumuman")
    assert status == 2 and "pengumuman" in output
    assert not list(tmp_path.glob("m.*"))
