"""``siksdesk sync ...``: enrolment, sealing, writing, importing, status, refusals."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

from siksdesk.cli import main
from siksdesk.sync.enrolment import read_registration
from siksdesk.sync.keys import load_private
from sync_village import NEW_NIK, sync_village


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def test_the_whole_village_side_from_the_command_line(tmp_home: Path) -> None:
    with sync_village(tmp_home, enrol=False) as made:
        db = str(made.factory.kw["bind"].url.database)
        status, text = _run("sync", "keys", "--db", db)
        assert status == 0 and "dibuat" in text
        device = load_private(tmp_home / "sync" / "device.key")
        assert device.fingerprint in text

        profile = tmp_home / "dinas.siksdesk-profile"
        profile.write_bytes(made.district.profile())
        status, text = _run("sync", "enrol", str(profile), "--db", db)
        assert status == 0 and made.district.keys.fingerprint in text

        registration = tmp_home / "laptop.siksdesk-device"
        status, text = _run("sync", "register", "-o", str(registration), "--db", db)
        assert status == 0 and device.fingerprint in text
        assert read_registration(registration.read_bytes()).identity == device.identity

        status, text = _run("sync", "seal", "--db", db, "--lang", "en")
        assert status == 0 and "Bundle no. 1 sealed: 3 proposals" in text
        assert NEW_NIK not in text

        stick = tmp_home / "usb"
        stick.mkdir()
        status, text = _run("sync", "write", str(stick), "--db", db)
        assert status == 0 and "paket no. 1" in text
        written = next(stick.glob("*.siksdesk-bundle"))

        receipt = tmp_home / "tanda-terima.siksdesk-receipt"
        receipt.write_bytes(made.district.receipt(written.read_bytes(), device.identity))
        status, text = _run("sync", "import", str(receipt), "--db", db)
        assert status == 0 and "diterima 3" in text
        status, text = _run("sync", "import", str(receipt), "--db", db)
        assert status == 0 and "sudah pernah diimpor" in text

        status, text = _run("sync", "status", "--json", "--db", db)
        doc = json.loads(text)
        assert (doc["last_sequence"], doc["unreceipted"], doc["blocked_code"]) == \
            (1, 0, "NOTHING_TO_SEAL")


def test_refusals_are_explained_with_exit_status_1(tmp_home: Path) -> None:
    with sync_village(tmp_home, enrol=False) as made:
        db = str(made.factory.kw["bind"].url.database)
        status, text = _run("sync", "seal", "--db", db)
        assert status == 1 and "Profil Dinas belum diimpor" in text
        junk = tmp_home / "junk.siksdesk-receipt"
        junk.write_bytes(b"\x00" * 400)
        _run("sync", "keys", "--db", db)
        profile = tmp_home / "p.siksdesk-profile"
        profile.write_bytes(made.district.profile())
        assert _run("sync", "enrol", str(profile), "--db", db)[0] == 0
        status, text = _run("sync", "import", str(junk), "--db", db)
        assert status == 1 and "bukan paket SIKS-Desk" in text
        assert _run("sync", "seal", "--db", db)[0] == 0
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        status, text = _run("sync", "status", "--db", db)
        assert status == 0 and "paket menunggu tanda terima: 1" in text
        status, text = _run("sync", "fetch", "--url", f"http://127.0.0.1:{port}", "--db", db,
                            "--lang", "en", "--attempts", "2")
        assert status == 1 and "out of reach" in text
