"""Pseudo-localisation: with every string ~40 % longer (and accented) the main screens, at their
default sizes, clip no single-line label, button or table header."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from main_screens import SCREENS, clipped_widgets, each_page, show_screen
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from siksdesk.ui.i18n import install_translator, remove_translator
from siksdesk.ui.pseudo import (
    PSEUDO_ENV,
    PseudoTranslator,
    install_pseudo_translator,
    pseudo_enabled,
    pseudo_text,
)


def _prose(text: str) -> str:
    """What is shown of a string, without placeholders and markup."""
    return re.sub(r"\{[a-z_]+\}|<[^>]+>", "", text)


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[QTranslator]:
    translator = install_pseudo_translator(qapp)
    yield translator
    remove_translator(translator)
    QCoreApplication.processEvents()


@pytest.mark.parametrize("source", [
    "Save", "&File", "siksdesk — Village {name}", "<b>{count}</b> households",
    "Log file: {path}", "Copy &report", "A && B",
])
def test_pseudo_text_stretches_and_keeps_what_code_relies_on(source: str) -> None:
    text = pseudo_text(source)
    assert len(_prose(text)) >= 1.4 * len(_prose(source))
    assert text.startswith("[") and text.endswith("]")
    for kept in ("{name}", "{count}", "{path}", "<b>", "</b>", "&&"):
        assert (kept in source) == (kept in text)
    assert text.count("&") == source.count("&")
    assert text != source and not text.isascii()
    assert pseudo_text("{count}") == "{count}" and pseudo_text("") == ""
    assert text.format(name="X", count=1, path="/p") != ""  # placeholders still format


def test_pseudo_translator_stretches_every_context(pseudo: QTranslator) -> None:
    assert isinstance(pseudo, PseudoTranslator) and not pseudo.isEmpty()
    text = QCoreApplication.translate("MainWindow", "&File")
    assert text == pseudo_text("&File")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == pseudo_text("Cancel")


def test_pseudo_translator_can_stretch_the_indonesian_translation(qapp: QApplication) -> None:
    base = install_translator(qapp, "id")
    assert base is not None
    remove_translator(base)
    indonesian = QTranslator(qapp)
    from siksdesk.ui.i18n import translation_file

    assert indonesian.load(str(translation_file("id")))
    translator = PseudoTranslator(qapp, base=indonesian)
    assert translator.translate("MainWindow", "&File") == pseudo_text("&Berkas")


def test_pseudo_is_selected_by_lang_or_environment(qapp: QApplication,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert pseudo_enabled("pseudo", {}) and not pseudo_enabled("id", {})
    assert pseudo_enabled(None, {PSEUDO_ENV: "1"}) and not pseudo_enabled("en", {PSEUDO_ENV: "0"})
    monkeypatch.setenv(PSEUDO_ENV, "1")
    translator = install_translator(qapp, "en")
    try:
        assert isinstance(translator, PseudoTranslator)
    finally:
        remove_translator(translator)
    monkeypatch.delenv(PSEUDO_ENV)
    translator = install_translator(qapp, "pseudo")
    try:
        assert isinstance(translator, PseudoTranslator)
    finally:
        remove_translator(translator)


@pytest.mark.usefixtures("pseudo")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_no_clipped_text_with_stretched_strings(screen: str,
                                                request: pytest.FixtureRequest) -> None:
    window = show_screen(screen, request)
    found = sorted({f"{page}: {entry}" for page in each_page(window)
                    for entry in clipped_widgets(window)})
    assert found == []


@pytest.mark.usefixtures("pseudo")
def test_the_clipping_check_sees_a_clipped_label(request: pytest.FixtureRequest) -> None:
    from PySide6.QtWidgets import QLabel

    window = show_screen("about", request)
    label = QLabel(QCoreApplication.translate("Test", "A label that cannot fit"), window)
    label.setFixedWidth(40)
    label.show()
    assert any("ļàƀéļ" in entry for entry in clipped_widgets(window))
