"""Accounts: create, log in, change, reset and recover passwords, disable (contract:
/tmp/s4/accounts.md; rules in ``domain.accounts``).

Every password check goes through ``_check``: it reads the account, refuses an attempt made
during the growing delay without checking anything, verifies the hash *outside* any write
transaction (argon2 ≈ 0.2 s must not hold the write lock), and commits a failure in its own
unit of work before raising, so failures count even though the caller's work is refused. An
unknown username costs the same verify and answers the same error; it writes nothing. A
success resets the counter and rehashes when argon2's parameters changed (or the hash is a
scrypt one migrated from the old approver credential).

Every write is a unit of work on the ``account`` table, which is audited: the audit entry names
the changed columns, never a value (so no hash reaches it).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.audit_hooks import ACTION_KEY
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.domain.accounts import (
    DEMO_OPERATOR_HASH,
    AccountError,
    AccountRole,
    check_display_name,
    check_new_password,
    new_recovery_code,
    normalise_recovery_code,
    normalise_username,
    remaining_delay,
)
from siksdesk.models import Account
from siksdesk.models.base import utc_now

Factory = sessionmaker[Session]
# argon2-cffi's defaults. Tests may swap in a cheap hasher (tests/accounts_support.py); nothing
# else may.
_hasher: PasswordHasher = PasswordHasher()
_dummy: tuple[PasswordHasher, str] | None = None
SCRYPT_PREFIX: Final = "scrypt$"
_SCRYPT_MAXMEM: Final = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    role: AccountRole
    must_change_password: bool
    disabled: bool
    needs_recovery_code: bool
    last_login_at: datetime | None

    @property
    def is_approver(self) -> bool:
        return self.role is AccountRole.KEPALA_DESA

    @property
    def author(self) -> str:
        return self.username


@dataclass(frozen=True, slots=True)
class NewAccount:
    username: str
    display_name: str
    role: AccountRole
    password: str


@dataclass(frozen=True, slots=True)
class Created:
    account: AccountRow
    recovery_code: str | None  # a code only for kepala_desa


def account_row(account: Account) -> AccountRow:
    role = AccountRole(account.role)
    return AccountRow(
        id=account.id, username=account.username, display_name=account.display_name,
        role=role, must_change_password=account.must_change_password,
        disabled=account.disabled,
        needs_recovery_code=role is AccountRole.KEPALA_DESA and account.recovery_hash is None,
        last_login_at=account.last_login_at)


# --- reads -----------------------------------------------------------------------------------


def list_accounts(session: Session) -> tuple[AccountRow, ...]:
    """Active accounts first, then by role (Kepala Desa first) and name."""
    rows = [account_row(a) for a in session.scalars(select(Account))]
    rows.sort(key=lambda r: (r.disabled, r.role is not AccountRole.KEPALA_DESA,
                             r.display_name.casefold(), r.username))
    return tuple(rows)


def has_accounts(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Account)) != 0


def account_by_username(session: Session, username: str) -> AccountRow | None:
    account = _find(session, username)
    return None if account is None else account_row(account)


def active_approvers(session: Session) -> tuple[AccountRow, ...]:
    """The active Kepala Desa accounts (the MusDes sign box offers these)."""
    return tuple(r for r in list_accounts(session) if r.is_approver and not r.disabled)


def _find(session: Session, username: str) -> Account | None:
    try:
        name = normalise_username(username)
    except AccountError:
        return None
    return session.scalars(select(Account).where(Account.username == name)).first()


# --- creating ----------------------------------------------------------------------------------


def add_account(session: Session, new: NewAccount, *, created_by: str) -> Created:
    """Add an account inside the caller's unit of work (the set-up wizard writes the profile
    and both accounts in one transaction). A Kepala Desa gets a recovery code, returned once."""
    username, display_name, role = _checked_new(new)
    if _find(session, username) is not None:
        raise AccountError("USERNAME_TAKEN", username=username)
    code = new_recovery_code() if role is AccountRole.KEPALA_DESA else None
    account = Account(username=username, display_name=display_name, role=role.value,
                      password_hash=_hasher.hash(new.password),
                      recovery_hash=None if code is None else _hasher.hash(code),
                      created_by=created_by[:64])
    session.add(account)
    session.flush()
    return Created(account_row(account), code)


def _checked_new(new: NewAccount) -> tuple[str, str, AccountRole]:
    username = normalise_username(new.username)
    display_name = check_display_name(new.display_name)
    check_new_password(new.password, username=username)
    return username, display_name, AccountRole(new.role)


def create_account(factory: Factory, new: NewAccount, *, approver: str,
                   approver_password: str, now: datetime | None = None) -> Created:
    """A Kepala Desa adds an account (their password is checked first; failures count)."""
    _checked_new(new)  # refuse bad input before costing a password check
    head = _check_approver(factory, approver, approver_password, now)
    with _account_work(factory, head.row.username) as session:
        _succeeded(session, head)
        return add_account(session, new, created_by=head.row.username)


# --- logging in and passwords ------------------------------------------------------------------


def log_in(factory: Factory, username: str, password: str, *,
           now: datetime | None = None) -> AccountRow:
    moment = now or utc_now()
    checked = _check(factory, username, password, moment)
    with _account_work(factory, checked.row.username) as session:
        account = _succeeded(session, checked)
        account.last_login_at = moment
        return account_row(account)


def check_password(factory: Factory, username: str, password: str, *,
                   now: datetime | None = None) -> AccountRow:
    """Re-authentication (unlock, finalise): the same delays; writes only to reset a failure
    counter or rehash."""
    checked = _check(factory, username, password, now or utc_now())
    if checked.clean:
        return checked.row
    with _account_work(factory, checked.row.username) as session:
        return account_row(_succeeded(session, checked))


def change_password(factory: Factory, username: str, current: str, new: str, *,
                    now: datetime | None = None) -> AccountRow:
    """The account's own change (clears ``must_change_password``)."""
    check_new_password(new, username=username.strip().lower())
    checked = _check(factory, username, current, now or utc_now())
    new_hash = _hasher.hash(new)
    with _account_work(factory, checked.row.username) as session:
        account = _succeeded(session, checked, rehashed=False)
        account.password_hash = new_hash
        account.must_change_password = False
        return account_row(account)


