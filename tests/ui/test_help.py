"""The guide window, F1, the keyboard-shortcut sheet and the catalogue tooltips, on the real
desk (main window + household editor) of a small village."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from main_screens import unmarked_texts
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from siksdesk.app import AppContext
from siksdesk.domain.variables import Entity, VarType, all_variables, variable
from siksdesk.ui.desk import Desk
from siksdesk.ui.editor.catalogue_form import CatalogueForm
from siksdesk.ui.editor.family_table import MEMBER_COLUMNS
from siksdesk.ui.help_content import CATALOGUE_CHAPTER, HELP_DIR
from siksdesk.ui.help_view import HelpController, HelpWindow, show_help
from siksdesk.ui.household_rows import COLUMNS
from siksdesk.ui.launch import open_desk, open_main_window
from siksdesk.ui.musdes_wizard import MusdesWizard
from siksdesk.ui.pseudo import MarkerTranslator
from siksdesk.ui.shortcut_sheet import collect_shortcuts, key_text, plain, sheet_markdown
from siksdesk.ui.tasks import SyncTaskRunner


@pytest.fixture
def desk(qtbot: QtBot, village_ctx: AppContext) -> Iterator[Desk]:
    runner = SyncTaskRunner()
    window = open_main_window(village_ctx, runner, lang="en", log_path=None)
    qtbot.addWidget(window)
    opened = open_desk(window, village_ctx, runner, lang="en", log_path=None, location=None)
    qtbot.addWidget(opened.editor)
    yield opened
    for guide in window.findChildren(HelpWindow):
        guide.close()


@pytest.fixture
def helper(desk: Desk) -> HelpController:
    return desk.help  # installed by the desk itself


def _active(qtbot: QtBot, widget: QWidget) -> None:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def _guide(desk: Desk) -> HelpWindow:
    found = desk.window.findChildren(HelpWindow)
    assert len(found) == 1
    return found[0]


def test_f1_in_the_main_window_opens_the_guide(qtbot: QtBot, desk: Desk,
                                               helper: HelpController) -> None:
    assert helper.guide_action in desk.window.help_menu.actions()
    assert helper.shortcuts_action in desk.window.help_menu.actions()
    _active(qtbot, desk.window)
    qtbot.keyClick(desk.window.focusWidget() or desk.window, Qt.Key.Key_F1)
    guide = _guide(desk)
    assert guide.isVisible() and guide.current is not None
    assert guide.current.key == guide.chapters[0].key
    helper.shortcuts_action.trigger()
    assert _guide(desk).current.key == "pintasan"  # the same window, another chapter


EDITOR_FIELDS = (("jenis_lantai", CATALOGUE_CHAPTER, "jenis_lantai"),
                 ("hasil_verivali", CATALOGUE_CHAPTER, "hasil_verivali"),
                 ("nik", "nik", "nik"),
                 ("alamat", "mengenal", "editor"))


def test_f1_in_the_editor_explains_the_field_with_the_cursor(
        qtbot: QtBot, desk: Desk, helper: HelpController) -> None:
    desk.open_household(desk.window.model.row_at(0).id)
    _active(qtbot, desk.editor)
    for field, chapter, anchor in EDITOR_FIELDS:
        assert desk.editor.open_field(field)
        qtbot.waitUntil(lambda: desk.editor.focusWidget() is not None)
        qtbot.keyClick(desk.editor.focusWidget(), Qt.Key.Key_F1)
        guide = _guide(desk)
        assert guide.current is not None and guide.current.key == chapter, field
        top = guide.browser.cursorForPosition(guide.browser.viewport().rect().topLeft())
        titles = {h.anchor: h.text for h in guide.current.headings}
        bar = guide.browser.verticalScrollBar()
        assert top.block().text() == titles[anchor] or bar.value() == bar.maximum(), field
        _active(qtbot, desk.editor)


def test_links_between_chapters_are_followed(qtbot: QtBot) -> None:
    guide = show_help(None, "en", "kirim")
    qtbot.addWidget(guide)
    guide.browser.anchorClicked.emit(QUrl("help:nik#no-kk"))
    assert guide.current is not None and guide.current.key == "nik"
    assert guide.browser.verticalScrollBar().value() > 0


def test_search_filters_the_chapters_and_marks_the_words(qtbot: QtBot) -> None:
    guide = show_help(None, "en", "mengenal")
    qtbot.addWidget(guide)
    guide.search.setText("tanda terima")  # Indonesian words: the guide is shown in English
    assert guide.visible_chapters() == []
    assert guide.found.text() == "Not found."
    guide.search.setText("receipt")
    shown = guide.visible_chapters()
    assert "kirim" in shown and "nik" not in shown and "isian" not in shown
    assert guide.current is not None and guide.current.key in shown
    assert guide.browser.extraSelections()
    guide.search.clear()
    assert len(guide.visible_chapters()) == len(guide.chapters)
    assert guide.found.isHidden()


def test_the_indonesian_guide_is_shown_for_indonesian(qtbot: QtBot) -> None:
    guide = show_help(None, "id", "nik", "no-kk")
    qtbot.addWidget(guide)
    assert guide.current is not None and guide.current.title == "Cara membaca NIK dan No. KK"
    assert "Hijau" in guide.browser.toPlainText()


# -- the shortcut sheet ------------------------------------------------------------------------
def _expected(widgets: list[QWidget]) -> set[tuple[str, str]]:
    """(keys, description) of every shortcut, found without the sheet's code."""
    found = set()
    for root in widgets:
        for action in root.findChildren(QAction):
            if key_text(action.shortcuts()):
                found.add((key_text(action.shortcuts()), plain(action.text())
                           or action.toolTip()))
        for button in root.findChildren(QAbstractButton):
            keys = button.shortcut()
            if not keys.isEmpty() and keys != QKeySequence.mnemonic(button.text()):
                found.add((keys.toString(), plain(button.text())))
        for shortcut in root.findChildren(QShortcut):
            found.add((key_text(shortcut.keys()), ""))
    return found


