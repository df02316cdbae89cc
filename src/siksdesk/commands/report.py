"""``siksdesk report rekap|programme [--format pdf|xlsx] -o FILE [--json]``

``rekap``: households, people, verification and data problems per dusun and per RT;
``programme``: each programme's beneficiaries against its quota, and per dusun. The report is
an Indonesian document whatever ``--lang`` says (that sets the command's own messages). The format
follows the file's suffix unless ``--format`` is given. Exit status 0 written, 1 failed (nothing
written), 2 usage. ``--json`` prints ``{"report", "file", "format", "tables", "rows", "bytes"}``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from siksdesk.commands import DatabaseRefused, opened_database

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
REPORTS = ("rekap", "programme")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "report", parents=[common], help="write a rekap report (PDF or Excel)",
        description="Write the rekap per dusun/RT or the programme coverage as an A4 PDF or an "
                    "Excel (.xlsx) file, with the village's identity, the date and totals.")
    parser.add_argument("report", choices=REPORTS, metavar="REPORT", help="rekap | programme")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help="the file to write")
    parser.add_argument("--format", choices=("pdf", "xlsx"), default=None,
                        help="file format (default: from the file name's suffix)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace, out: TextIO) -> int:
    from siksdesk.io.table import ExportError
    from siksdesk.services.reports import ReportError, format_for, run_report

    lang = "en" if getattr(args, "lang", None) == "en" else "id"
    path: Path = args.output.expanduser().absolute()
    try:
        fmt = format_for(path, args.format)
    except ReportError as exc:
        out.write(exc.message(lang) + "\n")
        return EXIT_USAGE
    try:
        with opened_database(args, out) as ctx, ctx.reader.snapshot() as conn:
            result = run_report(conn, args.report, path, fmt=fmt)  # an Indonesian document
    except DatabaseRefused:
        return EXIT_FAILED
    except (ExportError, ReportError) as exc:
        out.write(exc.message(lang) + "\n")
        return EXIT_FAILED
    if args.json:
        json.dump({"report": args.report, "file": str(result.path), "format": result.format,
                   "tables": result.tables, "rows": result.rows, "bytes": result.size_bytes},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif lang == "en":
        out.write(f"Wrote the {args.report} report to {result.path}.\n")
    else:
        out.write(f"Laporan {args.report} ditulis ke {result.path}.\n")
    return EXIT_OK
