"""Training mode end to end, with real village databases and real district receivers (SQLite):
the training village practises the whole flow against the built-in training Dinas, and
training and real data never cross — at enrolment, at registration, at ingest or at sealing."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from musdes_village import ruta_ids, village
from siksdesk.app import AppContext, open_app
from siksdesk.db.session import unit_of_work
from siksdesk.district.context import District, init_district
from siksdesk.district.devices import make_village_profile, register_device
from siksdesk.district.errors import DistrictError
from siksdesk.district.ingest import ingest
from siksdesk.district.models import AppliedRecord
from siksdesk.models import SyncBundle, Usulan, VillageProfile
from siksdesk.paths import AppPaths
from siksdesk.services.accounts import account_by_username
from siksdesk.sync.device import device_keys, ensure_device, import_profile, profile_info
from siksdesk.sync.enrolment import make_profile, make_registration
from siksdesk.sync.inbox import import_bytes
from siksdesk.sync.outbox import pending_containers, seal_next
from siksdesk.sync.training_district import (
    TrainingDistrictError,
    TrainingState,
    connect_training_district,
    send_to_training_district,
    training_district_home,
    training_link,
    training_state,
)
from siksdesk.sync.transport import write_bundles
from siksdesk.sync.village_types import SyncEnv, VillageSyncError
from training_support import APPROVER, OPERATOR, VILLAGE_CODE, approved_proposal, set_profile

# --- villages ----------------------------------------------------------------------------------

@pytest.fixture
def small_village(tmp_path: Path) -> Iterator[SyncEnv]:
    """A real village with one MusDes-approved proposal (training flag set by the test)."""
    with village(tmp_path / "desa") as factory:
        set_profile(factory, training=False)
        approved_proposal(factory, ruta_ids(factory)[0])
        yield SyncEnv(factory, tmp_path / "home")


@pytest.fixture
def real_district(tmp_path: Path) -> Iterator[District]:
    made = init_district(tmp_path / "dinas", None, district_code="3522",
                         district_name="Kab. Bojonegoro")
    yield made
    made.close()


@pytest.fixture
def training_receiver(tmp_path: Path) -> Iterator[District]:
    made = init_district(tmp_path / "dinas-latihan", None, district_code="3522",
                         district_name="Kab. Bojonegoro (latihan)", training=True)
    yield made
    made.close()


def _statuses(env: SyncEnv) -> set[str]:
    with env.sessions() as session:
        return set(session.scalars(select(Usulan.status)))


def _applied(district: District) -> int:
    with district.factory() as session:
        return session.scalar(select(func.count()).select_from(AppliedRecord)) or 0


def _registration(env: SyncEnv, *, training: bool) -> bytes:
    """A registration file claiming ``training`` whatever the village is (as a tampered file
    or a mixed-up district office would present it)."""
    ensure_device(env)
    return make_registration(device_keys(env), village_code=VILLAGE_CODE,
                             village_name="Sukamaju", device_name="Laptop",
                             created_at=datetime.now(UTC), training=training)


def _profile(district: District, *, training: bool) -> bytes:
    """A profile signed with ``district``'s key but claiming ``training``."""
    return make_profile(district.keys, district_code="3522", district_name="Kab. Bojonegoro",
                        village_code=VILLAGE_CODE, village_name="Sukamaju",
                        issued_at=datetime.now(UTC), training=training)


# --- practising the whole flow ------------------------------------------------------------------