def reset_password(factory: Factory, *, approver: str, approver_password: str, username: str,
                   new_password: str, now: datetime | None = None) -> AccountRow:
    """A Kepala Desa sets a temporary password; the owner must change it at the next login."""
    target_name = normalise_username(username)
    check_new_password(new_password, username=target_name)
    head = _check_approver(factory, approver, approver_password, now)
    new_hash = _hasher.hash(new_password)
    with _account_work(factory, head.row.username) as session:
        _succeeded(session, head)
        target = _existing(session, target_name)
        target.password_hash = new_hash
        target.must_change_password = True
        _clear_failures(target)
        return account_row(target)


def recover_approver(factory: Factory, *, username: str, recovery_code: str,
                     new_password: str, now: datetime | None = None) -> Created:
    """A Kepala Desa who forgot the password uses the recovery code; a new code replaces it."""
    check_new_password(new_password, username=username.strip().lower())
    checked = _check(factory, username, normalise_recovery_code(recovery_code),
                     now or utc_now(), recovery=True)
    code = new_recovery_code()
    password_hash, recovery_hash = _hasher.hash(new_password), _hasher.hash(code)
    with _account_work(factory, checked.row.username) as session:
        account = _succeeded(session, checked, rehashed=False)
        account.password_hash = password_hash
        account.recovery_hash = recovery_hash
        account.must_change_password = False
        return Created(account_row(account), code)


def new_recovery_code_for(factory: Factory, *, username: str, password: str,
                          now: datetime | None = None) -> str:
    """A new recovery code for a Kepala Desa (replaces the old one); shown once."""
    checked = _check(factory, username, password, now or utc_now())
    if checked.row.role is not AccountRole.KEPALA_DESA:
        raise AccountError("APPROVER_NEEDED")
    code = new_recovery_code()
    recovery_hash = _hasher.hash(code)
    with _account_work(factory, checked.row.username) as session:
        _succeeded(session, checked).recovery_hash = recovery_hash
    return code


def set_disabled(factory: Factory, *, approver: str, approver_password: str, username: str,
                 disabled: bool, now: datetime | None = None) -> AccountRow:
    """Disable or enable an account; the last active account of a role stays enabled."""
    target_name = normalise_username(username)
    head = _check_approver(factory, approver, approver_password, now)
    with _account_work(factory, head.row.username) as session:
        _succeeded(session, head)
        target = _existing(session, target_name)
        if disabled and not target.disabled:
            others = session.scalar(select(func.count()).select_from(Account).where(
                Account.role == target.role, Account.id != target.id,
                Account.disabled.is_(False)))
            if not others:
                raise AccountError("LAST_APPROVER", role=AccountRole(target.role))
        target.disabled = disabled
        return account_row(target)


