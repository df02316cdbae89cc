"""The main window: the village's header, then two tabs — the Rekap dashboard (the first
screen) and the household list with its search/filter bar — and the counts in the status bar.
Search and filters become a ``HouseholdQuery`` that the model runs in the background; the
window only wires widgets together."""

from __future__ import annotations

import html
import itertools
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from siksdesk import __version__
from siksdesk.app import AppContext
from siksdesk.services.household_list import (
    FilterOptions,
    HouseholdQuery,
    VillageSummary,
    filter_options,
)
from siksdesk.ui.dashboard import DashboardView
from siksdesk.ui.demo_build import Builder, DemoBuild
from siksdesk.ui.household_model import HouseholdTableModel
from siksdesk.ui.household_view import HouseholdTableView
from siksdesk.ui.i18n import normalise_lang, ui_locale
from siksdesk.ui.list_filters import ListFilter, ListFilterBar
from siksdesk.ui.tasks import Cancelled, Progress, Runner

log = logging.getLogger(__name__)

PAGE_TABLE, PAGE_EMPTY = 0, 1
TAB_REKAP, TAB_LIST = 0, 1
DEMO_BADGE_STYLE = ("QLabel { background: #f2c200; color: #1a1a1a; font-weight: bold; "
                    "border-radius: 3px; padding: 2px 8px; }")


class MainWindow(QMainWindow):
    household_activated = Signal(int)  # ruta id: Enter or double-click on a list row

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

        self.model = HouseholdTableModel(ctx.reader, runner, lang=self.lang, parent=self)
        self.model.loaded.connect(self._show_counts)
        self.model.failed.connect(_report_bug)
        self._build_widgets()
        self._build_menus()
        self.resize(1280, 800)
        self.set_village(None)

    # -- construction ------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The demo village is the training village (issue 8): ui/training.py adds the banner.
        self.demo_badge = QLabel(QCoreApplication.translate("MainWindow", "TRAINING"))
        self.demo_badge.setStyleSheet(DEMO_BADGE_STYLE)
        self.demo_badge.setToolTip(QCoreApplication.translate(
            "MainWindow", "Training village: invented practice data, not real households. It "
            "cannot be sent to the real Dinas."))
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.demo_badge)

        self.filters = ListFilterBar(tuple((code, f"{code} · {label}")
                                           for code, label in self.model.verivali_codes()))
        self.filters.changed.connect(self.apply_filters)
        self.filters.submitted.connect(self.focus_list)
        self.filters.search.leave.connect(self.focus_list)
        self.filters.search.escaped.connect(self.focus_list)

        self.table = HouseholdTableView(self.model)
        self.table.household_activated.connect(self.household_activated)
        self.model.modelReset.connect(self._select_first_row)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self._build_empty_page())
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 4, 0, 0)
        list_layout.addWidget(self.filters)
        list_layout.addWidget(self.pages, 1)

        self.dashboard = DashboardView(self.ctx.reader, self.runner, self.lang,
                                       baseline_file=self.ctx.paths.home / "rekap-baseline.json")
        self.dashboard.open_list.connect(self.show_list)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Tab walks the page's fields, not the tab bar; the tabs switch with Ctrl+Tab, their
        # mnemonics and the View menu.
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(self.dashboard, QCoreApplication.translate("MainWindow", "&Rekap"))
        self.tabs.addTab(list_page, QCoreApplication.translate("MainWindow", "Household &list"))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(header_row)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        chain = [*self.dashboard.focus_order(), *self.filters.focus_order(), self.table]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

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

        self.find_action = QAction(
            QCoreApplication.translate("MainWindow", "Find household"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))  # Ctrl+F
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

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
        self.filters.reset()
        self.filters.setEnabled(summary is not None and summary.households > 0)
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
        # The first page now (≈15 ms unfiltered), so the first frame already has rows; every
        # later query runs in the background.
        self.model.load_now(HouseholdQuery())
        self.table.show_sort_of_query()
        self.table.fit_columns()
        self._load_filter_options()
        if summary.households == 0:
            self.show_empty(QCoreApplication.translate(
                "MainWindow", "This village has no households yet."))
        else:
            self.pages.setCurrentIndex(PAGE_TABLE)
            self.tabs.setCurrentIndex(TAB_REKAP)  # the village at a glance comes first
            self.dashboard.refresh()
            self.filters.search.setFocus()

    # -- search and filters ------------------------------------------------------------------
    def apply_filters(self) -> None:
        """Run the filter bar's query (sorted as the list is sorted now)."""
        if self.summary is not None:
            self.model.set_query(self.filters.query(self.model.query))

    def show_list(self, wanted: ListFilter | None = None) -> None:
        """The household list tab, filtered as ``wanted`` says (None: as it was)."""
        self.tabs.setCurrentIndex(TAB_LIST)
        if wanted is not None:
            self.filters.show_filter(wanted)
        self.focus_list()

    def show_rekap(self) -> None:
        self.tabs.setCurrentIndex(TAB_REKAP)
        self.dashboard.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(TAB_LIST)
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def focus_list(self) -> None:
        self.filters.flush()
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _select_first_row(self) -> None:
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.scrollToTop()

    def _load_filter_options(self) -> None:
        reader = self.ctx.reader

        def work(_progress: Progress, _cancelled: Cancelled) -> FilterOptions:
            with reader.snapshot() as conn:
                return filter_options(conn)

        self.runner.run(work, on_result=self.filters.set_options, on_error=_report_bug)

    def _show_counts(self) -> None:
        if self.summary is not None:
            self.counts.setText(self.counts_for(self.summary, shown=self.model.total))

    def show_empty(self, message: str) -> None:
        self.empty.setText(message)
        self._sync_empty_button()
        self.pages.setCurrentIndex(PAGE_EMPTY)
        self.tabs.setCurrentIndex(TAB_LIST)

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

    def counts_for(self, summary: VillageSummary, *, shown: int) -> str:
        """"N households shown of M · K members" (M, K: the whole village)."""
        number = self.number_locale.toString
        return QCoreApplication.translate(
            "MainWindow", "{shown} households shown of {households} · {people} members").format(
            shown=number(shown), households=number(summary.households),
            people=number(summary.people))

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


def _report_bug(error: BaseException) -> None:
    """A failed read is a bug (or a broken disk): logged and shown in the crash dialog."""
    sys.excepthook(type(error), error, error.__traceback__)


def _plain(menu_text: str) -> str:
    """A menu text without its mnemonic marker ("&File" → "File")."""
    return menu_text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _message(headline: str, body: str) -> str:
    """Rich text for the empty-list page: a bold headline (escaped) and a body (already HTML)."""
    return f"<p><b>{html.escape(headline)}</b></p><p>{body}</p>"
