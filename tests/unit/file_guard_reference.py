"""The sheet checks of io/file_guard.py as they were before the speed work, verbatim but for
names: the reference that tests/unit/test_file_guard_equivalence.py holds the new code to, and
that bench/bench_guard.py times it against. Not used by the application."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import IO

from siksdesk.domain.cells import CellFlag
from siksdesk.domain.import_problems import reject
from siksdesk.io import file_guard as fg

_ROW_TAG = re.compile(rb'<row r="([0-9]+)"')
_CELL_REF = rb'<c r="([A-Z]{1,3})([0-9]+)"'
_FORMULA_CELL = re.compile(_CELL_REF + rb'[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)'
                           rb'(<v>[^<]+</v>)?')
_ERROR_CELL = re.compile(_CELL_REF + rb'[^>]*\bt="e"')
_PREFIX = re.compile(rb"<(/?)[A-Za-z_][\w.-]*:")
_BEYOND_AZ = re.compile(rb'<c r="[B-Z][A-Z][0-9]')
_BEYOND_BZ = re.compile(rb'<c r="[C-Z][A-Z][0-9]')
_MARK = b'</row><row r="'
_LOOSE_CUT = re.compile(rb'(</row>)\s*<row r="')


def reference_pieces(stream: IO[bytes], block_bytes: int, read_bytes: int
                     ) -> Iterator[tuple[str, bytes]]:
    buf = bytearray()
    while (at := buf.find(b"<sheetData")) < 0 or buf.find(b">", at) < 0:
        piece = stream.read(read_bytes)
        if not piece or len(buf) > fg.MAX_HEAD_BYTES:
            yield "whole", bytes(buf) + piece + stream.read()
            return
        buf += piece
    close = buf.find(b">", at)
    if buf[close - 1:close] == b"/":  # <sheetData/>: no rows at all
        yield "head", bytes(buf[:at]) + b"<sheetData>"
        yield "tail", bytes(buf[close + 1:])
        yield from reference_tail(stream, read_bytes)
        return
    yield "head", bytes(buf[:close + 1])
    del buf[:close + 1]
    searched = 0
    while True:
        end = buf.find(b"</sheetData>", max(searched - 12, 0))
        searched = len(buf)
        limit = end if end >= 0 else len(buf)
        while limit > block_bytes and (cut := reference_cut(buf, block_bytes, limit)):
            yield "rows", bytes(buf[:cut])
            del buf[:cut]
            limit -= cut
            searched -= cut
        if end >= 0:
            if limit:
                yield "rows", bytes(buf[:limit])
            yield "tail", bytes(buf[limit + 12:])
            yield from reference_tail(stream, read_bytes)
            return
        piece = stream.read(read_bytes)
        if not piece:
            raise reject("FILE_DAMAGED")
        buf += piece


def reference_tail(stream: IO[bytes], read_bytes: int) -> Iterator[tuple[str, bytes]]:
    while piece := stream.read(read_bytes):
        yield "tail", piece


def reference_cut(buf: bytearray, size: int, limit: int) -> int:
    at = buf.rfind(_MARK, 0, min(size, limit))
    if at < 0:
        at = buf.find(_MARK, size, limit)
    if at >= 0:
        return at + 6
    ends = [m.end(1) for m in _LOOSE_CUT.finditer(buf, 0, limit)]
    before = [end for end in ends if end <= size]
    return before[-1] if before else (ends[0] if ends else 0)


class ReferenceGuard:
    def __init__(self, sheet: str, total: int, block_bytes: int) -> None:
        self.scan = fg.SheetScan(block_bytes=block_bytes)
        self.extent = ReferenceExtent(sheet)
        self.total = total
        self.done = 0
        self._tail = bytearray()

    def check(self, kind: str, data: bytes) -> dict[tuple[int, int], CellFlag]:
        reference_refuse_entities(data)
        found: dict[tuple[int, int], CellFlag] = {}
        if kind == "whole":
            data = _PREFIX.sub(rb"<\1", data)
            self._tail += data[max(data.rfind(b"</sheetData>"), 0):]
        if kind == "tail":
            self._tail += data
            fg._merges(self._tail, self.scan, final=False)
        elif kind != "head":
            self.extent.check(data)
            reference_flags(data, found)
            self.scan.flags.update(found)
        self.done += len(data)
        return found

    def bounded(self) -> bool:
        return self.extent.allowed()

    def finish(self) -> fg.SheetScan:
        fg._merges(self._tail, self.scan, final=True)
        self.extent.finish()
        self.scan.rows = self.extent.rows
        return self.scan


def reference_refuse_entities(data: bytes) -> None:
    if b"!" in data and b"<!" in data:
        upper = data.upper()
        if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
            raise reject("FILE_XML_ENTITY")


def reference_flags(data: bytes, flags: dict[tuple[int, int], CellFlag]) -> None:
    if b"<f" in data:
        for match in _FORMULA_CELL.finditer(data):
            if match.group(3) is None:
                flags[_position(match)] = CellFlag.FORMULA_NO_VALUE
    if b't="e"' in data:
        for match in _ERROR_CELL.finditer(data):
            flags[_position(match)] = CellFlag.EXCEL_ERROR


class ReferenceExtent:
    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.rows = 0
        self.beyond_az = False
        self.beyond_bz = False

    def check(self, data: bytes) -> None:
        numbers = [int(n) if len(n) <= 12 else 10**12 for n in _ROW_TAG.findall(data)]
        self.rows = max(self.rows, *numbers) if numbers else self.rows
        if self.rows > fg.MAX_ROWS:
            raise reject("FILE_SHEET_TOO_BIG", sheet=self.sheet, rows=self.rows, columns="?")
        if reference_far_cell(self.rows).search(data) is not None:
            raise reject("FILE_SHEET_TOO_BIG", sheet=self.sheet, rows=f">={self.rows}",
                         columns="?")
        if not self.beyond_az and _BEYOND_AZ.search(data):
            self.beyond_az = True
        if self.beyond_az and not self.beyond_bz and _BEYOND_BZ.search(data):
            self.beyond_bz = True

    def allowed(self) -> bool:
        allowed = fg.MAX_CELLS // max(self.rows, 1)
        wide = self.beyond_bz if allowed >= 78 else self.beyond_az
        return not (allowed < fg.MAX_COLUMNS and wide)

    def finish(self) -> None:
        if not self.allowed():
            allowed = fg.MAX_CELLS // max(self.rows, 1)
            raise reject("FILE_SHEET_TOO_BIG", sheet=self.sheet, rows=self.rows,
                         columns=">BZ" if allowed >= 78 else ">AZ")


@functools.lru_cache(maxsize=64)
def reference_far_cell(rows: int) -> re.Pattern[bytes]:
    return re.compile(rb'<c r="(?:[E-Z][A-Z]|[A-Z]{1,2}+(?:[A-Z0]|'
                      + reference_greater_than(rows) + rb'"))')


def reference_greater_than(number: int) -> bytes:
    digits = str(number)
    options = [rb"[1-9][0-9]{%d,}" % len(digits)]
    for at, char in enumerate(digits):
        if char != "9":
            options.append(digits[:at].encode() + b"[%d-9]" % (int(char) + 1)
                           + rb"[0-9]{%d}" % (len(digits) - at - 1))
    return b"(?:" + b"|".join(options) + b")"


def _position(match: re.Match[bytes]) -> tuple[int, int]:
    return int(match.group(2)), fg.column_number(match.group(1).decode("ascii"))
