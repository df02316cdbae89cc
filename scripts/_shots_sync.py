""" "Kirim ke Dinas" for ``scripts/screenshots.py``: the enrolment page, the district profile with
its fingerprint, the registration file dialog, the page with two bundles (one receipted by the
real district receiver, one waiting) and held-back proposals, and the catch-up banner after a
restore. Works on a copy of the demo village (the village itself is left as it was), with a
district made by ``siksdesk.district`` in a throw-away folder, on a ``SyncTaskRunner``.

    sync_screens(village, lang, folder, save)   # save(widget, name)
"""

from __future__ import annotations

import dataclasses
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session
from siksdesk.district.context import init_district
from siksdesk.district.devices import make_village_profile, register_device
from siksdesk.district.ingest import ingest
from siksdesk.domain.accounts import DEMO_PASSWORD
from siksdesk.domain.musdes import AttendeeRole, Decision
from siksdesk.paths import AppPaths
from siksdesk.services import musdes
from siksdesk.services.household_edit import load_household, save_household
from siksdesk.services.households import village_summary
from siksdesk.services.proposals import list_proposals, mark_ready
from siksdesk.sync.catch_up import Marker, read_marker, write_marker
from siksdesk.sync.device import registration_bytes
from siksdesk.sync.keys import load_private
from siksdesk.sync.transport import write_bundles
from siksdesk.ui.sync_view import SyncView
from siksdesk.ui.tasks import SyncTaskRunner

Save = Callable[[QWidget, str], object]
SIZE = (1366, 700)
PASSWORD = DEMO_PASSWORD  # the demo village's "kades" account


def sync_screens(village: AppContext, lang: str, folder: Path, save: Save) -> None:
    del folder  # nothing is written besides the pictures
    with tempfile.TemporaryDirectory(prefix="siksdesk-shots-sync-") as tmp:
        ctx = _copy_of(village, Path(tmp) / "village")
        try:
            _screens(ctx, Path(tmp), lang, save)
        finally:
            ctx.close()


def _copy_of(village: AppContext, home: Path) -> AppContext:
    paths = AppPaths(home).ensure()
    with sqlite3.connect(village.database) as source, sqlite3.connect(paths.database) as copy:
        source.backup(copy)
    source.close()
    copy.close()
    return open_app(paths)


def _screens(ctx: AppContext, tmp: Path, lang: str, save: Save) -> None:
    with read_session(ctx.sessions) as session:
        summary = village_summary(session)
    assert summary is not None
    _approved_batch(ctx, offset=30, count=6, held=True)
    view = SyncView(ctx, SyncTaskRunner(), "operator", lang)
    view.resize(*SIZE)
    view.show()
    view.refresh()
    save(view, "50_sync_enrolment")

    dinas = init_district(tmp / "dinas", None, district_code=summary.kode_desa[:4],
                          district_name="Kab. Bojonegoro",
                          server_url="https://sinkron.dinsos.bojonegorokab.go.id",
                          training=summary.is_demo)
    try:
        profile = tmp / "dinas.siksdesk-profile"
        profile.write_bytes(make_village_profile(dinas, summary.kode_desa, summary.nama_desa))
        view.import_profile(profile)
        dialog = view.profile_dialog
        save(dialog, "51_sync_profile")
        dialog.accept()
        view.save_registration()
        save(view.registration_dialog, "52_sync_registration")
        view.registration_dialog.reject()
        device = load_private(view.env.key_file)
        register_device(dinas, registration_bytes(view.env, device_name=summary.nama_desa),
                        device.fingerprint)

        usb = tmp / "usb"
        usb.mkdir()
        view.seal()
        [first] = write_bundles(view.env, usb)
        result = ingest(dinas, first.path.read_bytes())
        assert result.receipt is not None
        receipt = usb / "tanda-terima-000001.siksdesk-receipt"
        receipt.write_bytes(result.receipt)
        view.import_files([receipt])
        view.last_box.close()
        _approved_batch(ctx, offset=50, count=4, held=False)
        view.refresh()
        view.seal()
        view.write_to_folder(usb)
        view.last_box.close()
        view.message.setText("")
        save(view, "53_sync_page")

        marker = read_marker(view.env)
        assert marker is not None
        write_marker(view.env, dataclasses.replace(marker, sequence=marker.sequence + 2))
        view.refresh()
        save(view, "54_sync_catch_up")
        write_marker(view.env, Marker(marker.key_id, marker.sequence, marker.sha256))
    finally:
        dinas.close()
        view.close()
        view.deleteLater()
        QCoreApplication.processEvents()


def _approved_batch(ctx: AppContext, *, offset: int, count: int, held: bool) -> None:
    """Edit ``count`` households, put them to a finalised MusDes: approved (and, with
    ``held``, one rejected and one deferred so that the held-back list has reasons)."""
    with read_session(ctx.sessions) as session:
        ids = [r[0] for r in session.execute(text(
            "SELECT id FROM ruta ORDER BY id LIMIT :n OFFSET :o"), {"n": count, "o": offset})]
    for number, ruta_id in enumerate(ids):
        with read_session(ctx.sessions) as session:
            draft = load_household(session, ruta_id)
        floor = 2 if draft.values.get("jenis_lantai") != 2 else 6
        values = {**draft.values, "jenis_lantai": floor, "jumlah_kamar": 2 + number % 3}
        save_household(ctx.sessions, dataclasses.replace(draft, values=values),
                       author="operator")
    with read_session(ctx.sessions) as session:
        drafts = [r.id for r in list_proposals(session, statuses=("draft",))]
    mark_ready(ctx.sessions, drafts, author="operator")
    meeting = musdes.create_meeting(ctx.sessions, author="operator", held_on=date(2026, 9, 20),
                                    place="Balai Desa", agenda="Usulan DTKS", chair="Sutrisno",
                                    note_taker="Rina Wulandari")
    musdes.add_attendee(ctx.sessions, meeting.id, author="operator", name="Hj. Siti Aminah",
                        role=AttendeeRole.BPD, title="Ketua BPD")
    decisions = [Decision.SETUJU] * len(drafts)
    if held and len(drafts) > 2:
        decisions[-2:] = [Decision.TOLAK, Decision.TUNDA]
    for usulan_id, decision in zip(drafts, decisions, strict=True):
        musdes.decide(ctx.sessions, meeting.id, usulan_id, decision, author="operator",
                      note="" if decision is Decision.SETUJU else "Data belum lengkap")
    musdes.finalise(ctx.sessions, meeting.id, "kades", PASSWORD, author="operator")
