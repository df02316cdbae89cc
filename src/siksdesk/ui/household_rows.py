"""What one row of the household list shows, and how pages of rows are read.

The texts of a row are computed where its page is read (on a worker thread), so that painting a
screenful of the list only indexes tuples. Qt-light: only colours and alignment flags; no widget.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from siksdesk.db.reader import Reader
from siksdesk.domain.variables import Variable
from siksdesk.services.household_list import (
    HouseholdQuery,
    HouseholdRow,
    ListRow,
    SortKey,
    count_matching,
    list_page,
)
from siksdesk.ui.tasks import Cancelled

EMPTY = "—"
ERROR_MARK, WARNING_MARK = "✖", "⚠"
ERROR_COLOUR, WARNING_COLOUR = QColor("#c62828"), QColor("#a15c00")

@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str  # English source string, translated in context "HouseholdTableModel"
    sort_key: SortKey
    numeric: bool = False
    min_chars: int = 0  # the view keeps at least this many average characters visible
    sample: str = ""  # ... and at least this text (digits are wider than the average char)


COL_NO_URUT, COL_NAMA_KRT, COL_NO_KK, COL_ALAMAT, COL_RT_RW, COL_DUSUN, COL_JUMLAH_ART, \
    COL_VERIVALI, COL_PROBLEMS = range(9)

COLUMNS: tuple[Column, ...] = (
    Column("no_urut", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "No.")), SortKey.NO_URUT,
           numeric=True, min_chars=5, sample="00000"),
    Column("nama_krt", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Head of household")),
           SortKey.NAMA_KRT, min_chars=24),
    Column("no_kk", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Family card no.")),
           SortKey.NO_KK, min_chars=17, sample="0" * 16),
    Column("alamat", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Address")), SortKey.ALAMAT,
           min_chars=26),
    Column("rt_rw", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "RT/RW")), SortKey.RT_RW,
           min_chars=8, sample="000/000"),
    Column("dusun", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Dusun")), SortKey.DUSUN,
           min_chars=14),
    Column("jumlah_art", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Members")),
           SortKey.JUMLAH_ART, numeric=True, min_chars=4, sample="00"),
    Column("hasil_verivali",
           str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Verification result")),
           SortKey.VERIVALI),
    Column("problems", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Problems")),
           SortKey.PROBLEMS, min_chars=9),
)
ALIGNMENTS = tuple(
    (Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft)
    | Qt.AlignmentFlag.AlignVCenter for column in COLUMNS
)
COLUMN_OF_SORT_KEY = {column.sort_key: number for number, column in enumerate(COLUMNS)}


Texts = tuple[str, ...]  # what each column shows for one row


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[ListRow]
    texts: list[Texts]  # computed where the page was read (off the GUI thread), so that
    # painting a screenful (~2,000 data() calls) only indexes tuples


@dataclass(frozen=True, slots=True)
class FirstPage:
    total: int
    page: Page


def read_first_page(reader: Reader, query: HouseholdQuery, limit: int,
                    labels: VerivaliLabels,
                    cancelled: Cancelled = lambda: False) -> FirstPage | None:
    """Count + first page in one snapshot; None when cancelled between."""
    with reader.snapshot() as conn:
        total = count_matching(conn, query)
        if cancelled():
            return None
        rows = list_page(conn, query, offset=0, limit=limit) if total else []
    return FirstPage(total, _page(rows, labels))


def read_first_page_quickly(reader: Reader, query: HouseholdQuery, limit: int,
                            labels: VerivaliLabels, budget_s: float) -> FirstPage | None:
    """Count + first page if SQLite answers within ``budget_s``; None when it would take
    longer (the caller then reads on a worker thread)."""
    try:
        with reader.snapshot_within(budget_s) as conn:
            total = count_matching(conn, query)
            rows = list_page(conn, query, offset=0, limit=limit) if total else []
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc):
            raise
        return None
    return FirstPage(total, _page(rows, labels))


def read_page(reader: Reader, query: HouseholdQuery, offset: int,
              limit: int, labels: VerivaliLabels) -> Page:
    with reader.snapshot() as conn:
        return _page(list_page(conn, query, offset=offset, limit=limit), labels)


def _page(rows: list[ListRow], labels: VerivaliLabels) -> Page:
    return Page(rows, [row_texts(row, labels) for row in rows])


@dataclass(frozen=True, slots=True)
class VerivaliLabels:
    """The verivali column's texts, translated once on the GUI thread (read by page reads)."""

    by_code: dict[int, str]
    not_verified: str
    unknown: str  # with a {code} placeholder

    @classmethod
    def translated(cls, verivali: Variable, lang: str) -> VerivaliLabels:
        return cls({code.value: code.label(lang) for code in verivali.codes},
                   QCoreApplication.translate("HouseholdTableModel", "Not yet verified"),
                   QCoreApplication.translate("HouseholdTableModel", "Unknown code {code}"))

    def label(self, value: int | None) -> str:
        if value is None:
            return self.not_verified
        text = self.by_code.get(value)
        return self.unknown.format(code=value) if text is None else text


def row_texts(item: ListRow, labels: VerivaliLabels) -> Texts:
    """What each column shows for ``item`` (in ``COLUMNS`` order)."""
    row = item.household
    return (
        EMPTY if row.no_urut is None else str(row.no_urut),
        row.nama_krt or EMPTY,
        row.no_kk or EMPTY,
        row.alamat or EMPTY,
        _rt_rw(row),
        row.dusun or EMPTY,
        str(row.jumlah_art),
        labels.label(row.hasil_verivali),
        problem_text(item.errors, item.warnings),
    )


def problem_text(errors: int, warnings: int) -> str:
    """"2 ✖ 1 ⚠" (marks, not words: the tooltip says it in words); empty without problems."""
    parts = ([f"{errors} {ERROR_MARK}"] if errors else []) + \
        ([f"{warnings} {WARNING_MARK}"] if warnings else [])
    return " ".join(parts)


def problem_brush(item: ListRow) -> QBrush | None:
    if item.errors:
        return QBrush(ERROR_COLOUR)
    return QBrush(WARNING_COLOUR) if item.warnings else None


def sort_value(item: ListRow, column: int) -> int | str:
    """The value SQL sorts this column by (``services.search._order``)."""
    row = item.household
    match column:
        case 0:
            return -1 if row.no_urut is None else row.no_urut
        case 1:
            return row.nama_krt.casefold()
        case 2:
            return row.no_kk
        case 3:
            return row.alamat.casefold()
        case 4:
            return f"{row.rt}/{row.rw}"
        case 5:
            return row.dusun
        case 6:
            return row.jumlah_art
        case 7:
            return -1 if row.hasil_verivali is None else row.hasil_verivali
        case 8:
            return item.errors * 1_000_000 + item.warnings  # errors first, then warnings
    return ""


def _rt_rw(row: HouseholdRow) -> str:
    if not row.rt and not row.rw:
        return EMPTY
    return f"{row.rt or EMPTY}/{row.rw or EMPTY}"
