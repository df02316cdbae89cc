"""``siksdesk audit verify [--json]``: walk the audit chain (docs/audit-trail.md).

Recomputes every entry's hash and the digest of the change-log rows it covers, and names the
first entry that was edited, removed or moved. Exit status: 0 intact, 1 a problem was found (or
the database was refused), 2 usage.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

EXIT_OK, EXIT_FAILED = 0, 1
_TEXT = {
    "id": ("Rantai audit utuh: {entries} catatan, {changes} baris riwayat perubahan, "
           "kepala {head}.", "Rantai audit RUSAK setelah {entries} catatan yang baik:"),
    "en": ("Audit chain intact: {entries} entries, {changes} change-log rows, head {head}.",
           "Audit chain BROKEN after {entries} good entries:"),
}


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("audit", parents=[common], help="check the audit trail")
    actions = parser.add_subparsers(dest="audit_command", required=True)
    verify = actions.add_parser("verify", parents=[common],
                                help="recompute the hash chain; exit 1 on the first problem")
    verify.add_argument("--json", action="store_true")


def run(args: argparse.Namespace, out: TextIO) -> int:
    from siksdesk.commands import DatabaseRefused, opened_database
    from siksdesk.db.session import driver_connection, read_session
    from siksdesk.services.audit_verify import verify_chain

    lang = "en" if getattr(args, "lang", None) == "en" else "id"
    try:
        with opened_database(args, out) as ctx, read_session(ctx.sessions) as session:
            report = verify_chain(driver_connection(session))
    except DatabaseRefused:
        return EXIT_FAILED
    if args.json:
        problem = report.problem
        json.dump({"ok": report.ok, "entries": report.entries, "changes": report.changes,
                   "head": report.head,
                   "problem": None if problem is None else {
                       "code": problem.code, "entry": problem.entry,
                       "params": dict(problem.params), "message": problem.message(lang)}},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        good, bad = _TEXT[lang]
        text = good if report.ok else bad
        out.write(text.format(entries=report.entries, changes=report.changes,
                              head=report.head[:16] or "-") + "\n")
        if report.problem is not None:
            out.write(report.problem.message(lang) + "\n")
    return EXIT_OK if report.ok else EXIT_FAILED
