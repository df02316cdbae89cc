"""``siksdesk-district`` round trip: init → profile → register → ingest → receipt → status."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from tests.district.helpers import read_receipt

from siksdesk.district.cli import main
from siksdesk.district.context import open_district
from siksdesk.district.samples import SampleVillage, sample_nik
from siksdesk.sync.enrolment import read_profile


def run(home: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--home", str(home), *args], out=out)
    return code, out.getvalue()


def test_round_trip(tmp_path: Path) -> None:
    home = tmp_path / "dinsos"
    code, text = run(home, "init", "--district-code", "3522", "--district-name", "Bojonegoro",
                     "--server-url", "http://127.0.0.1:8080")
    assert code == 0, text
    assert run(home, "init", "--district-code", "3522", "--district-name", "X")[0] == 1
    profile_file = tmp_path / "desa.siksdesk-profile"
    code, text = run(home, "profile", "3522010001", "--village-name", "Desa Satu",
                     "-o", str(profile_file))
    assert code == 0, text
    profile = read_profile(profile_file.read_bytes())
    assert (profile.village_code, profile.server_url) == ("3522010001", "http://127.0.0.1:8080")

    village = SampleVillage("3522010001", profile.identity)
    registration = tmp_path / "laptop.siksdesk-device"
    registration.write_bytes(village.registration())
    code, text = run(home, "register", str(registration), "--fingerprint", "AAAA-BBBB")
    assert code == 1
    assert village.keys.fingerprint in text and "TIDAK didaftarkan" in text
    code, text = run(home, "register", str(registration), "--fingerprint",
                     village.keys.fingerprint.lower().replace("-", " "))
    assert code == 0, text

    bundles = []
    for index in range(2):
        path = tmp_path / f"b{index + 1}.siksdesk-bundle"
        path.write_bytes(village.next_bundle([sample_nik(index)]))
        bundles.append(path)
    code, text = run(home, "--lang", "en", "ingest", str(bundles[1]), str(bundles[0]),
                     str(bundles[0]))
    assert code == 0, text
    lines = text.splitlines()
    assert "held" in lines[0] and "applied" in lines[1] and "already received" in lines[2]
    receipts_dir = tmp_path / "receipts"
    code, text = run(home, "ingest", "--receipts", str(receipts_dir), str(bundles[1]))
    assert code == 0 and "sudah diterima" in text

    key = village.keys.key_id.hex()
    latest = tmp_path / "latest.receipt"
    assert run(home, "receipt", "--device", key, "--latest", "-o", str(latest))[0] == 0
    district = open_district(home)
    try:
        receipt = read_receipt(district, village, latest.read_bytes())
        assert receipt.last_applied_sequence == 2
        stored = read_receipt(district, village, (receipts_dir / "b2.siksdesk-bundle.receipt")
                              .read_bytes())
        assert stored.status == "applied"
    finally:
        district.close()

    code, text = run(home, "status", "--json")
    assert code == 0
    status = json.loads(text)
    assert status["bundles_applied"] == 2
    assert status["devices"][0]["last_applied_sequence"] == 2
    code, text = run(home, "status")
    assert "3522010001" in text and "seq 2" in text

    garbage = tmp_path / "junk.siksdesk-bundle"
    garbage.write_bytes(b"hello")
    code, text = run(home, "--lang", "en", "ingest", str(garbage))
    assert code == 1 and "refused" in text and "too short" in text

    assert run(home, "revoke", key, "--reason", "laptop hilang")[0] == 0
    code, text = run(home, "status")
    assert "DICABUT" in text


def test_usage_and_missing_home(tmp_path: Path) -> None:
    assert main(["bogus"], out=io.StringIO()) == 2
    code, text = run(tmp_path / "nowhere", "status")
    assert code == 1 and "siksdesk-district init" in text


def test_updates_invalid_nik_from_a_csv(tmp_path: Path) -> None:
    home = tmp_path / "dinsos"
    assert run(home, "init", "--district-code", "3522", "--district-name", "B")[0] == 0
    district = open_district(home)
    village = SampleVillage("3522010001", district.keys.identity)
    district.close()
    registration = tmp_path / "laptop.siksdesk-device"
    registration.write_bytes(village.registration())
    assert run(home, "register", str(registration), "--fingerprint",
               village.keys.fingerprint)[0] == 0
    listing = tmp_path / "nik_tidak_valid.csv"
    listing.write_text(f"NIK,NAMA,KETERANGAN\n'{sample_nik(1)},Warga Satu,NIK tidak padan\n",
                       encoding="utf-8")
    out = tmp_path / "update.siksdesk-update"
    code, text = run(home, "updates", "invalid-nik", "--device", village.keys.key_id.hex(),
                     str(listing), "-o", str(out))
    assert code == 0, text
    from tests.district.helpers import read_update

    district = open_district(home)
    try:
        update = read_update(district, village, out.read_bytes())
    finally:
        district.close()
    rows = update.items[0].rows  # type: ignore[union-attr]
    assert [(r.nik, r.keterangan) for r in rows] == [(sample_nik(1), "NIK tidak padan")]
    assert update.container is not None and update.container.expires_at > 0


def test_the_district_command_does_not_import_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from siksdesk.district.cli import main\n"
        "import siksdesk.district.server, siksdesk.district.commands, siksdesk.district.updates\n"
        f"main(['--home', {str(tmp_path)!r}, 'init', '--district-code', '3522',"
        " '--district-name', 'B'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m.startswith(('siksdesk.ui', 'siksdesk.services', 'siksdesk.models',"
        " 'siksdesk.db'))))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
