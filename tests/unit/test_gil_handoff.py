"""The short GIL switch interval lives exactly as long as a sheet reader: readers overlap,
stop twice, stop on a refusal — the interpreter's own interval always comes back."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bnba_files import household_rows, rewrite_part, write_xlsx
from siksdesk.domain.import_problems import ImportRejected
from siksdesk.io.gil_handoff import READING_INTERVAL, QuickHandoff
from siksdesk.io.workbook import inspect_file, read_table

SHEET_PART = "xl/worksheets/sheet1.xml"


@pytest.fixture
def interval() -> Iterator[float]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.004)
    yield 0.004
    sys.setswitchinterval(before)


def test_overlapping_readers_restore_the_interval_after_the_last(interval: float) -> None:
    first, second = QuickHandoff(), QuickHandoff()
    first.start()
    assert sys.getswitchinterval() == pytest.approx(READING_INTERVAL, rel=0.05)
    second.start()
    first.stop()
    first.stop()  # twice: no effect on the other reader
    assert sys.getswitchinterval() == pytest.approx(READING_INTERVAL, rel=0.05)
    second.stop()
    assert sys.getswitchinterval() == pytest.approx(interval, rel=0.05)


def test_a_shorter_interval_of_the_caller_is_kept(interval: float) -> None:
    sys.setswitchinterval(READING_INTERVAL / 2)
    reader = QuickHandoff()
    reader.start()
    assert sys.getswitchinterval() == pytest.approx(READING_INTERVAL / 2, rel=0.05)
    reader.stop()


def test_reading_a_sheet_gives_the_interval_back(tmp_path: Path, interval: float) -> None:
    path = write_xlsx(tmp_path / "bnba.xlsx", household_rows())
    info = inspect_file(path)
    for streaming in (True, False):
        table = read_table(info, info.visible[0], streaming=streaming)
        assert sys.getswitchinterval() == pytest.approx(READING_INTERVAL, rel=0.05)
        assert list(table.rows)
        table.verify()
        table.close()
        assert sys.getswitchinterval() == pytest.approx(interval, rel=0.05)


def test_a_refused_sheet_gives_the_interval_back(tmp_path: Path, interval: float) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", household_rows())
    path = rewrite_part(good, tmp_path / "broken.xlsx", SHEET_PART, lambda xml: xml.replace(
        "</sheetData>", '<row r="90"><c r="ZZZ90" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData>", 1))
    with pytest.raises(ImportRejected) as refused:
        info = inspect_file(path)
        table = read_table(info, info.visible[0], streaming=True)
        list(table.rows)
    assert refused.value.code == "FILE_SHEET_TOO_BIG"
    assert sys.getswitchinterval() == pytest.approx(interval, rel=0.05)
