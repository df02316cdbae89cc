"""Kill -9 at random moments while editing, importing and exporting: the database stays sound
and every change reported saved is there (bench/bench_crash.py runs 500+ kills)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from tests.crash.harness import Ledger, check, crash_loop, prepare_village

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and named pipes")


def test_twenty_kills_lose_nothing(tmp_path: Path) -> None:
    ledger = crash_loop(tmp_path / "village", 20, seed=int.from_bytes(os.urandom(2), "big"))

    assert ledger.early_exits == []
    assert ledger.kills == 20
    assert ledger.integrity_failures == 0
    assert ledger.lost == [] and ledger.half_written == []
    assert len(ledger.edits) + len(ledger.imports) > 0  # the workers did save things


def test_the_checker_notices_lost_and_half_written_changes(tmp_path: Path) -> None:
    database = prepare_village(tmp_path / "village")
    ledger = Ledger(edits={(1, 1): 1}, imports={"imp-1x2.csv"})
    check(ledger, database)
    assert ledger.lost == ["edit (1, 1)", "edit (1, 1) (ruta 1 shows an older address)",
                           "import imp-1x2.csv"]

    conn = sqlite3.connect(database)
    with conn:
        conn.execute("DELETE FROM household_index WHERE ruta_id = 1")
    conn.close()
    check(ledger, database)
    assert len(ledger.half_written) == 1
