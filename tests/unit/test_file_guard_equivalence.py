"""The streaming sheet checks of io/file_guard.py (SheetGuard.check, sheet_pieces) decide exactly
as the plain code they replaced, kept here as the reference: the same refusal (problem code and
params) at the same piece, the same flags, merged ranges and row count, the same cuts.

The new code proves most pieces plain with one quick search (``_unusual``) and falls back to the
reference's exact regex otherwise, so the hostile cases below must reach that fallback and the
usual layouts must not (else the speed-up is gone without a failing test)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from file_guard_reference import ReferenceGuard, reference_far_cell, reference_pieces
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bnba_files import SHEET, household_rows, write_xlsx
from siksdesk.domain.import_problems import ImportRejected
from siksdesk.io import file_guard as fg
from siksdesk.io import sheet_extent as ext

# --- running both ---------------------------------------------------------------------------

Outcome = tuple[str, Any]


def _outcome(call: Callable[[], Any]) -> Outcome:
    try:
        return "ok", call()
    except ImportRejected as refused:
        return "refused", refused.problem


def _state(guard: Any) -> tuple[Any, ...]:
    extent = guard.extent
    return (extent.rows, extent.beyond_az, extent.beyond_bz, dict(guard.scan.flags),
            list(guard.scan.merged), guard.done, bytes(guard._tail), guard.bounded())


def run_guard(guard: Any, pieces: list[tuple[str, bytes]]) -> list[Any]:
    """Everything a reader can observe: each check's flags or refusal, the state after it,
    and finish() — up to the first refusal, where a reader stops."""
    seen: list[Any] = []
    for kind, data in pieces:
        outcome = _outcome(lambda kind=kind, data=data: guard.check(kind, data))
        seen.append((outcome, _state(guard)))
        if outcome[0] == "refused":
            return seen
    finished = _outcome(guard.finish)
    seen.append((finished[0], finished[1] if finished[0] == "refused" else
                 (finished[1].rows, dict(finished[1].flags), list(finished[1].merged))))
    return seen


def assert_same_checks(pieces: list[tuple[str, bytes]], sheet: str = "BNBA") -> list[Any]:
    new = run_guard(fg.SheetGuard(sheet, 10**6, fg.BLOCK_BYTES), pieces)
    old = run_guard(ReferenceGuard(sheet, 10**6, fg.BLOCK_BYTES), pieces)
    assert new == old
    return new


# --- generated sheet XML ------------------------------------------------------------------------

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
EDGES = [1, 2, 9, 10, 99, 100, 101, 999, 1000, 1001, 9999, 10000, 99999, 100000, 119999,
         120000, 120001, 999999]

columns = st.one_of(
    st.sampled_from(["A", "B", "D", "E", "Z", "AA", "AZ", "BA", "BZ", "CA", "CW", "DZ"]),
    st.text(UPPER, min_size=0, max_size=4))  # EA…, three letters, none at all


@st.composite
def numbers(draw: st.DrawFn, row: int) -> str:
    """A cell's row number: mostly its row's, else near it, far, 0, leading zeros, huge."""
    kind = draw(st.sampled_from(["same"] * 6 + ["near", "edge", "any", "zero", "long", "junk"]))
    if kind == "same":
        return str(row)
    if kind == "near":
        return str(max(row + draw(st.integers(-2, 2)), 0))
    if kind == "edge":
        return str(draw(st.sampled_from(EDGES)))
    if kind == "any":
        return str(draw(st.integers(0, 10**7)))
    if kind == "zero":
        return "0" * draw(st.integers(1, 3)) + str(row)
    if kind == "long":
        return draw(st.text("0123456789", min_size=7, max_size=30))
    return draw(st.sampled_from(["", "x", "1x", " 1", "1 "]))


@st.composite
def cells(draw: st.DrawFn, row: int) -> str:
    ref = draw(columns) + draw(numbers(row))
    attrs = draw(st.sampled_from(["", ' s="2"', ' t="n"', ' t="e"', ' s="1" t="e"',
                                  ' t="inlineStr"', ' t="str"', ' xt="e"']))
    body = draw(st.sampled_from([
        "<v>1</v>", "<v>#N/A</v>", "<is><t>Budi</t></is>", "<f>1+1</f>", "<f>A1</f><v>2</v>",
        "<f/>", '<f t="shared" si="0"/>', '<f t="shared" si="0"/><v>3</v>', "<f>x</f><v></v>",
        "<fx/>", "", "<is><t>if f &lt;f</t></is>"]))
    quote = draw(st.sampled_from(['"'] * 9 + ["'"]))
    start = f"<c r={quote}{ref}{quote}{attrs}"
    return start + (f">{body}</c>" if body else "/>")


@st.composite
def row_tags(draw: st.DrawFn, row: int) -> str:
    kind = draw(st.sampled_from(["plain"] * 8 + ["zero", "long", "junk", "none", "spans"]))
    number = {"plain": str(row), "zero": "0" + str(row), "long": "9" * draw(st.integers(7, 20)),
              "junk": "x", "none": "", "spans": str(row)}[kind]
    extra = ' spans="1:19"' if kind == "spans" else ""
    return f'<row r="{number}"{extra}>'


@st.composite
def sheet_rows(draw: st.DrawFn) -> list[str]:
    """Rows mostly numbered upwards from a start near the edges, with their cells."""
    row = draw(st.one_of(st.sampled_from(EDGES), st.integers(1, 130_000)))
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        row += draw(st.sampled_from([1, 1, 1, 2, 0, -1, 1000]))
        row = max(row, 0)
        tag = draw(row_tags(row))
        body = "".join(draw(st.lists(cells(row), max_size=5)))
        rows.append(tag + body + "</row>")
    return rows


@st.composite
def pieces(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    """A few "rows" pieces as a reader gets them (after a head), some hostile: cells before
    their row tag, pretty-printed, namespace prefixes, DOCTYPE/ENTITY, a tail with merges."""
    found: list[tuple[str, bytes]] = [("head", b"<worksheet><sheetData>")]
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):  # the usual layout, now and then with one odd cell or row
            first = draw(st.one_of(st.sampled_from(EDGES), st.integers(1, 125_000)))
            text = _plain_layout(first, draw(st.integers(1, 4)), draw(st.integers(1, 30)))
            odd = draw(st.one_of(cells(first), row_tags(first + 2), st.just("")))
            at = draw(st.integers(0, len(text)))
            found.append(("rows", text[:at] + odd.encode() + text[at:]))
            continue
        rows = draw(sheet_rows())
        glue = draw(st.sampled_from(["", "", "\n", "\n  "]))
        text = glue.join(rows)
        if draw(st.booleans()):
            text = draw(cells(draw(st.integers(0, 200_000)))) + text  # before any row tag
        extra = draw(st.sampled_from(["", "", "", "<!DOCTYPE x>", "<!entity y>", "!", "<!-- -->"]))
        at = draw(st.integers(0, len(text)))
        text = text[:at] + extra + text[at:]
        kind = "rows"
        if draw(st.integers(0, 9)) == 0:
            kind = "whole"
            text = re.sub(r"<(/?)([A-Za-z]+)", r"<\1x:\2", text)
        found.append((kind, text.encode()))
    if draw(st.booleans()):
        found.append(("tail", b'<mergeCells><mergeCell ref="A2:B3"/></mergeCells></worksheet>'))
    return found


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(pieces(), st.sampled_from([1, 40, 300, ext.SLICE_BYTES]))
def test_generated_pieces_are_checked_the_same(found: list[tuple[str, bytes]], slice_bytes: int
                                               ) -> None:
    with mock.patch.object(ext, "SLICE_BYTES", slice_bytes):  # searched in slices too
        assert_same_checks(found)


def _plain_layout(first: int, count: int, columns: int = 101) -> bytes:
    """Rows as the BNBA export writes them: numbered upwards, every cell naming its row."""
    names = [column_letters(n) for n in range(1, columns + 1)]
    rows = []
    for row in range(first, first + count):
        body = "".join(f'<c r="{name}{row}" t="n"><v>{row % 7}</v></c>' for name in names)
        rows.append(f'<row r="{row}">{body}</row>')
    return "".join(rows).encode()


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@pytest.mark.parametrize(("first", "count"), [(1, 12), (2, 150), (95, 10), (990, 20),
                                              (9990, 20), (44128, 30), (99990, 20),
                                              (119990, 11), (119995, 10)])
def test_usual_layout_is_proven_plain_and_checked_the_same(first: int, count: int) -> None:
    data = _plain_layout(first, count)
    for slice_bytes in (1, 5000, ext.SLICE_BYTES):
        extent = ext.Extent("BNBA")
        with mock.patch.object(ext, "SLICE_BYTES", slice_bytes), mock.patch.object(
                ext, "_far_cell", side_effect=AssertionError("exact check run")):
            if first + count - 1 <= fg.MAX_ROWS:
                extent.check(data)  # the quick search alone decides
                assert extent.rows == first + count - 1
    assert_same_checks([("head", b"<sheetData>"), ("rows", data)])


@pytest.mark.parametrize("change", [
    lambda d: d.replace(b'r="CW', b'r="EA', 1),  # a column beyond DZ
    lambda d: d.replace(b'r="CW', b'r="ABC', 1),  # three letters
    lambda d: d.replace(b'r="A', b'r="A0', 1),  # a leading zero
    lambda d: d + b'<c r="B0"/>',  # row 0
    lambda d: d.replace(b"</c><c", b'</c><c r="B9999999"/><c', 1),  # many digits
    lambda d: re.sub(rb'(r="[A-Z]+)(\d+)"', lambda m: m[1] + str(int(m[2]) + 1).encode()
                     + b'"', d, count=1),  # one above its row …
    lambda d: d.replace(b"</row>", b'<c r="A50000"/></row>', 1),  # … far above the last row
    lambda d: d[:-6] + b'<row r="3"></row>',  # the last row tag is not the largest
    lambda d: d.replace(b'<row r="', b'<row r="0', 1),  # a row tag with a leading zero
    lambda d: d + b'<row r="120001"/>',  # too many rows
    lambda d: d.replace(b'<c r="A', b'<x:c r="A', 1),  # a prefix left in a row piece
])
def test_hostile_changes_of_the_usual_layout(change: Callable[[bytes], bytes]) -> None:
    for first in (2, 990, 44128):
        data = change(_plain_layout(first, 15))
        assert_same_checks([("head", b"<sheetData>"), ("rows", data)])


def test_a_cell_above_the_largest_row_so_far_is_refused_at_the_same_piece() -> None:
    first = _plain_layout(2, 20)
    second = _plain_layout(22, 20).replace(b'<c r="B22"', b'<c r="B42"', 1)
    third = _plain_layout(22, 20).replace(b'<c r="B22"', b'<c r="B41"', 1)
    refused = assert_same_checks([("rows", first), ("rows", second)])[-1][0]
    assert refused[0] == "refused" and refused[1].code == "FILE_SHEET_TOO_BIG"
    assert assert_same_checks([("rows", first), ("rows", third)])[-1][0] == "ok"


# --- the helpers on their own ---------------------------------------------------------------


def test_at_most_matches_exactly_one_to_the_number() -> None:
    for number in [*range(1, 150), 909, 990, 999, 1000, 1009, 9999, 10000, 10001, 45127, 99999,
                   100000, 120000]:
        width = len(str(number))
        tries = [*range(0, min(number * 10 + 20, 10**width * 2), 1 if number < 1200 else 37)]
        tries += [number + step for step in range(-30, 30)]
        texts = [str(n) for n in tries] + ["0" + str(n) for n in range(0, 30)] + ["", "a"]
        for near in {1, number // 2, max(number - 1000, 1), number}:
            pattern = re.compile(ext._at_most(number, near) + b'"')
            for text in texts:
                expected = text.isdigit() and not text.startswith("0") and int(text) <= number
                assert (pattern.match(text.encode() + b'"') is not None) is expected, (number, text)


references = st.text("ABCDEFXYZ0123456789\"' <>c", max_size=14)


@settings(max_examples=1000, deadline=None)
@given(st.lists(references, min_size=1, max_size=4), st.sampled_from([*EDGES, 7, 45127]),
       st.integers(1, 130_000))
def test_unusual_finds_wherever_the_exact_regex_finds(parts: list[str], rows: int,
                                                     near: int) -> None:
    data = "".join(f'<c r="{part}' for part in parts).encode()
    if reference_far_cell(rows).search(data) is not None:
        assert ext._unusual(rows, near).search(data) is not None


@settings(max_examples=500, deadline=None)
@given(st.text("<ff a", max_size=3000))
def test_formula_tag_test_is_in(text: str) -> None:
    data = text.encode()
    assert fg._has_formula_tag(data) is (b"<f" in data)


def test_formula_tag_after_many_other_f() -> None:
    for count in range(1020, 1030):
        for tail in (b"<f", b"", b"<", b"f<f", b"x<f"):
            data = b"f" * count + tail
            assert fg._has_formula_tag(data) is (b"<f" in data), (count, tail)


# --- cutting the sheet: same pieces, same refusals ------------------------------------------

def _sheet(rows: list[str], glue: str, end: str) -> bytes:
    head = '<?xml version="1.0"?><worksheet><dimension ref="A1"/>'
    return (head + "<sheetData>" + glue.join(rows) + end).encode()


@st.composite
def sheets(draw: st.DrawFn) -> bytes:
    rows = draw(st.lists(st.builds(lambda n, c: f'<row r="{n}"><c r="A{n}">' + "x" * c
                                   + "</c></row>", st.integers(1, 500), st.integers(0, 300)),
                         max_size=25))
    glue = draw(st.sampled_from(["", "", "\n", " \n "]))
    end = draw(st.sampled_from([
        "</sheetData></worksheet>", '</sheetData><mergeCells><mergeCell ref="A1:B2"/>'
        "</mergeCells></worksheet>", "", "</sheetData>x</sheetData>", "</sheetDat"]))
    data = _sheet(rows, glue, end)
    shape = draw(st.sampled_from(["usual"] * 6 + ["empty", "none", "prefixed"]))
    if shape == "empty":
        data = data.replace(b"<sheetData>", b"<sheetData/>", 1)
    elif shape == "none":
        data = data.replace(b"<sheetData>", b"<rows>", 1)
    elif shape == "prefixed":
        data = re.sub(rb"<(/?)(?!\?)([A-Za-z]+)", rb"<\1x:\2", data)
    return data


def _cuts(make: Callable[[], Iterator[tuple[str, bytes]]]) -> Outcome:
    return _outcome(lambda: list(make()))


@settings(max_examples=300, deadline=None)
@given(sheets(), st.integers(20, 3000), st.integers(1, 700))
def test_sheet_is_cut_at_the_same_places(data: bytes, block: int, read: int) -> None:
    with mock.patch.object(fg, "READ_BYTES", read):
        new = _cuts(lambda: fg._pieces(io.BytesIO(data), block))
    old = _cuts(lambda: reference_pieces(io.BytesIO(data), block, read))
    assert new == old


# --- the real layout, through the tests' own files -------------------------------------------

def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(SHEET)


def test_files_of_the_test_helpers_cut_and_checked_the_same(tmp_path: Path) -> None:
    rows = []
    for number in range(300):
        row = list(household_rows()[number % 3])
        row[4] = f"35221420100{number // 3:05d}"
        rows.append(row)
    rows[40][15] = "=1+1"
    rows[41][15] = "#N/A"
    xml = _sheet_xml(write_xlsx(tmp_path / "many.xlsx", rows))
    for block in (1500, 10_000, fg.BLOCK_BYTES):
        with mock.patch.object(fg, "READ_BYTES", 4096):
            found = list(fg._pieces(io.BytesIO(xml), block))
        assert found == list(reference_pieces(io.BytesIO(xml), block, 4096))
        outcome = assert_same_checks(found)
        assert outcome[-1][0] == "ok" and outcome[-1][1][0] == 301
