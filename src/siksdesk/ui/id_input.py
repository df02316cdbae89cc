"""Building blocks of the identifier fields: field states and their colours, the state icon,
and the validator that lets only ASCII digits (at most 16) into the line edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QPolygonF, QValidator

from siksdesk.domain.numbers import clean_identifier
from siksdesk.domain.problems import shared_problem

MAX_DIGITS = 16
STATE_EMPTY, STATE_TYPING = "empty", "typing"
STATE_VALID, STATE_WARNING, STATE_INVALID = "valid", "warning", "invalid"
STATE_TEMP = "temp"
# (border / icon colour, text colour); the text colours keep 4.5:1 contrast on white.
COLOURS = {
    STATE_VALID: ("#2e7d32", "#1b5e20"),
    STATE_WARNING: ("#e09b00", "#8a5300"),
    STATE_INVALID: ("#c62828", "#b71c1c"),
    STATE_EMPTY: ("#9e9e9e", "#5f5f5f"),
    STATE_TYPING: ("#9e9e9e", "#5f5f5f"),
    STATE_TEMP: ("#e09b00", "#8a5300"),
}



def state_pixmap(state: str, size: int = 16, ratio: float = 2.0) -> QPixmap:
    """A small icon whose *shape* tells the state (tick in a circle, "!" in a triangle, cross in
    a square, empty ring), so the state never depends on colour alone."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    colour = QColor(COLOURS.get(state, COLOURS[STATE_EMPTY])[0])
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    white = QPen(QColor("white"), s * 0.14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                 Qt.PenJoinStyle.RoundJoin)
    box = QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88)
    if state == STATE_VALID:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(box)
        p.setPen(white)
        p.drawPolyline(QPolygonF([QPointF(s * .28, s * .52), QPointF(s * .44, s * .68),
                                  QPointF(s * .72, s * .34)]))
    elif state in (STATE_WARNING, STATE_TEMP):
        p.setPen(QPen(colour, s * 0.08, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                      Qt.PenJoinStyle.RoundJoin))
        p.setBrush(colour)
        p.drawPolygon(QPolygonF([QPointF(s * .5, s * .08), QPointF(s * .94, s * .9),
                                 QPointF(s * .06, s * .9)]))
        dark = QPen(QColor("#1a1a1a"), s * 0.13, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        p.setPen(dark)
        p.drawLine(QPointF(s * .5, s * .38), QPointF(s * .5, s * .6))
        p.drawPoint(QPointF(s * .5, s * .76))
    elif state == STATE_INVALID:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawRoundedRect(box, s * 0.15, s * 0.15)
        p.setPen(white)
        p.drawLine(QPointF(s * .32, s * .32), QPointF(s * .68, s * .68))
        p.drawLine(QPointF(s * .68, s * .32), QPointF(s * .32, s * .68))
    else:
        p.setPen(QPen(colour, s * 0.1))
        p.drawEllipse(box.adjusted(s * .06, s * .06, -s * .06, -s * .06))
    p.end()
    return pixmap


class DigitsValidator(QValidator):
    """At most 16 ASCII digits. Separators and invisible characters are dropped (typed or pasted
    alike); any other input is refused and ``refused(attempt, problems)`` says why."""

    refused = Signal(str, object)  # the text the edit would have produced, tuple[Problem, ...]

    def __init__(self, field: str, length_code: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self._length_code = length_code

    def validate(self, text: str, pos: int) -> Any:
        if not text or (len(text) <= MAX_DIGITS and text.isascii() and text.isdigit()):
            return (QValidator.State.Acceptable, text, pos)
        cleaned = clean_identifier(text, self._field)
        digits = cleaned.digits
        if digits is None:
            if any(p.code == "NUM_EMPTY" for p in cleaned.problems):  # only separators
                return (QValidator.State.Acceptable, "", 0)
            self.refused.emit(text, cleaned.problems)
            return (QValidator.State.Invalid, text, pos)
        if len(digits) > MAX_DIGITS:
            self.refused.emit(text, (shared_problem(self._length_code, self._field,
                                                    count=len(digits)),))
            return (QValidator.State.Invalid, text, pos)
        new_pos = min(sum(1 for c in text[:pos] if "0" <= c <= "9"), len(digits))
        return (QValidator.State.Acceptable, digits, new_pos)
