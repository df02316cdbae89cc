"""District → village updates: increasing versions, chained hashes, expiry, revocations."""

from __future__ import annotations

import hashlib

import pytest
from tests.district.conftest import enrol
from tests.district.helpers import read_update

from siksdesk.district.context import District
from siksdesk.district.devices import revoke_device
from siksdesk.district.errors import DistrictError
from siksdesk.district.status import district_status
from siksdesk.district.updates import (
    decision_item,
    issue_update,
    revocation_updates,
    update_after,
)
from siksdesk.sync.payload_types import Decision, DeviceRevoked

USULAN = "0b1e5a3c-0000-4000-8000-000000000001"


def test_versions_increase_and_chain(district: District) -> None:
    village = enrol(district)
    key = village.keys.key_id.hex()
    first = issue_update(district, key, [decision_item(USULAN, "accepted")], now=1_800_000_000)
    second = issue_update(district, key, [decision_item(USULAN, "rejected", "NIK_INVALID")],
                          expires_days=7, now=1_800_000_100)
    assert (first.version, second.version) == (1, 2)
    opened = read_update(district, village, second.data)
    assert opened.container is not None
    assert opened.container.previous == hashlib.sha256(first.data).hexdigest()
    assert opened.container.expires_at == 1_800_000_100 + 7 * 86400
    assert opened.items == (Decision(USULAN, "rejected", "NIK_INVALID", ""),)
    assert update_after(district, key, 1) == second.data
    assert update_after(district, key, 2) is None
    assert district_status(district).devices[0].update_version == 2
    with pytest.raises(DistrictError) as refused:
        issue_update(district, key, [decision_item(USULAN, "accepted")], expires_days=0)
    assert refused.value.code == "BAD_EXPIRY"


def test_a_revocation_is_sent_to_the_other_devices_of_the_village(district: District) -> None:
    lost = enrol(district)
    spare = enrol(district)
    enrol(district, "3522010002")  # another village hears nothing
    key = lost.keys.key_id.hex()
    revoke_device(district, key, "dicuri")
    issued = revocation_updates(district, key, "dicuri")
    assert [u.key_id for u in issued] == [spare.keys.key_id.hex()]
    update = read_update(district, spare, issued[0].data)
    assert update.items == (DeviceRevoked(key, "dicuri"),)
    status = {d.key_id: d for d in district_status(district).devices}
    assert status[key].status == "revoked"
    assert status[key].revoked_reason == "dicuri"
