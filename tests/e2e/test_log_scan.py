"""Privacy (issue 7, item 6): a whole working day in one process — demo village, an edit, a BNBA
import, an invalid-NIK import, every export, the duplicate finder, a finalised MusDes, backups
(and a sealed sync bundle written to a stick when the sync commands are there) — with the log
at DEBUG in the data folder; then every log file is scanned for 16-digit numbers and for the
names of the people in the village. There must be no hit."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from accounts_support import add_approver
from nik_issue_data import write_list
from siksdesk import logging_setup
from siksdesk.app import AppContext, open_app
from siksdesk.cli import main
from siksdesk.domain.musdes import AttendeeRole, Decision
from siksdesk.models import Art, Keluarga, Ruta, VillageProfile
from siksdesk.paths import AppPaths
from siksdesk.services import musdes
from siksdesk.services.backups import list_backups, split_reason
from siksdesk.services.household_edit import load_household, save_household
from siksdesk.services.proposals import list_proposals, mark_ready

NEW_NAME = "Sulastri Wulandari"
NEW_NIK = "3522015508910007"
PASSWORD = "kades-rahasia-9"
HEAD = "kepala"  # the demo village already has "kades"
# 16 digits, also written in groups ("3522 0157 0845 0001", "35.22.01...")
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d(?:[ .\-\u00a0]?\d){15}(?!\d)")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """SIKSDESK_HOME with the log at DEBUG — also when a command sets logging up again."""
    folder = tmp_path / "home"
    monkeypatch.setenv("SIKSDESK_HOME", str(folder))
    original = logging_setup.setup_logging

    def at_debug(log_dir: Path, *, level: int = logging.DEBUG) -> Path:
        return original(log_dir, level=logging.DEBUG)

    monkeypatch.setattr(logging_setup, "setup_logging", at_debug)
    at_debug(folder / "logs")
    yield folder
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_siksdesk", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.WARNING)


def cli(*args: str) -> str:
    out = io.StringIO()
    main(list(args), out=out)
    return out.getvalue()


def _people(ctx: AppContext) -> tuple[set[str], str]:
    with ctx.sessions() as session:
        names = {n for n in session.scalars(select(Art.nama)) if n and len(n) >= 5}
        names |= {n for n in session.scalars(select(Art.nama_ibu_kandung)) if n and len(n) >= 5}
        kode = session.scalar(select(VillageProfile.kode_desa)) or ""
    return names, kode


def _edit(ctx: AppContext) -> None:
    with ctx.sessions() as session:
        ruta_id = session.scalars(select(Ruta.id).join(Keluarga).join(Art)
                                  .order_by(Ruta.id)).first()
        assert ruta_id is not None
        draft = load_household(session, ruta_id)
    family = draft.families[0]
    member = dataclasses.replace(family.members[0], nama=NEW_NAME, nik=NEW_NIK)
    family = dataclasses.replace(family, members=(member, *family.members[1:]))
    save_household(ctx.sessions, dataclasses.replace(draft, families=(family,
                                                                      *draft.families[1:])),
                   author="Operator Desa")


def _bnba_round_trip(folder: Path) -> None:
    exported = folder / "bnba.xlsx"
    cli("export", "bnba", str(exported))
    book = openpyxl.load_workbook(exported)
    sheet = book.worksheets[-1]  # the demo village's workbook opens on a "LATIHAN" sheet
    assert sheet is not None
    headers = [str(c.value or "") for c in sheet[1]]
    name_column = next(i for i, h in enumerate(headers, start=1) if h.lower().startswith("nama"))
    sheet.cell(row=3, column=name_column, value="Paijo Sumarsono")
    book.save(folder / "bnba-dinas.xlsx")
    cli("import", str(folder / "bnba-dinas.xlsx"), "--author", "Operator Desa")


def _invalid_nik_import(ctx: AppContext, folder: Path) -> None:
    with ctx.sessions() as session:
        people = session.execute(select(Art.nik, Art.nama).where(Art.nik.is_not(None))
                                 .limit(3)).all()
    rows = [(n, None, None, nik, nama, None, None, None, "NIK tidak padan")
            for n, (nik, nama) in enumerate(people, start=1)]
    cli("import", str(write_list(folder / "nik-tidak-padan.xlsx", rows)), "--kind",
        "invalid-nik", "--author", "Operator Desa")


def _finalised_musdes(ctx: AppContext) -> None:
    factory = ctx.sessions
    add_approver(factory, PASSWORD, username=HEAD, display_name="Bapak Kepala Desa")
    with factory() as session:
        ids = [row.id for row in list_proposals(session)][:5]
    assert ids, "the edit made proposals"
    mark_ready(factory, ids, author="Operator Desa")
    meeting = musdes.create_meeting(factory, author="Operator Desa", held_on=date(2026, 11, 20),
                                    place="Balai Desa", agenda="Usulan DTKS",
                                    chair="Bapak Kepala Desa", note_taker="Sekdes")
    musdes.add_attendee(factory, meeting.id, author="Operator Desa", name="Ibu Ketua BPD",
                        role=AttendeeRole.BPD, title="Ketua BPD")
    for usulan_id in ids:
        musdes.decide(factory, meeting.id, usulan_id, Decision.SETUJU, author="Operator Desa")
    musdes.finalise(factory, meeting.id, HEAD, PASSWORD, author="Operator Desa")


def _sync_seal_and_write(home: Path, kode_desa: str, stick: Path) -> bool:
    """Seal and write a bundle when the sync commands exist (built in parallel)."""
    if importlib.util.find_spec("siksdesk.commands.sync") is None:
        return False
    from siksdesk.sync.enrolment import make_profile
    from siksdesk.sync.keys import KeyPair

    keys = KeyPair.generate()
    profile = home / "dinas.siksdesk-profile"
    profile.write_bytes(make_profile(keys, district_code=kode_desa[:4],
                                     district_name="Kab. Bojonegoro", village_code=kode_desa,
                                     village_name="Desa Kedaton",
                                     issued_at="2026-09-01T08:00:00+00:00", server_url=""))
    cli("sync", "keys")
    cli("sync", "enrol", str(profile))
    cli("sync", "seal")
    cli("sync", "write", str(stick))
    return any(stick.glob("*.siksdesk-bundle"))


def _scan(logs: Path, names: set[str]) -> list[str]:
    hits = []
    for path in sorted(logs.iterdir()):
        text = path.read_text(encoding="utf-8", errors="replace")
        hits += [f"{path.name}: number {m.group()[:4]}…" for m in SIXTEEN_DIGITS.finditer(text)]
        folded = text.casefold()
        hits += [f"{path.name}: name of {len(n)} letters" for n in names if n.casefold() in folded]
    return hits


def test_no_nik_no_kk_and_no_name_in_any_log(home: Path, tmp_path: Path) -> None:
    cli("demo", "--people", "80")
    ctx = open_app(AppPaths(home))
    try:
        names, kode_desa = _people(ctx)
        _edit(ctx)
        _bnba_round_trip(tmp_path)
        _invalid_nik_import(ctx, tmp_path)
        for what, suffix in (("masalah", "xlsx"), ("usulan", "csv"), ("perbaikan-nik", "csv")):
            cli("export", what, str(tmp_path / f"{what}.{suffix}"), "--mask-nik")
        cli("duplicates")
        _finalised_musdes(ctx)
    finally:
        ctx.close()
    stick = tmp_path / "usb"
    stick.mkdir()
    sealed = _sync_seal_and_write(home, kode_desa, stick)
    cli("backup", "create")
    cli("backup", "verify")
    for handler in logging.getLogger().handlers:
        handler.flush()

    # the demo is the training village: its copies' reasons end in "-latihan"
    reasons = {split_reason(e.reason)[0] for e in list_backups(home / "backups")}
    assert {"before-import-bnba", "before-import-invalid-nik", "manual"} <= reasons
    names |= {NEW_NAME, "Paijo Sumarsono"}
    log_text = "".join(p.read_text(encoding="utf-8") for p in (home / "logs").iterdir())
    assert "backup written" in log_text and "demo village stored" in log_text  # it did log
    assert log_text.count("DEBUG") > 0 or logging.getLogger().level == logging.DEBUG
    hits = _scan(home / "logs", names)
    print(f"log scan: {len(log_text):,} characters, {len(names)} names, sync bundle "
          f"{'written' if sealed else 'skipped'}, hits {len(hits)}")
    assert hits == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "siksdesk.log").write_text("saved 3522 0157 0845 0001 for Sulastri Wulandari\n"
                                       "ok 3522************ and 12345678901234567\n")
    assert len(_scan(logs, {NEW_NAME})) == 2
