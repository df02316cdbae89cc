"""NIK and No. KK fields and the "how to read this NIK" panel (offscreen, no translator: the UI
words are the English source strings, the problem texts Indonesian from the domain catalogue)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from siksdesk.domain.kk import KkCheck
from siksdesk.domain.nik import NikCheck, Sex
from siksdesk.domain.problems import Verdict
from siksdesk.services.identifiers import DuplicateRef
from siksdesk.ui.id_fields import (
    STATE_EMPTY,
    STATE_INVALID,
    STATE_TEMP,
    STATE_TYPING,
    STATE_VALID,
    STATE_WARNING,
    KkField,
    NikField,
)
from siksdesk.ui.nik_panel import NikPanel

WOMAN = "3522015708450001"  # Jawa Timur, Kab. Bojonegoro, Ngraho; 17-08-1945, female
MAN = "3522011708450001"
BAD_MONTH = "3522011713450001"
UNKNOWN_KABKOTA = "3599015708450001"
KK = "3522012304150003"


@pytest.fixture
def nik_field(qtbot: QtBot) -> NikField:
    field = NikField()
    qtbot.addWidget(field)
    field.show()
    return field


def shown(field: NikField | KkField, widget: QLabel | object) -> bool:
    return bool(widget.isVisibleTo(field))  # type: ignore[attr-defined]


def type_in(qtbot: QtBot, field: NikField | KkField, text: str) -> None:
    qtbot.keyClicks(field.line_edit, text)


def paste(qtbot: QtBot, field: NikField | KkField, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    qtbot.keySequence(field.line_edit, QKeySequence.StandardKey.Paste)


# -- input: digits only ------------------------------------------------------------------------

def test_typed_letters_are_refused_with_a_reason(qtbot: QtBot, nik_field: NikField) -> None:
    type_in(qtbot, nik_field, "35ab")
    assert nik_field.text() == "35"
    assert shown(nik_field, nik_field.hint)
    assert "Karakter ke-3 (“b”) bukan angka" in nik_field.hint.text()
    type_in(qtbot, nik_field, "22")  # the next accepted keystroke clears the reason
    assert nik_field.text() == "3522"
    assert not shown(nik_field, nik_field.hint)


def test_look_alike_digits_are_refused_not_converted(qtbot: QtBot, nik_field: NikField) -> None:
    for foreign in ("３５２２", "٣٥٢٢"):  # full-width, Arabic-Indic
        paste(qtbot, nik_field, foreign)
        assert nik_field.text() == ""
        assert "angka dari huruf lain" in nik_field.hint.text()


@pytest.mark.parametrize("pasted", [
    "'3522 0157.0845-0001",
    "\u00a03522\u200b0157\u20080845\u20130001\ufeff",
    "‘3522-0157-0845-0001",
])
def test_paste_is_cleaned_to_the_digits(qtbot: QtBot, nik_field: NikField, pasted: str) -> None:
    paste(qtbot, nik_field, pasted)
    assert nik_field.value() == WOMAN
    assert nik_field.state() == STATE_VALID
    assert nik_field.line_edit.cursorPosition() == 16


def test_paste_into_the_middle_keeps_the_cursor_after_the_insert(
        qtbot: QtBot, nik_field: NikField) -> None:
    nik_field.set_value("35220001")
    nik_field.line_edit.setCursorPosition(4)
    paste(qtbot, nik_field, " 01.57 08-45 ")
    assert nik_field.value() == WOMAN
    assert nik_field.line_edit.cursorPosition() == 12


def test_more_than_16_digits_and_excel_damage_are_refused(qtbot: QtBot,
                                                          nik_field: NikField) -> None:
    nik_field.set_value(WOMAN)
    type_in(qtbot, nik_field, "7")
    assert nik_field.value() == WOMAN
    assert "16 digit" in nik_field.hint.text()
    nik_field.set_value(None)
    paste(qtbot, nik_field, "3.52202E+15")
    assert nik_field.value() is None
    assert "angka ilmiah" in nik_field.hint.text()


# -- live verdict --------------------------------------------------------------------------------

def test_invalid_nik_shows_red_with_the_indonesian_reason_until_fixed(
        qtbot: QtBot, nik_field: NikField) -> None:
    seen: list[object] = []
    nik_field.checked.connect(seen.append)
    type_in(qtbot, nik_field, BAD_MONTH)
    assert nik_field.state() == STATE_INVALID
    assert nik_field.line_edit.property("state") == STATE_INVALID
    assert nik_field.state_text.text() == "Invalid"  # a word, not colour alone
    assert shown(nik_field, nik_field.explanation)
    assert "Bulan lahir 13 tidak ada" in nik_field.explanation.text()
    assert nik_field.has_errors() and nik_field.blocks_saving()
    assert isinstance(seen[-1], NikCheck) and seen[-1].verdict is Verdict.INVALID
    assert len(seen) >= 16  # one check per keystroke

    nik_field.line_edit.setCursorPosition(10)
    qtbot.keyClick(nik_field.line_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(nik_field.line_edit, Qt.Key.Key_Backspace)
    type_in(qtbot, nik_field, "08")
    assert nik_field.value() == "3522011708450001"
    assert nik_field.state() == STATE_VALID
    assert not shown(nik_field, nik_field.explanation)
    assert not nik_field.has_errors() and not nik_field.blocks_saving()
    assert seen[-1] is nik_field.check() and nik_field.check().verdict is Verdict.VALID


def test_incomplete_number_counts_digits_while_typing_and_is_an_error_after(
        qtbot: QtBot, nik_field: NikField) -> None:
    type_in(qtbot, nik_field, "3522015708")
    assert nik_field.state() == STATE_TYPING
    assert nik_field.state_text.text() == "10 of 16 digits"
    assert not shown(nik_field, nik_field.explanation)
    assert not shown(nik_field, nik_field.keep_box)
    assert nik_field.has_errors()  # the editor must not save it even while typing
    qtbot.keyClick(nik_field.line_edit, Qt.Key.Key_Return)  # editing finished
    assert nik_field.state() == STATE_INVALID
    assert "NIK harus 16 digit, yang diisi 10 digit." in nik_field.explanation.text()


def test_warnings_show_amber_and_do_not_block(nik_field: NikField) -> None:
    nik_field.set_value(UNKNOWN_KABKOTA)
    assert nik_field.state() == STATE_WARNING
    assert nik_field.state_text.text() == "Please check"
    assert "Kode kabupaten/kota 3599" in nik_field.explanation.text()
    assert not nik_field.has_errors()
    assert not shown(nik_field, nik_field.keep_box)


def test_empty_is_neutral(nik_field: NikField) -> None:
    nik_field.set_value(WOMAN)
    nik_field.set_value("")
    assert nik_field.value() is None
    assert nik_field.state() == STATE_EMPTY
    assert not nik_field.has_errors()
    assert not shown(nik_field, nik_field.explanation)


def test_a_damaged_stored_value_is_shown_with_its_reason(qtbot: QtBot,
                                                          nik_field: NikField) -> None:
    nik_field.set_value("3.52201E+15")
    assert nik_field.value() == "3.52201E+15"
    assert nik_field.state() == STATE_INVALID
    assert "angka ilmiah" in nik_field.explanation.text()
    assert not shown(nik_field, nik_field.hint)
    nik_field.line_edit.end(False)
    qtbot.keyClick(nik_field.line_edit, Qt.Key.Key_Backspace)  # the operator may clean it up
    assert nik_field.value() == "3.52201E+1"
    assert not shown(nik_field, nik_field.hint)
    nik_field.line_edit.selectAll()
    type_in(qtbot, nik_field, WOMAN)
    assert nik_field.value() == WOMAN and nik_field.state() == STATE_VALID


def test_record_context_mismatch_appears_and_disappears(nik_field: NikField) -> None:
    nik_field.set_value(WOMAN)
    nik_field.set_record_context(Sex.MALE, None, None)
    assert nik_field.state() == STATE_WARNING
    assert "NIK menunjukkan perempuan" in nik_field.explanation.text()
    assert nik_field.check().verdict is Verdict.WARNING
    assert [p.code for p in nik_field.problems()] == ["NIK_SEX_MISMATCH"]

    nik_field.set_record_context(Sex.FEMALE, date(1945, 8, 17), KK)
    assert nik_field.state() == STATE_VALID
    assert not shown(nik_field, nik_field.explanation)

    nik_field.set_record_context("P", date(1945, 8, 18), WOMAN)
    codes = {p.code for p in nik_field.problems()}
    assert codes == {"NIK_BIRTHDATE_MISMATCH", "NIK_EQUALS_KK"}
    assert "• " in nik_field.explanation.text()  # several problems: a list


def test_record_context_never_hides_an_error(nik_field: NikField) -> None:
    nik_field.set_value(BAD_MONTH)
    nik_field.set_record_context(Sex.FEMALE, date(1945, 8, 17), None)
    assert nik_field.state() == STATE_INVALID
    assert nik_field.explanation.text().index("Bulan") < nik_field.explanation.text().index(
        "NIK menunjukkan")  # errors first


def test_keep_as_warning_checkbox_only_with_errors(qtbot: QtBot, nik_field: NikField) -> None:
    nik_field.set_value(WOMAN)
    assert not shown(nik_field, nik_field.keep_box)
    nik_field.set_value(BAD_MONTH)
    assert shown(nik_field, nik_field.keep_box)
    with qtbot.waitSignal(nik_field.kept_as_warning_changed) as blocker:
        qtbot.mouseClick(nik_field.keep_box, Qt.MouseButton.LeftButton,
                         pos=nik_field.keep_box.rect().bottomLeft() + QPoint(6, -6))
    assert blocker.args == [True]
    assert nik_field.kept_as_warning() and not nik_field.blocks_saving()
    assert nik_field.has_errors()  # still a problem: it stays in the worklist

    qtbot.keyClick(nik_field.line_edit, Qt.Key.Key_Backspace)  # an edit: confirm again
    type_in(qtbot, nik_field, "2")
    assert nik_field.has_errors() and not nik_field.kept_as_warning()
    assert nik_field.blocks_saving()

    nik_field.set_value(WOMAN)
    nik_field.set_kept_as_warning(True)  # nothing to keep
    assert not shown(nik_field, nik_field.keep_box) and not nik_field.kept_as_warning()
    nik_field.set_value(BAD_MONTH)  # the editor loads a value kept earlier
    nik_field.set_kept_as_warning(True)
    assert nik_field.kept_as_warning() and not nik_field.blocks_saving()


# -- duplicates ---------------------------------------------------------------------------------

DUPS = [DuplicateRef(4, 17, "Siti Aminah", 12), DuplicateRef(9, 40, "Siti <A>", None)]


def test_duplicate_links_emit_the_record_to_open(qtbot: QtBot, nik_field: NikField) -> None:
    nik_field.set_value(WOMAN)
    assert nik_field.set_duplicates(DUPS, for_value=WOMAN)
    text = nik_field.duplicates_label.text()
    assert "This NIK is also used by:" in text
    assert "Siti Aminah (household no. 12)" in text
    assert "Siti &lt;A&gt; (household without number)" in text  # names are escaped
    assert nik_field.state() == STATE_WARNING
    assert "NIK ini dipakai 3 kali" in nik_field.explanation.text()
    with qtbot.waitSignal(nik_field.duplicate_activated) as blocker:
        nik_field.duplicates_label.linkActivated.emit("dup:1")
    assert blocker.args == [9, 40]


def test_duplicates_are_dropped_when_the_number_changes(qtbot: QtBot,
                                                        nik_field: NikField) -> None:
    nik_field.set_value(WOMAN)
    nik_field.set_duplicates(DUPS)
    qtbot.keyClick(nik_field.line_edit, Qt.Key.Key_Backspace)
    assert nik_field.duplicates() == []
    assert not shown(nik_field, nik_field.duplicates_label)
    # A look-up answered for a number the field no longer shows is ignored.
    assert not nik_field.set_duplicates(DUPS, for_value=WOMAN)
    assert nik_field.duplicates() == []


def test_kk_field_checks_and_links_families(qtbot: QtBot) -> None:
    field = KkField()
    qtbot.addWidget(field)
    field.show()
    seen: list[object] = []
    field.checked.connect(seen.append)
    field.set_value(KK)
    assert field.state() == STATE_VALID and isinstance(seen[-1], KkCheck)
    field.set_value("3522019999150003")
    assert field.state() == STATE_WARNING and "tanggal pencatatan" in field.explanation.text()
    type_in(qtbot, field, "1")
    assert "No. KK harus 16 digit" in field.hint.text()
    field.set_value("352201230415")
    assert field.state() == STATE_INVALID and field.has_errors()
    field.set_value(KK)
    field.set_duplicates([DuplicateRef(3, 0, "", 5)])
    assert field.state() == STATE_WARNING
    assert "This No. KK is also used by:" in field.duplicates_label.text()
    with qtbot.waitSignal(field.duplicate_activated) as blocker:
        field.duplicates_label.linkActivated.emit("dup:0")
    assert blocker.args == [3, 0]


# -- a member without NIK ----------------------------------------------------------------------

def test_temporary_identifier_mode_and_switching_to_entry(qtbot: QtBot,
                                                          nik_field: NikField) -> None:
    nik_field.set_value(None)
    nik_field.set_temp_id("SMT-3522-000123")
    assert nik_field.is_temp_mode() and nik_field.state() == STATE_TEMP
    assert nik_field.value() is None and not nik_field.has_errors()
    assert "SMT-3522-000123" in nik_field.temp_label.text()
    assert "No NIK yet" in nik_field.temp_label.text()
    assert not shown(nik_field, nik_field.entry_row)

    with qtbot.waitSignal(nik_field.edited):
        qtbot.mouseClick(nik_field.enter_button, Qt.MouseButton.LeftButton)
    assert not nik_field.is_temp_mode() and shown(nik_field, nik_field.entry_row)
    assert shown(nik_field, nik_field.back_button)
    type_in(qtbot, nik_field, WOMAN)
    assert nik_field.value() == WOMAN and nik_field.temp_id() == "SMT-3522-000123"

    qtbot.mouseClick(nik_field.back_button, Qt.MouseButton.LeftButton)
    assert nik_field.is_temp_mode() and nik_field.value() is None


def test_a_member_with_nik_and_old_temp_id_shows_the_nik(nik_field: NikField) -> None:
    nik_field.set_temp_id("SMT-1")
    nik_field.set_value(WOMAN)
    assert not nik_field.is_temp_mode() and nik_field.value() == WOMAN
    nik_field.set_value(None)
    assert nik_field.is_temp_mode()


def test_problem_language_follows_the_lang_parameter(qtbot: QtBot) -> None:
    field = NikField(lang="en")
    qtbot.addWidget(field)
    field.set_value(BAD_MONTH)
    assert field.explanation.text() == "Birth month 13 does not exist (must be 01–12)."


# -- the panel ----------------------------------------------------------------------------------

def panel_text(panel: NikPanel) -> str:
    labels = [panel.digits, panel.message, *panel.code_labels, *panel.value_labels]
    return "\n".join(label.text() for label in labels if label.isVisibleTo(panel))


def test_panel_reads_a_womans_nik(qtbot: QtBot, nik_field: NikField) -> None:
    panel = NikPanel()
    qtbot.addWidget(panel)
    panel.follow(nik_field)
    nik_field.set_value(WOMAN)
    text = panel_text(panel)
    for expected in ("Jawa Timur", "Kab. Bojonegoro", "Ngraho", "17-08-1945",
                     "Day 57 = 17 + 40 → female", "Female", "0001", "570845"):
        assert expected in text


def test_panel_follows_typing_and_marks_unknown_parts(qtbot: QtBot, nik_field: NikField) -> None:
    panel = NikPanel()
    qtbot.addWidget(panel)
    panel.follow(nik_field)
    assert "Type a NIK" in panel_text(panel)
    type_in(qtbot, nik_field, "35")
    assert "Jawa Timur" in panel_text(panel) and "Bojonegoro" not in panel_text(panel)
    type_in(qtbot, nik_field, "2201170845")
    text = panel_text(panel)
    assert "Bojonegoro" in text and "Male" in text and "17-08-1945" in text
    nik_field.set_value("9999017513450000")
    text = panel_text(panel)
    assert text.count("unknown") == 4  # province, regency, district, sex
    assert "not a valid date" in text and "Day 75 is impossible" in text


def test_panel_for_a_member_without_nik(qtbot: QtBot, nik_field: NikField) -> None:
    panel = NikPanel()
    qtbot.addWidget(panel)
    panel.follow(nik_field)
    nik_field.set_temp_id("SMT-9")
    assert "has no NIK yet" in panel_text(panel)


def test_loading_a_value_is_not_an_edit_and_checks_once(qtbot: QtBot,
                                                        nik_field: NikField) -> None:
    edits: list[None] = []
    checks: list[object] = []
    nik_field.edited.connect(lambda: edits.append(None))
    nik_field.checked.connect(checks.append)
    nik_field.set_value(WOMAN)
    assert edits == [] and len(checks) == 1
    qtbot.keyClick(nik_field.line_edit, Qt.Key.Key_Backspace)
    assert edits and nik_field.value() == WOMAN[:15]
