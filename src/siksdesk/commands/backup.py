"""``siksdesk backup create|list|verify|restore``.

* ``create [--encrypt-to FOLDER]``: a verified copy in the data folder's ``backups/``; with
  ``--encrypt-to`` an encrypted ``.siksbak`` file in FOLDER (e.g. a USB stick) instead.
* ``list [--json]``: the copies in ``backups/``, newest first.
* ``verify [FILE...]``: integrity check (and manifest hash) of the given files, or of all copies.
* ``restore FILE [--yes]``: replace the database by FILE (verified first; the current database is
  backed up). Asks for confirmation unless ``--yes``. Close the app first.

Passphrases are asked twice on the terminal, or read from the first line of standard input with
``--passphrase-stdin`` (scripts), never taken from the command line.
Exit status: 0 done, 1 refused or failed (message says why; nothing changed), 2 usage.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("backup", parents=[common], help="create, list, verify, restore")
    actions = parser.add_subparsers(dest="backup_command", required=True)
    create = actions.add_parser("create", parents=[common], help="write a verified backup")
    create.add_argument("--encrypt-to", type=Path, default=None, metavar="FOLDER",
                        help="write an encrypted backup file into FOLDER (e.g. a USB stick)")
    create.add_argument("--passphrase-stdin", action="store_true")
    listing = actions.add_parser("list", parents=[common], help="list the backups")
    listing.add_argument("--json", action="store_true")
    verify = actions.add_parser("verify", parents=[common], help="check backups again")
    verify.add_argument("files", nargs="*", type=Path, metavar="FILE")
    verify.add_argument("--passphrase-stdin", action="store_true")
    restore = actions.add_parser("restore", parents=[common], help="restore from a backup")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.add_argument("--passphrase-stdin", action="store_true")
    restore.add_argument("--author", default="cli",
                         help="name recorded in the audit trail for this restore")


def run(args: argparse.Namespace, out: TextIO) -> int:
    from siksdesk.logging_setup import setup_logging
    from siksdesk.paths import resolve_location
    from siksdesk.services.backup_errors import BackupError

    paths = resolve_location().paths
    paths.ensure()
    setup_logging(paths.logs)
    database = (getattr(args, "db", None) or paths.database).resolve()
    lang = "en" if getattr(args, "lang", None) == "en" else "id"
    command = {"create": _create, "list": _list, "verify": _verify, "restore": _restore}
    try:
        return int(command[args.backup_command](args, paths, database, out))
    except BackupError as exc:
        out.write(exc.message(lang) + "\n")
        return EXIT_FAILED


def _passphrase(args: argparse.Namespace, *, twice: bool) -> str:
    from siksdesk.services.backup_errors import BackupError

    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi cadangan: ")
    if twice and getpass.getpass("Ulangi kata sandi: ") != first:
        raise BackupError("PASSPHRASE_MISMATCH")
    return first


def _create(args: argparse.Namespace, paths: Any, database: Path, out: TextIO) -> int:
    from siksdesk.services.backups import create_backup, write_encrypted_backup

    if not database.is_file():
        out.write(f"Basis data tidak ditemukan: {database}\n")
        return EXIT_FAILED
    if args.encrypt_to is not None:
        written = write_encrypted_backup(database, paths.home, args.encrypt_to,
                                         _passphrase(args, twice=True))
        out.write(f"Cadangan terenkripsi ditulis dan diperiksa: {written.path} "
                  f"({_size(written.size)})\n")
        return EXIT_OK
    entry = create_backup(database, paths.backups, reason="manual")
    out.write(f"Cadangan ditulis dan diperiksa: {paths.backups / entry.file} "
              f"({_size(entry.size)})\n")
    return EXIT_OK


def _list(args: argparse.Namespace, paths: Any, _database: Path, out: TextIO) -> int:
    from dataclasses import asdict

    from siksdesk.services.backups import list_backups

    entries = list_backups(paths.backups)
    if args.json:
        json.dump([asdict(e) for e in entries], out, indent=2)
        out.write("\n")
        return EXIT_OK
    if not entries:
        out.write(f"Belum ada cadangan di {paths.backups}\n")
    for entry in entries:
        when = entry.created_at().astimezone().strftime("%Y-%m-%d %H:%M")
        out.write(f"{when}  {entry.reason:<28} {_size(entry.size):>9}  "
                  f"skema {entry.schema_revision or '?'}  {entry.file}\n")
    return EXIT_OK


def _verify(args: argparse.Namespace, paths: Any, _database: Path, out: TextIO) -> int:
    from siksdesk.services.backup_crypto import is_encrypted_backup
    from siksdesk.services.backups import list_backups, verify_backup

    files = list(args.files) or [paths.backups / e.file for e in list_backups(paths.backups)]
    passphrase = None
    if any(is_encrypted_backup(f) for f in files):
        passphrase = _passphrase(args, twice=False)
    failed = 0
    for path in files:
        result = verify_backup(path, home=paths.home, passphrase=passphrase)
        failed += not result.ok
        verdict = "OK" if result.ok else "GAGAL"
        hashed = {True: ", hash cocok", False: ", HASH BERBEDA", None: ""}[result.sha256_matches]
        out.write(f"{verdict}  {result.file}: {result.detail}{hashed}\n")
    return EXIT_FAILED if failed else EXIT_OK


def _restore(args: argparse.Namespace, paths: Any, database: Path, out: TextIO) -> int:
    from siksdesk.services.backup_crypto import is_encrypted_backup
    from siksdesk.services.backup_restore import restore_backup

    if not args.yes:
        out.write("Data sekarang akan DIGANTI dengan isi cadangan (data sekarang dicadangkan "
                  "dulu). Tutup aplikasi siksdesk. Ketik YA untuk melanjutkan: ")
        out.flush()
        if sys.stdin.readline().strip().upper() != "YA":
            out.write("Dibatalkan; tidak ada yang diubah.\n")
            return EXIT_FAILED
    passphrase = _passphrase(args, twice=False) if is_encrypted_backup(args.file) else None
    result = restore_backup(paths.home, database, args.file, backups=paths.backups,
                            passphrase=passphrase, author=str(args.author)[:80])
    out.write(f"Dipulihkan dari {result.source} (skema {result.schema_revision}). "
              f"Data sebelumnya dicadangkan: {result.safety_backup or result.set_aside}.\n"
              "Pengiriman ke kabupaten menunggu sampai data desa menyusul tanda terima "
              "terakhir.\n")
    return EXIT_OK


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
