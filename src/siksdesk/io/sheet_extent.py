"""The row and column bounds of a worksheet, checked piece by piece before python-calamine sees
a piece (it allocates rows × columns cells per piece; an out-of-memory there aborts the whole
process). Used by ``file_guard.SheetGuard``.

The exact check finds every row tag and searches every cell reference for one beyond the
bounds (``_far_cell``); a piece of a well-made sheet is first tried with one quick search
(``_unusual``) that can only pass where the exact check passes, in slices of about 1 MB so that
no single search holds the GIL long (the calamine workers need it now and then).
"""

from __future__ import annotations

import functools
import re
from typing import Final

from siksdesk.domain.import_problems import reject

MAX_ROWS: Final = 120_000
MAX_COLUMNS: Final = 130  # column DZ; the widest layout has about 100 columns
MAX_CELLS: Final = 8_000_000  # rows × columns, about 260 MB inside the reader
SLICE_BYTES: Final = 1024 * 1024  # sheet XML per search of the quick check
_ROW_TAG: Final = re.compile(rb'<row r="([0-9]+)"')
_BEYOND_AZ: Final = re.compile(rb'<c r="[B-Z][A-Z][0-9]')
_BEYOND_BZ: Final = re.compile(rb'<c r="[C-Z][A-Z][0-9]')


