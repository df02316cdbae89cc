"""scripts/screenshots.py renders every main screen into a folder (one language)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication
from ui_village import DEMO_AVAILABLE

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"
SCREENS = ("01_list", "02_list_search_problems", "03_worklist", "04_editor_nik_problem",
           "05_editor_housing", "06_editor_invalid_nik", "06b_editor_save_refused",
           "07_settings", "08_about", "09_list_scrolled", "10_no_village",
           "11_demo_cancelled", "12_demo_progress", "13_crash_dialog", "14_import_preview",
           "15_export_dialog", "16_perbaikan_nik", "17_possible_duplicates", "18_usulan",
           "19_musdes_details", "20_musdes_attendees", "21_musdes_agenda", "22_musdes_item",
           "23_musdes_summary", "24_musdes_finalise", "25_musdes_finalised",
           "30_rekap", "30b_rekap_focus", "31_rekap_opens_list", "32_report_dialog",
           "33_report_printed", "34_rekap_empty", "40_help_nik", "41_help_search",
           "42_help_shortcuts", "43_editor_tooltip", "50_sync_enrolment", "51_sync_profile",
           "52_sync_registration", "53_sync_page", "54_sync_catch_up")
MIN_BYTES = 10_000  # a real screen, not an empty grey rectangle


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("siksdesk_screenshots_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(not DEMO_AVAILABLE, reason="the screenshots use the demo village")
def test_screenshots_script_renders_every_screen(qapp: QApplication, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script adds scripts/ for its helpers
    script = _load_script()

    assert script.main([str(tmp_path), "--lang", "id", "--people", "400"]) == 0

    for screen in SCREENS:
        path = tmp_path / f"{screen}_id.png"
        assert path.is_file(), path.name
        assert path.stat().st_size > MIN_BYTES, path.name
    assert len(list(tmp_path.glob("*.png"))) == len(SCREENS)
