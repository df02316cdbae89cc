"""Every kind of writer leaves a verifiable chain: demo village, BNBA import, usulan and MusDes,
sealing a bundle (its head in the payload and on the outbox row), the receipt echoing it, and a
database upgraded from 0005 with a change log already in it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from bnba_files import add_village_profile, household_rows, write_xlsx
from siksdesk.app import AppContext, open_app
from siksdesk.db.audit import read_head
from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import alembic_config
from siksdesk.db.session import driver_connection, read_session
from siksdesk.demo import build_demo_village
from siksdesk.models import AuditLog, SyncBundle
from siksdesk.paths import default_paths
from siksdesk.services.audit_verify import verify_chain
from siksdesk.services.bnba_import import apply_bnba, preview_bnba
from siksdesk.sync.audit_head import AuditHeadMismatch
from siksdesk.sync.inbox import import_bytes
from siksdesk.sync.outbox import pending_containers, seal_next
from sync_village import SyncVillage, sync_village


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = open_app(default_paths({"SIKSDESK_HOME": str(tmp_path / "home")}))
    yield context
    context.close()


def _entries(path: Path) -> list[tuple[str, str, int, dict[str, object]]]:
    with sqlite3.connect(path) as conn:
        return [(a, o, n, json.loads(s)) for a, o, n, s in conn.execute(
            "SELECT action, origin, change_count, summary FROM audit_log ORDER BY id")]


def _verify(path: Path) -> object:
    with sqlite3.connect(path) as conn:
        return verify_chain(conn)


def test_demo_village_is_one_entry(ctx: AppContext) -> None:
    build_demo_village(ctx, people=120)
    build_demo_village(ctx, people=60, seed=7, replace=True)
    entries = _entries(ctx.database)
    assert [(a, o) for a, o, _n, _s in entries] == [("demo", "demo"), ("demo", "demo")]
    first, second = entries[0][3], entries[1][3]
    assert first["note"] == {"seed": 2026} and second["note"] == {"seed": 7}
    assert set(second["tables"]["ruta"]) == {"insert", "delete"}  # type: ignore[index]
    report = _verify(ctx.database)
    assert report.ok and report.entries == 2  # type: ignore[attr-defined]


def test_bnba_import_is_one_import_entry(ctx: AppContext, tmp_path: Path) -> None:
    add_village_profile(ctx.sessions)
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "bnba.xlsx", household_rows()))
    apply_bnba(ctx.sessions, plan, author="Operator Desa")
    entries = _entries(ctx.database)
    assert [(a, o, n) for a, o, n, _s in entries] == [("edit", "edit", 0),
                                                      ("import", "import", 7)]
    summary = entries[1][3]
    assert summary["tables"]["art"] == {"insert": 3}  # type: ignore[index]
    assert "import_batch" in summary["tables"]  # type: ignore[operator]
    assert _verify(ctx.database).ok  # type: ignore[attr-defined]


@pytest.fixture
def made(tmp_path: Path) -> Iterator[SyncVillage]:
    with sync_village(tmp_path) as village:
        yield village


def _db(made: SyncVillage) -> Path:
    return Path(str(made.factory.kw["bind"].url.database))


def test_usulan_and_musdes_work_is_chained(made: SyncVillage) -> None:
    actions = [a for a, _o, _n, _s in _entries(_db(made))]
    assert {"edit", "usulan", "musdes"} <= set(actions)
    musdes = [s for a, _o, _n, s in _entries(_db(made)) if a == "musdes"]
    finalised = [s for s in musdes for r in s.get("records", [])  # type: ignore[attr-defined]
                 if r.get("status") == ["open", "finalised"]]
    assert finalised, musdes
    assert _verify(_db(made)).ok  # type: ignore[attr-defined]


def test_the_head_travels_in_the_bundle_and_comes_back(made: SyncVillage) -> None:
    with read_session(made.factory) as session:
        head = read_head(driver_connection(session)).wire
    assert head
    seal_next(made.env, author="op")
    data = pending_containers(made.env)[0][2]
    assert made.district.open_bundle(data, made.device)["audit_head"] == head
    with read_session(made.factory) as session:
        bundle = session.scalars(select(SyncBundle)).one()
        assert bundle.audit_head == head
        sealed = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert sealed is not None and sealed.action == "sync" and sealed.prev_hash == head
        assert json.loads(sealed.summary)["tables"]["usulan"] == {"update": 3}
    import_bytes(made.env, made.district.receipt(data, made.device), author="op")
    with read_session(made.factory) as session:
        assert session.scalars(select(SyncBundle.state)).one() == "receipted"
    assert _verify(_db(made)).ok  # type: ignore[attr-defined]


def test_a_receipt_echoing_another_head_is_refused(made: SyncVillage,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    seal_next(made.env, author="op")
    data = pending_containers(made.env)[0][2]
    opened = made.district.open_bundle
    monkeypatch.setattr(made.district, "open_bundle", lambda d, dev: {
        **opened(d, dev), "audit_head": "ab" * 32})
    receipt = made.district.receipt(data, made.device)
    with sqlite3.connect(_db(made)) as conn:
        before = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    with pytest.raises(AuditHeadMismatch) as caught:
        import_bytes(made.env, receipt, author="op")
    assert caught.value.code == "RECEIPT_AUDIT_MISMATCH"
    assert "1" in caught.value.message("id") and caught.value.message("en")
    with read_session(made.factory) as session:
        assert session.scalars(select(SyncBundle.state)).one() == "pending"
    with sqlite3.connect(_db(made)) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == before


def test_cut_off_tail_is_found_through_the_bundle_head(made: SyncVillage) -> None:
    seal_next(made.env, author="op")
    path = _db(made)
    with sqlite3.connect(path, isolation_level=None) as conn:
        last = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id >= ?", (last - 1,))
    problem = _verify(path).problem  # type: ignore[attr-defined]
    assert problem.code in ("CHANGES_UNCOVERED", "BUNDLE_HEAD_MISSING")
    with sqlite3.connect(path, isolation_level=None) as conn:  # only the seal's own entry
        conn.execute("DELETE FROM audit_log WHERE id >= ?", (last - 2,))
    assert _verify(path).problem.code in (  # type: ignore[attr-defined]
        "CHANGES_UNCOVERED", "BUNDLE_HEAD_MISSING")


def test_upgrade_from_0005_writes_a_baseline_entry(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
            connection.exec_driver_sql(
                "INSERT INTO change_log (at, author, origin, action, entity, entity_uuid, "
                "ruta_uuid, before, after) VALUES ('2026-01-01 00:00:00.000000', 'op', 'edit', "
                "'insert', 'ruta', 'u1', 'u1', NULL, '{\"alamat\": \"Krajan\"}')")
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    entries = _entries(path)
    assert [(a, n) for a, _o, n, _s in entries] == [("baseline", 1)]
    assert entries[0][3] == {"tables": {"ruta": {"insert": 1}}}
    assert _verify(path).ok  # type: ignore[attr-defined]
