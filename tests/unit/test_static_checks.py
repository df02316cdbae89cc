"""House rule 12 as a test: ruff clean everywhere, mypy --strict clean outside ui/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)


def test_ruff_is_clean() -> None:
    result = run("ruff", "check", "src", "tests", "bench", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_outside_ui() -> None:
    result = run("mypy", "src/siksdesk", "--exclude", "src/siksdesk/ui/")
    assert result.returncode == 0, result.stdout + result.stderr
