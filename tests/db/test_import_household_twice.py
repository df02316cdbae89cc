"""Two households of the file that both point to one stored household (one by its IDBDT, the
other through a member it lists under another IDBDT) are refused together: applying either
one would undo the other at the next import (found by tests/fuzz/test_fuzz_xlsx.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bnba_files import add_village_profile, household_rows, write_xlsx
from siksdesk.app import AppContext, open_app
from siksdesk.paths import default_paths
from siksdesk.services.bnba_import import apply_bnba, preview_bnba
from siksdesk.services.bnba_types import RowStatus

OTHER_IDBDT = "3522142010000009"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = open_app(default_paths({"SIKSDESK_HOME": str(tmp_path / "home")}))
    add_village_profile(context.sessions)
    apply_bnba(context.sessions, preview_bnba(
        context.sessions, write_xlsx(tmp_path / "first.xlsx", household_rows())),
        author="Operator")
    yield context
    context.close()


@pytest.mark.parametrize("changed", [0, 1])
def test_one_household_claimed_twice_is_refused_whole(ctx: AppContext, tmp_path: Path,
                                                      changed: int) -> None:
    rows = household_rows()
    rows[changed][4] = OTHER_IDBDT  # this member's row names another household
    plan = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "next.xlsx", rows))
    assert [r.status for r in plan.rows] == [RowStatus.REJECTED, RowStatus.REJECTED,
                                             RowStatus.UNCHANGED]
    # Excel rows 2 and 3 hold the first household's members: each names the other row
    for outcome, other in zip(plan.rows[:2], (3, 2), strict=True):
        codes = [p.code for p in outcome.problems]
        assert codes == ["ROW_SAME_HOUSEHOLD_TWICE"], codes
        assert f"baris {other}," in outcome.problems[0].message("id")
        assert f"row {other}," in outcome.problems[0].message("en")
    assert plan.writes.empty
    apply_bnba(ctx.sessions, plan, author="Operator")
    again = preview_bnba(ctx.sessions, write_xlsx(tmp_path / "again.xlsx", rows))
    assert again.writes.empty
