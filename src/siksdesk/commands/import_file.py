"""``siksdesk import FILE [--kind bnba|invalid-nik] [--profile NAME] [--dry-run] [--json]``.

Exit status: 0 applied or previewed cleanly (no row rejected, no conflict), 1 the file (or some
row) was rejected or a mapping is needed, 2 usage. The invalid-NIK list is handled by
``siksdesk.commands.invalid_nik``. Output names rows by their Excel row number; NIKs masked.
"""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path
from typing import Any, TextIO

from siksdesk.commands import DatabaseRefused, opened_database

EXIT_OK, EXIT_REJECTED = 0, 1
_MAX_LISTED = 200

_WORDS = {
    "id": {"head": "Berkas {file}, lembar “{sheet}”, profil {profile}",
           "counts": "baru {new}, diubah {update}, sama {unchanged}, konflik {conflict}, "
                     "ditolak {rejected}",
           "preview": "Pratinjau — belum ada yang disimpan.",
           "applied": "Diimpor (batch {batch}): {households} ruta, {people} ART ditulis.",
           "mapping": "Kolom belum dikenal: {columns}. Petakan sekali di aplikasi (Impor "
                      "daftar BNBA), atau pilih profil dengan --profile.",
           "more": "… dan {count} baris lagi."},
    "en": {"head": "File {file}, sheet “{sheet}”, profile {profile}",
           "counts": "new {new}, updated {update}, unchanged {unchanged}, conflict {conflict}, "
                     "rejected {rejected}",
           "preview": "Preview — nothing has been saved.",
           "applied": "Imported (batch {batch}): {households} households, {people} members "
                      "written.",
           "mapping": "Unknown columns: {columns}. Map them once in the app (Import BNBA list), "
                      "or choose a profile with --profile.",
           "more": "… and {count} more rows."},
}


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("import", parents=[common],
                            help="import a district Excel/CSV file (BNBA or invalid-NIK list)")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--kind", choices=("bnba", "invalid-nik"), default="bnba")
    parser.add_argument("--profile", default=None,
                        help="column mapping to use: bdt2015, regsosek2022 or a remembered one")
    parser.add_argument("--dry-run", action="store_true", help="preview only; write nothing")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--author", default=None, help="name for the change log")


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.kind == "invalid-nik":
        from siksdesk.commands.invalid_nik import run_import

        return int(run_import(args, out))

    lang = "en" if getattr(args, "lang", None) == "en" else "id"
    try:
        with opened_database(args, out) as ctx:
            return _run(ctx.sessions, args, lang, out)
    except DatabaseRefused:
        return EXIT_REJECTED


def _author(args: argparse.Namespace) -> str:
    if args.author:
        return str(args.author)[:80]
    try:
        return f"cli:{getpass.getuser()}"[:80]
    except Exception:  # no user name on this system
        return "cli"


def _run(sessions: Any, args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from siksdesk.domain.import_problems import ImportRejected
    from siksdesk.services.bnba_import import NeedsMapping, apply_bnba, preview_bnba

    try:
        plan = preview_bnba(sessions, args.file, profile=args.profile)
        result = None
        if not args.dry_run:
            result = apply_bnba(sessions, plan, author=_author(args))
    except ImportRejected as exc:
        _fail(out, args.json, exc.code, exc.message(lang))
        return EXIT_REJECTED
    except NeedsMapping as exc:
        columns = ", ".join(exc.match.headers[i] for i in exc.match.unknown) or "-"
        _fail(out, args.json, "FILE_NEEDS_MAPPING",
              _WORDS[lang]["mapping"].format(columns=columns))
        return EXIT_REJECTED
    if args.json:
        json.dump(_as_json(plan, result, lang), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print(plan, result, lang, out)
    return EXIT_OK if plan.clean else EXIT_REJECTED


def _fail(out: TextIO, as_json: bool, code: str, message: str) -> None:
    if as_json:
        json.dump({"ok": False, "code": code, "message": message}, out, ensure_ascii=False,
                  indent=2)
        out.write("\n")
    else:
        out.write(f"{message}\n")


def _as_json(plan: Any, result: Any, lang: str) -> dict[str, Any]:
    return {
        "ok": plan.clean, "file": plan.file_name, "sheet": plan.sheet, "profile": plan.profile,
        "header_row": plan.header.row, "dry_run": result is None, "counts": plan.counts,
        "batch_id": None if result is None else result.batch_id,
        "file_problems": [p.message(lang) for p in plan.file_problems],
        "rows": [
            {"row": r.row, "status": r.status.value, "nik_masked": r.nik_masked,
             "changes": [{"part": c.part, "field": c.name} for c in r.changes],
             "problems": [{"code": p.code, "level": p.level.value, "message": p.message(lang)}
                          for p in r.problems]}
            for r in plan.rows if r.status.value != "unchanged"
        ],
    }


def _print(plan: Any, result: Any, lang: str, out: TextIO) -> None:
    words = _WORDS[lang]
    out.write(words["head"].format(file=plan.file_name, sheet=plan.sheet, profile=plan.profile)
              + "\n")
    for found in plan.file_problems:
        out.write(f"  {found.message(lang)}\n")
    listed = 0
    for row in plan.rows:
        if row.problems and listed < _MAX_LISTED:
            listed += 1
            for found in row.problems:
                out.write(f"  [{row.status.value}] {found.message(lang)}\n")
    remaining = sum(1 for r in plan.rows if r.problems) - listed
    if remaining > 0:
        out.write("  " + words["more"].format(count=remaining) + "\n")
    out.write(words["counts"].format(**plan.counts) + "\n")
    if result is None:
        out.write(words["preview"] + "\n")
    else:
        out.write(words["applied"].format(batch=result.batch_id,
                                          households=result.households_written,
                                          people=result.people_written) + "\n")
