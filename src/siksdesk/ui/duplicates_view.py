""" "Kemungkinan ganda": find possible duplicate people and decide on each pair.

The finder runs on the task runner (never on the GUI thread) with a progress bar and Cancel in
the view itself, so the operator can keep working in the desk meanwhile. The pairs fill a table
(``DuplicatePairsModel``); the selected pair is shown side by side with the differing facts
highlighted. "Not a duplicate" and "Keep left/right" record the decision in one transaction (on
the runner as well); the decided pair leaves the list and ``decided`` is emitted (the desk
refreshes what shows usulan). "Open left/right" emits ``open_record(ruta_id, art_id)``.
Errors of a decision are shown in the status line; anything unexpected goes to
``sys.excepthook`` (logged, the crash dialog).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import read_session
from siksdesk.domain.duplicates import DEFAULT_MIN_SCORE, PersonFacts
from siksdesk.services.duplicates import (
    CandidatePair,
    DecisionRow,
    DuplicateDecisionError,
    FinderCancelled,
    FinderResult,
    find_duplicates,
    keep_one,
    mark_not_duplicate,
)
from siksdesk.services.gc_pause import thaw
from siksdesk.ui.duplicates_model import (
    COL_REASONS,
    COL_SCORE,
    PAIR_ROLE,
    DuplicatePairsModel,
)
from siksdesk.ui.i18n import normalise_lang, ui_locale
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, Runner

__all__ = ["DuplicatePairsModel", "DuplicatesView"]

DIFFERENT_BACKGROUND = QColor("#fff1b8")
_SEX = {1: "L", 2: "P"}


def _fact_rows() -> list[tuple[str, Callable[[PersonFacts], str]]]:
    """(label, value) of each fact shown side by side; NIK in full (the operator's own data)."""
    return [
        (QCoreApplication.translate("DuplicatesView", "Name"), lambda p: p.nama),
        (QCoreApplication.translate("DuplicatesView", "NIK"), lambda p: p.nik or "—"),
        (QCoreApplication.translate("DuplicatesView", "Family card no."), lambda p: p.no_kk or "—"),
        (
            QCoreApplication.translate("DuplicatesView", "Birth date"),
            lambda p: p.tanggal_lahir.strftime("%d-%m-%Y") if p.tanggal_lahir else "—",
        ),
        (
            QCoreApplication.translate("DuplicatesView", "Sex"),
            lambda p: _SEX.get(p.jenis_kelamin or 0, "—"),
        ),
        (
            QCoreApplication.translate("DuplicatesView", "Mother's maiden name"),
            lambda p: p.nama_ibu_kandung or "—",
        ),
        (QCoreApplication.translate("DuplicatesView", "Address"), lambda p: p.alamat or "—"),
        (
            QCoreApplication.translate("DuplicatesView", "RT/RW"),
            lambda p: f"{p.rt or '—'}/{p.rw or '—'}",
        ),
        (QCoreApplication.translate("DuplicatesView", "Dusun"), lambda p: p.dusun or "—"),
        (
            QCoreApplication.translate("DuplicatesView", "Household no."),
            lambda p: str(p.ruta_no) if p.ruta_no is not None else "—",
        ),
    ]


class DuplicatesView(QWidget):
    """Usable as a tab, a dock or a window. Call ``start()`` (or press Search / F5) to look."""

    open_record = Signal(int, object)  # ruta_id, art_id
    decided = Signal(str)  # not_duplicate | keep_a | keep_b

    def __init__(
        self,
        sessions: sessionmaker[Session],
        runner: Runner,
        author: str,
        lang: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sessions, self.runner, self.author = sessions, runner, author
        self.lang = normalise_lang(lang)
        self.locale = ui_locale(self.lang)
        self.model = DuplicatePairsModel(self.lang, self)
        self.result: FinderResult | None = None
        self._token: CancelToken | None = None
        self._generation = 0
        self._deciding = False
        self._build()
        self._show_pair(None)
        self._set_running(False)

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_button = QPushButton(QCoreApplication.translate("DuplicatesView", "&Search"))
        self.search_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.search_button.setToolTip(
            QCoreApplication.translate("DuplicatesView", "Look for possible duplicates (F5)")
        )
        self.search_button.clicked.connect(self.start)
        self.min_score = QSpinBox()
        self.min_score.setRange(0, 100)
        self.min_score.setValue(DEFAULT_MIN_SCORE)
        min_label = QLabel(QCoreApplication.translate("DuplicatesView", "Minimum &score:"))
        min_label.setBuddy(self.min_score)
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(QCoreApplication.translate("DuplicatesView", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel(
            QCoreApplication.translate(
                "DuplicatesView", "Press Search to look for people registered twice."
            )
        )
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        for widget in (self.search_button, min_label, self.min_score):
            top.addWidget(widget)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SCORE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REASONS, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.compare = QTableWidget(len(_fact_rows()), 2)
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.setTabKeyNavigation(False)
        self.compare.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("DuplicatesView", "Left"),
                QCoreApplication.translate("DuplicatesView", "Right"),
            ]
        )
        self.compare.setVerticalHeaderLabels([label for label, _ in _fact_rows()])
        self.compare.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        mark_data_text(self.compare, self.reasons)

        self.note = QLineEdit()
        self.note.setPlaceholderText(
            QCoreApplication.translate("DuplicatesView", "Note (optional)")
        )
        self.note.setMaxLength(500)
        self.not_duplicate_button = QPushButton(
            QCoreApplication.translate("DuplicatesView", "&Not a duplicate")
        )
        self.keep_left_button = QPushButton(
            QCoreApplication.translate("DuplicatesView", "Keep &left")
        )
        self.keep_right_button = QPushButton(
            QCoreApplication.translate("DuplicatesView", "Keep &right")
        )
        self.open_left_button = QPushButton(
            QCoreApplication.translate("DuplicatesView", "Open l&eft")
        )
        self.open_right_button = QPushButton(
            QCoreApplication.translate("DuplicatesView", "Open ri&ght")
        )
        self.keep_left_button.setToolTip(
            QCoreApplication.translate(
                "DuplicatesView", "The right record is proposed for deactivation as a duplicate."
            )
        )
        self.keep_right_button.setToolTip(
            QCoreApplication.translate(
                "DuplicatesView", "The left record is proposed for deactivation as a duplicate."
            )
        )
        self.not_duplicate_button.clicked.connect(self.mark_not_duplicate)
        self.keep_left_button.clicked.connect(partial(self.keep, left=True))
        self.keep_right_button.clicked.connect(partial(self.keep, left=False))
        self.open_left_button.clicked.connect(partial(self.open_side, left=True))
        self.open_right_button.clicked.connect(partial(self.open_side, left=False))
        buttons = QHBoxLayout()
        for button in (self.not_duplicate_button, self.keep_left_button, self.keep_right_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_left_button)
        buttons.addWidget(self.open_right_button)

        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.compare, 1)
        column.addWidget(self.reasons)
        column.addWidget(self.note)
        column.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)
        self.setWindowTitle(QCoreApplication.translate("DuplicatesView", "Possible duplicates"))

    # -- searching -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._token is not None or self._deciding

    def start(self) -> None:
        """Search again in the background (a search already running is cancelled)."""
        if self._token is not None:
            self._token.cancel()
        self._generation += 1
        generation, sessions, min_score = self._generation, self.sessions, self.min_score.value()
        token = self._token = CancelToken()
        self._set_running(True)
        self.status.setText(
            QCoreApplication.translate("DuplicatesView", "Looking for possible duplicates…")
        )

        def work(progress: Progress, cancelled: Cancelled) -> FinderResult:
            with read_session(sessions) as session:
                return find_duplicates(
                    session, min_score=min_score, progress=progress, cancelled=cancelled
                )

        self.runner.run(
            work,
            on_result=partial(self._found, generation),
            on_error=partial(self._failed, generation),
            on_progress=partial(self._progressed, generation),
            token=token,
        )

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(
                QCoreApplication.translate("DuplicatesView", "Cancelling… please wait.")
            )

    def _progressed(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _found(self, generation: int, result: FinderResult) -> None:
        if generation != self._generation:
            return
        self._token = None
        self._set_running(False)
        thaw()  # the search's intermediates are freed: only the (small) result is left
        self.result = result
        self.model.set_pairs(result.pairs)
        self.status.setText(self._summary(result))
        if result.pairs:
            self.table.selectRow(0)
            self.table.setFocus()
        else:
            self._show_pair(None)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._token = None
        self._set_running(False)
        thaw()
        if isinstance(error, FinderCancelled):
            self.status.setText(QCoreApplication.translate("DuplicatesView", "Search cancelled."))
            return
        self.status.setText(QCoreApplication.translate("DuplicatesView", "The search failed."))
        _report(error)

    def _summary(self, result: FinderResult) -> str:
        if not result.pairs:
            return QCoreApplication.translate(
                "DuplicatesView", "No possible duplicates among {people} people."
            ).replace("{people}", self.locale.toString(result.people))
        return (
            QCoreApplication.translate(
                "DuplicatesView", "{pairs} possible duplicate pairs among {people} people."
            )
            .replace("{pairs}", self.locale.toString(len(result.pairs)))
            .replace("{people}", self.locale.toString(result.people))
        )

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.search_button.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)
        self._update_buttons()

    # -- the selected pair ---------------------------------------------------------------------
    def current_pair(self) -> CandidatePair | None:
        pair = self.model.data(self.table.currentIndex(), PAIR_ROLE)
        return pair if isinstance(pair, CandidatePair) else None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_pair(self.model.pair_at(current.row()) if current.isValid() else None)

    def _show_pair(self, pair: CandidatePair | None) -> None:
        bold = QFont(self.compare.font())
        bold.setBold(True)
        for row, (_label, value) in enumerate(_fact_rows()):
            texts = ("", "") if pair is None else (value(pair.a), value(pair.b))
            differ = pair is not None and texts[0].casefold() != texts[1].casefold()
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if differ:
                    item.setBackground(QBrush(DIFFERENT_BACKGROUND))
                    item.setFont(bold)
                    item.setToolTip(
                        QCoreApplication.translate(
                            "DuplicatesView", "Differs between the two records"
                        )
                    )
                self.compare.setItem(row, column, item)
        if pair is None:
            self.reasons.setText("")
        else:
            lines = [
                QCoreApplication.translate("DuplicatesView", "Score {score}:").replace(
                    "{score}", str(pair.score)
                )
            ]
            lines += [
                ("+ " if r.points > 0 else "− " if r.points < 0 else "· ") + r.message(self.lang)
                for r in pair.reasons
            ]
            self.reasons.setText("\n".join(lines))
        self._update_buttons()

    def _update_buttons(self) -> None:
        enabled = self.current_pair() is not None and not self._deciding
        for button in (
            self.not_duplicate_button,
            self.keep_left_button,
            self.keep_right_button,
            self.open_left_button,
            self.open_right_button,
        ):
            button.setEnabled(enabled)

    # -- decisions -----------------------------------------------------------------------------
    def mark_not_duplicate(self) -> None:
        pair = self.current_pair()
        if pair is not None:
            sessions, author, note = self.sessions, self.author, self.note.text().strip()
            self._decide(
                pair, lambda: mark_not_duplicate(sessions, pair.a.uuid, pair.b.uuid, author, note)
            )

    def keep(self, left: bool) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        keep_uuid, drop_uuid = (pair.a.uuid, pair.b.uuid) if left else (pair.b.uuid, pair.a.uuid)
        sessions, author, note = self.sessions, self.author, self.note.text().strip()
        self._decide(pair, lambda: keep_one(sessions, keep_uuid, drop_uuid, author, note))

    def _decide(self, pair: CandidatePair, write: Callable[[], DecisionRow]) -> None:
        self._deciding = True
        self._update_buttons()

        def work(_progress: Progress, _cancelled: Cancelled) -> DecisionRow:
            return write()

        self.runner.run(
            work, on_result=partial(self._decision_done, pair), on_error=self._decision_failed
        )

    def _decision_done(self, pair: CandidatePair, row: DecisionRow) -> None:
        self._deciding = False
        at = self.model.row_of(pair.a.uuid, pair.b.uuid)
        self.model.remove_pair(at)
        self.note.clear()
        if self.model.rowCount():
            self.table.selectRow(min(max(at, 0), self.model.rowCount() - 1))
        else:
            self._show_pair(None)
        self.status.setText(
            QCoreApplication.translate("DuplicatesView", "Not a duplicate: recorded.")
            if row.decision == "not_duplicate"
            else QCoreApplication.translate(
                "DuplicatesView",
                "Recorded; the other record is proposed for deactivation as a duplicate.",
            )
        )
        self._update_buttons()
        self.decided.emit(row.decision)

    def _decision_failed(self, error: BaseException) -> None:
        self._deciding = False
        self._update_buttons()
        if isinstance(error, DuplicateDecisionError):
            self.status.setText(error.message(self.lang))
            return
        _report(error)

    def open_side(self, left: bool) -> None:
        pair = self.current_pair()
        if pair is not None:
            person = pair.a if left else pair.b
            self.open_record.emit(person.ruta_id, person.art_id)


def _report(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)