def test_training_village_practises_propose_musdes_seal_send_and_receipt(tmp_path: Path) -> None:
    from siksdesk.demo import build_demo_village

    paths = AppPaths(tmp_path / "latihan").ensure()
    ctx: AppContext = open_app(paths)
    try:
        build_demo_village(ctx, people=40)
        env = SyncEnv(ctx.sessions, paths.home)
        with ctx.sessions() as session:  # the published training accounts (latihan123)
            assert account_by_username(session, APPROVER) is not None
            assert account_by_username(session, OPERATOR) is not None
        proposal = approved_proposal(ctx.sessions, ruta_ids(ctx.sessions)[0])
        with pytest.raises(VillageSyncError, match="No district profile"):
            seal_next(env, author=OPERATOR)  # no district profile yet

        assert training_state(env) == TrainingState(True, False, False)
        link = connect_training_district(env, author=OPERATOR)
        assert training_state(env) == TrainingState(True, True, False)
        assert link.created and link.district_code == "3522" and "latihan" in link.district_name
        assert (training_district_home(env) / "district.sqlite3").is_file()
        profile = profile_info(env)
        assert profile is not None and profile.training and profile.key_id

        sealed = seal_next(env, author=OPERATOR)
        assert sealed.records == 1 and _statuses(env) == {"sent"}
        stick = tmp_path / "usb"
        stick.mkdir()
        [written] = write_bundles(env, stick)  # practising the USB stick: named LATIHAN too
        assert written.path.name == "siksdesk-3522142010-000001-LATIHAN.siksdesk-bundle"
        result = send_to_training_district(env, author=OPERATOR)
        [receipt] = result.receipts
        assert (result.sent, result.queued, receipt.status, receipt.accepted) == (
            1, 0, "applied", 1)
        with ctx.sessions() as session:
            assert session.get(Usulan, proposal).status == "accepted_by_dinas"  # type: ignore
            assert session.scalars(select(SyncBundle.state)).one() == "receipted"
        assert pending_containers(env) == []
        # Pressed again: nothing to send, nothing changes; the link is remembered.
        assert send_to_training_district(env, author=OPERATOR).sent == 0
        again = training_link(env)
        assert again is not None and (again.fingerprint, again.created) == (link.fingerprint,
                                                                            False)
    finally:
        ctx.close()


def test_the_training_dinas_serves_only_a_training_village(small_village: SyncEnv) -> None:
    with pytest.raises(TrainingDistrictError) as refused:
        connect_training_district(small_village, author=OPERATOR)
    assert refused.value.code == "NOT_TRAINING_VILLAGE"
    assert "sebenarnya" in refused.value.message()
    assert not training_district_home(small_village).exists()
    assert profile_info(small_village) is None


# --- never across: the village side -------------------------------------------------------------

def test_a_training_village_cannot_enrol_with_a_real_district(
        small_village: SyncEnv, real_district: District) -> None:
    set_profile(small_village.sessions, training=True)
    with pytest.raises(VillageSyncError) as refused:
        import_profile(small_village, make_village_profile(real_district, VILLAGE_CODE,
                                                           "Sukamaju"), author=OPERATOR)
    assert refused.value.code == "PROFILE_REAL_FOR_TRAINING"
    assert "latihan" in refused.value.message() and "real" in refused.value.message("en")
    assert profile_info(small_village) is None  # nothing stored


def test_a_real_village_cannot_enrol_with_a_training_receiver(
        small_village: SyncEnv, training_receiver: District) -> None:
    with pytest.raises(VillageSyncError) as refused:
        import_profile(small_village, make_village_profile(training_receiver, VILLAGE_CODE,
                                                           "Sukamaju"), author=OPERATOR)
    assert refused.value.code == "PROFILE_TRAINING_FOR_REAL"
    assert profile_info(small_village) is None


def test_sealing_refuses_a_profile_whose_mode_is_not_the_villages(
        small_village: SyncEnv, real_district: District) -> None:
    """A training village holding a real profile (imported before the enrolment check, or a
    real village's database turned into the training one) seals nothing."""
    import_profile(small_village, make_village_profile(real_district, VILLAGE_CODE, "Sukamaju"),
                   author=OPERATOR)
    set_profile(small_village.sessions, training=True)
    with pytest.raises(VillageSyncError) as refused:
        seal_next(small_village, author=OPERATOR)
    assert refused.value.code == "TRAINING_MODE_MISMATCH"
    assert pending_containers(small_village) == [] and _statuses(small_village) == {"approved"}


# --- never across: the district side ------------------------------------------------------------

def test_a_real_district_registers_no_training_device(
        small_village: SyncEnv, real_district: District) -> None:
    data = _registration(small_village, training=True)
    with pytest.raises(DistrictError) as refused:
        register_device(real_district, data, device_keys(small_village).fingerprint)
    assert refused.value.code == "TRAINING_MISMATCH"
    assert "latihan" in refused.value.message()


