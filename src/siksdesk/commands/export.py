"""``siksdesk export WHAT FILE [--format xlsx|csv] [--purpose lengkap|pengumuman|pendataan]
[--mask-nik] [--delimiter ;|,] [--json]``

WHAT: ``bnba`` (the village list in the district layout), ``masalah`` (data problems),
``usulan`` (proposals), ``perbaikan-nik`` (the NIK corrections list). The format follows the
file's suffix unless ``--format`` is given. ``--purpose`` keeps only the columns a purpose
needs (``pengumuman``: a public notice, ``pendataan``: a field survey; both mask NIK and
No. KK); ``lengkap`` (the default) writes every column. Exit status 0 written, 1 failed
(nothing written), 2 usage. ``--json`` prints ``{"what", "file", "format", "rows", "columns",
"masked", "purpose", "bytes"}``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from siksdesk.commands import DatabaseRefused, opened_database

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
WHATS = ("bnba", "masalah", "usulan", "perbaikan-nik")
PURPOSES = ("lengkap", "pengumuman", "pendataan")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "export", parents=[common], help="export a list to .xlsx or CSV",
        description="Export a list to an Excel (.xlsx) or CSV file. NIK and No. KK are "
                    "written as text so that Excel does not damage them.")
    parser.add_argument("what", choices=WHATS, metavar="WHAT",
                        help="bnba | masalah | usulan | perbaikan-nik")
    parser.add_argument("file", type=Path, metavar="FILE", help="the file to write")
    parser.add_argument("--format", choices=("xlsx", "csv"), default=None,
                        help="file format (default: from the file name's suffix)")
    parser.add_argument("--purpose", choices=PURPOSES, default="lengkap",
                        help="keep only the columns a purpose needs: lengkap (every column, "
                             "for the Dinas Sosial; default), pengumuman (public notice; not "
                             "for masalah or perbaikan-nik), pendataan (field survey)")
    parser.add_argument("--mask-nik", action="store_true",
                        help="mask NIK and No. KK (352201********01) for lists posted in public")
    parser.add_argument("--delimiter", choices=(";", ","), default=";",
                        help="CSV delimiter (default ';', as Excel expects in Indonesia)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace, out: TextIO) -> int:
    from siksdesk.io.table import ExportError
    from siksdesk.services.exports import format_for, purpose_for

    lang = "en" if getattr(args, "lang", None) == "en" else "id"
    path: Path = args.file.expanduser().absolute()
    try:
        fmt = format_for(path, args.format)
        purpose_for(args.what, args.purpose)
    except ExportError as exc:
        out.write(exc.message(lang) + "\n")
        return EXIT_USAGE
    return _export(args, path, fmt, lang, out)


def _export(args: argparse.Namespace, path: Path, fmt: str, lang: str, out: TextIO) -> int:
    from siksdesk.io.table import ExportError
    from siksdesk.services.exports import run_export

    try:
        with opened_database(args, out) as ctx:
            result = run_export(ctx.sessions, args.what, path, fmt=fmt,
                                mask_identifiers=args.mask_nik, lang=lang,
                                delimiter=args.delimiter, purpose=args.purpose)
    except DatabaseRefused:
        return EXIT_FAILED
    except ExportError as exc:
        out.write(exc.message(lang) + "\n")
        return EXIT_FAILED
    if args.json:
        json.dump({"what": args.what, "file": str(result.path), "format": result.format,
                   "rows": result.rows, "columns": result.columns, "masked": result.masked,
                   "purpose": result.purpose, "bytes": result.size_bytes},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif lang == "en":
        out.write(f"Wrote {result.rows} rows to {result.path}"
                  f"{' (NIK and No. KK masked)' if result.masked else ''}.\n")
    else:
        out.write(f"{result.rows} baris ditulis ke {result.path}"
                  f"{' (NIK dan No. KK disamarkan)' if result.masked else ''}.\n")
    return EXIT_OK
