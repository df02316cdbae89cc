"""District key rotation with overlap: new key beside the old one, an update signed by the old
key to every active device, old-key bundles accepted until the overlap ends."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from tests.district.conftest import enrol, make_district

from siksdesk.district import rotation
from siksdesk.district.cli import main
from siksdesk.district.context import District, open_district
from siksdesk.district.devices import make_village_profile, revoke_device
from siksdesk.district.errors import DistrictError
from siksdesk.district.ingest import ingest
from siksdesk.district.rotation import rotate_keys
from siksdesk.district.samples import SampleVillage, sample_nik
from siksdesk.district.updates import decision_item, issue_update
from siksdesk.sync.container import Kind, SenderStatus, open_verified, verify
from siksdesk.sync.enrolment import read_profile
from siksdesk.sync.errors import ContainerError, KeyFileError
from siksdesk.sync.keys import PublicIdentity, load_private
from siksdesk.sync.payload_types import DistrictKeys, Receipt, Update
from siksdesk.sync.payloads import parse_receipt, parse_update

NOW = 1_800_000_000
DAY = 86_400
USULAN = "0b1e5a3c-0000-4000-8000-000000000001"


def _open(kind: Kind, data: bytes, village: SampleVillage, signer: PublicIdentity
          ) -> dict[str, object]:
    """As the village would: only ``signer`` is trusted."""
    verified = verify(data, expected_kind=kind, recipient_key_id=village.keys.key_id,
                      sender_lookup=lambda key: SenderStatus(
                          signer if key == signer.key_id else None))
    return open_verified(verified, village.keys)


def _receipt(data: bytes | None, village: SampleVillage, signer: PublicIdentity) -> Receipt:
    assert data is not None
    return parse_receipt(_open(Kind.RECEIPT, data, village, signer))


def _update(data: bytes, village: SampleVillage, signer: PublicIdentity) -> Update:
    return parse_update(_open(Kind.UPDATE, data, village, signer))


def test_rotation_announces_the_new_key_signed_by_the_old(district: District) -> None:
    village, spare, lost = enrol(district), enrol(district), enrol(district, "3522010002")
    revoke_device(district, lost.keys.key_id.hex(), "hilang")
    issue_update(district, village.keys.key_id.hex(), [decision_item(USULAN, "accepted")],
                 now=NOW - 10)
    old = district.keys.identity
    done = rotate_keys(district, overlap_days=14, now=NOW)

    new = district.keys.identity
    assert (done.old_key_id, done.new_key_id) == (old.key_id.hex(), new.key_id.hex())
    assert district.identity.key_id == done.new_key_id
    assert [(u.key_id, u.version) for u in done.updates] == [
        (village.keys.key_id.hex(), 2), (spare.keys.key_id.hex(), 1)]  # not the revoked one
    update = _update(done.updates[0].data, village, old)
    assert update.items == (DistrictKeys(*new.to_b64(), key_id=done.new_key_id,
                                         valid_from="2027-01-15T08:00:00+00:00"),)
    assert update.container is not None
    assert update.container.expires_at == NOW + 30 * DAY
    with pytest.raises(ContainerError) as refused:  # not signed by the new key
        _update(done.updates[0].data, village, new)
    assert refused.value.code == "UNKNOWN_SENDER"
    # from now on updates and profiles carry / are signed by the new key
    later = issue_update(district, village.keys.key_id.hex(), [decision_item(USULAN, "rejected")],
                         now=NOW + 5)
    assert _update(later.data, village, new).items[0] == decision_item(USULAN, "rejected")
    profile = read_profile(make_village_profile(district, "3522010001", "Desa Satu"))
    assert profile.identity == new


def test_key_files_and_manifest(sqlite_district: District) -> None:
    home = sqlite_district.home
    first = sqlite_district.keys.key_id.hex()
    done = rotate_keys(sqlite_district, overlap_days=30, now=NOW)
    keys = home / "keys"
    assert (keys / "district.key").exists()
    new_file = keys / f"district-{done.new_key_id}.key"
    assert stat.S_IMODE(new_file.stat().st_mode) == 0o600
    manifest = json.loads((keys / "keys.json").read_text())
    assert manifest["current"] == done.new_key_id
    assert [(k["key_id"], k["file"], k["valid_until"]) for k in manifest["keys"]] == [
        (first, "district.key", "2027-02-14T08:00:00+00:00"),
        (done.new_key_id, new_file.name, None)]
    reopened = open_district(home)
    try:
        assert reopened.keys.key_id.hex() == done.new_key_id
        assert [k.key_id.hex() for k in reopened.ring.accepted(NOW + 30 * DAY - 1)] == [
            done.new_key_id, first]
        assert [k.key_id.hex() for k in reopened.ring.accepted(NOW + 30 * DAY)] == [
            done.new_key_id]
    finally:
        reopened.close()


def test_old_key_bundles_accepted_until_the_overlap_ends(district: District) -> None:
    village = enrol(district)
    old = district.keys.identity
    first = ingest(district, village.next_bundle([sample_nik(1)]), now=NOW)
    assert first.outcome == "applied"
    rotate_keys(district, overlap_days=10, now=NOW + 1)
    new = district.keys.identity

    sealed_before = village.next_bundle([sample_nik(2)])  # still sealed to the old key
    result = ingest(district, sealed_before, now=NOW + 2)
    assert (result.outcome, result.accepted) == ("applied", 1)
    # answered with the key it was sealed to: checkable before the update is imported
    assert _receipt(result.receipt, village, old).status == "applied"

    village.district = new
    result = ingest(district, village.next_bundle([sample_nik(3)]), now=NOW + 3)
    assert result.outcome == "applied"
    assert _receipt(result.receipt, village, new).last_applied_sequence == 3

    village.district = old
    late = village.next_bundle([sample_nik(4)])
    assert ingest(district, late, now=NOW + 1 + 10 * DAY - 1).outcome == "applied"
    too_late = village.next_bundle([sample_nik(5)])
    refused = ingest(district, too_late, now=NOW + 1 + 10 * DAY)
    assert (refused.outcome, refused.reason_code, refused.receipt) == (
        "refused", "WRONG_RECIPIENT", None)


def test_a_held_old_key_bundle_is_released_after_the_rotation(sqlite_district: District) -> None:
    district = sqlite_district
    village = enrol(district)
    gap = village.next_bundle([sample_nik(1)])
    second = village.next_bundle([sample_nik(2)])
    assert ingest(district, second, now=NOW).outcome == "held"
    rotate_keys(district, overlap_days=1, now=NOW + 1)
    village.district = district.keys.identity  # the village learnt the key only now
    result = ingest(district, gap, now=NOW + 1)  # sealed before: still inside the overlap
    assert (result.outcome, result.released) == ("applied", (2,))


def test_a_running_receiver_follows_a_rotation_made_elsewhere(sqlite_district: District
                                                             ) -> None:
    server = sqlite_district  # e.g. ``serve``, opened before the rotation
    village = enrol(server)
    other = open_district(server.home)  # ``rotate-keys`` in another process
    try:
        done = rotate_keys(other, overlap_days=3, now=NOW)
    finally:
        other.close()
    assert server.keys.key_id.hex() == done.new_key_id
    village.district = server.keys.identity
    assert ingest(server, village.next_bundle([sample_nik(1)]), now=NOW + 1).outcome == \
        "applied"


def test_an_interrupted_rotation_keeps_the_old_key(sqlite_district: District,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    district = sqlite_district
    village = enrol(district)
    old = district.keys.key_id.hex()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(rotation, "issue_in_session", broken)
    with pytest.raises(OSError):
        rotate_keys(district, now=NOW)
    monkeypatch.undo()
    manifest = json.loads((district.home / "keys" / "keys.json").read_text())
    orphan = manifest["keys"][-1]["key_id"]
    reopened = open_district(district.home)
    try:
        assert reopened.keys.key_id.hex() == old
        assert reopened.keys_for(bytes.fromhex(orphan), NOW) is None  # never announced
        done = rotate_keys(reopened, now=NOW + 5)
        assert done.old_key_id == old and len(done.updates) == 1
        assert reopened.keys_for(bytes.fromhex(orphan), NOW + 5) is None
        assert reopened.keys_for(bytes.fromhex(old), NOW + 5) is not None
    finally:
        reopened.close()
    assert village.keys.key_id.hex() == done.updates[0].key_id


def test_bad_overlap_is_refused_and_nothing_changes(sqlite_district: District) -> None:
    before = sqlite_district.keys.key_id
    for days in (-1, 3651):
        with pytest.raises(DistrictError) as refused:
            rotate_keys(sqlite_district, overlap_days=days)
        assert refused.value.code == "BAD_OVERLAP"
    assert sqlite_district.keys.key_id == before
    assert list((sqlite_district.home / "keys").glob("district-*.key")) == []


def test_cli_rotate_keys_writes_update_files(sqlite_district: District, tmp_path: Path) -> None:
    district = sqlite_district
    village = enrol(district)
    old = district.keys.identity
    out = io.StringIO()
    folder = tmp_path / "usb"
    code = main(["--home", str(district.home), "--lang", "en", "rotate-keys", "--overlap-days",
                 "7", "--updates-dir", str(folder)], out=out)
    assert code == 0, out.getvalue()
    assert "1 active device(s)" in out.getvalue()
    assert district.keys.fingerprint in out.getvalue()
    [written] = list(folder.iterdir())
    assert written.name == f"3522010001-{village.keys.key_id.hex()[:8]}-v000001.siksdesk-update"
    item = _update(written.read_bytes(), village, old).items[0]
    assert isinstance(item, DistrictKeys) and item.key_id == district.keys.key_id.hex()
    out = io.StringIO()
    assert main(["--home", str(district.home), "rotate-keys", "--overlap-days", "-3"],
                out=out) == 1
    assert "0 dan 3650" in out.getvalue()


def test_a_receiver_from_before_rotation_with_a_passphrase(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setenv("SIKSDESK_DISTRICT_KEY_PASSPHRASE", "rahasia dinas")
    made = make_district(tmp_path / "home", None)
    first = made.keys.key_id.hex()
    made.close()
    (tmp_path / "home" / "keys" / "keys.json").unlink()  # as made before the manifest existed
    district = open_district(tmp_path / "home")
    try:
        done = rotate_keys(district, now=NOW)
        assert done.old_key_id == first
    finally:
        district.close()
    new_file = tmp_path / "home" / "keys" / f"district-{done.new_key_id}.key"
    with pytest.raises(KeyFileError) as locked:
        load_private(new_file)
    assert locked.value.code == "KEY_FILE_NEEDS_PASSPHRASE"
    reopened = open_district(tmp_path / "home")
    try:
        assert reopened.keys.key_id.hex() == done.new_key_id
        assert reopened.keys_for(bytes.fromhex(first), NOW + 1) is not None
    finally:
        reopened.close()
