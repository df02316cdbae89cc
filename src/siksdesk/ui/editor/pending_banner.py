"""A one-line strip under the editor's header: what is pending on this household (open usulan,
decisions not yet final, approved ones not yet sent), with a button to the Usulan list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget
from sqlalchemy.orm import Session

from siksdesk.domain.musdes import UsulanKind
from siksdesk.services.proposals import pending_for_household
from siksdesk.services.usulan import UsulanRow

# background, border, text (text on background ≥ 4.5:1): information, not a warning
_STYLE = ("#e3f2fd", "#1565c0", "#0d3c78")


def read_pending(session: Session, ruta_uuid: str | None) -> tuple[UsulanRow, ...]:
    """The household's pending proposals (none for a household not saved yet). Runs in a
    runner task, inside the caller's read session."""
    if not ruta_uuid:
        return ()
    return tuple(pending_for_household(session, ruta_uuid))


def kind_labels(rows: Sequence[UsulanRow], lang: str) -> list[str]:
    """Each kind once, in the order of its first proposal."""
    labels: list[str] = []
    for row in rows:
        label = UsulanKind(row.kind).label(lang)
        if label not in labels:
            labels.append(label)
    return labels


class PendingBanner(QFrame):
    proposals_requested = Signal()  # "see Usulan"

    def __init__(self, *, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("PendingBanner")
        background, border, colour = _STYLE
        self.setStyleSheet(f"#PendingBanner {{ background: {background}; "
                           f"border: 1px solid {border}; border-radius: 4px; }} "
                           f"#PendingBanner QLabel {{ color: {colour}; }}")
        self.text = QLabel()
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(QCoreApplication.translate(
            "PendingBanner", "See proposals"))
        self.open_button.setToolTip(QCoreApplication.translate(
            "PendingBanner", "Open the Usulan list"))
        self.open_button.clicked.connect(self.proposals_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        self.rows: tuple[UsulanRow, ...] = ()
        self.hide()

    def set_pending(self, rows: Sequence[UsulanRow]) -> None:
        self.rows = tuple(rows)
        if not self.rows:
            self.text.clear()
            self.hide()
            return
        count = len(self.rows)
        self.text.setText(QCoreApplication.translate(
            "PendingBanner", "Pending proposals ({count}): {kinds}")
            .format(count=count, kinds=", ".join(kind_labels(self.rows, self.lang))))
        self.show()

    def message(self) -> str:
        return self.text.text() if self.rows else ""