def test_a_real_district_refuses_a_training_villages_bundle(
        small_village: SyncEnv, real_district: District) -> None:
    """Even with every earlier gate passed by mistake (a training profile signed with the real
    district's key, a registration claiming a real device), the bundle is refused at ingest:
    nothing applied, a signed refusal comes back and the village keeps the bundle queued."""
    env = small_village
    set_profile(env.sessions, training=True)
    import_profile(env, _profile(real_district, training=True), author=OPERATOR)
    register_device(real_district, _registration(env, training=False),
                    device_keys(env).fingerprint)
    seal_next(env, author=OPERATOR)
    [(_sequence, _sha, bundle)] = pending_containers(env)

    result = ingest(real_district, bundle)
    assert (result.outcome, result.reason_code) == ("refused", "TRAINING_BUNDLE")
    assert "desa latihan" in result.message() and "Nothing was applied" in result.message("en")
    assert _applied(real_district) == 0
    assert result.receipt is not None
    outcome = import_bytes(env, result.receipt, author=OPERATOR, name="tanda-terima")
    assert (outcome.status, outcome.reason_code, outcome.accepted) == ("rejected",
                                                                       "TRAINING_BUNDLE", 0)
    assert len(pending_containers(env)) == 1 and _statuses(env) == {"sent"}


def test_a_training_receiver_refuses_a_real_villages_bundle(
        small_village: SyncEnv, training_receiver: District) -> None:
    env = small_village
    import_profile(env, _profile(training_receiver, training=False), author=OPERATOR)
    with pytest.raises(DistrictError) as refused:
        register_device(training_receiver, _registration(env, training=False),
                        device_keys(env).fingerprint)
    assert refused.value.code == "TRAINING_MISMATCH"
    register_device(training_receiver, _registration(env, training=True),
                    device_keys(env).fingerprint)
    seal_next(env, author=OPERATOR)
    [(_sequence, _sha, bundle)] = pending_containers(env)

    result = ingest(training_receiver, bundle)
    assert (result.outcome, result.reason_code) == ("refused", "REAL_BUNDLE")
    assert "hanya untuk latihan" in result.message()
    assert _applied(training_receiver) == 0
    assert result.receipt is not None
    outcome = import_bytes(env, result.receipt, author=OPERATOR, name="tanda-terima")
    assert (outcome.status, outcome.reason_code) == ("rejected", "REAL_BUNDLE")
    assert _statuses(env) == {"sent"}


def test_a_village_turned_real_neither_uses_the_training_dinas_nor_seals(
        small_village: SyncEnv) -> None:
    """A training village's database turned real (is_demo cleared) after it was linked with
    the built-in training Dinas: that Dinas no longer serves it and nothing is sealed with
    the training profile."""
    env = small_village
    set_profile(env.sessions, training=True)
    connect_training_district(env, author=OPERATOR)
    with unit_of_work(env.sessions, "test") as session:  # the database turned real meanwhile
        session.execute(update(VillageProfile).values(is_demo=False))
    with pytest.raises(TrainingDistrictError, match="real village"):
        send_to_training_district(env, author=OPERATOR)
    with pytest.raises(VillageSyncError) as refused:
        seal_next(env, author=OPERATOR)
    assert refused.value.code == "TRAINING_MODE_MISMATCH"


def test_the_training_dinas_needs_no_server_stack(tmp_path: Path) -> None:
    """The desktop build ships no starlette/uvicorn/psycopg: the receiver the training Dinas
    runs (init with its alembic schema, ingest) must work without them."""
    script = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {{"starlette", "uvicorn", "psycopg", "anyio"}}:
            raise ImportError(f"blocked: {{name}}")
sys.meta_path.insert(0, Block())
from siksdesk.district.context import init_district
from siksdesk.district.ingest import ingest
import siksdesk.sync.training_district
district = init_district(__import__("pathlib").Path({str(tmp_path / "d")!r}), None,
                         district_code="3522", district_name="latihan", training=True)
assert ingest(district, b"not a bundle").outcome == "refused"
district.close()
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_the_state_reader_knows_the_receivers_file_names() -> None:
    from siksdesk.district.context import KEY_FILE
    from siksdesk.district.keyring import MANIFEST
    from siksdesk.sync import training_district

    assert (training_district.KEY_FILE, training_district.KEY_MANIFEST) == (KEY_FILE, MANIFEST)