def test_the_sheet_lists_every_shortcut_of_the_desk(desk: Desk, helper: HelpController) -> None:
    sheet = sheet_markdown(helper.entries())
    expected = _expected([desk.window, desk.editor])
    assert len(expected) >= 20
    for keys, description in expected:
        assert re.search(rf"\| {re.escape(keys)} \| {re.escape(description)} \|", sheet), \
            (keys, description)
    for keys in ("Ctrl+S", "Ctrl+Shift+G", "Ctrl+R", "F5", "F1", "Ctrl+F", "Esc"):
        assert f"| {keys} |" in sheet
    assert all(entry.description for entry in helper.entries())
    guide = helper.show("pintasan")
    assert "Ctrl+Shift+G" in guide.browser.toPlainText()

    extra = QAction("Count the &stars", desk.window)  # a shortcut added later is listed too
    extra.setShortcut(QKeySequence("Ctrl+Alt+Z"))
    desk.view_menu.addAction(extra)
    assert any(e.keys == "Ctrl+Alt+Z" and e.description == "Count the stars"
               and e.group == "Menu View" for e in helper.entries())
    assert "Ctrl+Alt+Z" in helper.show("pintasan").browser.toPlainText()


def test_the_sheet_prints_to_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&File")
    for keys, text in (("Ctrl+Shift+N", "&New household"), ("Ctrl+PgDown", "Next")):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(keys))
        menu.addAction(action)
    guide = show_help(window, "en", "pintasan",
                      shortcuts=lambda: collect_shortcuts([("List", window)]))
    assert guide.pdf_button.isVisibleTo(guide)
    path = guide.save_sheet(tmp_path / "pintasan.pdf")
    assert path is not None
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    assert "Ctrl+Shift+N" in text and "New household" in text and "Ctrl+PgDown" in text
    guide.open_at("nik")
    assert not guide.pdf_button.isVisibleTo(guide)


def test_the_musdes_keys_are_in_the_guide(qtbot: QtBot, empty_ctx: AppContext) -> None:
    wizard = MusdesWizard(empty_ctx.sessions, SyncTaskRunner(), "op", "en")
    qtbot.addWidget(wizard)
    keys = {entry.keys for entry in collect_shortcuts([("MusDes", wizard)])}
    assert {"1", "2", "3", "Alt+S", "PgDown", "Ctrl+End", "Del"} <= keys
    for lang in ("id", "en"):
        text = (HELP_DIR / lang / "90-pintasan.md").read_text(encoding="utf-8")
        assert all(f"`{key}`" in text for key in keys), (lang, keys)


# -- tooltips from the catalogue ---------------------------------------------------------------
def test_every_catalogue_variable_has_a_tooltip(desk: Desk) -> None:
    desk.open_household(desk.window.model.row_at(0).id)
    fields = {key: field for form in desk.editor.findChildren(CatalogueForm)
              for key, field in form.fields.items()}
    fields["hasil_verivali"] = desk.editor.header.fields["hasil_verivali"]
    assert set(fields) == {var.key for var in all_variables()}
    for key, field in fields.items():
        tip, var = field.widget.toolTip(), field.var
        assert escape(var.label("en")) in tip and escape(var.help("en")) in tip, key
        assert escape(var.label("id")) in tip or var.label("id") == var.label("en"), key
        if var.vtype is VarType.CODE:
            assert all(escape(code.label("en")) in tip for code in var.codes), key
        if var.yes_no is not None:
            assert f"{var.yes_no.yes} = Yes" in tip, key

    model = desk.window.model  # and the column headers showing catalogue variables
    for number, column in enumerate(COLUMNS):
        tip = model.headerData(number, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if column.key == "hasil_verivali":
            assert "Verification result" in tip and "Household not found" in tip
        else:
            assert tip is None
    members = desk.editor.members.member_model
    tip = members.headerData(MEMBER_COLUMNS.index(("keberadaan", "Presence")),
                             Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert variable(Entity.ART, "keberadaan").help("en") in tip and "Deceased" in tip
    QApplication.processEvents()


def test_every_visible_text_of_the_guide_window_is_translated(qtbot: QtBot,
                                                             qapp: QApplication) -> None:
    """Its own texts go through Qt translation; the chapter list and the content come from
    the guide's files (one per language) and are marked as such."""
    translator = MarkerTranslator(qapp)
    QCoreApplication.installTranslator(translator)
    try:
        guide = show_help(None, "id", "pintasan")
        qtbot.addWidget(guide)
        guide.search.setText("KK")
        assert unmarked_texts(guide) == []
        assert ("HelpWindow", "Save the shortcut sheet as PDF…") in translator.requests
    finally:
        QCoreApplication.removeTranslator(translator)
