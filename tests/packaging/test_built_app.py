"""The built application (packaging/siksdesk.spec → dist/siksdesk/) works without Python: it
starts on a fresh data folder, creates and shows the demo village, exits cleanly, and its
command line checks NIKs and writes files with what the bundle carries.

Builds once per session through ``packaging/build.py --reuse`` (nothing is rebuilt while src/,
the recipe and the installed packages are unchanged); the first build takes one to three
minutes. Linux only: the Windows build is documented in docs/build-windows.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import bundle  # noqa: E402

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform != "linux", reason="the Linux build is tested")]

BUILD_TIMEOUT_S = 1200
START_TIMEOUT_S = 180  # the demo village is built on a worker thread; CI machines are slow
VALID_NIK = "3522015708450001"  # Jawa Timur, Kab. Bojonegoro, Ngraho; 17-08-1945, P
EXIT_ENV = "SIKSDESK_EXIT_AFTER_SHOW"


@pytest.fixture(scope="module")
def app_dir() -> Path:
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--reuse"],
                            cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    assert result.returncode == 0, f"build failed:\n{result.stdout[-3000:]}{result.stderr[-6000:]}"
    folder = ROOT / "dist" / "siksdesk"
    assert (folder / "siksdesk").is_file()
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def frozen_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user's machine: no venv, no PYTHONPATH, a fresh data folder."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "SIKSDESK_", "PYTEST"))}
    return {**env, "SIKSDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **extra}


def run_cli(app_dir: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(app_dir / "siksdesk"), *args], env=frozen_env(home),
                          cwd=home, capture_output=True, text=True, timeout=300)


def log_text(home: Path) -> str:
    log = home / "logs" / "siksdesk.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def wait_for_log(process: subprocess.Popen[str], home: Path, line: str) -> None:
    """Until ``line`` is in the app's log (or the app ends, or START_TIMEOUT_S passes)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while line not in log_text(home):
        if process.poll() is not None:
            pytest.fail(f"the app ended early ({process.returncode}):\n{log_text(home)}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {line!r} after {START_TIMEOUT_S} s:\n{log_text(home)}")
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.2)  # wakes at once if the app ends meanwhile


@pytest.fixture
def gui(app_dir: Path, home: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen([str(app_dir / "siksdesk")], env=frozen_env(home), cwd=home,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def households(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        return int(conn.execute("SELECT count(*) FROM household_index").fetchone()[0])


def test_a_fresh_data_folder_gets_the_demo_village_and_the_app_exits_cleanly(
        app_dir: Path, home: Path, gui: subprocess.Popen[str]) -> None:
    wait_for_log(gui, home, "demo village build finished")
    gui.send_signal(signal.SIGINT)  # closes the window like Berkas → Keluar
    output, _ = gui.communicate(timeout=60)
    assert gui.returncode == 0, output
    log = log_text(home)
    assert "siksdesk stopped" in log
    assert " ERROR " not in log and "Traceback" not in log, log  # e.g. a missing .qm
    assert "Running upgrade 0004 -> 0005" in log  # alembic ran the bundled scripts
    assert households(home / "siksdesk.sqlite3") == 300
    # Started again, the window lists the village it shows (the benchmark's "shown" line).
    shown = subprocess.run([str(app_dir / "siksdesk")], env=frozen_env(home, **{EXIT_ENV: "1"}),
                           cwd=home, capture_output=True, text=True, timeout=START_TIMEOUT_S)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    listed = re.search(rf"^{EXIT_ENV}: rows=(\d+) total=(\d+)$", shown.stdout, re.MULTILINE)
    assert listed is not None, shown.stdout
    assert int(listed.group(1)) > 0 and int(listed.group(2)) == 300


def test_nik_check_runs_in_the_bundle_with_the_region_names(app_dir: Path, home: Path) -> None:
    result = run_cli(app_dir, home, "nik", "check", VALID_NIK, "--json")
    assert result.returncode == 0, result.stderr
    decoded = json.loads(result.stdout)[0]["decoded"]
    assert (decoded["province_name"], decoded["kabkota_name"]) == ("Jawa Timur",
                                                                   "Kab. Bojonegoro")
    invalid = run_cli(app_dir, home, "nik", "check", "3522019999450001")
    assert invalid.returncode == 1 and "TIDAK VALID" in invalid.stdout


def test_the_command_line_builds_a_village_and_writes_files(app_dir: Path, home: Path) -> None:
    demo = run_cli(app_dir, home, "demo", "--people", "200")
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "200 ART" in demo.stdout
    bnba = home / "bnba.xlsx"
    export = run_cli(app_dir, home, "export", "bnba", str(bnba))
    assert export.returncode == 0, export.stdout + export.stderr
    with zipfile.ZipFile(bnba) as book:
        assert "xl/workbook.xml" in book.namelist()
    if "report" in run_cli(app_dir, home, "--help").stdout:  # the reports of issue 8
        pdf = home / "rekap.pdf"
        report = run_cli(app_dir, home, "report", "rekap", "-o", str(pdf))
        assert report.returncode == 0, report.stdout + report.stderr
        assert pdf.read_bytes().startswith(b"%PDF")  # the bundled DejaVu fonts were found


def test_every_runtime_file_is_in_the_bundle_where_the_code_looks(app_dir: Path) -> None:
    internal = app_dir / "_internal"
    missing = [f"{dest}/{Path(source).name}" for source, dest in bundle.resource_files()
               if not (internal / dest / Path(source).name).is_file()]
    assert not missing
    assert (internal / "siksdesk" / "resources" / "translations" / "siksdesk_id.qm").is_file()
    assert (internal / "siksdesk" / "db" / "migrations" / "versions").is_dir()


def test_what_the_village_app_does_not_need_stays_out(app_dir: Path) -> None:
    internal = app_dir / "_internal"
    for folder in ("starlette", "uvicorn", "psycopg", "psycopg_binary", "pytest", "hypothesis",
                   "PySide6/Qt/translations", "PySide6/Qt/qml"):
        assert not (internal / folder).exists(), folder
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert not (plugins / "platformthemes" / "libqgtk3.so").exists()
    modules = _bundled_modules()
    assert "siksdesk.commands.export" in modules and "siksdesk.demo.generator" in modules
    assert "siksdesk.district.ingest" in modules  # the training village's "Dinas latihan"
    leaked = sorted(name for name in modules
                    if name.split(".")[0] in {"starlette", "uvicorn", "psycopg", "pytest",
                                              "hypothesis", "stdnum"}
                    or name.startswith(bundle.DISTRICT_ONLY))
    assert not leaked
    faker = [name for name in modules if name.startswith("faker.providers.")]
    assert set(faker) <= {"faker.providers.person", "faker.providers.person.id_ID"}, faker
    assert not [p for p in app_dir.rglob("*") if p.is_symlink() and not p.exists()]


def _bundled_modules() -> set[str]:
    """Module names in the bundle's archive, from PyInstaller's table of contents."""
    import ast

    toc = ROOT / "build" / "pyinstaller" / "siksdesk" / "PYZ-00.toc"
    entries = ast.literal_eval(toc.read_text(encoding="utf-8"))
    table = next(part for part in entries if isinstance(part, list))
    return {entry[0] for entry in table}
