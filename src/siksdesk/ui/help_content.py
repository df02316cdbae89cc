"""The in-app guide ("Panduan") as data: chapters read from ``resources/help/<lang>/*.md``, plus
the questionnaire chapter generated from the variable catalogue. No Qt here (the unit tests read
the guide without a display).

Markdown extensions, each on a line of its own:

- ``## Heading {#anchor}``: an explicit anchor; the Indonesian and English files carry the same
  anchors in the same order, so F1 and links reach the same place in both languages.
- ``::problem CODE key=value …``: replaced by the message the app shows for ``CODE`` (from
  ``siksdesk.domain.problems``) with those example values, so the guide quotes the app exactly.
- ``::shortcuts``: replaced by the keyboard-shortcut table taken from the running desk.

Links between chapters are written ``[text](help:chapter#anchor)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from siksdesk.domain.problems import PROBLEM_CODES, Severity, Term, message_for
from siksdesk.domain.variables import SECTIONS, Variable, variables

HELP_DIR: Final = Path(__file__).resolve().parent.parent / "resources" / "help"
LANGS: Final = ("id", "en")
CATALOGUE_CHAPTER: Final = "isian"
CATALOGUE_ORDER: Final = 45  # between the verivali and the MusDes chapters
SHORTCUTS_MARK: Final = "::shortcuts"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+\{#([a-z0-9-]+)\})?\s*$")
_PROBLEM = re.compile(r"^::problem\s+([A-Z0-9_]+)((?:\s+\w+=\S+)*)\s*$")
_FILE = re.compile(r"^(\d+)-([a-z0-9-]+)\.md$")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_SEVERITY: Final[Mapping[Severity, tuple[str, str]]] = {
    Severity.ERROR: ("kesalahan (merah): NIK/No. KK tidak sah",
                     "error (red): the NIK/No. KK is not valid"),
    Severity.WARNING: ("peringatan (kuning): boleh disimpan, mohon diperiksa",
                       "warning (amber): may be saved, please check"),
}
_CATALOGUE_TITLE: Final = ("Daftar isian kuesioner", "Questionnaire items")
_CATALOGUE_INTRO: Final = (
    "Semua isian rumah tangga dan anggota yang ada di editor, dengan penjelasan dan daftar "
    "kodenya. Tekan F1 di sebuah isian untuk langsung membuka penjelasannya di sini.",
    "Every household and member item of the editor, with its explanation and code list. Press "
    "F1 in a field of the editor to open its explanation here.")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Chapter:
    key: str  # the file name without number and suffix ("nik"), same in every language
    order: int
    title: str
    markdown: str  # directives expanded, anchors removed from the headings
    headings: tuple[Heading, ...]

    @property
    def search_text(self) -> str:
        return _searchable(self.markdown)

    def matches(self, query: str) -> bool:
        """Every word of ``query`` occurs in the chapter (case-insensitive)."""
        text = self.search_text
        return all(word in text for word in _searchable(query).split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "bagian"


def chapter_files(lang: str, root: Path = HELP_DIR) -> list[Path]:
    return sorted((p for p in (root / lang).glob("*.md") if _FILE.match(p.name)),
                  key=lambda p: int(_FILE.match(p.name).group(1)))  # type: ignore[union-attr]


def parse_headings(markdown: str) -> list[Heading]:
    headings, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            text = match.group(2).strip()
            headings.append(Heading(len(match.group(1)), text, match.group(3) or slug(text)))
    return headings


def problem_references(markdown: str) -> list[tuple[str, dict[str, str]]]:
    """(code, example parameters) of every ``::problem`` line."""
    found = []
    for line in markdown.splitlines():
        match = _PROBLEM.match(line.strip())
        if match:
            params = dict(item.split("=", 1) for item in match.group(2).split())
            found.append((match.group(1), params))
    return found


def problem_block(code: str, params: Mapping[str, str], lang: str) -> str:
    """A quoted message as the app shows it, with its code and severity."""
    if code not in PROBLEM_CODES:
        raise KeyError(f"the guide quotes an unknown problem code {code}")
    values: dict[str, object] = {k: _term(v) for k, v in params.items()}
    message = message_for(code, lang, **values)
    severity = _SEVERITY[PROBLEM_CODES[code][0]][1 if lang == "en" else 0]
    return f"> **{message}**\n>\n> `{code}` · {severity}\n"


def _term(value: str) -> object:
    try:
        return Term(value)
    except ValueError:
        return value


def expand(markdown: str, lang: str, shortcuts: str = "") -> str:
    lines = []
    for line in markdown.splitlines():
        heading = _HEADING.match(line)
        problem = _PROBLEM.match(line.strip())
        if heading and heading.group(3):
            lines.append(f"{heading.group(1)} {heading.group(2).strip()}")
        elif problem:
            code, params = problem_references(line)[0]
            lines.append(problem_block(code, params, lang))
        elif line.strip() == SHORTCUTS_MARK:
            lines.append(shortcuts)
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def load_chapters(lang: str, *, shortcuts: str = "", root: Path = HELP_DIR) -> list[Chapter]:
    """The guide in ``lang`` ("id" or "en"; anything else reads Indonesian), in reading order,
    with the questionnaire chapter generated from the catalogue."""
    lang = lang if lang in LANGS else "id"
    chapters = [catalogue_chapter(lang)]
    for path in chapter_files(lang, root):
        match = _FILE.match(path.name)
        assert match is not None
        raw = path.read_text(encoding="utf-8")
        headings = tuple(parse_headings(raw))
        title = headings[0].text if headings else match.group(2)
        chapters.append(Chapter(match.group(2), int(match.group(1)), title,
                                expand(raw, lang, shortcuts), headings))
    return sorted(chapters, key=lambda c: c.order)


def catalogue_chapter(lang: str) -> Chapter:
    """Every catalogue variable under its section: label, explanation, codes. Anchors are the
    variable keys (what F1 in the editor opens)."""
    en = lang == "en"
    title = _CATALOGUE_TITLE[1 if en else 0]
    lines = [f"# {title}", "", _CATALOGUE_INTRO[1 if en else 0], ""]
    headings = [Heading(1, title, CATALOGUE_CHAPTER)]
    for section in SECTIONS:
        name = section.label_en if en else section.label_id
        lines += [f"## {name}", ""]
        headings.append(Heading(2, name, f"bagian-{section.key}"))
        for var in (v for v in variables(section.entity) if v.section == section.key):
            lines += [f"### {var.label(lang)}", "", *_variable_lines(var, lang), ""]
            headings.append(Heading(3, var.label(lang), var.key))
    return Chapter(CATALOGUE_CHAPTER, CATALOGUE_ORDER, title, "\n".join(lines),
                   tuple(headings))


def _variable_lines(var: Variable, lang: str) -> Iterable[str]:
    if var.help(lang):
        yield var.help(lang)
        yield ""
    if var.yes_no is not None:
        yes, no = ("Yes", "No") if lang == "en" else ("Ya", "Tidak")
        yield f"{var.yes_no.yes} = {yes}, {var.yes_no.no} = {no}"
        yield ""
    if var.codes:  # one paragraph: a long list stays short on the page
        yield " · ".join(f"**{code.value}**\u00a0{code.label(lang)}" for code in var.codes)
    for column in var.excel.values():
        yield ""
        yield f"Excel: `{column}`"


def _searchable(text: str) -> str:
    text = _LINK_TARGET.sub("]", text)  # a link's words count, its address does not
    return " ".join(re.sub(r"[`*_>#|\[\]()]", " ", text).casefold().split())
