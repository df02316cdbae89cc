"""Tentang siksdesk: version, where the data lives, the versions underneath, the licence.
Everything shown can be copied (one button puts it all on the clipboard as plain text)."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk import __version__
from siksdesk.app import AppContext
from siksdesk.ui.pseudo import mark_data_text

LICENCE = "MIT"
CAPTIONS = {
    "version": QT_TRANSLATE_NOOP("AboutDialog", "Version:"),
    "home": QT_TRANSLATE_NOOP("AboutDialog", "Data folder:"),
    "database": QT_TRANSLATE_NOOP("AboutDialog", "Database:"),
    "log": QT_TRANSLATE_NOOP("AboutDialog", "Log file:"),
    "settings": QT_TRANSLATE_NOOP("AboutDialog", "Settings file:"),
    "qt": QT_TRANSLATE_NOOP("AboutDialog", "Qt:"),
    "python": QT_TRANSLATE_NOOP("AboutDialog", "Python:"),
    "system": QT_TRANSLATE_NOOP("AboutDialog", "System:"),
}
NO_FILE = "—"


class AboutDialog(QDialog):
    def __init__(self, home: Path, database: Path, log_path: Path | None, *,
                 settings_file: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("AboutDialog", "About siksdesk"))
        values = {
            "version": __version__,
            "home": str(home),
            "database": str(database),
            "log": str(log_path) if log_path else NO_FILE,
            "settings": str(settings_file) if settings_file else None,
            "qt": f"{qVersion()} (PySide6 {pyside_version})",
            "python": platform.python_version(),
            "system": platform.platform(terse=True),
        }
        self.rows: list[tuple[str, str]] = [
            (QCoreApplication.translate("AboutDialog", CAPTIONS[key]), value)
            for key, value in values.items() if value is not None
        ]
        self.heading = QLabel(f"siksdesk {__version__}")  # the name is not translated
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.heading.setFont(font)
        self.purpose = QLabel(QCoreApplication.translate(
            "AboutDialog", "The village operator's desk for the social-welfare registry (DTKS). "
                           "Works offline; the data stays on this computer."))
        self.purpose.setWordWrap(True)
        self.licence = QLabel(QCoreApplication.translate(
            "AboutDialog", "Free software under the {licence} licence.").format(licence=LICENCE))
        self.licence.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.values: list[QLabel] = []
        for caption, value in self.rows:
            field = QLabel(value)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            mark_data_text(field)
            self.values.append(field)
            form.addRow(caption, field)

        self.copy_button = QPushButton(QCoreApplication.translate("AboutDialog", "Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        self.copied = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.purpose)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.licence)
        layout.addWidget(self.copied)
        layout.addWidget(self.buttons)
        # At least ~70 characters wide (the purpose wraps nicely); wider when a path needs it.
        hint = self.sizeHint()
        width = max(hint.width(), self.fontMetrics().averageCharWidth() * 70)
        self.resize(width, self.layout().totalHeightForWidth(width))

    @classmethod
    def for_context(cls, ctx: AppContext, log_path: Path | None, *,
                    settings_file: Path | None = None,
                    parent: QWidget | None = None) -> AboutDialog:
        return cls(ctx.paths.home, ctx.database, log_path, settings_file=settings_file,
                   parent=parent)

    def details_text(self) -> str:
        """Plain text of everything shown (for a support message)."""
        lines = [self.heading.text(), self.purpose.text(), ""]
        lines += [f"{caption} {value}" for caption, value in self.rows]
        lines += ["", self.licence.text()]
        return "\n".join(lines)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copied.setText(QCoreApplication.translate("AboutDialog",
                                                       "The details are on the clipboard."))