class Extent:
    """Row and column bounds, checked piece by piece: no cell beyond the last row tag so far
    (cells come after their row tag), no column beyond DZ, at most MAX_ROWS rows, and long
    sheets must also be narrow (MAX_CELLS). A cell naming a row before its piece is bounded by
    these too; the reader refuses it after reading the piece."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.rows = 0
        self.beyond_az = False
        self.beyond_bz = False

    def check(self, data: bytes) -> None:
        plain = self._plain_rows(data)
        if plain is not None:
            self.rows = plain
        else:
            numbers = [_row_number(n) for n in _ROW_TAG.findall(data)]
            self.rows = max(self.rows, *numbers) if numbers else self.rows
            if self.rows > MAX_ROWS:
                raise reject("FILE_SHEET_TOO_BIG", sheet=self.sheet, rows=self.rows,
                             columns="?")
            if _far_cell(self.rows).search(data) is not None:
                raise reject("FILE_SHEET_TOO_BIG", sheet=self.sheet, rows=f">={self.rows}",
                             columns="?")
        if not self.beyond_az and _BEYOND_AZ.search(data):
            self.beyond_az = True
        if self.beyond_az and not self.beyond_bz and _BEYOND_BZ.search(data):
            self.beyond_bz = True

    def _plain_rows(self, data: bytes) -> int | None:
        """The row count after ``data`` if one quick search proves that the exact check (all
        row tags, then ``_far_cell``) passes; None: check exactly (a refusal, or an odd file).
        ``bound`` is a row count seen (so far, or the last row tag's: usually the largest);
        ``_unusual(bound, …)`` finds any row tag above it and wherever ``_far_cell(bound)`` finds,
        so if it finds nothing, ``bound`` is the row count and the exact check would pass."""
        at = data.rfind(b'<row r="')
        last = _ROW_TAG.match(data, at) if at >= 0 else None
        bound = max(self.rows, _row_number(last[1])) if last is not None else self.rows
        if not 0 < bound <= MAX_ROWS:
            return None
        first = _ROW_TAG.search(data)
        unusual = _unusual(bound, min(_row_number(first[1]), bound) if first else bound)
        start = 0
        while start < len(data):  # slices cut before a row tag (no reference spans one) hold
            stop = data.find(b'<row r="', start + SLICE_BYTES)  # the GIL a shorter while each
            stop = len(data) if stop < 0 else stop
            if unusual.search(data, start, stop) is not None:
                return None
            start = stop
        return bound

    def allowed(self) -> bool:
        allowed = MAX_CELLS // max(self.rows, 1)
        wide = self.beyond_bz if allowed >= 78 else self.beyond_az  # BZ = 78, AZ = 52 columns
        return not (allowed < MAX_COLUMNS and wide)

    def finish(self) -> None:
        if not self.allowed():
            allowed = MAX_CELLS // max(self.rows, 1)
            raise reject("FILE_SHEET_TOO_BIG", sheet=self.sheet, rows=self.rows,
                         columns=">BZ" if allowed >= 78 else ">AZ")


@functools.lru_cache(maxsize=8)
def _far_cell(rows: int) -> re.Pattern[bytes]:
    """A cell reference with three letters, a column beyond DZ, a row 0 / leading zero or a row
    beyond ``rows``. The possessive letters make a plain cell fail after one look at its digits
    (the same matches as ``[A-Z]{3}|[E-Z][A-Z]|[A-Z]{1,2}(?:0|…)``, three times faster)."""
    return re.compile(rb'<c r="(?:[E-Z][A-Z]|[A-Z]{1,2}+(?:[A-Z0]|'
                      + _greater_than(rows) + rb'"))')


def _greater_than(number: int) -> bytes:
    """A regular expression for the decimal numbers greater than ``number`` (no leading 0)."""
    digits = str(number)
    options = [rb"[1-9][0-9]{%d,}" % len(digits)]
    for at, char in enumerate(digits):
        if char != "9":
            options.append(digits[:at].encode() + b"[%d-9]" % (int(char) + 1)
                           + rb"[0-9]{%d}" % (len(digits) - at - 1))
    return b"(?:" + b"|".join(options) + b")"


@functools.lru_cache(maxsize=8)
def _unusual(rows: int, near: int) -> re.Pattern[bytes]:
    """Every row tag and cell reference but the plain ones (1–2 letters, 2 only from A–D on; a
    number from 1 to ``rows``, no 0 in front; a quote), so wherever ``_far_cell(rows)`` finds
    (it needs a letter, a 0 or a number above ``rows`` after the same letters; a second letter
    after E–Z fails the number) and any row tag above ``rows``: a few steps a reference, where
    ``_far_cell`` tries each form of a greater number. Odd but harmless ones are found too (the
    exact check decides). Numbers near ``near``, the piece's first row, are tried first."""
    return re.compile(rb' r="[A-D]?+[A-Z]?+(?!' + _at_most(rows, near) + rb'")')


def _at_most(number: int, near: int) -> bytes:
    """A regular expression for the decimal numbers 1..``number`` (``number`` >= 1, no leading
    0), as disjoint blocks of fixed width: ``number``; for each digit, the same digits before it,
    a smaller one there, any after it; all shorter numbers. The blocks holding most of
    ``near``..``number`` come first (a plain number matches at its first or second try)."""
    digits = str(number)
    blocks = [(number, number, digits.encode())]
    for at, char in enumerate(digits):
        same, lowest, smaller = digits[:at], 1 if at == 0 else 0, int(char) - 1
        rest = len(digits) - 1 - at
        if smaller >= lowest:
            span = b"%d" % lowest if smaller == lowest else b"[%d-%d]" % (lowest, smaller)
            blocks.append((int(f"{same}{lowest}{'0' * rest}"), int(f"{same}{smaller}{'9' * rest}"),
                           same.encode() + span + b"[0-9]" * rest))
    if len(digits) > 1:
        blocks.append((1, 10 ** (len(digits) - 1) - 1, rb"[1-9][0-9]{0,%d}" % (len(digits) - 2)))
    blocks.sort(key=lambda block: max(min(block[1], number) - max(block[0], near), -1),
                reverse=True)
    return b"(?:" + b"|".join(block[2] for block in blocks) + b")"


def _row_number(digits: bytes) -> int:
    # A row number of thousands of digits is far beyond MAX_ROWS (and int() refuses it).
    return int(digits) if len(digits) <= 12 else 10**12
