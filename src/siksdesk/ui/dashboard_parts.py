"""Building blocks of the Rekap dashboard: a clickable count tile, a titled section, and the
words for the figures (labels read on the worker thread, dates in the laptop's time)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QVBoxLayout, QWidget

from siksdesk.services.rekap import Rekap
from siksdesk.ui.list_filters import ListFilter

TILE_STYLE = """
QFrame#tile { background: palette(base); border: 1px solid palette(mid); border-radius: 4px; }
QFrame#tile[focused="true"] { border: 2px solid palette(highlight); }
QLabel#tile_value { font-size: 20pt; font-weight: bold; }
"""


@dataclass(frozen=True, slots=True)
class Labels:
    """Words for codes, read off the GUI thread (the domain modules load there)."""

    verivali: dict[int, str]
    usulan: dict[str, str]


def read_labels(lang: str) -> Labels:
    from siksdesk.domain.musdes import UsulanStatus
    from siksdesk.domain.variables import Entity, variable

    verivali = {
        code.value: code.label(lang) for code in variable(Entity.RUTA, "hasil_verivali").codes
    }
    return Labels(verivali, {status.value: status.label(lang) for status in UsulanStatus})


def local_time(stored: str | None) -> str:
    """A stored UTC time ("2026-11-24 00:05:03.2") as dd-mm-yyyy hh:mm in the laptop's time."""
    if not stored:
        return ""
    try:
        moment = datetime.fromisoformat(stored)
    except ValueError:
        return stored
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


class Tile(QFrame):
    """A big number with a caption; click, Enter or Space opens the list with ``target``."""

    activated = Signal(object)  # the ListFilter

    def __init__(
        self, caption: str, target: ListFilter | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.target = target
        self.value = QLabel("–")
        self.value.setObjectName("tile_value")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.note)
        if target is not None:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(
                QCoreApplication.translate(
                    "Dashboard", "Open the household list with these households"
                )
            )
        self.setAccessibleName(caption)

    def set_value(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.setAccessibleDescription(" ".join(p for p in (value, note) if p))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.target is not None:
            self.activated.emit(self.target)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.target is not None and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            self.activated.emit(self.target)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._mark_focus(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._mark_focus(False)
        super().focusOutEvent(event)

    def _mark_focus(self, focused: bool) -> None:
        self.setProperty("focused", focused)
        self.style().unpolish(self)
        self.style().polish(self)


def section(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 6, 8, 8)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


def signed(change: int, number: str) -> str:
    """ "+12", "−5" ("number" already formatted without sign), "±0"."""
    if change > 0:
        return f"+{number}"
    if change < 0:
        return f"−{number}"
    return "±0"


def exchange_lines(rekap: Rekap, fmt: Callable[[int], str]) -> list[str]:
    """The last import, bundle sent and receipt, in words ("never" where there is none)."""
    never = QCoreApplication.translate("Dashboard", "never")
    last = rekap.last_import
    lines = [
        QCoreApplication.translate("Dashboard", "Last import: {when}").format(when=never)
        if last is None
        else QCoreApplication.translate(
            "Dashboard", "Last import: {when} ({kind}); households edited since: {edited}"
        ).format(
            when=local_time(last.at), kind=_import_kind(last.kind), edited=fmt(last.edited_since)
        )
    ]
    sync = rekap.sync
    if sync.last_sent_at is None:
        lines.append(
            QCoreApplication.translate("Dashboard", "Last bundle sent: {when}").format(when=never)
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "Dashboard", "Last bundle sent: {when} (no. {sequence})"
            ).format(when=local_time(sync.last_sent_at), sequence=sync.last_sent_sequence)
        )
    if sync.last_receipt_at is None:
        lines.append(
            QCoreApplication.translate("Dashboard", "Last receipt: {when}").format(when=never)
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "Dashboard", "Last receipt: {when} (bundle no. {sequence}, {status})"
            ).format(
                when=local_time(sync.last_receipt_at),
                sequence=sync.last_receipt_sequence,
                status=sync.last_receipt_status,
            )
        )
    if sync.pending_bundles:
        lines.append(
            QCoreApplication.translate(
                "Dashboard", "Bundles waiting for a receipt: {count}"
            ).format(count=fmt(sync.pending_bundles))
        )
    return lines


def _import_kind(kind: str) -> str:
    kinds = {
        "bnba": QCoreApplication.translate("Dashboard", "DTKS list (BNBA)"),
        "invalid_nik": QCoreApplication.translate("Dashboard", "invalid-NIK list"),
    }
    return kinds.get(kind, kind)


def note_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #505050;")
    return label
