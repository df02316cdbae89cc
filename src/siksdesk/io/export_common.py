"""What the xlsx and CSV writers share: the formula and masking policies and the atomic file.

Formula policy ("formula injection"): a text whose first character after leading whitespace
(spaces, tabs, CR/LF, non-breaking and zero-width spaces) is ``= + - @`` could be read as a
formula by a spreadsheet. A lone such character ("-" as "none") cannot and stays as it is.
    * xlsx: the cell stays a *text* cell with the text unchanged and Excel's "quote prefix"
      (exactly what Excel stores when someone types ``'=1+2``), so neither opening nor editing
      the cell turns it into a formula, and an export → import round trip keeps the text.
    * CSV has no cell types: the field gets a leading apostrophe (``'=1+2``), the usual
      OWASP advice; Excel then shows it as text.
Masking policy (lists posted in public): every column marked ``personal_identifier`` (NIK,
No. KK) keeps its region prefix (6) and last 2 characters, the rest becomes ``*``
(``352201********01``, ``domain.numbers.mask_identifier``); values shorter than 10 are hidden
completely. Names are not masked: a public list needs them.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from siksdesk.domain.numbers import mask_identifier
from siksdesk.io.table import Cancelled, ExportCancelled, ExportError, Progress

FORMULA_CHARACTERS: Final = frozenset("=+-@")
# str.lstrip() without arguments strips Unicode whitespace (tab, CR, LF, NBSP, ...) but not the
# zero-width characters a copy from a web page or WhatsApp carries.
_ZERO_WIDTH: Final = "\u200b\u200c\u200d\u2060\ufeff"
_LEADING_BLANKS: Final = re.compile(f"[\\s{_ZERO_WIDTH}]*")
# Characters XML 1.0 cannot carry (openpyxl refuses them); replaced by a space in xlsx.
XML_ILLEGAL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CHECK_EVERY: Final = 100  # rows between progress reports and cancel checks (≈ 5+ per second)


class ConvertedRows:
    """The rows of a table, each cell passed through its column's converter; every CHECK_EVERY
    rows Cancel is checked and progress reported (total 0 = not known). Iterate once, then
    call ``finish()``: a last Cancel check already ran, it reports (written, written)."""

    def __init__(self, rows: Iterable[Sequence[object]],
                 converters: Sequence[Callable[[object], object]], total: int | None,
                 progress: Progress | None, cancelled: Cancelled | None) -> None:
        self._rows, self._converters = rows, converters
        self._expected = total or 0
        self._progress, self._cancelled = progress, cancelled
        self.written = 0

    def __iter__(self) -> Iterator[list[object]]:
        converters, progress, cancelled = self._converters, self._progress, self._cancelled
        for row in self._rows:
            yield [convert(value) for convert, value in zip(converters, row, strict=True)]
            self.written += 1
            if self.written % CHECK_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                if progress is not None:
                    expected = self._expected
                    progress(self.written, max(expected, self.written) if expected else 0)
        if cancelled is not None and cancelled():
            raise ExportCancelled()

    def finish(self) -> int:
        if self._progress is not None:
            self._progress(self.written, self.written)
        return self.written


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could take ``text`` for a formula (see the module docstring)."""
    if not text:
        return False
    first = text[0]
    if first not in FORMULA_CHARACTERS and not (first.isspace() or first in _ZERO_WIDTH):
        return False  # the fast path: almost every cell
    blanks = _LEADING_BLANKS.match(text)
    start = blanks.end() if blanks else 0
    return len(text) - start > 1 and text[start] in FORMULA_CHARACTERS


def csv_safe(text: str) -> str:
    """The CSV form of a text: an apostrophe in front when it could become a formula."""
    return "'" + text if is_formula_like(text) else text


def mask_value(value: str) -> str:
    """The public form of a NIK or No. KK (one policy for every export)."""
    return mask_identifier(value) if value else value


def as_text(value: object) -> str:
    """A cell value as text for an identifier or text column (numbers without ".0")."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path in ``target``'s folder; when the block ends normally the file is
    fsynced and renamed onto ``target`` (atomic: the target is either the old file or the
    complete new one). On any error or cancellation the temporary file is removed. OS errors
    become ``ExportError`` with a message for the operator."""
    folder = target.parent
    if not folder.is_dir():
        raise ExportError("EXPORT_FOLDER_MISSING", folder=str(folder))
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=".part",
                                        dir=folder)
    except OSError as exc:
        raise export_error(exc, target) from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        fsync_file(temp)
        os.replace(temp, target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise export_error(exc, target) from None
        raise
    fsync_folder(folder)


def fsync_file(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder for fsync."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def export_error(exc: OSError, target: Path) -> ExportError:
    if isinstance(exc, FileNotFoundError):
        return ExportError("EXPORT_FOLDER_MISSING", folder=str(target.parent))
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError("EXPORT_NOT_ALLOWED", file=str(target))
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ExportError("EXPORT_DISK_FULL", file=str(target))
    return ExportError("EXPORT_WRITE_FAILED", file=str(target),
                       reason=exc.strerror or type(exc).__name__)
