"""End to end, with the real district receiver: village → USB file → ``siksdesk.district`` ingest
→ receipt file → village, and a district update back onto the NIK worklist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from siksdesk.district.context import District, init_district
from siksdesk.district.ingest import ingest
from siksdesk.district.updates import decision_item, issue_update
from siksdesk.models import Usulan
from siksdesk.services.nik_issues import nik_issue_rows
from siksdesk.sync.inbox import import_files
from siksdesk.sync.keys import load_private
from siksdesk.sync.outbox import pending_containers, seal_next
from siksdesk.sync.payload_types import InvalidNikList, InvalidNikRow
from siksdesk.sync.transport import write_bundles
from siksdesk.sync.village_types import SyncEnv
from sync_village import enrolled, sync_village


@pytest.fixture
def district(tmp_path: Path) -> Iterator[District]:
    made = init_district(tmp_path / "dinas", None, district_code="3522",
                         district_name="Kab. Bojonegoro")
    yield made
    made.close()


def _statuses(env: SyncEnv, ids: list[int]) -> set[str]:
    with env.sessions() as session:
        return set(session.scalars(select(Usulan.status).where(Usulan.id.in_(ids))))


def test_usb_round_trip(tmp_path: Path, district: District) -> None:
    with sync_village(tmp_path, enrol=False) as made:
        env = enrolled(made, district)
        sealed = seal_next(env, author="op")
        stick = tmp_path / "usb"
        stick.mkdir()
        [written] = write_bundles(env, stick)

        result = ingest(district, written.path.read_bytes())  # at the district office
        assert (result.outcome, result.sequence, result.accepted) == ("applied", 1,
                                                                      sealed.records)
        assert result.receipt is not None
        receipt_file = stick / "tanda-terima-000001.siksdesk-receipt"
        receipt_file.write_bytes(result.receipt)

        [outcome] = import_files(env, [receipt_file], author="op")  # back in the village
        assert (outcome.status, outcome.accepted, outcome.rejected) == ("applied", 3, 0)
        assert _statuses(env, made.approved) == {"accepted_by_dinas"}
        assert pending_containers(env) == []

        again = ingest(district, written.path.read_bytes())  # a re-sent stick is harmless
        assert again.outcome == "duplicate" and again.receipt == result.receipt
        receipt_file.write_bytes(again.receipt)
        assert import_files(env, [receipt_file], author="op")[0].duplicate


def test_district_update_reaches_the_nik_worklist(tmp_path: Path, district: District) -> None:
    with sync_village(tmp_path, enrol=False) as made:
        env = enrolled(made, district)
        seal_next(env, author="op")
        bundle = pending_containers(env)[0][2]
        assert ingest(district, bundle).outcome == "applied"
        with env.sessions() as session:
            deactivate = session.scalars(select(Usulan.uuid).where(
                Usulan.id.in_(made.approved), Usulan.kind == "deactivate")).one()
        rows = (InvalidNikRow(nik="3522011204780001", idbdt="", idartbdt="", nama="Kepala 1",
                              tgl_lahir="1978-04-12", keterangan="NIK tidak padan"),)
        key_id = load_private(env.key_file).key_id.hex()
        issued = issue_update(district, key_id, [InvalidNikList(rows=rows),
                                                 decision_item(deactivate, "rejected", "",
                                                               "masih tinggal")])
        update_file = tmp_path / "pembaruan.siksdesk-update"
        update_file.write_bytes(issued.data)
        [outcome] = import_files(env, [update_file], author="op")
        assert (outcome.kind, outcome.sequence, outcome.nik_issues, outcome.rejected) == \
            ("update", 1, 1, 1)
        issues = nik_issue_rows(env.sessions())
        assert [i.matched_by for i in issues] == ["nik"]
