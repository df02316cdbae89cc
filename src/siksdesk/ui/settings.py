"""User settings (language, data folder, screen-lock idle time) and the settings dialog.

One ``settings.ini`` (QSettings, IniFormat) lives in the *default* data folder — ``SIKSDESK_HOME``
when set, else the platform's user-data folder — never in a chosen one, so the choice of data
folder can be found again at the next start. The data folder is looked up in this order:
``SIKSDESK_HOME``, then the folder chosen in the settings, then the platform default
(``siksdesk.paths.resolve_location``, Qt-free, shared with the CLI). The key ``data/folder``
is stored as ``folder=`` in section ``[data]``; ``paths.read_chosen_folder`` reads it back.
Language and data folder apply after a restart. ``operator/name`` is the change-log author of
the time before accounts; it stays readable until the desk takes the author from the logged-in
account, but the dialog no longer asks for it.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from siksdesk.paths import HOME_ENV as HOME_ENV  # re-exported: the lookup lives in paths
from siksdesk.paths import AppPaths, StartupLocation, resolve_location
from siksdesk.paths import choose_home as choose_home
from siksdesk.ui.i18n import DEFAULT_LANG, LANGUAGES

KEY_LANGUAGE = "ui/language"
KEY_DATA_FOLDER = "data/folder"
KEY_OPERATOR = "operator/name"
KEY_IDLE_LOCK = "security/idle_lock_minutes"
IDLE_LOCK_DEFAULT, IDLE_LOCK_MIN, IDLE_LOCK_MAX = 10, 1, 120
FALLBACK_OPERATOR = "operator"
# Each language is named in itself (an endonym), whatever the UI language is.
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


# -- where the data lives (Qt-free, in siksdesk.paths: the CLI looks it up the same way) ------
def startup_location(environ: Mapping[str, str] | None = None) -> StartupLocation:
    """``SIKSDESK_HOME``, else the folder chosen in the settings, else the platform default."""
    return resolve_location(environ)


def startup_language(cli_lang: str | None, settings: Settings) -> str:
    """``--lang`` when given (including "pseudo"), else the language chosen in the settings."""
    return cli_lang or settings.language()


def os_user_name() -> str:
    try:
        return getpass.getuser() or FALLBACK_OPERATOR
    except (OSError, KeyError, ImportError):  # no USER/LOGNAME and no passwd entry
        return FALLBACK_OPERATOR


# -- the settings file ------------------------------------------------------------------------
class Settings:
    """Typed access to ``settings.ini``; every setter writes through immediately."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def language(self) -> str:
        value = self._qs.value(KEY_LANGUAGE, DEFAULT_LANG)
        return value if value in LANGUAGES else DEFAULT_LANG

    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self._write(KEY_LANGUAGE, lang)

    def data_folder(self) -> Path | None:
        """The data folder chosen by the user (None: the default)."""
        value = self._qs.value(KEY_DATA_FOLDER, "")
        return Path(str(value)) if value else None

    def set_data_folder(self, folder: Path | None) -> None:
        self._write(KEY_DATA_FOLDER, str(folder) if folder is not None else None)

    def operator_name(self) -> str:
        """The change-log author: the name entered in the settings, else the OS user name."""
        value = str(self._qs.value(KEY_OPERATOR, "") or "").strip()
        return value or os_user_name()

    def has_operator_name(self) -> bool:
        return bool(str(self._qs.value(KEY_OPERATOR, "") or "").strip())

    def set_operator_name(self, name: str) -> None:
        self._write(KEY_OPERATOR, name.strip() or None)

    def idle_lock_minutes(self) -> int:
        """Minutes without keyboard or mouse input before the screen locks (1–120)."""
        try:
            minutes = int(str(self._qs.value(KEY_IDLE_LOCK, IDLE_LOCK_DEFAULT)))
        except ValueError:
            return IDLE_LOCK_DEFAULT
        return min(max(minutes, IDLE_LOCK_MIN), IDLE_LOCK_MAX)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        if not IDLE_LOCK_MIN <= minutes <= IDLE_LOCK_MAX:
            raise ValueError(f"idle lock minutes out of range: {minutes}")
        self._write(KEY_IDLE_LOCK, str(minutes))

    def _write(self, key: str, value: str | None) -> None:
        if value is None:
            self._qs.remove(key)
        else:
            self._qs.setValue(key, value)
        self._qs.sync()
        if self._qs.status() != QSettings.Status.NoError:
            raise OSError(f"settings could not be written to {self.path}")


FolderChooser = Callable[[QWidget, Path], Path | None]


def ask_for_folder(parent: QWidget, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("SettingsDialog", "Choose the data folder"),
        str(start))
    return Path(chosen) if chosen else None


