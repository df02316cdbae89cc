"""``siksdesk duplicates [--json] [--min-score N] [--limit N]``: the possible duplicates.

Prints the candidate pairs of the village (best first) with their score and reasons. Names are
printed for the operator at the terminal; NIKs are masked in the text output (the JSON carries
both forms). Nothing is logged about the people. Exit status 0 (whether or not pairs were
found), 1 the database could not be opened, 2 usage.

``--json`` prints ``{"people", "comparisons", "min_score", "total", "pairs": [{"score",
"same_nik", "reasons": [{"code", "points", "message"}], "a": PERSON, "b": PERSON}]}`` where
PERSON is ``{"uuid", "art_id", "ruta_id", "ruta_no", "nama", "nik", "nik_masked", "no_kk",
"tanggal_lahir", "jenis_kelamin" ("L"/"P"/null), "nama_ibu_kandung", "dusun", "rt", "rw",
"alamat"}``; ``total`` counts the pairs at or above the threshold before ``--limit``.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from siksdesk.commands import DatabaseRefused, opened_database

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_MIN_SCORE = 50  # = siksdesk.domain.duplicates.DEFAULT_MIN_SCORE (stdlib-only import)

_TEXT = {
    "id": {"usage_score": "--min-score harus antara 0 dan 100",
           "usage_limit": "--limit tidak boleh negatif",
           "head": "Kemungkinan ganda: {shown} dari {total} pasang (skor ≥ {min}); {people} orang, "
                   "{comparisons} pasang dibandingkan.",
           "none": "Tidak ada kemungkinan ganda dengan skor ≥ {min}.",
           "score": "Skor", "no_nik": "tanpa NIK", "born": "lahir", "ruta": "Ruta",
           "unknown": "?"},
    "en": {"usage_score": "--min-score must be between 0 and 100",
           "usage_limit": "--limit must not be negative",
           "head": "Possible duplicates: {shown} of {total} pairs (score ≥ {min}); {people} "
                   "people, {comparisons} pairs compared.",
           "none": "No possible duplicates with a score ≥ {min}.",
           "score": "Score", "no_nik": "no NIK", "born": "born", "ruta": "Household",
           "unknown": "?"},
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "duplicates", parents=[common], help="list possible duplicate people",
        description="List pairs of people who may be the same person (Kemungkinan ganda), "
                    "with a score 0-100 and the reasons, best first.")
    parser.add_argument("--min-score", type=int, default=DEFAULT_MIN_SCORE, metavar="N",
                        help=f"only pairs scoring at least N (default {DEFAULT_MIN_SCORE})")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="print at most N pairs")
    parser.add_argument("--json", action="store_true", help="print JSON (shape: see --help of "
                                                            "the module docstring)")


def run(args: argparse.Namespace, out: TextIO) -> int:
    lang = "en" if getattr(args, "lang", None) == "en" else "id"
    text = _TEXT[lang]
    if not 0 <= args.min_score <= 100:
        out.write(text["usage_score"] + "\n")
        return EXIT_USAGE
    if args.limit is not None and args.limit < 0:
        out.write(text["usage_limit"] + "\n")
        return EXIT_USAGE
    from siksdesk.db.session import read_session
    from siksdesk.services.duplicates import find_duplicates

    try:
        with opened_database(args, out) as ctx, read_session(ctx.sessions) as session:
            result = find_duplicates(session, min_score=args.min_score, limit=args.limit)
    except DatabaseRefused:
        return EXIT_FAILED
    if args.json:
        json.dump(_as_json(result, args.min_score, lang), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_text(result, args.min_score, lang, out)
    return EXIT_OK


def _person(facts: Any) -> dict[str, Any]:
    from siksdesk.domain.nik import mask_nik

    born = facts.tanggal_lahir
    return {"uuid": facts.uuid, "art_id": facts.art_id, "ruta_id": facts.ruta_id,
            "ruta_no": facts.ruta_no, "nama": facts.nama, "nik": facts.nik,
            "nik_masked": mask_nik(facts.nik) if facts.nik else None, "no_kk": facts.no_kk,
            "tanggal_lahir": born.isoformat() if born else None,
            "jenis_kelamin": {1: "L", 2: "P"}.get(facts.jenis_kelamin),
            "nama_ibu_kandung": facts.nama_ibu_kandung, "dusun": facts.dusun, "rt": facts.rt,
            "rw": facts.rw, "alamat": facts.alamat}


def _as_json(result: Any, min_score: int, lang: str) -> dict[str, Any]:
    return {
        "people": result.people, "comparisons": result.comparisons, "min_score": min_score,
        "total": result.above_threshold,
        "pairs": [{"score": pair.score, "same_nik": pair.same_nik,
                   "reasons": [{"code": r.code, "points": r.points, "message": r.message(lang)}
                               for r in pair.reasons],
                   "a": _person(pair.a), "b": _person(pair.b)} for pair in result.pairs],
    }


def _line(facts: Any, text: dict[str, str]) -> str:
    from siksdesk.domain.nik import mask_nik

    nik = f"NIK {mask_nik(facts.nik)}" if facts.nik else text["no_nik"]
    born = facts.tanggal_lahir.isoformat() if facts.tanggal_lahir else text["unknown"]
    place = " ".join(part for part in (facts.dusun, f"RT {facts.rt}" if facts.rt else "") if part)
    ruta = f"{text['ruta']} {facts.ruta_no if facts.ruta_no is not None else text['unknown']}"
    return f"{facts.nama} ({nik}, {text['born']} {born}, {ruta}, {place})"


def _print_text(result: Any, min_score: int, lang: str, out: TextIO) -> None:
    text = _TEXT[lang]
    if not result.pairs:
        out.write(text["none"].format(min=min_score) + "\n")
        return
    out.write(text["head"].format(shown=len(result.pairs), total=result.above_threshold,
                                  min=min_score, people=result.people,
                                  comparisons=result.comparisons) + "\n")
    for number, pair in enumerate(result.pairs, 1):
        out.write(f"\n{number:3d}. {text['score']} {pair.score:3d}  {_line(pair.a, text)}\n")
        out.write(f"{'':15s}↔ {_line(pair.b, text)}\n")
        for reason in pair.reasons:
            sign = "+" if reason.points > 0 else "-" if reason.points < 0 else "·"
            out.write(f"{'':15s}{sign} {reason.message(lang)}\n")
