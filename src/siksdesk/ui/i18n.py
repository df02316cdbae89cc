"""UI language: Indonesian by default (a compiled Qt translation), English = the source strings.

Source strings in the code are English and go through ``QCoreApplication.translate`` with an
explicit context. ``scripts/update_translations.py`` extracts them into ``siksdesk_id.ts`` and
compiles ``siksdesk_id.qm``; placeholders are ``{name}`` fields filled with ``str.format``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QTranslator

from siksdesk.ui.pseudo import install_pseudo_translator, pseudo_enabled

log = logging.getLogger(__name__)

DEFAULT_LANG = "id"
LANGUAGES = ("id", "en")
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"

# Qt's own strings that siksdesk shows (standard buttons, text-field context menus). Qt ships no
# Indonesian translation of qtbase, so ours carries these few; the contexts are Qt's.
QT_STRINGS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Copy"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Copy &Link Location"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Select All"),
)


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANG


def translation_file(lang: str) -> Path:
    return TRANSLATIONS_DIR / f"siksdesk_{lang}.qm"


def install_translator(app: QCoreApplication, lang: str | None) -> QTranslator | None:
    """Install the translator for ``lang`` (None → Indonesian) on ``app``; "en" needs none.
    The translator is parented to ``app`` so it lives as long as the application.
    "pseudo" (or SIKSDESK_PSEUDO=1) installs the stretched pseudo-translation instead."""
    if pseudo_enabled(lang):
        return install_pseudo_translator(app)
    lang = normalise_lang(lang)
    if lang == "en":
        return None
    translator = QTranslator(app)
    path = translation_file(lang)
    if not translator.load(str(path)):
        log.error("translation file %s could not be loaded; showing English", path)
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator: QTranslator | None) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()


def ui_locale(lang: str | None) -> QLocale:
    """Number and date formatting for the UI language (Indonesian: 1.100; English: 1,100)."""
    if normalise_lang(lang) == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
