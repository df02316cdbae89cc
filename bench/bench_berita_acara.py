"""Benchmark: the Berita Acara of a meeting of 80 decided items (with the BNBA annex of their
households) against fpdf2 writing the same amount of text as plain lines.

Setup (not timed): a demo village (``--people``, default 1,500), one correction proposal of 2–3
fields on each of ``--items`` households (rows written directly, status "ready"), a MusDes with
five attendees deciding all of them (approve/reject/defer in turn), finalised with the
approver's password.

Timed, per repeat, in one process:
  1. data      ``berita_acara_data`` (the decided set, the registry lookups, the annex)
  2. write     ``write_berita_acara`` (tables with wrapping and repeated headings, A4)
  3. baseline  fpdf2 alone: the same DejaVu font, as many plain ``cell`` lines as pypdf reads
               out of the Berita Acara, no tables, written to a file
Prints medians, the ratio write/baseline, the PDF's pages and size.

    .venv/bin/python bench/bench_berita_acara.py [--items 80] [--people 1500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfReader
from sqlalchemy import select

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory, unit_of_work
from siksdesk.demo import generate_village
from siksdesk.demo.store import store_village
from siksdesk.domain.accounts import DEMO_PASSWORD
from siksdesk.domain.musdes import AttendeeRole, Decision
from siksdesk.io.berita_acara import write_berita_acara
from siksdesk.io.pdf_layout import FONT_DIR
from siksdesk.models import Art, Keluarga, Ruta, Usulan
from siksdesk.services import musdes
from siksdesk.services.berita_acara import berita_acara_data

APPROVER, PASSWORD = "kades", DEMO_PASSWORD  # the demo village's Kepala Desa
DECISIONS = (Decision.SETUJU, Decision.TOLAK, Decision.TUNDA)


def build_meeting(folder: Path, people: int, items: int) -> tuple[object, int]:
    db = folder / "bench.sqlite3"
    ensure_schema(db, folder / "backups")
    engine = make_engine(db)
    store_village(engine, generate_village(2026, people))
    factory = make_session_factory(engine)
    with unit_of_work(factory, "bench", origin="import") as session:
        heads = session.execute(
            select(Art.uuid, Art.nama, Ruta.uuid, Ruta.alamat)
            .join(Keluarga, Art.keluarga_id == Keluarga.id).join(Ruta, Keluarga.ruta_id == Ruta.id)
            .where(Art.hubungan_krt == 1).order_by(Ruta.id).limit(items)).all()
        if len(heads) < items:
            raise SystemExit(f"only {len(heads)} households: raise --people")
        for n, (art_uuid, nama, ruta_uuid, alamat) in enumerate(heads):
            changes: dict[str, object] = {
                "nama": {"before": nama, "after": nama.upper()},
                "pendidikan_tertinggi": {"before": 2, "after": 3}}
            if n % 2:
                changes["alamat"] = {"before": alamat, "after": f"{alamat} (pindah RT)"}
            session.add(Usulan(kind="correction", entity="art", entity_uuid=art_uuid,
                               ruta_uuid=ruta_uuid, reason="", source="operator",
                               status="ready", created_by="bench", changes=changes,
                               note="hasil verifikasi lapangan" if n % 3 == 0 else ""))
    meeting = musdes.create_meeting(factory, author="bench", held_on=date(2026, 11, 23),
                                    place="Balai Desa", agenda="Pemutakhiran DTKS",
                                    chair="Kepala Desa Bench", note_taker="Sekretaris Desa")
    for name, role in (("Ketua BPD", AttendeeRole.BPD), ("Ketua RT 001", AttendeeRole.RT_RW),
                       ("Kepala Dusun", AttendeeRole.KADUS),
                       ("Tokoh Masyarakat", AttendeeRole.TOKOH_MASYARAKAT),
                       ("Pendamping PKH", AttendeeRole.PENDAMPING)):
        musdes.add_attendee(factory, meeting.id, author="bench", name=name, role=role,
                            title=name)
    with factory() as session:
        ids = [r.id for r in musdes.agenda(session, meeting.id)]
    for n, usulan_id in enumerate(ids):
        musdes.decide(factory, meeting.id, usulan_id, DECISIONS[n % 3], author="bench",
                      note="dibahas" if n % 4 == 0 else "")
    musdes.finalise(factory, meeting.id, APPROVER, PASSWORD, author="bench")
    return factory, meeting.id


def baseline(lines: list[str], target: Path) -> None:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=8)
    pdf.add_page()
    for line in lines:
        pdf.cell(w=0, h=4, text=line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=80)
    parser.add_argument("--people", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        start = time.perf_counter()
        factory, meeting_id = build_meeting(folder, args.people, args.items)
        print(f"setup (demo village {args.people} people, {args.items} decisions, finalised): "
              f"{time.perf_counter() - start:.1f} s")
        timings: dict[str, list[float]] = {"data": [], "write": [], "baseline": []}
        target, plain = folder / "ba.pdf", folder / "plain.pdf"
        lines: list[str] = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            with factory() as session:  # type: ignore[operator]
                data = berita_acara_data(session, meeting_id)
            timings["data"].append(time.perf_counter() - start)
            start = time.perf_counter()
            write_berita_acara(data, target)
            timings["write"].append(time.perf_counter() - start)
            if not lines:
                reader = PdfReader(target)
                lines = [line for page in reader.pages
                         for line in (page.extract_text() or "").splitlines()]
                pages = len(reader.pages)
            start = time.perf_counter()
            baseline(lines, plain)
            timings["baseline"].append(time.perf_counter() - start)
        med = {k: statistics.median(v) for k, v in timings.items()}
        ratios = [w / b for w, b in zip(timings["write"], timings["baseline"], strict=True)]
        print(f"decisions {len(data.decisions)}, annex lines {len(data.annex)}, attendees "
              f"{len(data.attendees)}; text lines {len(lines)}")
        print(f"berita_acara_data  median {med['data'] * 1000:7.1f} ms")
        print(f"write_berita_acara median {med['write'] * 1000:7.1f} ms  "
              f"({pages} pages, {target.stat().st_size / 1024:.0f} KiB)")
        print(f"baseline fpdf2     median {med['baseline'] * 1000:7.1f} ms  "
              f"({len(PdfReader(plain).pages)} pages, {plain.stat().st_size / 1024:.0f} KiB)")
        print(f"ratio write/baseline: {med['write'] / med['baseline']:.2f} (of medians), "
              f"{statistics.median(ratios):.2f} (median of per-run ratios)")
        print(f"data + write: {(med['data'] + med['write']) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
