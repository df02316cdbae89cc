"""Training-mode tests: a village profile with or without the training flag, and one
MusDes-approved proposal finalised by the training village's published Kepala Desa account."""

from __future__ import annotations

import inspect
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from accounts_support import add_approver, cheap_hashes
from musdes_village import load, with_member
from siksdesk.db.session import unit_of_work
from siksdesk.domain.accounts import DEMO_PASSWORD
from siksdesk.domain.musdes import AttendeeRole, Decision
from siksdesk.models import VillageProfile
from siksdesk.services import musdes
from siksdesk.services.accounts import account_by_username
from siksdesk.services.household_edit import save_household
from siksdesk.services.proposals import list_proposals, mark_ready

VILLAGE_CODE = "3522010001"
OPERATOR, APPROVER = "operator", "kades"


def set_profile(factory: sessionmaker[Session], *, training: bool) -> None:
    with unit_of_work(factory, "test") as session:
        session.merge(VillageProfile(id=1, kode_desa=VILLAGE_CODE, nama_desa="Sukamaju",
                                     nama_kecamatan="Ngraho", nama_kabupaten="Bojonegoro",
                                     nama_provinsi="Jawa Timur", is_demo=training))


def ensure_approver(factory: sessionmaker[Session]) -> None:
    """The training village's published Kepala Desa account (``kades`` / ``latihan123``)."""
    with factory() as session:
        known = account_by_username(session, APPROVER) is not None
    if not known:  # a demo builder that does not create the demo accounts yet
        with cheap_hashes():
            add_approver(factory, DEMO_PASSWORD, username=APPROVER,
                         display_name="Kepala Desa Latihan")


def finalise(factory: sessionmaker[Session], meeting_id: int) -> None:
    if "approver" in inspect.signature(musdes.finalise).parameters:
        musdes.finalise(factory, meeting_id, APPROVER, DEMO_PASSWORD, author=OPERATOR)
    else:  # pragma: no cover - before the accounts (issue 7)
        musdes.finalise(factory, meeting_id, DEMO_PASSWORD, author=OPERATOR)  # type: ignore


def approved_meeting(factory: sessionmaker[Session], ruta_id: int) -> tuple[int, int]:
    """One correction proposed by the operator, approved in a MusDes the Kades finalises:
    (usulan id, meeting id)."""
    save_household(factory, with_member(load(factory, ruta_id), 0, nama="Nama Dibetulkan"),
                   author=OPERATOR)
    with factory() as session:
        [proposal] = [p.id for p in list_proposals(session, statuses=("draft",))]
    mark_ready(factory, [proposal], author=OPERATOR)
    meeting = musdes.create_meeting(factory, author=OPERATOR, held_on=date(2026, 9, 20),
                                    place="Balai Desa", agenda="Usulan DTKS (latihan)",
                                    chair="Kepala Desa Latihan", note_taker="Sekdes")
    musdes.add_attendee(factory, meeting.id, author=OPERATOR, name="Ketua BPD",
                        role=AttendeeRole.BPD, title="Ketua BPD")
    musdes.decide(factory, meeting.id, proposal, Decision.SETUJU, author=OPERATOR, note="ok")
    ensure_approver(factory)
    finalise(factory, meeting.id)
    return proposal, meeting.id


def approved_proposal(factory: sessionmaker[Session], ruta_id: int) -> int:
    return approved_meeting(factory, ruta_id)[0]
