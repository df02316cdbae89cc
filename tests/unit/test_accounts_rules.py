"""Account rules without a database: usernames, passwords, delays, recovery codes, who may
finalise, the bilingual messages and the precomputed demo hashes."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher
from hypothesis import given
from hypothesis import strategies as st

from siksdesk.domain.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_RECOVERY_CODE,
    MIN_PASSWORD,
    RECOVERY_ALPHABET,
    AccountError,
    AccountRole,
    account_codes,
    check_may_finalise,
    check_new_password,
    login_delay_seconds,
    new_recovery_code,
    normalise_recovery_code,
    normalise_username,
    remaining_delay,
)

CODE_SHAPE = re.compile(r"[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){3}")


@pytest.mark.parametrize(("failures", "seconds"), [
    (0, 0), (1, 0), (2, 0), (3, 5), (4, 10), (5, 20), (6, 40), (7, 80), (8, 160), (9, 320),
    (10, 640), (11, 900), (12, 900), (50, 900), (10**9, 900)])
def test_login_delays_grow_and_are_capped(failures: int, seconds: int) -> None:
    assert login_delay_seconds(failures) == seconds


def test_remaining_delay_counts_down_in_whole_seconds() -> None:
    failed = datetime(2026, 11, 26, 8, 0, 0)
    assert remaining_delay(2, failed, failed) == 0  # no delay before the third failure
    assert remaining_delay(3, None, failed) == 0
    assert remaining_delay(3, failed, failed) == 5
    assert remaining_delay(3, failed, failed + timedelta(seconds=4.2)) == 1
    assert remaining_delay(3, failed, failed + timedelta(seconds=5)) == 0
    assert remaining_delay(11, failed, failed + timedelta(seconds=1)) == 899


@pytest.mark.parametrize(("typed", "stored"), [
    ("siti", "siti"), ("  Siti.Rahayu ", "siti.rahayu"), ("op_01", "op_01"),
    ("kades-2", "kades-2"), ("a" * 32, "a" * 32)])
def test_valid_usernames_are_normalised(typed: str, stored: str) -> None:
    assert normalise_username(typed) == stored


@pytest.mark.parametrize("typed", ["", "ab", "a" * 33, "siti rahayu", "siti@desa", "sïti",
                                   "ｓｉｔｉ", "ka\u200bdes", "user!"])
def test_invalid_usernames_are_refused(typed: str) -> None:
    with pytest.raises(AccountError) as error:
        normalise_username(typed)
    assert error.value.code == "USERNAME_INVALID"


def test_password_rules() -> None:
    check_new_password("x" * MIN_PASSWORD, username="siti")
    with pytest.raises(AccountError) as error:
        check_new_password("x" * (MIN_PASSWORD - 1), username="siti")
    assert error.value.code == "PASSWORD_SHORT" and error.value.params == {"minimum": 8}
    assert str(error.value) == "Kata sandi minimal 8 karakter."
    assert error.value.message("en") == "The password needs at least 8 characters."
    with pytest.raises(AccountError) as error:
        check_new_password(" Operator1 ", username="operator1")
    assert error.value.code == "PASSWORD_IS_USERNAME"


def test_every_code_has_both_languages() -> None:
    for code in account_codes():
        error = AccountError(code, seconds=5, username="siti", minimum=8,
                             role=AccountRole.OPERATOR)
        assert error.message("id") and error.message("en") and str(error) == error.message()
        assert "?" not in error.message("id") + error.message("en")
    assert AccountError("LOGIN_FAILED").message() == "Nama pengguna atau kata sandi salah."
    with pytest.raises(KeyError):
        AccountError("NOT_A_CODE")


def test_recovery_codes_have_the_published_shape() -> None:
    codes = {new_recovery_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert CODE_SHAPE.fullmatch(code), code
        assert not set(code) & set("01OIL")
    assert set("".join(codes).replace("-", "")) <= set(RECOVERY_ALPHABET)


def test_recovery_code_input_is_normalised() -> None:
    code = "K7QX2-M9TRA-HHJ34-ZZ5NP"
    for typed in ("k7qx2 m9tra hhj34 zz5np", "K7QX2M9TRAHHJ34ZZ5NP", " k7qx2–m9tra—hhj34 zz5np\n",
                  "K7QX2_M9TRA.HHJ34-ZZ5NP"):
        assert normalise_recovery_code(typed) == code
    assert normalise_recovery_code("k7qx2-m9tra") == "K7QX2M9TRA"  # too short: left compact


_CHUNK = st.text(alphabet=RECOVERY_ALPHABET, min_size=20, max_size=20)
_NOISE = st.sampled_from(["", " ", "-", "  ", "\t", "–", " - "])


@given(_CHUNK, st.lists(_NOISE, min_size=21, max_size=21), st.booleans())
def test_normalise_recovery_code_round_trip(chars: str, noise: list[str], lower: bool) -> None:
    canonical = normalise_recovery_code(chars)
    assert CODE_SHAPE.fullmatch(canonical)
    assert normalise_recovery_code(canonical) == canonical
    typed = "".join(n + c for n, c in zip(noise, chars + " ", strict=True)).strip()
    typed = typed.lower() if lower else typed
    assert normalise_recovery_code(typed) == canonical


@given(st.text(max_size=40))
def test_normalise_recovery_code_is_idempotent(text: str) -> None:
    once = normalise_recovery_code(text)
    assert normalise_recovery_code(once) == once


def test_who_may_finalise() -> None:
    check_may_finalise(AccountRole.KEPALA_DESA, "kades", ["siti", "budi"])
    check_may_finalise(AccountRole.KEPALA_DESA, "kades", [])
    with pytest.raises(AccountError) as error:
        check_may_finalise(AccountRole.OPERATOR, "siti", [])
    assert error.value.code == "NOT_APPROVER"
    with pytest.raises(AccountError) as error:
        check_may_finalise(AccountRole.KEPALA_DESA, "Kades", ["siti", " KADES"])
    assert error.value.code == "SELF_APPROVAL" and "kades" in str(error.value)


def test_the_demo_hashes_match_the_published_password_with_default_parameters() -> None:
    hasher = PasswordHasher()  # the production defaults
    assert [(a.username, a.display_name, a.role) for a in DEMO_ACCOUNTS] == [
        ("operator", "Operator Latihan", AccountRole.OPERATOR),
        ("kades", "Kepala Desa Latihan", AccountRole.KEPALA_DESA)]
    for account in DEMO_ACCOUNTS:
        assert hasher.verify(account.password_hash, DEMO_PASSWORD)
        assert not hasher.check_needs_rehash(account.password_hash)
    kades = DEMO_ACCOUNTS[1]
    assert kades.recovery_hash is not None
    assert hasher.verify(kades.recovery_hash, normalise_recovery_code(DEMO_RECOVERY_CODE))
