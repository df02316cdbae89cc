"""Benchmark: ``outbox.seal_next`` on 10,000 MusDes-approved proposals against the same work
without cryptography or storage.

Requirement (issue 6): sealing a bundle of 10,000 changed records at most 1.5x the time of
serialising and compressing the same records without any cryptography, same run. bench_seal.py
measures the container alone; this one measures the whole village-side step the operator waits
for: read the export gate, build the records (meetings, NIKs, snapshots), seal, store the
container and move 10,000 proposals approved → sent in one transaction.

  baseline  exportable_proposals + build the records + canonical JSON + zlib (read-only)
  seal      seal_next (the same + padding/encryption/signature + INSERT + 10,000 status moves)

Each repeat works on a fresh copy of a database prepared once (the 50,000-person demo village
from bench_desk.py when present, else a fresh 20,000-person demo) with 10,000 correction
proposals decided "approve" in one finalised MusDes (1,000 of them new-member proposals, with
household snapshots).

    .venv/bin/python bench/bench_outbox.py [--records 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select

OUT = Path(__file__).resolve().parent / "out"
DESK = OUT / "desk-50000.sqlite3"
PASSWORD = "kades-bench-1"
LIMIT = 1.5


def _demo(folder: Path) -> Path:
    if DESK.exists():
        return DESK
    target = folder / "demo.sqlite3"
    subprocess.run([sys.executable, "-m", "siksdesk", "demo", "--db", str(target), "--people",
                    "20000"], check=True, capture_output=True)
    return target


def _prepare(source: Path, target: Path, records: int) -> None:
    from siksdesk.db.engine import make_engine
    from siksdesk.db.migrate import ensure_schema
    from siksdesk.db.session import make_session_factory, unit_of_work
    from siksdesk.domain.accounts import AccountRole
    from siksdesk.models import Art, Keluarga, MusdesAttendee, MusdesMeeting, Ruta, Usulan
    from siksdesk.services import musdes
    from siksdesk.services.accounts import NewAccount, add_account

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    ensure_schema(target, target.parent / "backups")
    engine = make_engine(target)
    factory = make_session_factory(engine)
    with unit_of_work(factory, "bench") as session:
        add_account(session, NewAccount("kades-bench", "Kepala Desa", AccountRole.KEPALA_DESA,
                                        PASSWORD), created_by="bench")
    with unit_of_work(factory, "bench") as session:
        meeting = MusdesMeeting(held_on=date(2026, 9, 20), place="Balai Desa", chair="Kades",
                                note_taker="Sekdes", created_by="bench")
        session.add(meeting)
        session.flush()
        session.add(MusdesAttendee(meeting_id=meeting.id, name="Ketua BPD", role="bpd"))
        people = session.execute(select(Art.uuid, Ruta.uuid, Art.nama)
                                 .join(Keluarga, Art.keluarga_id == Keluarga.id)
                                 .join(Ruta, Keluarga.ruta_id == Ruta.id)
                                 .order_by(Art.id).limit(records)).all()
        now = datetime(2026, 9, 20, 10, 0)
        rows = [{"kind": "new_member" if n % 10 == 0 else "correction", "entity": "art",
                 "entity_uuid": art, "ruta_uuid": ruta, "reason": "", "note": "",
                 "source": "edit", "status": "approved", "created_by": "bench",
                 "changes": {} if n % 10 == 0 else
                 {"nama": {"before": nama, "after": nama.upper()}},
                 "meeting_id": meeting.id, "decision": "approve", "decision_note": "setuju",
                 "decided_at": now, "uuid": f"00000000-0000-4000-8000-{n:012d}"}
                for n, (art, ruta, nama) in enumerate(people)]
        session.execute(insert(Usulan), rows)
        meeting_id = meeting.id
    musdes.finalise(factory, meeting_id, "kades-bench", PASSWORD, author="bench")
    engine.dispose()


def _baseline(env: object) -> float:
    from siksdesk.db.session import read_session
    from siksdesk.models import Usulan
    from siksdesk.services.proposals import exportable_proposals
    from siksdesk.sync import snapshot
    from siksdesk.sync.container import canonical_json

    start = time.perf_counter()
    with read_session(env.sessions) as session:  # type: ignore[attr-defined]
        ids = [r.id for r in exportable_proposals(session)]
        usulans = list(session.scalars(select(Usulan).where(Usulan.id.in_(ids))))
        meetings = snapshot.meetings(session, {u.meeting_id for u in usulans if u.meeting_id})
        snaps = snapshot.households(session, snapshot.snapshot_households(usulans))
        records = [snapshot.record(u, meetings[u.meeting_id]["uuid"], snaps) for u in usulans]
        zlib.compress(canonical_json({"meetings": list(meetings.values()), "records": records}),
                      6)
    return time.perf_counter() - start


def _seal(env: object) -> float:
    from siksdesk.sync.outbox import seal_next

    start = time.perf_counter()
    seal_next(env, author="bench")  # type: ignore[arg-type]
    return time.perf_counter() - start


def _env(db: Path, home: Path, district_profile: bytes) -> object:
    from siksdesk.db.engine import make_engine
    from siksdesk.db.session import make_session_factory
    from siksdesk.sync.device import import_profile
    from siksdesk.sync.village_types import SyncEnv

    env = SyncEnv(make_session_factory(make_engine(db)), home)
    import_profile(env, district_profile, author="bench")
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from siksdesk.sync.enrolment import make_profile
    from siksdesk.sync.keys import KeyPair

    district = KeyPair.generate()
    with tempfile.TemporaryDirectory(prefix="bench-outbox-") as tmp:
        folder = Path(tmp)
        prepared = folder / "prepared.sqlite3"
        t0 = time.perf_counter()
        _prepare(_demo(folder), prepared, args.records)
        print(f"prepared {args.records} approved proposals in {time.perf_counter() - t0:.1f} s")
        with sqlite3.connect(prepared) as conn:
            code = conn.execute("SELECT kode_desa FROM village_profile").fetchone()[0]
        profile = make_profile(district, district_code=code[:4], district_name="Kab. Bench",
                               village_code=code, village_name="Desa Bench",
                               issued_at="2026-09-01T00:00:00+00:00")
        base_times, seal_times = [], []
        for run in range(args.repeat):
            db = folder / f"run-{run}.sqlite3"
            with sqlite3.connect(prepared) as src, sqlite3.connect(db) as dst:
                src.backup(dst)
            env = _env(db, folder / f"home-{run}", profile)
            base_times.append(_baseline(env))
            seal_times.append(_seal(env))
            env.sessions.kw["bind"].dispose()  # type: ignore[attr-defined]
    base, sealed = statistics.median(base_times), statistics.median(seal_times)
    ratio = sealed / base
    print(f"baseline (gate + records + JSON + zlib): median {base * 1000:.0f} ms "
          f"{[round(t * 1000) for t in base_times]}")
    print(f"seal_next (+ crypto + store + status moves): median {sealed * 1000:.0f} ms "
          f"{[round(t * 1000) for t in seal_times]}")
    print(f"ratio {ratio:.2f}x (limit {LIMIT}x) {'OK' if ratio <= LIMIT else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
