"""``siksdesk account list|add|reset``: accounts from the command line (issue 7, item 1).

* ``list [--json]``: every account (no secrets);
* ``add --username U --name N --role operator|kepala_desa``: the password is typed twice
  (``getpass``) or read from standard input with ``--password-stdin``. The first account of
  each role needs no approver; afterwards a Kepala Desa's username (``--approver`` or asked) and
  password are required. A Kepala Desa's recovery code is printed once;
* ``reset USERNAME``: a Kepala Desa sets a temporary password; its owner must change it at the
  next login.

With ``--password-stdin`` the lines of standard input are, in order: the new password, then, when
an approver is needed, the approver's username (unless ``--approver`` names it) and password.
Exit status: 0 done, 1 refused, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from siksdesk.app import AppContext
    from siksdesk.services.accounts import AccountRow

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
ROLES = ("operator", "kepala_desa")
_TEXT: dict[str, dict[str, str]] = {
    "id": {
        "none": "Belum ada akun.",
        "new_password": "Kata sandi baru: ",
        "repeat": "Ulangi kata sandi: ",
        "approver": "Nama pengguna Kepala Desa: ",
        "approver_password": "Kata sandi Kepala Desa ({username}): ",
        "added": "Akun {username} ({role}) dibuat.",
        "code": "KODE PEMULIHAN (catat dan simpan; hanya ditampilkan sekali): {code}",
        "reset": "Kata sandi {username} diatur ulang; wajib diganti saat masuk berikutnya.",
        "no_input": "Kata sandi tidak terbaca dari masukan standar.",
        "active": "aktif", "disabled": "nonaktif", "must_change": "harus ganti sandi",
        "needs_code": "belum punya kode pemulihan", "never": "belum pernah",
    },
    "en": {
        "none": "No accounts yet.",
        "new_password": "New password: ",
        "repeat": "Repeat the password: ",
        "approver": "Kepala Desa's username: ",
        "approver_password": "Kepala Desa's password ({username}): ",
        "added": "Account {username} ({role}) created.",
        "code": "RECOVERY CODE (write it down and keep it safe; shown only once): {code}",
        "reset": "Password of {username} reset; it must be changed at the next login.",
        "no_input": "No password could be read from standard input.",
        "active": "active", "disabled": "disabled", "must_change": "must change password",
        "needs_code": "no recovery code yet", "never": "never",
    },
}


class _Refused(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("account", parents=[common], help="manage login accounts")
    actions = parser.add_subparsers(dest="account_command", required=True)
    listing = actions.add_parser("list", parents=[common], help="list the accounts")
    listing.add_argument("--json", action="store_true")
    add = actions.add_parser("add", parents=[common], help="create an account")
    add.add_argument("--username", required=True)
    add.add_argument("--name", required=True, help="full name (display name)")
    add.add_argument("--role", required=True, choices=ROLES)
    reset = actions.add_parser("reset", parents=[common],
                               help="set a temporary password (the Kepala Desa approves)")
    reset.add_argument("username")
    for action in (add, reset):
        action.add_argument("--approver", help="the approving Kepala Desa's username")
        action.add_argument("--password-stdin", action="store_true",
                            help="read the password(s) from standard input, one per line")


def run(args: argparse.Namespace, out: TextIO) -> int:
    from siksdesk.commands import DatabaseRefused, opened_database
    from siksdesk.domain.accounts import AccountError

    lang = "en" if getattr(args, "lang", None) == "en" else "id"
    try:
        with opened_database(args, out) as ctx:
            command: Callable[[AppContext, argparse.Namespace, TextIO, str], int] = {
                "list": _list, "add": _add, "reset": _reset}[args.account_command]
            return command(ctx, args, out, lang)
    except DatabaseRefused:
        return EXIT_FAILED
    except AccountError as exc:
        out.write(exc.message(lang) + "\n")
        return EXIT_FAILED
    except _Refused as exc:
        out.write(exc.text + "\n")
        return EXIT_FAILED


def _list(ctx: AppContext, args: argparse.Namespace, out: TextIO, lang: str) -> int:
    from siksdesk.services.accounts import list_accounts

    with ctx.sessions() as session:
        rows = list_accounts(session)
    if args.json:
        json.dump([_as_dict(r) for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    text = _TEXT[lang]
    if not rows:
        out.write(text["none"] + "\n")
    for row in rows:
        notes = [text["disabled" if row.disabled else "active"]]
        notes += [text[k] for k, on in (("must_change", row.must_change_password),
                                         ("needs_code", row.needs_recovery_code)) if on]
        login = row.last_login_at.isoformat(sep=" ", timespec="minutes") \
            if row.last_login_at else text["never"]
        out.write(f"{row.username:<20} {row.role.label(lang):<12} {row.display_name}  "
                  f"[{', '.join(notes)}; {login}]\n")
    return EXIT_OK


def _as_dict(row: AccountRow) -> dict[str, object]:
    return {"username": row.username, "display_name": row.display_name,
            "role": row.role.value, "disabled": row.disabled,
            "must_change_password": row.must_change_password,
            "needs_recovery_code": row.needs_recovery_code,
            "last_login_at": row.last_login_at.isoformat() if row.last_login_at else None}


def _add(ctx: AppContext, args: argparse.Namespace, out: TextIO, lang: str) -> int:
    from siksdesk.db.session import unit_of_work
    from siksdesk.domain.accounts import AccountRole
    from siksdesk.services.accounts import NewAccount, add_account, create_account, list_accounts

    role = AccountRole(args.role)
    with ctx.sessions() as session:
        first_of_role = not any(r.role is role for r in list_accounts(session))
    password = _new_password(args, out, lang)
    new = NewAccount(args.username, args.name, role, password)
    if first_of_role:
        with unit_of_work(ctx.sessions, "cli") as session:
            created = add_account(session, new, created_by="cli")
    else:
        approver, approver_password = _approver(args, out, lang)
        created = create_account(ctx.sessions, new, approver=approver,
                                 approver_password=approver_password)
    text = _TEXT[lang]
    out.write(text["added"].format(username=created.account.username,
                                   role=role.label(lang)) + "\n")
    if created.recovery_code is not None:
        out.write(text["code"].format(code=created.recovery_code) + "\n")
    return EXIT_OK


def _reset(ctx: AppContext, args: argparse.Namespace, out: TextIO, lang: str) -> int:
    from siksdesk.services.accounts import reset_password

    password = _new_password(args, out, lang)
    approver, approver_password = _approver(args, out, lang)
    row = reset_password(ctx.sessions, approver=approver, approver_password=approver_password,
                         username=args.username, new_password=password)
    out.write(_TEXT[lang]["reset"].format(username=row.username) + "\n")
    return EXIT_OK


def _new_password(args: argparse.Namespace, out: TextIO, lang: str) -> str:
    from siksdesk.domain.accounts import AccountError

    if args.password_stdin:
        return _stdin_line(lang)
    text = _TEXT[lang]
    first = _ask_secret(text["new_password"], out)
    if _ask_secret(text["repeat"], out) != first:
        raise AccountError("PASSWORDS_DIFFER")
    return first


def _approver(args: argparse.Namespace, out: TextIO, lang: str) -> tuple[str, str]:
    text = _TEXT[lang]
    username = args.approver
    if not username:
        out.write(text["approver"])
        out.flush()
        username = sys.stdin.readline().strip()
        if not sys.stdin.isatty():
            out.write("\n")  # nothing was echoed after the prompt
    if args.password_stdin:
        return username, _stdin_line(lang)
    return username, _ask_secret(text["approver_password"].format(username=username), out)


def _ask_secret(prompt: str, out: TextIO) -> str:
    import getpass

    out.flush()
    return getpass.getpass(prompt)


def _stdin_line(lang: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise _Refused(_TEXT[lang]["no_input"])
    return line.rstrip("\r\n")
