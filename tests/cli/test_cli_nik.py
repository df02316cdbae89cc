"""`siksdesk nik check` through a real subprocess: output, JSON shape, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

VALID_FEMALE = "3522015708450001"  # Bojonegoro prefix, 17-08-45, woman (+40), serial 0001
BAD_MONTH = "3522011713450001"


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIKSDESK_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "siksdesk", *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )


def test_valid_nik_exits_zero_and_decodes(tmp_path: Path) -> None:
    result = run("nik", "check", VALID_FEMALE, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "VALID" in result.stdout
    assert "1945-08-17" in result.stdout
    assert "Bojonegoro" in result.stdout


def test_invalid_nik_exits_one_with_indonesian_message(tmp_path: Path) -> None:
    result = run("nik", "check", VALID_FEMALE, BAD_MONTH, home=tmp_path)
    assert result.returncode == 1
    assert "TIDAK VALID" in result.stdout
    assert "NIK_MONTH" in result.stdout


def test_json_output_shape(tmp_path: Path) -> None:
    result = run("nik", "check", "--json", VALID_FEMALE, "3.52201E+15", "'3522 0157 0845 0001",
                 home=tmp_path)
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert [item["input"] for item in payload] == [
        VALID_FEMALE, "3.52201E+15", "'3522 0157 0845 0001"]
    first, sci, cleaned = payload
    assert first["verdict"] == "valid" and first["problems"] == []
    assert first["decoded"]["birth_date"] == "1945-08-17"
    assert first["decoded"]["sex"] == "P"
    assert first["decoded"]["serial"] == "0001"
    assert sci["verdict"] == "invalid" and sci["decoded"] is None
    assert [p["code"] for p in sci["problems"]] == ["NUM_SCIENTIFIC"]
    assert set(sci["problems"][0]) == {"code", "severity", "field", "message"}
    assert cleaned["nik"] == VALID_FEMALE


def test_english_messages(tmp_path: Path) -> None:
    result = run("nik", "check", "--lang", "en", BAD_MONTH, home=tmp_path)
    assert result.returncode == 1 and "INVALID" in result.stdout


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run("nik", "check", home=tmp_path).returncode == 2
    assert run("nik", "frobnicate", "1", home=tmp_path).returncode == 2
    assert run("--no-such-option", home=tmp_path).returncode == 2


def test_global_options_apply_to_subcommands(tmp_path: Path) -> None:
    result = run("--lang", "en", "nik", "check", BAD_MONTH, home=tmp_path)
    assert "INVALID" in result.stdout and "TIDAK VALID" not in result.stdout
    target = tmp_path / "elsewhere.sqlite3"
    made = run("--db", str(target), "demo", "--people", "30", home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert target.exists()
    assert not (tmp_path / "siksdesk.sqlite3").exists()
