"""The approver (Kepala Desa) credential: a second account with its own password that must be
given to finalise a MusDes. Passwords are hashed with scrypt (stdlib ``hashlib``) and a random
salt; the cost parameters are stored with the hash so they can be raised later.

Not yet done (the account issue): slowing down after repeated wrong passwords, and argon2id as
security.md prefers (``algorithm`` is stored so rows can migrate)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.domain.musdes import Role
from siksdesk.domain.usulan_rules import UsulanRuleError
from siksdesk.models import ApproverCredential

SCRYPT_N: Final = 2**14  # ≈16 MiB of memory, ≈50 ms on a laptop
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
DKLEN: Final = 32
SALT_BYTES: Final = 16
MIN_PASSWORD: Final = 8
_ROLE = Role.KEPALA_DESA.value


@dataclass(frozen=True, slots=True)
class ApproverRow:
    role: str
    name: str


def set_approver_password(factory: sessionmaker[Session], name: str,
                          password: str) -> ApproverRow:
    """Set the Kepala Desa's name and password the first time; raises APPROVER_ALREADY_SET
    when one exists (use ``change_approver_password``)."""
    _check_new(name, password)
    with unit_of_work(factory, _ROLE) as session:
        if _credential(session) is not None:
            raise UsulanRuleError("APPROVER_ALREADY_SET")
        credential = ApproverCredential(role=_ROLE, name=name.strip())
        _store(credential, password)
        session.add(credential)
        return ApproverRow(_ROLE, credential.name)


def change_approver_password(factory: sessionmaker[Session], current: str, new: str, *,
                             name: str | None = None) -> ApproverRow:
    """Change the password (and optionally the name); the current password is required."""
    _check_new(name if name is not None else "-", new)
    with unit_of_work(factory, _ROLE) as session:
        credential = _verified(session, current)
        if name is not None:
            credential.name = name.strip()
        _store(credential, new)
        return ApproverRow(_ROLE, credential.name)


def approver(session: Session) -> ApproverRow | None:
    credential = _credential(session)
    return None if credential is None else ApproverRow(credential.role, credential.name)


def verify_approver(session: Session, password: str) -> ApproverRow:
    """The approver, if ``password`` is theirs; raises APPROVER_NOT_SET or
    APPROVER_WRONG_PASSWORD. Writes nothing."""
    credential = _verified(session, password)
    return ApproverRow(credential.role, credential.name)


def _verified(session: Session, password: str) -> ApproverCredential:
    credential = _credential(session)
    if credential is None:
        raise UsulanRuleError("APPROVER_NOT_SET")
    if credential.algorithm != "scrypt":
        raise UsulanRuleError("APPROVER_WRONG_PASSWORD")
    expected = bytes.fromhex(credential.password_hash)
    actual = _scrypt(password, bytes.fromhex(credential.salt), credential.n, credential.r,
                     credential.p, len(expected))
    if not hmac.compare_digest(expected, actual):
        raise UsulanRuleError("APPROVER_WRONG_PASSWORD")
    return credential


def _credential(session: Session) -> ApproverCredential | None:
    return session.scalars(select(ApproverCredential)
                           .where(ApproverCredential.role == _ROLE)).first()


def _check_new(name: str, password: str) -> None:
    if not name.strip():
        raise UsulanRuleError("APPROVER_NAME_MISSING")
    if len(password) < MIN_PASSWORD:
        raise UsulanRuleError("APPROVER_PASSWORD_SHORT", minimum=MIN_PASSWORD)


def _store(credential: ApproverCredential, password: str) -> None:
    salt = secrets.token_bytes(SALT_BYTES)
    credential.algorithm = "scrypt"
    credential.salt = salt.hex()
    credential.n, credential.r, credential.p = SCRYPT_N, SCRYPT_R, SCRYPT_P
    credential.password_hash = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P,
                                       DKLEN).hex()


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen,
                          maxmem=64 * 1024 * 1024)
