"""Accounts and roles (pure rules): who may log in, what a username and a password must look
like, how long to wait after failed attempts, the Kepala Desa's recovery code, and who may
finalise a MusDes (nobody approves their own change).

Roles: ``operator`` edits the registry, runs imports, prepares the MusDes and sends bundles;
``kepala_desa`` is the approver: finalises a MusDes, resets operators' passwords and manages
accounts. Failed attempts slow down (``login_delay_seconds``) and never lock out for good.
"""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final


class AccountRole(StrEnum):
    OPERATOR = "operator"
    KEPALA_DESA = "kepala_desa"

    def label(self, lang: str = "id") -> str:
        words = _ROLE_LABELS[self]
        return words[1] if lang.lower().startswith("en") else words[0]


_ROLE_LABELS: Final = {AccountRole.OPERATOR: ("Operator", "Operator"),
                       AccountRole.KEPALA_DESA: ("Kepala Desa", "Village head")}

MIN_PASSWORD: Final = 8
DEMO_PASSWORD: Final = "latihan123"
MAX_DISPLAY_NAME: Final = 80
FREE_ATTEMPTS: Final = 3  # failures before the first delay
FIRST_DELAY: Final = 5  # seconds after the third failure, doubling after each further one
MAX_DELAY: Final = 900
RECOVERY_ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O/1/I/L
RECOVERY_GROUPS: Final = 4
RECOVERY_GROUP_SIZE: Final = 5

# The training village's two accounts (published password DEMO_PASSWORD). Their argon2id
# hashes (argon2-cffi defaults) are precomputed: hashing at every demo build would cost
# ~2 × 200 ms in hundreds of tests. tests/unit/test_accounts_rules.py checks they still match.
DEMO_RECOVERY_CODE: Final = "KADES-DESA2-DESA3-DESA4"
DEMO_OPERATOR_HASH: Final = (
    "$argon2id$v=19$m=65536,t=3,p=4$+hwflw3CxN3SGQRAdpKk6g$"
    "xl4j+eLbuX/iQRpHncn1+e5JQca6FM1h1UUniJh1YUE")
DEMO_KADES_HASH: Final = (
    "$argon2id$v=19$m=65536,t=3,p=4$ktxdQsh7ToABkTS0M0rwBg$"
    "BzCBulhJ8DnWIg11uk8636xeOCyu2++av+3Afs44bQw")
DEMO_KADES_RECOVERY_HASH: Final = (
    "$argon2id$v=19$m=65536,t=3,p=4$WcXls2Jm+itr86ziQwZQBA$"
    "cON3HmlDvwD79+A0MmnbI2iUFqxE1/NY3m3Jksjfkww")


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    display_name: str
    role: AccountRole
    password_hash: str
    recovery_hash: str | None


DEMO_ACCOUNTS: Final = (
    DemoAccount("operator", "Operator Latihan", AccountRole.OPERATOR, DEMO_OPERATOR_HASH, None),
    DemoAccount("kades", "Kepala Desa Latihan", AccountRole.KEPALA_DESA, DEMO_KADES_HASH,
                DEMO_KADES_RECOVERY_HASH),
)

_USERNAME: Final = re.compile(r"[a-z0-9._-]{3,32}", re.ASCII)
# Spaces, dashes and the look-alikes a phone or a word processor puts in their place.
_RECOVERY_NOISE: Final = re.compile(r"[\s\-\u2010-\u2015\u2212_.]+")

