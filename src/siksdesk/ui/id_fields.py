"""NIK and No. KK input fields for the household editor.

Only ASCII digits, at most 16, get into the line edit: a validator cleans typed and pasted text
(spaces, dots, dashes, invisible characters, Excel's leading apostrophe) and refuses anything else
with the domain's explanation — look-alike digits (full-width, Arabic-Indic) are refused, never
converted. Every edit is checked at once (``check_nik`` takes microseconds); the verdict shows as
border colour plus an icon of its own shape plus a word, and the problems in plain Indonesian under
the field. Emptiness is neutral: whether a number is required is the editor's decision.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk.domain.kk import KkCheck, check_kk
from siksdesk.domain.nik import (
    NikCheck,
    Sex,
    check_nik,
    check_nik_against_record,
    duplicate_problem,
)
from siksdesk.domain.problems import Problem, Severity, Verdict, verdict_of
from siksdesk.services.identifiers import DuplicateRef
from siksdesk.ui.id_input import (
    COLOURS,
    MAX_DIGITS,
    STATE_EMPTY,
    STATE_INVALID,
    STATE_TEMP,
    STATE_TYPING,
    STATE_VALID,
    STATE_WARNING,
    DigitsValidator,
    state_pixmap,
)

_STATE_OF_VERDICT = {Verdict.VALID: STATE_VALID, Verdict.WARNING: STATE_WARNING,
                     Verdict.INVALID: STATE_INVALID}
AnyCheck = NikCheck | KkCheck


class IdentifierField(QWidget):
    """Base of :class:`NikField` and :class:`KkField`; subclasses say how to check."""

    checked = Signal(object)  # NikCheck / KkCheck, record cross-checks and duplicates merged in
    duplicate_activated = Signal(int, int)  # ruta_id, art_id (0: that family has no member)
    kept_as_warning_changed = Signal(bool)
    edited = Signal()  # any change made by the user (typing, paste, mode switch, checkbox)

    FIELD = ""
    LENGTH_CODE = ""

    def __init__(self, parent: QWidget | None = None, *, lang: str = "id") -> None:
        super().__init__(parent)
        self.lang = lang
        self._typing = False
        self._loading = False  # set_value() at work: a refusal then is not the user's input
        self._shown_text = ""  # the text as of the last textChanged
        self._duplicates: list[DuplicateRef] = []
        self._duplicates_for: str | None = None
        self._check: AnyCheck = self._run_check(None)
        self._state = STATE_EMPTY
        self._build()
        self._refresh()

    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.line_edit = QLineEdit(self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF()) + 1)
        self.line_edit.setFont(font)
        digits_width = self.line_edit.fontMetrics().horizontalAdvance("0" * MAX_DIGITS)
        self.line_edit.setMinimumWidth(digits_width + 22)
        self.line_edit.setMaximumWidth(digits_width + 60)
        self.line_edit.setPlaceholderText(
            QCoreApplication.translate("IdentifierField", "16 digits"))
        self.validator = DigitsValidator(self.FIELD, self.LENGTH_CODE, self)
        self.line_edit.setValidator(self.validator)
        self.validator.refused.connect(self._on_refused)
        self.line_edit.textChanged.connect(self._on_text_changed)
        self.line_edit.textEdited.connect(self._on_text_edited)
        self.line_edit.editingFinished.connect(self._on_editing_finished)

        self.state_icon = QLabel(self)
        self.state_text = QLabel(self)
        self.entry_row = QWidget(self)
        row = QHBoxLayout(self.entry_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.state_icon)
        row.addWidget(self.state_text)
        row.addStretch(0)

        self.hint = self._wrapped_label()  # why the last input was refused
        self.explanation = self._wrapped_label()
        self.duplicates_label = self._wrapped_label(rich=True)
        self.duplicates_label.linkActivated.connect(self._on_duplicate_link)
        self.keep_box = QCheckBox(QCoreApplication.translate(
            "IdentifierField", "Save anyway (stays flagged as a problem)"), self)
        self.keep_box.toggled.connect(self._on_keep_toggled)
        self.keep_box.clicked.connect(lambda _=False: self.edited.emit())

        self.main_layout = QVBoxLayout(self)
        self.main_layout.setContentsMargins(0, 0, 0, 0)
        self.main_layout.setSpacing(3)
        self.main_layout.addWidget(self.entry_row)
        for widget in (self.hint, self.explanation, self.duplicates_label, self.keep_box):
            self.main_layout.addWidget(widget)
        self.setFocusProxy(self.line_edit)

    def _wrapped_label(self, *, rich: bool = False) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
                                      if rich else Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    # -- what subclasses provide ------------------------------------------------------------
    def _run_check(self, text: str | None) -> AnyCheck:
        raise NotImplementedError

    def _extra_problems(self, check: AnyCheck) -> tuple[Problem, ...]:
        """Problems beyond the number itself (record context, duplicates)."""
        return ()

    def _duplicates_intro(self) -> str:
        raise NotImplementedError

    # -- public API -------------------------------------------------------------------------
    def set_value(self, value: str | None) -> None:
        """Show a stored value (not a user edit: ``edited`` is not emitted). Any text is shown
        as it is, so that a bad stored number stays visible with its explanation."""
        self._typing = False
        self.hint.hide()
        self.keep_box.setChecked(False)
        if self.line_edit.text() == (value or ""):
            self._refresh()  # same text: no textChanged, but the typing state may have ended
            return
        self._loading = True
        try:
            self.line_edit.setText(value or "")  # textChanged refreshes
        finally:
            self._loading = False

    def value(self) -> str | None:
        """The number as shown (digits only unless a bad value was loaded); None when empty."""
        return self.line_edit.text() or None

    def text(self) -> str:
        return self.line_edit.text()

    def check(self) -> AnyCheck:
        """The domain check of the current value, cross-checks and duplicates included."""
        return self._check

    def verdict(self) -> Verdict:
        return self._check.verdict

    def state(self) -> str:
        """What the indicator shows: empty, typing, valid, warning, invalid (or temp)."""
        return self._state

    def problems(self) -> tuple[Problem, ...]:
        return () if self.value() is None else self._check.problems

    def has_errors(self) -> bool:
        """True when a number is filled in and it is invalid (an empty field has no errors)."""
        return self.value() is not None and self._check.verdict is Verdict.INVALID

    def kept_as_warning(self) -> bool:
        return self.has_errors() and self.keep_box.isChecked()

    def set_kept_as_warning(self, kept: bool) -> None:
        """Keep the current invalid value (call after :meth:`set_value`); ignored when valid.
        The choice belongs to one value: any edit or new value clears it."""
        self.keep_box.setChecked(kept and self.has_errors())

    def blocks_saving(self) -> bool:
        """Errors that the operator has not explicitly chosen to keep."""
        return self.has_errors() and not self.keep_box.isChecked()

    def set_duplicates(self, refs: Sequence[DuplicateRef], *,
                       for_value: str | None = None) -> bool:
        """Show other records carrying this number as links. ``for_value``: the number the
        look-up was made for; if the field shows another number by now, the (stale) result is
        ignored and False returned. The list is dropped when the number changes."""
        if for_value is not None and for_value != self.value():
            return False
        self._duplicates = list(refs)
        self._duplicates_for = self.value()
        self._refresh()
        return True

    def duplicates(self) -> list[DuplicateRef]:
        return list(self._duplicates)

    # -- reacting -----------------------------------------------------------------------------
    def _on_refused(self, attempt: str, problems: tuple[Problem, ...]) -> None:
        # The line edit holds the attempt while validating; a re-validation of the text already
        # shown (e.g. a bad stored value on focus-out) is not an input to explain.
        # While a bad stored value is shown (say "3.52201E+15") Qt lets edits through anyway,
        # so there is nothing "not taken" to explain.
        shown = self._shown_text
        shown_is_clean = shown == "" or (shown.isascii() and shown.isdigit())
        if self._loading or attempt == shown or not shown_is_clean:
            return
        lines = [QCoreApplication.translate("IdentifierField", "Not taken:")]
        lines += [problem.message(self.lang) for problem in problems]
        self.hint.setText(" ".join(lines))
        self.hint.setStyleSheet(f"color: {COLOURS[STATE_INVALID][1]};")
        self.hint.show()

    def _on_text_edited(self, _text: str) -> None:
        self._typing = True
        self.keep_box.setChecked(False)  # a changed number has to be confirmed again
        self.edited.emit()

    def _on_text_changed(self, text: str) -> None:
        self._shown_text = text
        self.hint.hide()
        self._refresh()

    def _on_editing_finished(self) -> None:
        if self._typing:
            self._typing = False
            self._refresh()

    def _on_keep_toggled(self, kept: bool) -> None:
        self.kept_as_warning_changed.emit(kept)

    def _on_duplicate_link(self, link: str) -> None:
        if not link.startswith("dup:"):
            return
        index = int(link[4:])
        if 0 <= index < len(self._duplicates):
            ref = self._duplicates[index]
            self.duplicate_activated.emit(ref.ruta_id, ref.art_id)

    # -- the one place that turns the check into what is shown --------------------------------
    def _refresh(self) -> None:
        value = self.value()
        if self._duplicates and self._duplicates_for != value:
            self._duplicates, self._duplicates_for = [], None
        base = self._run_check(value)
        extra = self._extra_problems(base) if value is not None else ()
        if extra:
            problems = base.problems + extra
            verdict = Verdict.INVALID if base.verdict is Verdict.INVALID else verdict_of(problems)
            base = replace(base, problems=problems, verdict=verdict)
        self._check = base
        self._state = self._display_state(value, base)
        self._show_state(value)
        self._show_explanation(value)
        self._show_duplicates()
        self.keep_box.setVisible(self.has_errors() and self._state == STATE_INVALID)
        self.checked.emit(base)

    def _display_state(self, value: str | None, check: AnyCheck) -> str:
        if value is None:
            return STATE_EMPTY
        if self._typing and len(value) < MAX_DIGITS and value.isascii() and value.isdigit():
            return STATE_TYPING
        state = _STATE_OF_VERDICT[check.verdict]
        if state == STATE_VALID and self._duplicates:
            return STATE_WARNING
        return state

    def _state_words(self, value: str | None) -> str:
        if self._state == STATE_TYPING:
            return QCoreApplication.translate("IdentifierField", "{count} of 16 digits").format(
                count=len(value or ""))
        return {
            STATE_EMPTY: QCoreApplication.translate("IdentifierField", "Not filled in"),
            STATE_VALID: QCoreApplication.translate("IdentifierField", "Valid"),
            STATE_WARNING: QCoreApplication.translate("IdentifierField", "Please check"),
            STATE_INVALID: QCoreApplication.translate("IdentifierField", "Invalid"),
        }.get(self._state, "")

    def _show_state(self, value: str | None) -> None:
        border, text_colour = COLOURS[self._state]
        width = 1 if self._state in (STATE_EMPTY, STATE_TYPING) else 2
        padding = 3 if width == 1 else 2
        self.line_edit.setStyleSheet(
            f"QLineEdit {{ border: {width}px solid {border}; border-radius: 3px; "
            f"padding: {padding}px 4px; background: palette(base); }}")
        self.line_edit.setProperty("state", self._state)
        self.state_icon.setPixmap(state_pixmap(self._state, 16, self.devicePixelRatioF()))
        words = self._state_words(value)
        self.state_text.setText(words)
        weight = "normal" if self._state in (STATE_EMPTY, STATE_TYPING) else "bold"
        self.state_text.setStyleSheet(f"color: {text_colour}; font-weight: {weight};")
        self.line_edit.setAccessibleDescription(
            " ".join([words, *(p.message(self.lang) for p in self.problems())]))

    def _show_explanation(self, value: str | None) -> None:
        if value is None or self._state == STATE_TYPING:
            self.explanation.hide()
            return
        problems = sorted(self._check.problems, key=lambda p: p.severity is not Severity.ERROR)
        messages = [p.message(self.lang) for p in problems]
        if not messages:
            self.explanation.hide()
            return
        text = messages[0] if len(messages) == 1 else "\n".join(f"• {m}" for m in messages)
        self.explanation.setText(text)
        self.explanation.show()

    def _show_duplicates(self) -> None:
        if not self._duplicates:
            self.duplicates_label.hide()
            return
        links = ", ".join(f'<a href="dup:{i}" style="white-space: nowrap">'
                          f"{html.escape(_ref_label(ref))}</a>"
                          for i, ref in enumerate(self._duplicates))
        self.duplicates_label.setText(html.escape(self._duplicates_intro()).replace(
            "{links}", links))
        self.duplicates_label.show()


def _ref_label(ref: DuplicateRef) -> str:
    if ref.ruta_no_urut is None:
        where = QCoreApplication.translate("IdentifierField", "household without number")
    else:
        where = QCoreApplication.translate("IdentifierField", "household no. {number}")
        where = where.format(number=ref.ruta_no_urut)
    if not ref.nama:
        return where
    label = QCoreApplication.translate("IdentifierField", "{name} ({household})")
    return label.format(name=ref.nama, household=where)


class NikField(IdentifierField):
    """NIK entry, cross-checked against the sex, birth date and No. KK typed in the same form.
    A member without NIK shows the temporary identifier instead, with an "Enter NIK" button."""

    FIELD = "nik"
    LENGTH_CODE = "NIK_LENGTH"

    def __init__(self, parent: QWidget | None = None, *, lang: str = "id") -> None:
        self._sex: Sex | str | None = None
        self._birth_date: date | None = None
        self._no_kk: str | None = None
        self._temp_id: str | None = None
        self._temp_mode = False
        super().__init__(parent, lang=lang)
        self._build_temp_row()

    def _build_temp_row(self) -> None:
        self.temp_row = QWidget(self)
        row = QHBoxLayout(self.temp_row)
        row.setContentsMargins(0, 0, 0, 0)
        icon = QLabel(self.temp_row)
        icon.setPixmap(state_pixmap(STATE_TEMP, 16, self.devicePixelRatioF()))
        self.temp_label = QLabel(self.temp_row)
        self.temp_label.setWordWrap(True)
        self.temp_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.temp_label.setStyleSheet(f"color: {COLOURS[STATE_TEMP][1]}; font-weight: bold;")
        self.enter_button = QPushButton(
            QCoreApplication.translate("NikField", "Enter NIK"), self.temp_row)
        self.enter_button.clicked.connect(self._on_enter_clicked)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.temp_label, 1)
        row.addWidget(self.enter_button, 0, Qt.AlignmentFlag.AlignTop)
        self.back_button = QPushButton(
            QCoreApplication.translate("NikField", "Keep the temporary number"), self)
        self.back_button.setFlat(True)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.setStyleSheet("QPushButton { color: palette(link); "
                                       "text-decoration: underline; text-align: left; }")
        self.back_button.clicked.connect(self._on_back_clicked)
        self.main_layout.insertWidget(0, self.temp_row)
        self.main_layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._apply_mode()

    # -- checking -----------------------------------------------------------------------------
    def _run_check(self, text: str | None) -> NikCheck:
        return check_nik(text)

    def _extra_problems(self, check: AnyCheck) -> tuple[Problem, ...]:
        assert isinstance(check, NikCheck)
        found = check_nik_against_record(check, sex=self._sex, birth_date=self._birth_date,
                                         no_kk=self._no_kk)
        if self._duplicates and self._duplicates_for == self.value():
            found += (duplicate_problem(len(self._duplicates) + 1),)
        return found

    def _duplicates_intro(self) -> str:
        return QCoreApplication.translate("NikField", "This NIK is also used by: {links}")

    def set_record_context(self, sex: Sex | str | None, birth_date: date | None,
                           no_kk: str | None) -> None:
        """The sex, birth date and No. KK currently typed in the form (None: not known)."""
        self._sex, self._birth_date, self._no_kk = sex, birth_date, no_kk or None
        self._refresh()

    # -- the temporary identifier -------------------------------------------------------------
    def set_value(self, value: str | None) -> None:
        self._temp_mode = not value and self._temp_id is not None
        super().set_value(value)
        self._apply_mode()

    def value(self) -> str | None:
        return None if self._temp_mode else super().value()

    def set_temp_id(self, temp_id: str | None) -> None:
        """The member's temporary identifier ("SMT-…"). Shown instead of the entry while no NIK
        is filled in; None removes it."""
        self._temp_id = temp_id or None
        self._temp_mode = self._temp_id is not None and not self.line_edit.text()
        self._apply_mode()
        self._refresh()

    def temp_id(self) -> str | None:
        return self._temp_id

    def is_temp_mode(self) -> bool:
        return self._temp_mode

    def _on_enter_clicked(self) -> None:
        self._temp_mode = False
        self._apply_mode()
        self._refresh()
        self.line_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()

    def _on_back_clicked(self) -> None:
        self._typing = False
        self.line_edit.clear()
        self._temp_mode = self._temp_id is not None
        self._apply_mode()
        self._refresh()
        self.edited.emit()

    def _apply_mode(self) -> None:
        if not hasattr(self, "temp_row"):  # during the base class's construction
            return
        temp = self._temp_mode
        self.temp_label.setText(QCoreApplication.translate(
            "NikField", "No NIK yet — using the temporary number {temp_id}").format(
            temp_id=self._temp_id or ""))
        self.temp_row.setVisible(temp)
        self.entry_row.setVisible(not temp)
        self.back_button.setVisible(not temp and self._temp_id is not None)
        self.setFocusProxy(self.enter_button if temp else self.line_edit)
        if temp:
            for widget in (self.hint, self.explanation, self.duplicates_label, self.keep_box):
                widget.hide()

    def _refresh(self) -> None:
        super()._refresh()
        if self._temp_mode:
            self._state = STATE_TEMP
            self._apply_mode()


class KkField(IdentifierField):
    """No. KK entry: format and region are checked; the date part gives warnings only."""

    FIELD = "no_kk"
    LENGTH_CODE = "KK_LENGTH"

    def _run_check(self, text: str | None) -> KkCheck:
        return check_kk(text)

    def _duplicates_intro(self) -> str:
        return QCoreApplication.translate("KkField", "This No. KK is also used by: {links}")
