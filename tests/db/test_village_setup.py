"""Setting up a real village: one transaction, refusals, enrolment, and the move of the training
village into ``latihan/`` with nothing lost when a step fails."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from accounts_support import fast_hashes  # noqa: F401  (fixture)
from siksdesk.app import open_app
from siksdesk.db.backup import BackupNotVerified
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.demo import build_demo_village
from siksdesk.domain.accounts import AccountError, AccountRole
from siksdesk.models import Account, AuditLog, VillageProfile
from siksdesk.paths import AppPaths
from siksdesk.services import village_setup
from siksdesk.services.accounts import NewAccount, add_account
from siksdesk.services.village_setup import (
    SetupResult,
    VillageSetup,
    VillageSetupError,
    add_first_accounts,
    set_up_village,
    start_real_village,
)
from siksdesk.sync.enrolment import make_profile
from siksdesk.sync.keys import KeyPair

KODE = "3522142011"
OPERATOR = NewAccount("siti", "Siti Aminah", AccountRole.OPERATOR, "rahasia-siti")
APPROVER = NewAccount("pak.kades", "Bapak Kepala Desa", AccountRole.KEPALA_DESA, "rahasia-kades")


pytestmark = pytest.mark.usefixtures("fast_hashes")


def a_setup(**changes: object) -> VillageSetup:
    base = VillageSetup(KODE, "Sukamaju", "Kedungadem", "Bojonegoro", "Jawa Timur",
                        OPERATOR, APPROVER)
    return VillageSetup(**{**{f: getattr(base, f) for f in base.__dataclass_fields__},
                           **changes})  # type: ignore[arg-type]


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[AppPaths]:
    paths = AppPaths(tmp_path / "home")
    open_app(paths).close()
    yield paths


def counts(database: Path) -> tuple[int, int, int]:
    """(village profiles, accounts, households) read with plain sqlite3."""
    with closing(sqlite3.connect(database)) as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore
                     for t in ("village_profile", "account", "ruta"))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_set_up_village_writes_profile_and_both_accounts(fresh: AppPaths) -> None:
    ctx = open_app(fresh)
    try:
        result = set_up_village(ctx.sessions, a_setup(kode_desa="35.22.14.2011"))
        with read_session(ctx.sessions) as session:
            profile = session.get(VillageProfile, 1)
            assert profile is not None
            assert (profile.kode_desa, profile.nama_desa, profile.is_demo) == (
                KODE, "Sukamaju", False)
            roles = dict(session.execute(select(Account.username, Account.role)).all())
            audited = session.scalar(select(func.count()).select_from(AuditLog))
    finally:
        ctx.close()
    assert roles == {"siti": "operator", "pak.kades": "kepala_desa"}
    assert audited == 1  # one transaction, one audit entry
    assert result.approver.is_approver and not result.operator.is_approver
    assert len(result.recovery_code) == 23 and result.recovery_code.count("-") == 3
    assert result.enrolment is None and result.training_home is None


def test_failure_in_the_second_account_leaves_nothing(fresh: AppPaths) -> None:
    ctx = open_app(fresh)
    try:
        with unit_of_work(ctx.sessions, "test") as session:  # the name the approver will want
            add_account(session, NewAccount("pak.kades", "Lain", AccountRole.OPERATOR,
                                            "sandi-lain-1"), created_by="test")
        with pytest.raises(AccountError) as caught:
            set_up_village(ctx.sessions, a_setup())
    finally:
        ctx.close()
    assert caught.value.code == "USERNAME_TAKEN"
    assert counts(fresh.database) == (0, 1, 0)  # no profile, no operator account


@pytest.mark.parametrize(("changes", "code"), [
    ({"kode_desa": "35221420"}, "KODE_DESA_FORMAT"),
    ({"kode_desa": "9922142011"}, "KODE_DESA_PROVINCE"),
    ({"nama_desa": "  "}, "NAME_MISSING"),
    ({"approver": NewAccount("siti", "X", AccountRole.KEPALA_DESA, "rahasia-12")},
     "SAME_USERNAME"),
    ({"operator": APPROVER, "approver": OPERATOR}, "ROLE_WRONG"),
])
def test_bad_setup_is_refused_before_writing(fresh: AppPaths, changes: dict[str, object],
                                             code: str) -> None:
    ctx = open_app(fresh)
    try:
        with pytest.raises(VillageSetupError) as caught:
            set_up_village(ctx.sessions, a_setup(**changes))
    finally:
        ctx.close()
    assert caught.value.code == code
    assert caught.value.message("en") != caught.value.message("id")
    assert counts(fresh.database) == (0, 0, 0)


def test_short_password_is_refused(fresh: AppPaths) -> None:
    ctx = open_app(fresh)
    try:
        with pytest.raises(AccountError) as caught:
            set_up_village(ctx.sessions, a_setup(operator=NewAccount(
                "siti", "Siti", AccountRole.OPERATOR, "pendek")))
    finally:
        ctx.close()
    assert caught.value.code == "PASSWORD_SHORT"
    assert village_setup.error_message(caught.value, "id") == str(caught.value)


@pytest.fixture
def training(tmp_path: Path) -> Iterator[AppPaths]:
    """A data folder holding a small training (demo) village with a device key and backups,
    and an older training village in latihan/."""
    paths = AppPaths(tmp_path / "home")
    ctx = open_app(paths)
    try:
        build_demo_village(ctx, people=30)
    finally:
        ctx.close()
    (paths.home / "sync").mkdir()
    (paths.home / "sync" / "device.key").write_text("training key")
    (paths.backups / "siksdesk-20260101-000000-000000-daily.sqlite3").write_bytes(b"x")
    older = paths.training
    older.home.mkdir()
    with closing(sqlite3.connect(older.database)) as conn:
        conn.execute("CREATE TABLE older_village (x)")
    (older.home / "sync").mkdir()
    (older.home / "sync" / "device.key").write_text("older key")
    yield paths


def test_refused_on_a_village_with_households(training: AppPaths) -> None:
    with closing(sqlite3.connect(training.database)) as conn, conn:
        conn.execute("UPDATE village_profile SET is_demo = 0")
    ctx = open_app(training)
    try:
        with pytest.raises(VillageSetupError) as caught:
            set_up_village(ctx.sessions, a_setup())
    finally:
        ctx.close()
    assert caught.value.code == "VILLAGE_EXISTS"
    with pytest.raises(VillageSetupError) as moved:
        start_real_village(training, a_setup())
    assert moved.value.code == "NOT_TRAINING"


def test_start_real_village_moves_the_training_village(training: AppPaths) -> None:
    households = counts(training.database)[2]
    steps: list[tuple[int, int]] = []
    result = start_real_village(training, a_setup(),
                                progress=lambda d, t: steps.append((d, t)))
    assert isinstance(result, SetupResult) and result.training_home == training.training.home
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)
    latihan = training.training
    assert counts(training.database) == (1, 2, 0)
    assert counts(latihan.database)[2] == households
    assert (latihan.home / "sync" / "device.key").read_text() == "training key"
    assert (latihan.backups / "siksdesk-20260101-000000-000000-daily.sqlite3").exists()
    assert not (training.home / "sync").exists()
    assert not list(training.home.glob(".siksdesk-setup-*"))
    ctx = open_app(latihan)  # openable, migrated, intact, still the training village
    try:
        with read_session(ctx.sessions) as session:
            profile = session.get(VillageProfile, 1)
            assert profile is not None and profile.is_demo
    finally:
        ctx.close()
    with closing(sqlite3.connect(latihan.database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name='older_village'"
                                ).fetchone()
    real = open_app(training)
    try:
        with read_session(real.sessions) as session:
            profile = session.get(VillageProfile, 1)
            assert profile is not None and not profile.is_demo and profile.kode_desa == KODE
    finally:
        real.close()


def snapshot(paths: AppPaths) -> dict[str, str]:
    return {str(p.relative_to(paths.home)): sha(p) for p in sorted(paths.home.rglob("*"))
            if p.is_file() and "logs" not in p.parts}


@pytest.mark.parametrize("failure", ["copy", "switch", "set_up"])
def test_a_failure_midway_puts_everything_back(training: AppPaths, failure: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(training)
    real_replace = os.replace
    switched: list[Path] = []

    def broken(*args: object, **_kwargs: object) -> None:
        if failure == "copy":
            raise BackupNotVerified("*** in database main ***")
        if failure == "switch":
            if Path(str(args[1])) != training.database:  # only the last, atomic step fails
                real_replace(*args)  # type: ignore[arg-type]
                return
            switched.append(training.database)
            raise OSError(28, "No space left on device", str(training.database))
        raise RuntimeError("bug")

    if failure == "switch":
        monkeypatch.setattr(os, "replace", broken)
    else:
        target = {"copy": "copy_verified", "set_up": "set_up_village"}[failure]
        monkeypatch.setattr(village_setup, target, broken)
    with pytest.raises(Exception) as caught:
        start_real_village(training, a_setup())
    monkeypatch.undo()
    expected = {"copy": "TRAINING_COPY_FAILED", "switch": "MOVE_FAILED"}.get(failure)
    if expected:
        assert isinstance(caught.value, VillageSetupError) and caught.value.code == expected
    else:
        assert isinstance(caught.value, RuntimeError)
    assert snapshot(training) == before
    assert not list(training.home.glob(".siksdesk-setup-*"))
    assert switched == ([training.database] if failure == "switch" else [])


def test_training_village_still_open_is_refused(training: AppPaths) -> None:
    before = snapshot(training)
    with closing(sqlite3.connect(training.database)) as other:
        other.execute("SELECT count(*) FROM ruta").fetchone()
        with pytest.raises(VillageSetupError) as caught:
            start_real_village(training, a_setup())
    assert caught.value.code == "TRAINING_IN_USE"
    assert snapshot(training) == before


def test_an_empty_data_folder_is_set_up_in_place(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "empty")
    result = start_real_village(paths, a_setup())
    assert result.training_home is None
    assert counts(paths.database) == (1, 2, 0)


def district_profile(village_code: str = KODE, *, training: bool = False) -> bytes:
    return make_profile(KeyPair.generate(), district_code="3522",
                        district_name="Kab. Bojonegoro", village_code=village_code,
                        village_name="Sukamaju", issued_at="2026-09-01T08:00:00+00:00",
                        training=training)


def test_district_profile_enrols_right_after(training: AppPaths) -> None:
    result = start_real_village(training, a_setup(district_profile=district_profile()))
    assert result.enrolment is not None and result.enrolment.village_code == KODE
    assert result.enrolment_problem is None
    # the real village has its own device key; the training one went to latihan/
    assert (training.home / "sync" / "device.key").read_text() != "training key"


@pytest.mark.parametrize(("profile", "code"), [
    (lambda: district_profile("3522142012"), "PROFILE_OTHER_VILLAGE"),
    (lambda: district_profile(training=True), "PROFILE_IS_TRAINING"),
])
def test_a_wrong_district_profile_is_refused_first(fresh: AppPaths, profile: object,
                                                   code: str) -> None:
    ctx = open_app(fresh)
    try:
        with pytest.raises(VillageSetupError) as caught:
            set_up_village(ctx.sessions, a_setup(district_profile=profile()),  # type: ignore
                           home=fresh.home)
    finally:
        ctx.close()
    assert caught.value.code == code
    assert counts(fresh.database) == (0, 0, 0)


def test_accounts_only_for_a_village_from_before_accounts(fresh: AppPaths) -> None:
    ctx = open_app(fresh)
    try:
        with pytest.raises(VillageSetupError) as none:
            add_first_accounts(ctx.sessions, OPERATOR, APPROVER)
        assert none.value.code == "NO_VILLAGE"
        with unit_of_work(ctx.sessions, "test") as session:
            session.add(VillageProfile(id=1, kode_desa=KODE, nama_desa="Sukamaju",
                                       nama_kecamatan="K", nama_kabupaten="B",
                                       nama_provinsi="J", is_demo=False))
        result = add_first_accounts(ctx.sessions, OPERATOR, APPROVER)
        assert result.nama_desa == "Sukamaju" and result.recovery_code
        with pytest.raises(VillageSetupError) as again:
            add_first_accounts(ctx.sessions, OPERATOR, APPROVER)
        assert again.value.code == "ACCOUNTS_EXIST"
    finally:
        ctx.close()
    assert counts(fresh.database) == (1, 2, 0)