_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "USERNAME_INVALID": (
        "Nama pengguna harus 3–32 karakter: huruf kecil a–z, angka, titik, garis bawah atau "
        "tanda hubung (tanpa spasi).",
        "A username has 3–32 characters: lowercase letters a–z, digits, dot, underscore or "
        "hyphen (no spaces)."),
    "USERNAME_TAKEN": (
        "Nama pengguna “{username}” sudah dipakai. Pilih nama lain.",
        "The username “{username}” is already taken. Choose another one."),
    "DISPLAY_NAME_MISSING": (
        "Nama lengkap belum diisi.", "The full name is empty."),
    "PASSWORD_SHORT": (
        "Kata sandi minimal {minimum} karakter.",
        "The password needs at least {minimum} characters."),
    "PASSWORD_IS_USERNAME": (
        "Kata sandi tidak boleh sama dengan nama pengguna.",
        "The password must not be the same as the username."),
    "PASSWORDS_DIFFER": (
        "Kedua kata sandi tidak sama. Ketik ulang.",
        "The two passwords differ. Type them again."),
    "LOGIN_FAILED": (
        "Nama pengguna atau kata sandi salah.", "Wrong username or password."),
    "LOGIN_WAIT": (
        "Terlalu banyak percobaan yang salah. Tunggu {seconds} detik, lalu coba lagi.",
        "Too many wrong attempts. Wait {seconds} seconds, then try again."),
    "ACCOUNT_DISABLED": (
        "Akun ini sudah dinonaktifkan. Minta Kepala Desa mengaktifkannya lagi.",
        "This account has been disabled. Ask the village head to enable it again."),
    "NOT_APPROVER": (
        "Hanya akun Kepala Desa yang boleh memfinalisasi musyawarah.",
        "Only a village head's account may finalise a meeting."),
    "SELF_APPROVAL": (
        "Akun “{username}” ikut membuat usulan dalam musyawarah ini, jadi tidak boleh "
        "menyetujuinya sendiri. Finalisasi harus oleh Kepala Desa lain.",
        "The account “{username}” made proposals in this meeting, so it may not approve "
        "them itself. Another village head must finalise."),
    "APPROVER_NEEDED": (
        "Hanya Kepala Desa yang boleh melakukan ini; masukkan nama pengguna dan kata sandi "
        "Kepala Desa.",
        "Only the village head may do this; enter the village head's username and password."),
    "RECOVERY_CODE_WRONG": (
        "Nama pengguna atau kode pemulihan salah.", "Wrong username or recovery code."),
    "NO_RECOVERY_CODE": (
        "Akun ini tidak punya kode pemulihan. Minta Kepala Desa lain mengatur ulang kata "
        "sandinya.",
        "This account has no recovery code. Ask another village head to reset its password."),
    "LAST_APPROVER": (
        "Ini akun {role} aktif yang terakhir; akun itu tidak bisa dinonaktifkan.",
        "This is the last active {role} account; it cannot be disabled."),
    "ACCOUNT_NOT_FOUND": (
        "Akun “{username}” tidak ditemukan.", "The account “{username}” was not found."),
}


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


class AccountError(Exception):
    """An account rule refused the request. ``str()`` is the Indonesian message; params never
    hold a password, a hash or a recovery code."""

    def __init__(self, code: str, /, **params: object) -> None:
        if code not in _MESSAGES:
            raise KeyError(code)
        self.code = code
        self.params: dict[str, object] = params
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        en = lang.lower().startswith("en")
        values = _Params()
        for key, value in self.params.items():
            label = getattr(value, "label", None)
            values[key] = label("en" if en else "id") if callable(label) else value
        return _MESSAGES[self.code][1 if en else 0].format_map(values)


def account_codes() -> frozenset[str]:
    return frozenset(_MESSAGES)


def normalise_username(text: str) -> str:
    username = text.strip().lower()
    if not _USERNAME.fullmatch(username):
        raise AccountError("USERNAME_INVALID")
    return username


def check_display_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise AccountError("DISPLAY_NAME_MISSING")
    return name[:MAX_DISPLAY_NAME]


def check_new_password(password: str, *, username: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("PASSWORD_SHORT", minimum=MIN_PASSWORD)
    if password.strip().lower() == username.strip().lower():
        raise AccountError("PASSWORD_IS_USERNAME")


def login_delay_seconds(failed_attempts: int) -> int:
    """Seconds to wait after ``failed_attempts`` failures in a row: 0 for fewer than 3, then
    5 · 2^(n−3) capped at 900 (3 → 5 s, 4 → 10 s, 5 → 20 s … ≥ 11 → 900 s)."""
    if failed_attempts < FREE_ATTEMPTS:
        return 0
    doublings = min(failed_attempts - FREE_ATTEMPTS, 16)  # 5·2^16 is far past the cap
    return min(FIRST_DELAY << doublings, MAX_DELAY)


def remaining_delay(failed_attempts: int, last_failed_at: datetime | None,
                    now: datetime) -> int:
    """Whole seconds still to wait before the next attempt (0: go ahead); the UIs show it as
    a countdown."""
    delay = login_delay_seconds(failed_attempts)
    if not delay or last_failed_at is None:
        return 0
    left = (last_failed_at + timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(left))


def normalise_recovery_code(text: str) -> str:
    """Upper case without spaces or dashes, regrouped as XXXXX-XXXXX-XXXXX-XXXXX when it has
    the right length; anything else comes back compact (and will not match)."""
    compact = _RECOVERY_NOISE.sub("", text).upper()
    if len(compact) != RECOVERY_GROUPS * RECOVERY_GROUP_SIZE:
        return compact
    return "-".join(compact[i:i + RECOVERY_GROUP_SIZE]
                    for i in range(0, len(compact), RECOVERY_GROUP_SIZE))


def new_recovery_code() -> str:
    chars = "".join(secrets.choice(RECOVERY_ALPHABET)
                    for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_SIZE))
    return normalise_recovery_code(chars)


def check_may_finalise(role: AccountRole, username: str,
                       proposal_authors: Iterable[str]) -> None:
    """A MusDes is finalised by a Kepala Desa who made none of its proposals."""
    if AccountRole(role) is not AccountRole.KEPALA_DESA:
        raise AccountError("NOT_APPROVER")
    me = username.strip().lower()
    if any(author.strip().lower() == me for author in proposal_authors):
        raise AccountError("SELF_APPROVAL", username=me)
