"""A message strip above the editor: why a save was refused (red), that it worked (green)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from siksdesk.ui.pseudo import mark_data_text

STYLES = {  # background, border, text (text on background ≥ 4.5:1)
    "error": ("#fdecea", "#c62828", "#8e1b1b"),
    "success": ("#e8f5e9", "#2e7d32", "#1b5e20"),
}


class Banner(QFrame):
    ERROR, SUCCESS = "error", "success"
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mark_data_text(self.text)  # messages come from the services' bilingual catalogues
        self.reload_button = QPushButton(QCoreApplication.translate(
            "EditorBanner", "Reload (drop my changes)"))
        self.reload_button.clicked.connect(self.reload_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, kind: str, text: str, *, reload: bool = False) -> None:
        background, border, colour = STYLES[kind]
        self.kind = kind
        self.setStyleSheet(f"Banner {{ background: {background}; border: 1px solid {border}; "
                           f"border-radius: 4px; }} QLabel {{ color: {colour}; }}")
        self.text.setText(text)
        self.reload_button.setVisible(reload)
        self.show()

    def clear(self) -> None:
        self.kind = ""
        self.hide()

    def clear_success(self) -> None:
        if self.kind == self.SUCCESS:
            self.clear()

    def message(self) -> str:
        return self.text.text() if self.isVisible() or self.kind else ""
