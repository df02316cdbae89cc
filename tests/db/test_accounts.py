"""Accounts on a real database: create, log in, growing delays that survive a restart, no user
enumeration, reset by the Kepala Desa, recovery code, legacy scrypt hashes, disabling, audit."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from accounts_support import (
    add_approver,
    add_user,
    fast_hashes,  # noqa: F401  (a fixture)
)
from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory
from siksdesk.domain.accounts import AccountError, AccountRole, normalise_recovery_code
from siksdesk.models import Account
from siksdesk.services import accounts
from siksdesk.services.accounts import (
    NewAccount,
    account_by_username,
    change_password,
    check_password,
    create_account,
    has_accounts,
    list_accounts,
    log_in,
    new_recovery_code_for,
    recover_approver,
    reset_password,
    set_disabled,
)

pytestmark = pytest.mark.usefixtures("fast_hashes")
T0 = datetime(2026, 11, 26, 8, 0, 0)
OP_PW = "sandi-operator-1"
KADES_PW = "sandi-kades-123"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "v.sqlite3"
    ensure_schema(path, tmp_path / "backups")
    return path


@pytest.fixture
def factory(db: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def staff(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    add_approver(factory, KADES_PW)
    add_user(factory, "siti", OP_PW, display_name="Siti Operator")
    return factory


def _stored(db: Path, username: str) -> tuple[str, str | None, int, str | None, int]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT password_hash, recovery_hash, failed_attempts, "
                            "last_failed_at, must_change_password FROM account "
                            "WHERE username = ?", (username,)).fetchone()


def _audit_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def _code(error: pytest.ExceptionInfo[AccountError]) -> str:
    return error.value.code


def test_create_list_and_log_in(staff: sessionmaker[Session], db: Path) -> None:
    with staff() as session:
        assert has_accounts(session)
        rows = list_accounts(session)
        assert [(r.username, r.role, r.is_approver) for r in rows] == [
            ("kades", AccountRole.KEPALA_DESA, True), ("siti", AccountRole.OPERATOR, False)]
        assert account_by_username(session, "  SITI ") == rows[1]
        assert account_by_username(session, "nobody") is None
    assert rows[0].needs_recovery_code is False  # add_account made one
    row = log_in(staff, "Siti", OP_PW, now=T0)
    assert (row.username, row.author, row.display_name) == ("siti", "siti", "Siti Operator")
    assert row.last_login_at == T0 and not row.must_change_password
    stored = _stored(db, "siti")[0]
    assert stored.startswith("$argon2id$") and OP_PW not in stored


def test_a_kepala_desa_gets_a_recovery_code_once(factory: sessionmaker[Session],
                                                 db: Path) -> None:
    from siksdesk.db.session import unit_of_work
    from siksdesk.services.accounts import add_account

    with unit_of_work(factory, "setup") as session:
        created = add_account(session, NewAccount("kades", "Bu Kades", AccountRole.KEPALA_DESA,
                                                  KADES_PW), created_by="setup")
        operator = add_account(session, NewAccount("opr", "Operator", AccountRole.OPERATOR,
                                                   OP_PW), created_by="setup")
    assert created.recovery_code is not None and operator.recovery_code is None
    assert created.recovery_code == normalise_recovery_code(created.recovery_code)
    recovery_hash = _stored(db, "kades")[1]
    assert recovery_hash is not None and created.recovery_code not in recovery_hash
    with pytest.raises(AccountError) as error, unit_of_work(factory, "setup") as session:
        add_account(session, NewAccount("KADES", "X", AccountRole.OPERATOR, OP_PW),
                    created_by="setup")
    assert _code(error) == "USERNAME_TAKEN"


def test_growing_delays_persist_across_a_new_sessionmaker(staff: sessionmaker[Session],
                                                          db: Path) -> None:
    for n in range(3):
        with pytest.raises(AccountError) as error:
            log_in(staff, "siti", "salah-salah", now=T0 + timedelta(seconds=n))
        assert _code(error) == "LOGIN_FAILED"
        assert str(error.value) == "Nama pengguna atau kata sandi salah."
    assert _stored(db, "siti")[2] == 3
    # a restart: a new engine and factory still see the counter
    engine = make_engine(db)
    fresh = make_session_factory(engine)
    try:
        with pytest.raises(AccountError) as error:  # even the right password waits
            log_in(fresh, "siti", OP_PW, now=T0 + timedelta(seconds=3))
        assert _code(error) == "LOGIN_WAIT" and error.value.params == {"seconds": 4}
        assert "4 detik" in str(error.value)
        assert _stored(db, "siti")[2] == 3, "a refused early attempt does not count"
        with pytest.raises(AccountError) as error:  # after the 5 s: checked, wrong, counted
            log_in(fresh, "siti", "salah-lagi", now=T0 + timedelta(seconds=7))
        assert _code(error) == "LOGIN_FAILED" and _stored(db, "siti")[2] == 4
        with pytest.raises(AccountError) as error:
            check_password(fresh, "siti", OP_PW, now=T0 + timedelta(seconds=16))
        assert error.value.params == {"seconds": 1}  # 10 s after the fourth failure
        row = log_in(fresh, "siti", OP_PW, now=T0 + timedelta(seconds=17))
        assert row.username == "siti"
        assert _stored(db, "siti")[2:4] == (0, None), "a success resets the counter"
    finally:
        engine.dispose()


def test_an_unknown_user_gets_the_same_answer_and_nothing_is_written(
        staff: sessionmaker[Session], db: Path) -> None:
    before = _audit_count(db)
    answers = set()
    for username in ("nobody", "x", "siti"):
        with pytest.raises(AccountError) as error:
            log_in(staff, username, "salah-salah", now=T0)
        answers.add((error.value.code, str(error.value)))
    assert len(answers) == 1
    assert _audit_count(db) == before + 1, "only the known user's failure was written"
    with staff() as session:
        assert [a.failed_attempts for a in session.scalars(
            select(Account).order_by(Account.username))] == [0, 1]


def test_reset_by_the_approver_forces_a_change(staff: sessionmaker[Session], db: Path) -> None:
    with pytest.raises(AccountError) as error:  # an operator cannot reset
        reset_password(staff, approver="siti", approver_password=OP_PW, username="kades",
                       new_password="baru-sekali-1")
    assert _code(error) == "APPROVER_NEEDED"
    with pytest.raises(AccountError) as error:
        reset_password(staff, approver="kades", approver_password="salah-salah",
                       username="siti", new_password="baru-sekali-1", now=T0)
    assert _code(error) == "LOGIN_FAILED" and _stored(db, "kades")[2] == 1
    with pytest.raises(AccountError) as error:
        reset_password(staff, approver="kades", approver_password=KADES_PW,
                       username="hilang", new_password="baru-sekali-1")
    assert _code(error) == "ACCOUNT_NOT_FOUND"
    row = reset_password(staff, approver="kades", approver_password=KADES_PW, username="siti",
                         new_password="sementara-1")
    assert row.must_change_password and _stored(db, "kades")[2] == 0
    assert log_in(staff, "siti", "sementara-1").must_change_password
    with pytest.raises(AccountError) as error:
        change_password(staff, "siti", "sementara-1", "siti")
    assert _code(error) == "PASSWORD_SHORT"
    with pytest.raises(AccountError) as error:
        change_password(staff, "siti", "salah-salah", "milik-siti-22")
    assert _code(error) == "LOGIN_FAILED"
    changed = change_password(staff, "siti", "sementara-1", "milik-siti-22")
    assert not changed.must_change_password
    assert log_in(staff, "siti", "milik-siti-22").username == "siti"


def test_recovery_code_sets_a_password_and_replaces_itself(factory: sessionmaker[Session],
                                                           db: Path) -> None:
    from siksdesk.db.session import unit_of_work
    from siksdesk.services.accounts import add_account

    with unit_of_work(factory, "setup") as session:
        code = add_account(session, NewAccount("kades", "Bu Kades", AccountRole.KEPALA_DESA,
                                               KADES_PW), created_by="setup").recovery_code
    add_user(factory, "siti", OP_PW)
    assert code is not None
    with pytest.raises(AccountError) as error:
        recover_approver(factory, username="kades", recovery_code="AAAAA-BBBBB-CCCCC-DDDDD",
                         new_password="lupa-sandi-1", now=T0)
    assert _code(error) == "RECOVERY_CODE_WRONG" and _stored(db, "kades")[2] == 1
    with pytest.raises(AccountError) as error:
        recover_approver(factory, username="siti", recovery_code=code,
                         new_password="lupa-sandi-1")
    assert _code(error) == "NO_RECOVERY_CODE"
    typed = code.lower().replace("-", " ")
    recovered = recover_approver(factory, username="kades", recovery_code=typed,
                                 new_password="lupa-sandi-1", now=T0 + timedelta(seconds=1))
    assert recovered.recovery_code not in (None, code)
    assert _stored(db, "kades")[2] == 0
    assert log_in(factory, "kades", "lupa-sandi-1").is_approver
    with pytest.raises(AccountError) as error:  # the old code is spent
        recover_approver(factory, username="kades", recovery_code=code,
                         new_password="lagi-lagi-123")
    assert _code(error) == "RECOVERY_CODE_WRONG"
    newer = new_recovery_code_for(factory, username="kades", password="lupa-sandi-1")
    with pytest.raises(AccountError):
        recover_approver(factory, username="kades", recovery_code=str(recovered.recovery_code),
                         new_password="lagi-lagi-123")
    assert recover_approver(factory, username="kades", recovery_code=newer,
                            new_password="lagi-lagi-123").account.username == "kades"
    with pytest.raises(AccountError) as error:
        new_recovery_code_for(factory, username="siti", password=OP_PW)
    assert _code(error) == "APPROVER_NEEDED"


def test_recovery_codes_share_the_growing_delay(staff: sessionmaker[Session]) -> None:
    for n in range(3):
        with pytest.raises(AccountError):
            recover_approver(staff, username="kades", recovery_code="X" * 20,
                             new_password="lupa-sandi-1", now=T0 + timedelta(seconds=n))
    with pytest.raises(AccountError) as error:
        log_in(staff, "kades", KADES_PW, now=T0 + timedelta(seconds=3))
    assert _code(error) == "LOGIN_WAIT"


def test_a_legacy_scrypt_hash_is_verified_and_rehashed(staff: sessionmaker[Session],
                                                       db: Path) -> None:
    salt = bytes(range(16))
    digest = hashlib.scrypt(b"sandi-lama-99", salt=salt, n=2**14, r=8, p=1, dklen=32)
    legacy = f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE account SET password_hash = ? WHERE username = 'kades'", (legacy,))
    with pytest.raises(AccountError):
        check_password(staff, "kades", "sandi-salah-99")
    assert _stored(db, "kades")[0] == legacy
    assert check_password(staff, "kades", "sandi-lama-99").username == "kades"
    rehashed = _stored(db, "kades")[0]
    assert rehashed.startswith("$argon2id$")
    assert check_password(staff, "kades", "sandi-lama-99").username == "kades"


def test_outdated_argon2_parameters_are_rehashed(staff: sessionmaker[Session], db: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", stronger)
    log_in(staff, "siti", OP_PW)
    assert "m=16,t=2,p=1" in _stored(db, "siti")[0]


def test_a_disabled_account_and_the_last_approver(staff: sessionmaker[Session]) -> None:
    with pytest.raises(AccountError) as error:
        set_disabled(staff, approver="kades", approver_password=KADES_PW, username="kades",
                     disabled=True)
    assert _code(error) == "LAST_APPROVER" and "Kepala Desa" in str(error.value)
    with pytest.raises(AccountError) as error:
        set_disabled(staff, approver="kades", approver_password=KADES_PW, username="siti",
                     disabled=True)
    assert error.value.message("en") == ("This is the last active Operator account; it cannot "
                                         "be disabled.")
    create_account(staff, NewAccount("budi", "Budi", AccountRole.OPERATOR, "budi-sandi-1"),
                   approver="kades", approver_password=KADES_PW)
    row = set_disabled(staff, approver="kades", approver_password=KADES_PW, username="siti",
                       disabled=True)
    assert row.disabled
    with pytest.raises(AccountError) as error:
        log_in(staff, "siti", OP_PW)
    assert _code(error) == "ACCOUNT_DISABLED"
    with pytest.raises(AccountError) as error:  # a wrong password says nothing more
        log_in(staff, "siti", "salah-salah")
    assert _code(error) == "LOGIN_FAILED"
    with staff() as session:
        assert [r.username for r in list_accounts(session)] == ["kades", "budi", "siti"]
    set_disabled(staff, approver="kades", approver_password=KADES_PW, username="siti",
                 disabled=False)
    assert log_in(staff, "siti", OP_PW).username == "siti"


def test_create_account_needs_an_approver(staff: sessionmaker[Session]) -> None:
    new = NewAccount("budi", "Budi", AccountRole.OPERATOR, "budi-sandi-1")
    with pytest.raises(AccountError) as error:
        create_account(staff, new, approver="siti", approver_password=OP_PW)
    assert _code(error) == "APPROVER_NEEDED"
    with pytest.raises(AccountError) as error:
        create_account(staff, NewAccount("Budi Santoso", "Budi", AccountRole.OPERATOR,
                                         "budi-sandi-1"),
                       approver="kades", approver_password=KADES_PW)
    assert _code(error) == "USERNAME_INVALID"
    created = create_account(staff, new, approver="kades", approver_password=KADES_PW)
    assert created.recovery_code is None
    with staff() as session:
        assert session.scalars(select(Account.created_by)
                               .where(Account.username == "budi")).one() == "kades"


def test_account_events_are_audited_without_secrets(staff: sessionmaker[Session],
                                                    db: Path) -> None:
    before = _audit_count(db)
    with pytest.raises(AccountError):
        log_in(staff, "siti", "rahasia-salah-1")
    log_in(staff, "siti", OP_PW)
    reset_password(staff, approver="kades", approver_password=KADES_PW, username="siti",
                   new_password="rahasia-baru-1")
    change_password(staff, "siti", "rahasia-baru-1", "rahasia-baru-2")
    assert _audit_count(db) == before + 4
    with sqlite3.connect(db) as conn:
        entries = conn.execute("SELECT author, action, summary FROM audit_log "
                               "ORDER BY id").fetchall()
        hashes = [r[0] for r in conn.execute("SELECT password_hash FROM account")]
    texts = json.dumps(entries)
    for secret in ("rahasia-salah-1", OP_PW, "rahasia-baru-1", "rahasia-baru-2", KADES_PW,
                   "$argon2", *hashes):
        assert secret not in texts
    summaries = [json.loads(summary) for _a, action, summary in entries[-4:]]
    assert [e[:2] for e in entries[-4:]] == [("siti", "account"), ("siti", "account"),
                                             ("kades", "account"), ("siti", "account")]
    assert summaries[0]["records"][0]["fields"] == ["failed_attempts", "last_failed_at"]
    assert "password_hash" in summaries[2]["records"][0]["fields"]
    assert "password_hash" in summaries[3]["records"][0]["fields"]