# -- the dialog -----------------------------------------------------------------------------
class SettingsDialog(QDialog):
    """Language, data folder and screen-lock idle time. OK writes them; what needs a restart
    says so."""

    def __init__(self, settings: Settings, current_home: Path, *, default_home: Path,
                 home_from_env: bool = False, choose_folder: FolderChooser = ask_for_folder,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.current_home = current_home
        self.default_home = default_home
        self.home_from_env = home_from_env
        self._choose_folder = choose_folder
        self._start_lang = settings.language()
        chosen = settings.data_folder()
        self._start_folder = chosen
        self.folder_choice: Path | None = chosen  # None: the default folder
        self.setWindowTitle(QCoreApplication.translate("SettingsDialog", "Settings"))
        self._build()
        self._update_notes()

    def _build(self) -> None:
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(LANGUAGES.index(self._start_lang))
        self.language.currentIndexChanged.connect(self._update_notes)
        self.language_note = _note(QCoreApplication.translate(
            "SettingsDialog", "The language changes when siksdesk is opened again."))

        self.folder = QLineEdit(str(self.current_home))
        self.folder.setReadOnly(True)
        self.folder.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        self.folder_button = QPushButton(QCoreApplication.translate("SettingsDialog", "Choose…"))
        self.folder_button.clicked.connect(self._pick_folder)
        self.default_button = QPushButton(QCoreApplication.translate("SettingsDialog", "Default"))
        self.default_button.setToolTip(QCoreApplication.translate(
            "SettingsDialog", "Use the standard data folder: {path}").format(
            path=self.default_home))
        self.default_button.clicked.connect(self._use_default_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.default_button)
        self.folder_note = _note("")
        if self.home_from_env:
            for widget in (self.folder_button, self.default_button):
                widget.setEnabled(False)

        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(IDLE_LOCK_MIN, IDLE_LOCK_MAX)
        self.idle_lock.setValue(self.settings.idle_lock_minutes())
        self.idle_lock.setSuffix(QCoreApplication.translate("SettingsDialog", " min"))
        self.idle_lock.setAccelerated(True)
        idle_note = _note(QCoreApplication.translate(
            "SettingsDialog", "Without keyboard or mouse use for this long, siksdesk hides the "
                              "data and asks for the password again. Ctrl+L locks at once."))

        # Wrapped notes as wide as the folder row: their height hint is then the real one.
        row_width = self.folder.minimumWidth() + self.folder_button.sizeHint().width() \
            + self.default_button.sizeHint().width() + 2 * self.style().layoutSpacing(
                QSizePolicy.ControlType.PushButton, QSizePolicy.ControlType.PushButton,
                Qt.Orientation.Horizontal)
        for note in (self.language_note, self.folder_note, idle_note):
            note.setMinimumWidth(row_width)
        language_label = QLabel(QCoreApplication.translate("SettingsDialog", "&Language:"))
        language_label.setBuddy(self.language)
        idle_label = QLabel(QCoreApplication.translate("SettingsDialog", "Lock the &screen "
                                                                         "after:"))
        idle_label.setBuddy(self.idle_lock)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(language_label, self.language)
        form.addRow("", self.language_note)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Data folder:"), folder_row)
        form.addRow("", self.folder_note)
        form.addRow(idle_label, _left(self.idle_lock))
        form.addRow("", idle_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)

    # -- choices ------------------------------------------------------------------------------
    def selected_language(self) -> str:
        return str(self.language.currentData())

    def _pick_folder(self) -> None:
        chosen = self._choose_folder(self, self.folder_choice or self.current_home)
        if chosen is None:
            return
        if chosen.exists() and not os.access(chosen, os.W_OK):
            QMessageBox.warning(
                self, QCoreApplication.translate("SettingsDialog", "Data folder"),
                QCoreApplication.translate(
                    "SettingsDialog", "siksdesk cannot write in {path}. Please choose another "
                                      "folder.").format(path=chosen))
            return
        self.folder_choice = None if chosen == self.default_home else chosen
        self._update_notes()

    def _use_default_folder(self) -> None:
        self.folder_choice = None
        self._update_notes()

    def _update_notes(self) -> None:
        self.language_note.setVisible(self.selected_language() != self._start_lang)
        shown = self.folder_choice or self.default_home
        if self.home_from_env:
            shown = self.current_home
            note = QCoreApplication.translate(
                "SettingsDialog",
                "Set by the SIKSDESK_HOME environment variable; it cannot be changed here.")
        elif shown != self.current_home:
            note = QCoreApplication.translate("SettingsDialog",
                      "siksdesk uses this folder when it is opened again. The database is not "
                      "moved: copy {file} there yourself to keep working on the same data.")
            note = note.format(file=AppPaths(self.current_home).database.name)
        else:
            note = QCoreApplication.translate(
                "SettingsDialog", "Database, backups and log files are kept here.")
        self.folder.setText(str(shown))
        self.folder_note.setText(note)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every (wrapped) note in full after one appeared or got longer."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    def accept(self) -> None:
        self.settings.set_language(self.selected_language())
        self.settings.set_idle_lock_minutes(self.idle_lock.value())
        if not self.home_from_env and self.folder_choice != self._start_folder:
            self.settings.set_data_folder(self.folder_choice)
        super().accept()

    @property
    def restart_needed(self) -> bool:
        """True when a choice only takes effect after siksdesk is opened again."""
        folder = self.folder_choice or self.default_home
        return (self.selected_language() != self._start_lang
                or (not self.home_from_env and folder != self.current_home))


def _left(widget: QWidget) -> QWidget:
    """A small field kept at its natural width, not stretched across the form."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return box


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, same font size
    return label
