"""The guide's content: both languages have the same chapters and headings, every message it
quotes is the app's own, every link lands somewhere, every catalogue variable is explained."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from siksdesk.domain.catalogue_help import ART_HELP, RUTA_HELP
from siksdesk.domain.problems import PROBLEM_CODES, Term, message_for
from siksdesk.domain.variables import Entity, all_variables, variables
from siksdesk.ui.help_content import (
    CATALOGUE_CHAPTER,
    HELP_DIR,
    LANGS,
    Chapter,
    catalogue_chapter,
    chapter_files,
    load_chapters,
    parse_headings,
    problem_block,
    problem_references,
)

LINK = re.compile(r"\]\(help:([a-z0-9-]+)(?:#([a-z0-9-]+))?\)")
EXPLICIT_ANCHOR = re.compile(r"^#{1,6} .*\{#[a-z0-9-]+\}\s*$")
CHAPTERS = ("mengenal", "akun", "nik", "verivali", "musdes", "kirim", "ditolak", "cadangan",
            "pintasan")


def _raw(lang: str) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in chapter_files(lang)}


def test_every_chapter_exists_in_both_languages() -> None:
    names = {lang: sorted(_raw(lang)) for lang in LANGS}
    assert names["id"] == names["en"]
    assert [c.key for c in load_chapters("id") if c.key != CATALOGUE_CHAPTER] == list(CHAPTERS)
    assert not [p for p in (HELP_DIR / "id").iterdir() if p.suffix != ".md"]


@pytest.mark.parametrize("name", sorted(_raw("id")))
def test_both_languages_have_the_same_headings(name: str) -> None:
    structure = {}
    for lang in LANGS:
        text = (HELP_DIR / lang / name).read_text(encoding="utf-8")
        headings = [line for line in text.splitlines() if line.startswith("#")]
        assert all(EXPLICIT_ANCHOR.match(line) for line in headings), headings
        structure[lang] = [(h.level, h.anchor) for h in parse_headings(text)]
        anchors = [anchor for _level, anchor in structure[lang]]
        assert len(anchors) == len(set(anchors)), f"{lang}/{name}: an anchor twice"
    assert structure["id"] == structure["en"]
    assert structure["id"][0][0] == 1 and [lvl for lvl, _a in structure["id"]].count(1) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_every_quoted_message_is_the_apps_own(lang: str) -> None:
    quoted = [ref for text in _raw(lang).values() for ref in problem_references(text)]
    assert {code for code, _params in quoted} == set(PROBLEM_CODES)  # every message explained
    chapters = {c.key: c.markdown for c in load_chapters(lang)}
    terms = {t.value: t for t in Term}
    for code, params in quoted:
        values = {key: terms.get(value, value) for key, value in params.items()}
        assert f"**{message_for(code, lang, **values)}**" in chapters["nik"], code
    assert "::problem" not in "".join(chapters.values())


def test_a_quote_of_a_code_the_app_no_longer_has_fails() -> None:
    with pytest.raises(KeyError, match="NIK_GONE"):
        problem_block("NIK_GONE", {}, "id")
    assert problem_references("::problem NIK_MONTH month=13") == [("NIK_MONTH", {"month": "13"})]
    assert "Bulan lahir 13 tidak ada" in problem_block("NIK_MONTH", {"month": "13"}, "id")


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_lands_on_a_chapter_and_anchor(lang: str) -> None:
    chapters = {c.key: c for c in load_chapters(lang)}
    links = [m.groups() for text in _raw(lang).values() for m in LINK.finditer(text)]
    assert len(links) >= 10
    for chapter, anchor in links:
        assert chapter in chapters, chapter
        if anchor:
            assert anchor in {h.anchor for h in chapters[chapter].headings}, (chapter, anchor)


def test_every_catalogue_variable_is_explained_in_both_languages() -> None:
    for var in all_variables():
        assert var.help("id") and var.help("en"), var.key
        assert var.help("id") != var.help("en"), var.key
    assert set(RUTA_HELP) == {v.key for v in variables(Entity.RUTA)}
    assert set(ART_HELP) == {v.key for v in variables(Entity.ART)}


@pytest.mark.parametrize("lang", LANGS)
def test_the_questionnaire_chapter_has_an_anchor_per_variable(lang: str) -> None:
    chapter = catalogue_chapter(lang)
    anchors = {h.anchor for h in chapter.headings}
    assert {v.key for v in all_variables()} <= anchors
    code = "**3**\u00a0Leding meteran" if lang == "id" else "**3**\u00a0Metered tap"
    assert code in chapter.markdown


def test_search_finds_the_chapters_that_hold_all_words() -> None:
    chapters = load_chapters("id")
    found = [c.key for c in chapters if c.matches("tanda terima")]
    assert "kirim" in found and "nik" not in found
    assert [c.key for c in chapters if c.matches("TANDA  Terima sidik JARI")] == ["kirim"]
    assert not [c for c in chapters if c.matches("zzqx")]
    assert all(c.matches("") for c in chapters)


def test_the_shortcut_table_goes_where_the_chapter_asks() -> None:
    chapters = {c.key: c for c in load_chapters("en", shortcuts="| F9 | Fly |\n")}
    assert "| F9 | Fly |" in chapters["pintasan"].markdown
    assert "| F9 | Fly |" not in chapters["nik"].markdown
    assert isinstance(chapters["nik"], Chapter)


def test_an_unknown_language_reads_indonesian(tmp_path: Path) -> None:
    assert [c.title for c in load_chapters("xx")] == [c.title for c in load_chapters("id")]
    assert load_chapters("id", root=tmp_path) == [catalogue_chapter("id")]
