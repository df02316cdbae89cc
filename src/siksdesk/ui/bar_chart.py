"""A small horizontal bar chart painted with QPainter: one labelled row per bar, the value
written beside it, an optional target mark (a programme's quota), every bar clickable.

Qt Charts is not in PySide6-Essentials (it ships in PySide6-Addons, a 59 MB wheel that must match
the Essentials version exactly); the dashboard needs only labelled horizontal bars, so they are
drawn here. Keyboard: the chart takes focus (Tab); Up/Down/Home/End move between bars, Enter or
Space opens the current one. The accessible description follows the current bar, and each bar
has a tooltip, so a screen reader and the mouse give the same information.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

DEFAULT_COLOR = QColor("#3f7cc0")
TARGET_COLOR = QColor("#c0392b")
LABEL_SHARE = 0.38  # at most this share of the width for the labels
VALUE_SHARE = 0.55  # at most this share for the value texts (longer ones are elided)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    value_text: str  # written beside the bar ("4.182 ruta")
    detail: str = ""  # more words for the tooltip and the accessible description
    target: int | None = None  # a mark across the bar (a quota)
    payload: object = None  # handed back by ``bar_activated``
    color: QColor | None = None  # None: the chart's colour


class BarChart(QWidget):
    bar_activated = Signal(object)  # the bar's payload: a click, Enter or Space

    def __init__(self, title: str, empty_text: str, *, color: QColor = DEFAULT_COLOR,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.empty_text, self.color = title, empty_text, color
        self.bars: tuple[Bar, ...] = ()
        self.current = -1
        self._hover = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(title)
        self._describe()

    # -- data ------------------------------------------------------------------------------------
    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = tuple(bars)
        self.current = min(self.current, len(self.bars) - 1)
        if self.current < 0 and self.bars:
            self.current = 0
        self._hover = -1
        self._describe()
        self.updateGeometry()
        self.update()

    def activate(self, index: int) -> None:
        if 0 <= index < len(self.bars):
            self.current = index
            self._describe()
            self.update()
            self.bar_activated.emit(self.bars[index].payload)

    # -- geometry --------------------------------------------------------------------------------
    def row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        rows = max(len(self.bars), 1)
        return QSize(360, rows * self.row_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def bar_at(self, point: QPoint) -> int:
        if not self.bars or point.y() < 2:
            return -1
        index = (point.y() - 2) // self.row_height()
        return index if 0 <= index < len(self.bars) else -1

    def row_rect(self, index: int) -> QRect:
        return QRect(0, 2 + index * self.row_height(), self.width(), self.row_height())

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(bar.label) for bar in self.bars), default=0)
        return min(widest + 12, int(self.width() * LABEL_SHARE))

    def _value_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(bar.value_text) for bar in self.bars), default=0)
        return min(widest + 8, int(self.width() * VALUE_SHARE))

    def _scale(self) -> int:
        return max([1, *(bar.value for bar in self.bars),
                    *(bar.target or 0 for bar in self.bars)])

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        if not self.bars:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        label_width = self._label_width()
        span = max(self.width() - label_width - self._value_width() - 8, 10)
        scale = self._scale()
        # Only the rows the paint event asks for: a 90-RT chart inside a scroll area shows ~8.
        first = max(self.bar_at(event.rect().topLeft()), 0)
        last = self.bar_at(event.rect().bottomLeft())
        last = len(self.bars) - 1 if last < 0 else last
        for index in range(first, last + 1):
            self._paint_row(painter, palette, index, self.bars[index], label_width, span, scale)

    def _paint_row(self, painter: QPainter, palette: QPalette, index: int, bar: Bar,
                   label_width: int, span: int, scale: int) -> None:
        row = self.row_rect(index)
        metrics = self.fontMetrics()
        if index == self._hover:
            painter.fillRect(row, palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 10)
        painter.drawText(QRect(4, row.top(), label_width - 8, row.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
        length = round(span * bar.value / scale)
        if bar.value > 0:
            length = max(length, 2)
        color = bar.color or self.color
        body = QRect(label_width, row.top() + 4, length, row.height() - 8)
        painter.fillRect(body, color.lighter(115) if index == self._hover else color)
        end = label_width + length
        if bar.target:
            x = label_width + round(span * bar.target / scale)
            painter.setPen(QPen(TARGET_COLOR, 2))
            painter.drawLine(x, row.top() + 1, x, row.bottom() - 1)
            end = max(end, x + 1)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        left = end + 6
        value = metrics.elidedText(bar.value_text, Qt.TextElideMode.ElideRight,
                                   max(self.width() - left - 2, 0))
        painter.drawText(QRect(left, row.top(), self.width() - left, row.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, value)
        if index == self.current and self.hasFocus():
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(row.adjusted(1, 0, -2, -1))

    # -- interaction -----------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.bar_at(event.position().toPoint())
        if hover != self._hover:
            self._hover = hover
            self.setCursor(Qt.CursorShape.PointingHandCursor if hover >= 0
                           else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.activate(index)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        moves = {Qt.Key.Key_Up.value: self.current - 1, Qt.Key.Key_Down.value: self.current + 1,
                 Qt.Key.Key_Home.value: 0, Qt.Key.Key_End.value: len(self.bars) - 1}
        target = moves.get(int(key))
        if target is not None and self.bars:
            self.current = max(0, min(target, len(self.bars) - 1))
            self._describe()
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.bars:
            self.activate(self.current)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos())
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.bar_text(index), self,
                                  self.row_rect(index))
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def bar_text(self, index: int) -> str:
        bar = self.bars[index]
        return " — ".join(part for part in (f"{bar.label}: {bar.value_text}", bar.detail) if part)

    def _describe(self) -> None:
        if 0 <= self.current < len(self.bars):
            self.setAccessibleDescription(self.bar_text(self.current))
        else:
            self.setAccessibleDescription(self.empty_text)
