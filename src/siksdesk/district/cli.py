"""``siksdesk-district``: the district receiver's command line.

Exit status: 0 success, 1 the command failed (or a bundle was refused), 2 usage error.
Messages are Indonesian by default (``--lang en`` for English). No Qt is imported here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _common() -> argparse.ArgumentParser:
    # Repeated on every sub-command with SUPPRESS defaults: "--home X init" == "init --home X".
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", type=Path, default=argparse.SUPPRESS,
                        help="folder of the district keys and SQLite database "
                             "(default: $SIKSDESK_DISTRICT_HOME or ./siksdesk-district)")
    common.add_argument("--db-url", default=argparse.SUPPRESS,
                        help="database URL, e.g. postgresql+psycopg://user@host/db "
                             "(default: district.sqlite3 in the home folder)")
    common.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS,
                        help="language of messages (default id)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="siksdesk-district", parents=[common],
                                     description="Penerima paket sinkronisasi SIKS-Desk "
                                                 "untuk Dinas Sosial kabupaten/kota.")
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", parents=[common], help="create the district keys and database")
    init.add_argument("--district-code", required=True)
    init.add_argument("--district-name", required=True)
    init.add_argument("--server-url", default="")
    init.add_argument("--training", action="store_true", help="Mode latihan (training)")
    profile = sub.add_parser("profile", parents=[common],
                             help="write the district profile file for one village")
    profile.add_argument("village_code")
    profile.add_argument("--village-name", required=True)
    profile.add_argument("-o", "--output", type=Path, required=True)
    register = sub.add_parser("register", parents=[common], help="register a device file")
    register.add_argument("file", type=Path)
    register.add_argument("--fingerprint", required=True,
                          help="the fingerprint shown on the village laptop's screen")
    revoke = sub.add_parser("revoke", parents=[common], help="revoke a device")
    revoke.add_argument("key_id")
    revoke.add_argument("--reason", default="")
    ingest = sub.add_parser("ingest", parents=[common], help="ingest bundle files (USB route)")
    ingest.add_argument("files", type=Path, nargs="+", metavar="FILE")
    ingest.add_argument("--receipts", type=Path, default=None,
                        help="folder for the receipts (default: FILE.receipt next to FILE)")
    receipt = sub.add_parser("receipt", parents=[common], help="write a stored receipt")
    receipt.add_argument("--device", required=True, metavar="KEY_ID")
    which = receipt.add_mutually_exclusive_group()
    which.add_argument("--sequence", type=int, default=None)
    which.add_argument("--latest", action="store_true")
    receipt.add_argument("-o", "--output", type=Path, required=True)
    serve = sub.add_parser("serve", parents=[common], help="run the upload server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--max-body", type=int, default=None, help="bytes (default 64 MiB)")
    _add_updates(sub, common)
    rotate = sub.add_parser("rotate-keys", parents=[common],
                            help="make new district keys and announce them to every device")
    rotate.add_argument("--overlap-days", type=int, default=30,
                        help="days bundles sealed to the old key are still accepted "
                             "(default 30)")
    rotate.add_argument("--updates-dir", type=Path, default=None,
                        help="also write each device's update file here (USB villages)")
    status = sub.add_parser("status", parents=[common], help="per village/device state")
    status.add_argument("--json", action="store_true")
    return parser


def _add_updates(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                 common: argparse.ArgumentParser) -> None:
    updates = sub.add_parser("updates", parents=[common], help="make an update for a device")
    kinds = updates.add_subparsers(dest="update_kind", required=True)
    nik = kinds.add_parser("invalid-nik", parents=[common],
                           help="invalid-NIK list (xlsx/csv) for a village device")
    nik.add_argument("file", type=Path)
    decision = kinds.add_parser("decision", parents=[common], help="decision on one usulan")
    decision.add_argument("--usulan", required=True)
    decision.add_argument("--status", choices=("accepted", "rejected"), required=True)
    decision.add_argument("--code", default="")
    decision.add_argument("--note", default="")
    for parser in (nik, decision):
        parser.add_argument("--device", required=True, metavar="KEY_ID")
        parser.add_argument("-o", "--output", type=Path, required=True)
        parser.add_argument("--expires-days", type=int, default=30)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse: 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    from siksdesk.district.commands import run

    return run(args, out)


if __name__ == "__main__":
    sys.exit(main())
