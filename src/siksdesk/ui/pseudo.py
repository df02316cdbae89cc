"""Translation test aids: pseudo-localisation, a marker translator, and data-text marking.

``PseudoTranslator`` (Vorta-style) stretches every string by about 40 % and swaps letters for
accented look-alikes, keeping ``{placeholders}``, markup, entities and ``&`` mnemonics intact, so
a layout that clips a longer translation shows it without a translator:

    siksdesk --lang pseudo            # or SIKSDESK_PSEUDO=1 siksdesk

``MarkerTranslator`` wraps every string in ``⟦…⟧``; a visible text without the marker did not go
through Qt's translation. Texts that come from data or the bilingual domain catalogues (names,
variable labels, problem messages) are exempt: mark their widget with ``mark_data_text``.
"""

from __future__ import annotations

import math
import os
import re

from PySide6.QtCore import QCoreApplication, QObject, QTranslator
from PySide6.QtWidgets import QWidget

PSEUDO_LANG = "pseudo"
PSEUDO_ENV = "SIKSDESK_PSEUDO"
STRETCH = 1.4
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
DATA_TEXT_PROPERTY = "siksdesk_data_text"

_ACCENTED = str.maketrans(
    "abcdeghiklnorstuyzABCDEGHIKLNORSTUYZ",
    "àƀçđéĝĥîķļñöŕšţüýžÀƁÇĐÉĜĤÎĶĻÑÖŔŠŢÜÝŽ",
)
# Kept as they are: {placeholders}, <markup>, &entities;, %1-style arguments, "&&".
_PROTECTED = re.compile(r"\{[^{}]*\}|<[^<>]*>|&[a-zA-Z]+;|&#\d+;|%\d+|&&")
_PAD = "~"
_WORD = re.compile(r"[^\W\d_]+")


def pseudo_enabled(lang: str | None, environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return lang == PSEUDO_LANG or env.get(PSEUDO_ENV, "") not in ("", "0")


def pseudo_text(source: str, stretch: float = STRETCH) -> str:
    """``"&File {n}"`` → ``"[&Fîļé~~ {n}]"``: accented, each word lengthened by ``stretch``
    (so wrapped text still breaks between words), in brackets so that a cut-off end shows."""
    if not source:
        return source
    parts: list[str] = []
    position = 0
    changed = False
    for match in _PROTECTED.finditer(source):
        plain = source[position:match.start()]
        parts.append(_stretch_words(plain, stretch))
        parts.append(match.group())
        changed = changed or bool(plain.strip())
        position = match.end()
    tail = source[position:]
    parts.append(_stretch_words(tail, stretch))
    if not (changed or tail.strip()):
        return source
    return "[" + "".join(parts) + "]"


def _stretch_words(text: str, stretch: float) -> str:
    return _WORD.sub(lambda m: m.group().translate(_ACCENTED)
                     + _PAD * math.ceil(len(m.group()) * (stretch - 1)), text)


class PseudoTranslator(QTranslator):
    """Every string stretched; with ``base`` (a loaded translator) its translation is stretched,
    otherwise the English source."""

    def __init__(self, parent: QObject | None = None, *, base: QTranslator | None = None,
                 stretch: float = STRETCH) -> None:
        super().__init__(parent)
        self._base = base
        self._stretch = stretch

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        text = ""
        if self._base is not None:
            text = self._base.translate(context, source, disambiguation, n)
        return pseudo_text(text or source, self._stretch)

    def isEmpty(self) -> bool:
        return False

    def language(self) -> str:
        return PSEUDO_LANG


class MarkerTranslator(QTranslator):
    """Wraps every string of every context in ⟦…⟧ (tests: find untranslated visible texts) and
    remembers each (context, source) asked for in ``requests``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requests: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        if not source:
            return source
        self.requests.add((context, source))
        return f"{MARK_OPEN}{source}{MARK_CLOSE}"

    def isEmpty(self) -> bool:
        return False


def install_pseudo_translator(app: QCoreApplication,
                              base: QTranslator | None = None) -> PseudoTranslator:
    translator = PseudoTranslator(app, base=base)
    QCoreApplication.installTranslator(translator)
    return translator


def mark_data_text(*widgets: QWidget) -> None:
    """Declare that these widgets show data or catalogue texts (names, variable labels, problem
    messages), not UI strings: the translatability check skips them."""
    for widget in widgets:
        widget.setProperty(DATA_TEXT_PROPERTY, True)


def is_data_text(widget: QWidget) -> bool:
    return bool(widget.property(DATA_TEXT_PROPERTY))