@contextmanager
def _account_work(factory: Factory, author: str) -> Iterator[Session]:
    """A unit of work whose audit entry is labelled "account"."""
    with unit_of_work(factory, author) as session:
        session.info[ACTION_KEY] = "account"
        yield session


def _existing(session: Session, username: str) -> Account:
    account = _find(session, username)
    if account is None:
        raise AccountError("ACCOUNT_NOT_FOUND", username=username)
    return account


# --- the one password check ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Checked:
    row: AccountRow  # as read before the check
    rehash: str | None  # the new hash of the secret, when the stored one is outdated
    recovery: bool
    had_failures: bool

    @property
    def clean(self) -> bool:
        return self.rehash is None and not self.had_failures


def _check(factory: Factory, username: str, secret: str, now: datetime, *,
           recovery: bool = False) -> _Checked:
    wrong = "RECOVERY_CODE_WRONG" if recovery else "LOGIN_FAILED"
    with read_session(factory) as session:
        account = _find(session, username)
        if account is not None:
            session.expunge(account)
    if account is None:
        _dummy_verify(secret)
        raise AccountError(wrong)
    wait = remaining_delay(account.failed_attempts, account.last_failed_at, now)
    if wait:
        raise AccountError("LOGIN_WAIT", seconds=wait)
    stored = account.recovery_hash if recovery else account.password_hash
    if stored is None:
        raise AccountError("NO_RECOVERY_CODE")
    ok, outdated = _matches(stored, secret)
    if not ok:
        _count_failure(factory, account.id, account.username, now)
        raise AccountError(wrong)
    if account.disabled:
        raise AccountError("ACCOUNT_DISABLED")
    return _Checked(account_row(account), _hasher.hash(secret) if outdated else None, recovery,
                    bool(account.failed_attempts or account.last_failed_at))


def _check_approver(factory: Factory, username: str, password: str,
                    now: datetime | None) -> _Checked:
    checked = _check(factory, username, password, now or utc_now())
    if checked.row.role is not AccountRole.KEPALA_DESA:
        raise AccountError("APPROVER_NEEDED")
    return checked


def _count_failure(factory: Factory, account_id: int, username: str, now: datetime) -> None:
    with _account_work(factory, username) as session:
        account = session.get_one(Account, account_id)
        account.failed_attempts = account.failed_attempts + 1
        account.last_failed_at = now


def _succeeded(session: Session, checked: _Checked, *, rehashed: bool = True) -> Account:
    """Inside the caller's unit of work: reset the failure counter; store the new hash."""
    account = session.get_one(Account, checked.row.id)
    _clear_failures(account)
    if rehashed and checked.rehash is not None:
        if checked.recovery:
            account.recovery_hash = checked.rehash
        else:
            account.password_hash = checked.rehash
    return account


def _clear_failures(account: Account) -> None:
    if account.failed_attempts:
        account.failed_attempts = 0
    if account.last_failed_at is not None:
        account.last_failed_at = None


def _matches(stored: str, secret: str) -> tuple[bool, bool]:
    """(secret matches, stored hash is outdated)."""
    if stored.startswith(SCRYPT_PREFIX):
        return _scrypt_matches(stored, secret), True
    try:
        _hasher.verify(stored, secret)
    except (VerificationError, InvalidHashError):
        return False, False
    return True, _hasher.check_needs_rehash(stored)


def _scrypt_matches(stored: str, secret: str) -> bool:
    """``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`` (the approver credential of 0004)."""
    try:
        _prefix, n, r, p, salt, expected = stored.split("$")
        wanted = bytes.fromhex(expected)
        actual = hashlib.scrypt(secret.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n),
                                r=int(r), p=int(p), dklen=len(wanted), maxmem=_SCRYPT_MAXMEM)
    except ValueError:
        return False
    return bool(wanted) and hmac.compare_digest(wanted, actual)


def _dummy_verify(secret: str) -> None:
    """The cost of a real verify for an unknown username (no enumeration by timing)."""
    global _dummy
    if _dummy is None or _dummy[0] is not _hasher:
        reference = DEMO_OPERATOR_HASH  # precomputed with the defaults
        _dummy = (_hasher, reference if not _hasher.check_needs_rehash(reference)
                  else _hasher.hash("siksdesk-dummy-password"))
    _matches(_dummy[1], secret)
