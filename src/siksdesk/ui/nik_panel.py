""""How to read this NIK": the 16 digits split into their parts, each with its meaning.

``PP KK CC DDMMYY SSSS`` — province, regency/city, district (kecamatan) of first registration,
birth date (day + 40 for women) and serial. The panel follows a :class:`NikField` live; while the
NIK is still being typed it already reads the parts that are complete.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from siksdesk.domain.nik import NikCheck, Sex
from siksdesk.domain.numbers import FEMALE_DAY_OFFSET, age_on, resolve_century, today_local
from siksdesk.domain.regions import kabkota_name, kecamatan_name, province_name
from siksdesk.ui.id_fields import NikField

# (first digit, last digit + 1, colour) of each part; the colours only help the eye match a
# row to its digits, the rows say everything in words.
GROUPS = ((0, 2, "#1565c0"), (2, 4, "#00796b"), (4, 6, "#6a1b9a"), (6, 12, "#ad1457"),
          (12, 16, "#5d4037"))
PENDING = "·"
PENDING_VALUE = "—"  # a part not typed yet
MUTED = "#616161"


@dataclass(frozen=True, slots=True)
class Row:
    code: str  # the digits this row explains (partially typed ones padded with PENDING)
    caption: str
    value: str
    note: str = ""
    colour: str = MUTED


def _dmy(day: date) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


class NikPanel(QFrame):
    """Side panel (about 300 px wide) explaining each part of a NIK."""

    def __init__(self, parent: QWidget | None = None, *, lang: str = "id") -> None:
        super().__init__(parent)
        self.lang = lang
        self._field: NikField | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(240)
        self.title = QLabel(QCoreApplication.translate("NikPanel", "How to read this NIK"), self)
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.digits = QLabel(self)
        self.digits.setTextFormat(Qt.TextFormat.RichText)
        big = QFont(mono)
        big.setPointSizeF(max(mono.pointSizeF(), self.font().pointSizeF()) + 3)
        big.setBold(True)
        self.digits.setFont(big)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MUTED};")

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.code_labels: list[QLabel] = []
        self.value_labels: list[QLabel] = []
        code_font = QFont(mono)
        code_font.setBold(True)
        for index in range(6):
            code = QLabel(self)
            code.setFont(code_font)
            code.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(code, index, 0)
            self.grid.addWidget(value, index, 1)
            self.code_labels.append(code)
            self.value_labels.append(value)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.digits)
        layout.addLayout(self.grid)
        layout.addWidget(self.message)
        self.set_check(None)

    def sizeHint(self) -> QSize:
        return QSize(300, super().sizeHint().height())

    # -- public API -------------------------------------------------------------------------
    def follow(self, field: NikField) -> None:
        """Update live from ``field`` (its ``checked`` signal), starting with its current value."""
        if self._field is not None:
            self._field.checked.disconnect(self._on_field_checked)
        self._field = field
        field.checked.connect(self._on_field_checked)
        self._on_field_checked(field.check())

    def set_check(self, check: NikCheck | None, typed: str | None = None) -> None:
        """Explain ``check``; ``typed`` is the raw input, used while it is not 16 digits yet."""
        digits = check.nik if check is not None and check.nik is not None else (typed or "")
        if not (digits.isascii() and digits.isdigit()):
            digits = ""
        self.digits.setText(_grouped(digits))
        rows = _rows(check, digits) if digits else []
        for index, (code_label, value_label) in enumerate(
                zip(self.code_labels, self.value_labels, strict=True)):
            visible = index < len(rows)
            code_label.setVisible(visible)
            value_label.setVisible(visible)
            if visible:
                _fill(code_label, value_label, rows[index])
        words = _words()
        if not digits:
            self._set_message(words["empty"])
        else:
            self._set_message(words["partial"] if len(digits) < 16 else "")

    def show_no_nik(self) -> None:
        self.set_check(None)
        self._set_message(_words()["no_nik"])

    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _on_field_checked(self, check: object) -> None:
        field = self._field
        if field is not None and field.is_temp_mode():
            self.show_no_nik()
        elif isinstance(check, NikCheck):
            self.set_check(check, field.text() if field is not None else None)


def _words() -> dict[str, str]:
    """The panel's words, translated now (the UI language may differ from the messages')."""
    return {
        "empty": QCoreApplication.translate("NikPanel", "Type a NIK to see what its digits mean."),
        "partial": QCoreApplication.translate(
            "NikPanel", "The parts still missing are read once they are typed."),
        "no_nik": QCoreApplication.translate(
            "NikPanel", "This member has no NIK yet, so there is nothing to read."),
        "unknown": QCoreApplication.translate("NikPanel", "unknown"),
        "province": QCoreApplication.translate("NikPanel", "Province"),
        "kabkota": QCoreApplication.translate("NikPanel", "Regency / city"),
        "kecamatan": QCoreApplication.translate("NikPanel", "District (kecamatan)"),
        "birth": QCoreApplication.translate("NikPanel", "Date of birth"),
        "sex": QCoreApplication.translate("NikPanel", "Sex"),
        "serial": QCoreApplication.translate("NikPanel", "Serial number"),
        "female": QCoreApplication.translate("NikPanel", "Female"),
        "male": QCoreApplication.translate("NikPanel", "Male"),
        "female_day": QCoreApplication.translate("NikPanel", "Day {raw} = {day} + 40 → female"),
        "male_day": QCoreApplication.translate(
            "NikPanel", "Day {raw} is 31 or less (no +40) → male"),
        "bad_day": QCoreApplication.translate(
            "NikPanel", "Day {raw} is impossible: 01–31 for men, 41–71 for women"),
        "date_age": QCoreApplication.translate("NikPanel", "{date} (age {age})"),
        "bad_date": QCoreApplication.translate("NikPanel", "not a valid date"),
    }


def _fill(code_label: QLabel, value_label: QLabel, row: Row) -> None:
    code_label.setText(row.code)
    code_label.setStyleSheet(f"color: {row.colour};")
    text = (f'<span style="color:{MUTED}">{html.escape(row.caption)}</span><br>'
            f"{html.escape(row.value)}")
    if row.note:
        text += f'<br><span style="color:{MUTED}">{html.escape(row.note)}</span>'
    value_label.setText(text)


def _grouped(digits: str) -> str:
    """The 16 positions in their groups; untyped positions as a dot."""
    padded = digits.ljust(16, PENDING)
    spans = []
    for start, end, colour in GROUPS:
        part = padded[start:end]
        spans.append(f'<span style="color:{colour if part[0] != PENDING else MUTED}">'
                     f"{html.escape(part)}</span>")
    return "&nbsp;".join(spans)


def _code(digits: str, start: int, end: int) -> str:
    return digits[start:end].ljust(end - start, PENDING)


def _rows(check: NikCheck | None, digits: str) -> list[Row]:
    words = _words()
    parts = check.parts if check is not None else None
    if parts is not None:
        names = [parts.province_name, parts.kabkota_name, parts.kecamatan_name]
    else:  # still typing: read the parts that are complete
        names = [province_name(digits[0:2]) if len(digits) >= 2 else None,
                 kabkota_name(digits[0:4]) if len(digits) >= 4 else None,
                 kecamatan_name(digits[0:6]) if len(digits) >= 6 else None]
    rows = []
    for (start, end, colour), key, name in zip(GROUPS[:3], ("province", "kabkota", "kecamatan"),
                                               names, strict=True):
        value = name or (words["unknown"] if len(digits) >= end else PENDING_VALUE)
        rows.append(Row(_code(digits, start, end), words[key], value, colour=colour))
    rows += _date_rows(digits, parts.birth_date if parts is not None else None,
                       parts is not None, words)
    serial = _code(digits, 12, 16)
    rows.append(Row(serial, words["serial"], serial if len(digits) >= 16 else PENDING_VALUE,
                    colour=GROUPS[4][2]))
    return rows


def _date_rows(digits: str, birth: date | None, decoded: bool,
               words: dict[str, str]) -> list[Row]:
    """Birth date and sex, both read from digits 7-12 (day + 40 for women)."""
    colour = GROUPS[3][2]
    code, day_code = _code(digits, 6, 12), _code(digits, 6, 8)
    if len(digits) < 8:
        return [Row(code, words["birth"], PENDING_VALUE, colour=colour),
                Row(day_code, words["sex"], PENDING_VALUE, colour=colour)]
    raw_day = int(digits[6:8])
    female = raw_day > FEMALE_DAY_OFFSET
    day = raw_day - FEMALE_DAY_OFFSET if female else raw_day
    sex: Sex | None = None
    if not 1 <= day <= 31:
        note = words["bad_day"].format(raw=f"{raw_day:02d}")
    elif female:
        note = words["female_day"].format(raw=f"{raw_day:02d}", day=f"{day:02d}")
        sex = Sex.FEMALE
    else:
        note = words["male_day"].format(raw=f"{raw_day:02d}")
        sex = Sex.MALE
    if not decoded and sex is not None and len(digits) >= 12:
        birth = resolve_century(day, int(digits[8:10]), int(digits[10:12]), today_local())
    if birth is not None:
        value = words["date_age"].format(date=_dmy(birth), age=age_on(birth, today_local()))
    else:
        value = words["bad_date"] if len(digits) >= 12 else PENDING_VALUE
    sex_text = words["unknown"] if sex is None else words[
        "female" if sex is Sex.FEMALE else "male"]
    return [Row(code, words["birth"], value, note, colour),
            Row(day_code, words["sex"], sex_text, colour=colour)]
