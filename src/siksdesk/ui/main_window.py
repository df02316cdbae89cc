"""The main window: the village's header, its household list, counts in the status bar."""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from siksdesk import __version__
from siksdesk.app import AppContext
from siksdesk.services.households import VillageSummary
from siksdesk.ui.demo_build import Builder, DemoBuild
from siksdesk.ui.household_model import COL_ALAMAT, COLUMNS, HouseholdTableModel
from siksdesk.ui.i18n import normalise_lang, ui_locale
from siksdesk.ui.tasks import Runner

log = logging.getLogger(__name__)

MAX_COLUMN_WIDTH = 340
COLUMN_PADDING = 12
PAGE_TABLE, PAGE_EMPTY = 0, 1
DEMO_BADGE_STYLE = ("QLabel { background: #f2c200; color: #1a1a1a; font-weight: bold; "
                    "border-radius: 3px; padding: 2px 8px; }")


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, runner: Runner, *, lang: str | None = None,
                 log_path: Path | None = None, demo_builder: Builder | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.demo_builder = demo_builder  # None: siksdesk.demo, imported when first needed
        self.runner = runner
        self.lang = normalise_lang(lang)
        self.number_locale = ui_locale(self.lang)
        self.log_path = log_path
        self.summary: VillageSummary | None = None
        self.demo_build: DemoBuild | None = None

        self.model = HouseholdTableModel(ctx.sessions, lang=self.lang, parent=self)
        self._build_widgets()
        self._build_menus()
        self.resize(1280, 800)
        self.set_village(None)

    # -- construction ------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_badge = QLabel(QCoreApplication.translate("MainWindow", "DEMO"))
        self.demo_badge.setStyleSheet(DEMO_BADGE_STYLE)
        self.demo_badge.setToolTip(QCoreApplication.translate(
            "MainWindow", "Invented practice data: not real households."))
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.demo_badge)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        columns = self.table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self._build_empty_page())

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(header_row)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)

    def _build_empty_page(self) -> QWidget:
        """Shown instead of the table when there is nothing to list: what to do next, and a
        button for the demo village while none can be listed."""
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty_button = QPushButton()
        self.empty_button.clicked.connect(lambda: self.demo_action.trigger())
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        layout.addWidget(self.empty)
        layout.addSpacing(12)
        layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        return page

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
        self.demo_action = QAction(
            QCoreApplication.translate("MainWindow", "Create &demo village…"), self)
        self.demo_action.triggered.connect(lambda: self.start_demo_build())
        self.demo_action.changed.connect(self._sync_empty_button)
        self.empty_button.setText(_plain(self.demo_action.text()))
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        self.quit_action = QAction(QCoreApplication.translate("MainWindow", "E&xit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu

        help_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        self.about_action = QAction(
            QCoreApplication.translate("MainWindow", "&About siksdesk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu

    # -- showing a village -----------------------------------------------------------------
    def set_village(self, summary: VillageSummary | None) -> None:
        """Show ``summary`` (None: no village yet) and reload the household list."""
        self.summary = summary
        self.demo_badge.setVisible(bool(summary and summary.is_demo))
        self.demo_action.setEnabled(summary is None and not self._building())
        if summary is None:
            self.setWindowTitle(QCoreApplication.translate("MainWindow",
                                                           "siksdesk — no village data"))
            self.header.setText(QCoreApplication.translate("MainWindow", "No village data yet"))
            self.counts.setText("")
            self.model.clear()
            self.show_empty(self.no_village_message())
            return
        self.setWindowTitle(self.title_for(summary))
        self.header.setText(self.header_for(summary))
        self.counts.setText(self.counts_for(summary))
        self.model.reload()
        if self.model.canFetchMore():
            self.model.fetchMore()  # the first page now, so the first frame already has rows
        self._fit_columns()
        if self.model.rowCount() == 0:
            self.show_empty(QCoreApplication.translate(
                "MainWindow", "This village has no households yet."))
        else:
            self.pages.setCurrentIndex(PAGE_TABLE)
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus()

    def show_empty(self, message: str) -> None:
        self.empty.setText(message)
        self._sync_empty_button()
        self.pages.setCurrentIndex(PAGE_EMPTY)

    def _sync_empty_button(self) -> None:
        self.empty_button.setVisible(self.demo_action.isEnabled())

    def title_for(self, summary: VillageSummary) -> str:
        if summary.is_demo:
            text = QCoreApplication.translate("MainWindow", "siksdesk — Village {name} — DEMO")
        else:
            text = QCoreApplication.translate("MainWindow", "siksdesk — Village {name}")
        return text.format(name=summary.nama_desa)

    def header_for(self, summary: VillageSummary) -> str:
        """Rich text: the village's name and codes (names escaped; markup stays out of the
        translations)."""
        name = QCoreApplication.translate("MainWindow", "Village {name}").format(
            name=summary.nama_desa)
        fields = [
            QCoreApplication.translate("MainWindow", "village code {code}").format(
                code=summary.kode_desa),
            QCoreApplication.translate("MainWindow", "Kecamatan {name}").format(
                name=summary.nama_kecamatan),
            summary.nama_kabupaten,
            summary.nama_provinsi,
        ]
        return f"<b>{html.escape(name)}</b>" + "".join(
            f"&nbsp; · &nbsp;{html.escape(field)}" for field in fields if field)

    def counts_for(self, summary: VillageSummary) -> str:
        return QCoreApplication.translate("MainWindow", "{households} households · {people} "
                                          "members").format(
            households=self.number_locale.toString(summary.households),
            people=self.number_locale.toString(summary.people))

    def no_village_message(self) -> str:
        return _message(
            QCoreApplication.translate("MainWindow",
                                       "There is no village data in this database yet."),
            self._how_to_create_demo(QCoreApplication.translate(
                "MainWindow",
                "To practise with invented data, choose {menu}, or run {command} in a terminal "
                "and open siksdesk again.")))

    def _how_to_create_demo(self, text: str) -> str:
        menu = f"{_plain(self.file_menu.title())} → {_plain(self.demo_action.text())}"
        return html.escape(text).format(menu=f"<b>{html.escape(menu)}</b>",
                                        command="<code>siksdesk demo</code>")

    def _fit_columns(self) -> None:
        """Widths from the first page, plus the longest text a column can hold at all (a code
        label that first appears on page 30 must not be cut off)."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column, spec in enumerate(COLUMNS):
            longest = max((metrics.horizontalAdvance(text)
                           for text in self.model.possible_texts(column)), default=0)
            minimum = spec.min_chars * metrics.averageCharWidth()
            width = max(header.sectionSize(column), longest, minimum) + COLUMN_PADDING
            header.resizeSection(column, min(width, MAX_COLUMN_WIDTH))
        header.setSectionResizeMode(COL_ALAMAT, QHeaderView.ResizeMode.Stretch)

    # -- demo village ------------------------------------------------------------------------
    def _building(self) -> bool:
        return self.demo_build is not None and self.demo_build.running

    def start_demo_build(self, people: int | None = None) -> DemoBuild:
        """Create the demo village in the background (progress dialog with Cancel)."""
        self.demo_action.setEnabled(False)
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Creating the demo village…"))
        build = DemoBuild(self.ctx, self.runner, self, people=people, builder=self.demo_builder)
        build.built.connect(self._demo_built)
        build.cancelled.connect(self._demo_cancelled)
        build.refused.connect(self._demo_refused)
        build.failed.connect(self._demo_failed)
        self.demo_build = build
        build.start()
        return build

    def _demo_built(self, summary: VillageSummary) -> None:
        self.set_village(summary)
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "The demo village is ready."), 10_000)

    def _demo_cancelled(self) -> None:
        self.set_village(None)
        self.show_empty(_message(
            QCoreApplication.translate("MainWindow",
                                       "Creating the demo village was cancelled. Nothing was "
                                       "saved."),
            self._how_to_create_demo(QCoreApplication.translate(
                "MainWindow",
                "You can create it later: choose {menu}, or run {command} in a terminal."))))
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Demo village cancelled."), 10_000)

    def _demo_refused(self, message: str) -> None:
        self.set_village(None)
        self.statusBar().clearMessage()
        QMessageBox.warning(self, QCoreApplication.translate("MainWindow", "Demo village"),
                            message)

    def _demo_failed(self, error: BaseException) -> None:
        self.set_village(None)
        self.statusBar().clearMessage()
        sys.excepthook(type(error), error, error.__traceback__)  # logged + the crash dialog

    # -- help and closing ------------------------------------------------------------------
    def about_text(self) -> str:
        lines = [
            QCoreApplication.translate("MainWindow", "Data folder: {path}").format(
                path=self.ctx.paths.home),
            QCoreApplication.translate("MainWindow", "Database: {path}").format(
                path=self.ctx.database),
            QCoreApplication.translate("MainWindow", "Log file: {path}").format(
                path=self.log_path or "—"),
        ]
        purpose = QCoreApplication.translate(
            "MainWindow", "The village operator's desk for the social-welfare registry (DTKS).")
        return (f"<p><b>siksdesk {html.escape(__version__)}</b></p><p>{html.escape(purpose)}</p>"
                f"<p>{'<br>'.join(html.escape(line) for line in lines)}</p>")

    def show_about(self) -> None:
        QMessageBox.about(self, QCoreApplication.translate("MainWindow", "About siksdesk"),
                          self.about_text())

    def current_household_index(self) -> QModelIndex:
        return self.table.currentIndex()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.demo_build is not None and self.demo_build.running:
            self.demo_build.cancel()  # the build rolls back; launch waits for the worker
        super().closeEvent(event)


def _plain(menu_text: str) -> str:
    """A menu text without its mnemonic marker ("&File" → "File")."""
    return menu_text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _message(headline: str, body: str) -> str:
    """Rich text for the empty-list page: a bold headline (escaped) and a body (already HTML)."""
    return f"<p><b>{html.escape(headline)}</b></p><p>{body}</p>"
