"""The Indonesian translation covers every UI string, and the shipped .qm matches the .ts."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from siksdesk.ui.i18n import (
    TRANSLATIONS_DIR,
    install_translator,
    remove_translator,
    translation_file,
)

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = TRANSLATIONS_DIR / "siksdesk_id.ts"
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations  # noqa: E402

Message = tuple[str, str]  # (context, source)


def _messages(ts_file: Path) -> dict[Message, tuple[str | None, str]]:
    """(context, source) -> (translation type attribute, translation text)."""
    root = ET.parse(ts_file).getroot()
    found: dict[Message, tuple[str | None, str]] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = (
                translation.get("type"), translation.text or "")
    return found


def test_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "siksdesk_id.qm"
    update_translations.lrelease(TS_FILE, fresh)
    assert fresh.read_bytes() == translation_file("id").read_bytes(), \
        "run scripts/update_translations.py"


def test_ts_holds_every_ui_string_translated(tmp_path: Path) -> None:
    extracted = tmp_path / "fresh_id.ts"
    update_translations.lupdate(extracted, "id_ID")
    in_code = set(_messages(extracted))
    shipped = _messages(TS_FILE)
    assert in_code - set(shipped) == set(), "new strings: run scripts/update_translations.py"
    assert set(shipped) - in_code == set(), "obsolete strings: run scripts/update_translations.py"
    unfinished = [key for key, (kind, text) in shipped.items() if kind or not text.strip()]
    assert unfinished == []


@pytest.mark.parametrize("pattern", [r"\{[a-z_]+\}", r"<[^>]+>"])
def test_translations_keep_placeholders_and_markup(pattern: str) -> None:
    for (context, source), (_, text) in _messages(TS_FILE).items():
        assert sorted(re.findall(pattern, source)) == sorted(re.findall(pattern, text)), \
            f"{context}: {source!r} → {text!r}"


def test_mnemonics_do_not_clash_in_the_menu_bar() -> None:
    menus = [text for (context, source), (_, text) in _messages(TS_FILE).items()
             if context == "MainWindow" and source in {"&File", "&Help"}]
    keys = [text[text.index("&") + 1].lower() for text in menus]
    assert len(keys) == 2 and len(set(keys)) == 2


def test_update_script_check_mode_passes() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_translations.py"),
                             "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_translator_per_language(qapp: QApplication) -> None:
    assert install_translator(qapp, "en") is None  # English: the source strings
    translator = install_translator(qapp, None)  # default: Indonesian
    assert translator is not None and translator.language() == "id_ID"
    assert qapp.translate("MainWindow", "&File") == "&Berkas"
    remove_translator(translator)
    assert qapp.translate("MainWindow", "&File") == "&File"
