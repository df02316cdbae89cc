"""Shared fixtures (kept minimal: each test package adds its own)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def tmp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """SIKSDESK_HOME pointing at a fresh temporary folder (data, logs and backups go there)."""
    monkeypatch.setenv("SIKSDESK_HOME", str(tmp_path))
    return tmp_path
