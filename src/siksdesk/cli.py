"""Command line: ``siksdesk [gui]``, ``siksdesk nik check``, ``siksdesk demo``.

Exit status: 0 success, 1 a checked NIK is invalid or the command failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from siksdesk import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


DB_HELP = "database file (default: siksdesk.sqlite3 in the data folder)"
LANG_HELP = "language of messages: id (Bahasa Indonesia, default) or en"

# Sub-commands in modules of their own (protocol: siksdesk/commands/__init__.py).
COMMAND_MODULES: tuple[str, ...] = ("siksdesk.commands.export", "siksdesk.commands.import_file",
                                   "siksdesk.commands.duplicates", "siksdesk.commands.backup",
                                   "siksdesk.commands.report", "siksdesk.commands.sync",
                                   "siksdesk.commands.audit", "siksdesk.commands.account")


def build_parser() -> argparse.ArgumentParser:
    # Sub-commands repeat --db/--lang with SUPPRESS defaults, so "siksdesk --db X demo" and
    # "siksdesk demo --db X" mean the same and a sub-parser never resets the global value.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    common.add_argument("--lang", choices=("id", "en", "pseudo"), default=argparse.SUPPRESS,
                        help=LANG_HELP)
    parser = argparse.ArgumentParser(
        prog="siksdesk",
        description="siksdesk — registri DTKS desa. Tanpa perintah: membuka aplikasi.",
    )
    parser.add_argument("--version", action="version", version=f"siksdesk {__version__}")
    parser.add_argument("--db", type=Path, default=None, help=DB_HELP)
    # "pseudo" stretches every UI string (layout testing without translators).
    parser.add_argument("--lang", choices=("id", "en", "pseudo"), default=None, help=LANG_HELP)
    sub = parser.add_subparsers(dest="command")

    sub.add_parser("gui", parents=[common], help="open the application (default)")

    nik = sub.add_parser("nik", parents=[common], help="NIK tools")
    nik_sub = nik.add_subparsers(dest="nik_command", required=True)
    check = nik_sub.add_parser("check", parents=[common], help="check one or more NIKs")
    check.add_argument("niks", nargs="+", metavar="NIK")
    check.add_argument("--json", action="store_true", help="print JSON (shape: see README)")

    demo = sub.add_parser("demo", parents=[common], help="build a demo village")
    demo.add_argument("--people", type=int, default=None,
                      help="number of people (default: about 300 households)")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--replace", action="store_true",
                      help="replace existing data (a backup is written first)")
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        before = set(sub.choices)
        module.add_parser(sub, common)
        for added in set(sub.choices) - before:
            sub.choices[added].set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    if args.command == "nik":
        lang = "en" if args.lang == "en" else "id"
        return run_nik_check(args.niks, as_json=args.json, lang=lang, out=out)
    if args.command == "demo":
        return run_demo(args, out=out)
    if getattr(args, "run", None) is not None:
        return int(args.run(args, out))
    from siksdesk.ui.launch import run_gui

    return run_gui(database=args.db, lang=args.lang)


def run_nik_check(niks: Sequence[str], *, as_json: bool, lang: str, out: TextIO) -> int:
    from siksdesk.domain.nik import check_nik
    from siksdesk.domain.problems import Verdict

    results = [(raw, check_nik(raw)) for raw in niks]
    any_invalid = any(result.verdict is Verdict.INVALID for _, result in results)
    if as_json:
        payload = [{"input": raw, **result.to_dict(lang)} for raw, result in results]
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for raw, result in results:
            out.write(format_nik_check(raw, result, lang) + "\n")
    return EXIT_FAILED if any_invalid else EXIT_OK


def format_nik_check(raw: str, result: object, lang: str) -> str:
    from siksdesk.domain.nik import NikCheck

    assert isinstance(result, NikCheck)
    verdict_words = {
        "id": {"valid": "VALID", "warning": "VALID DENGAN PERINGATAN", "invalid": "TIDAK VALID"},
        "en": {"valid": "VALID", "warning": "VALID WITH WARNINGS", "invalid": "INVALID"},
    }[lang]
    lines = [f"{raw}: {verdict_words[result.verdict.value]}"]
    for problem in result.problems:
        lines.append(f"  [{problem.severity.value}] {problem.code}: {problem.message(lang)}")
    parts = result.parts
    if parts is not None:
        labels = _PART_LABELS[lang]
        region = " / ".join(
            f"{code} {name or '?'}" for code, name in (
                (parts.province_code, parts.province_name),
                (parts.kabkota_code, parts.kabkota_name),
                (parts.kecamatan_code, parts.kecamatan_name),
            )
        )
        lines.append(f"  {labels['region']}: {region}")
        birth = parts.birth_date.isoformat() if parts.birth_date else "?"
        lines.append(f"  {labels['birth']}: {birth}   {labels['sex']}: {parts.sex.value}"
                     f"   {labels['serial']}: {parts.serial}")
    return "\n".join(lines)


_PART_LABELS = {
    "id": {"region": "Wilayah", "birth": "Tanggal lahir", "sex": "Jenis kelamin",
           "serial": "No. urut"},
    "en": {"region": "Region", "birth": "Birth date", "sex": "Sex", "serial": "Serial"},
}


def run_demo(args: argparse.Namespace, *, out: TextIO) -> int:
    from siksdesk.app import open_app
    from siksdesk.db.migrate import DatabaseError
    from siksdesk.demo import DemoVillageExists, build_demo_village
    from siksdesk.logging_setup import setup_logging
    from siksdesk.paths import resolve_location

    if args.people is not None and not 1 <= args.people <= 50_000:
        out.write("--people harus antara 1 dan 50000\n")
        return EXIT_USAGE
    # The same folder the GUI opens: SIKSDESK_HOME, else the one chosen in Pengaturan.
    paths = resolve_location().paths
    setup_logging(paths.logs)
    try:
        ctx = open_app(paths, args.db)
    except DatabaseError as exc:
        out.write(f"{exc}\n")
        return EXIT_FAILED
    try:
        summary = build_demo_village(ctx, people=args.people, seed=args.seed,
                                     replace=args.replace)
    except DemoVillageExists as exc:
        out.write(f"{exc}\n")
        return EXIT_FAILED
    finally:
        ctx.close()
    out.write(
        f"Desa demo {summary.nama_desa} dibuat di {ctx.database}: "
        f"{summary.households} ruta, {summary.people} ART.\n"
    )
    if args.replace:
        out.write(f"Data lama dicadangkan lebih dulu di folder {paths.backups}.\n")
    return EXIT_OK
