from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory, unit_of_work
from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.models import Art, Keluarga, Ruta, Usulan
from siksdesk.services.usulan import open_proposals_for, propose_art_deactivation


def test_second_proposal_for_same_member_updates_the_first(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    factory = make_session_factory(engine)
    try:
        with unit_of_work(factory, "tester") as session:
            ruta = Ruta(no_urut=1, alamat="Dsn. Krajan")
            family = Keluarga(no_urut=1)
            family.anggota.append(Art(no_urut=1, nama="Sutrisno", temp_id="SMT-AAAAAAAA"))
            ruta.keluarga.append(family)
            session.add(ruta)
        with unit_of_work(factory, "tester") as session:
            art = session.scalars(select(Art)).one()
            first = propose_art_deactivation(session, art.id, DeactivationReason.PINDAH,
                                             source="nik_issue", author="tester")
            second = propose_art_deactivation(session, art.id, DeactivationReason.GANDA,
                                              source="duplicate", author="tester")
            assert first.id == second.id
            assert session.scalar(select(func.count()).select_from(Usulan)) == 1
            rows = open_proposals_for(session, art.uuid)
            assert rows[0].entity_uuid == art.uuid
        assert [(r.reason, r.source) for r in rows] == [("ganda", "duplicate")]
    finally:
        engine.dispose()
