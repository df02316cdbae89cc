"""The main screens, opened at their default sizes, and what a person sees on them.

Shared by the translatability test (marker translator) and the pseudo-localisation test. Add a
screen here (a factory taking the pytest request) and both tests cover it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QTabWidget,
    QWidget,
)

from siksdesk.app import AppContext
from siksdesk.ui.about_dialog import AboutDialog
from siksdesk.ui.crash_dialog import CrashDialog
from siksdesk.ui.launch import open_main_window
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.pseudo import MARK_OPEN, is_data_text
from siksdesk.ui.settings import Settings, SettingsDialog
from siksdesk.ui.tasks import CancelToken, SyncTaskRunner
from siksdesk.ui.worklist import WorklistView

WORKLIST_SIZE = (1000, 600)  # about what it gets as a tab of the 1280 × 800 main window
Screen = Callable[[pytest.FixtureRequest], QWidget]


def _main_window(request: pytest.FixtureRequest) -> QWidget:
    ctx: AppContext = request.getfixturevalue("village_ctx")
    return open_main_window(ctx, SyncTaskRunner(), lang="id", log_path=None)


def _empty_main_window(request: pytest.FixtureRequest) -> QWidget:
    ctx: AppContext = request.getfixturevalue("empty_ctx")
    window = MainWindow(ctx, SyncTaskRunner(), lang="id")
    window.set_village(None)
    return window


def _worklist(request: pytest.FixtureRequest) -> QWidget:
    ctx: AppContext = request.getfixturevalue("village_ctx")
    view = WorklistView(ctx.sessions, lang="id")
    view.resize(*WORKLIST_SIZE)
    return view


def _settings(request: pytest.FixtureRequest, *, changed: bool = False) -> QWidget:
    folder: Path = request.getfixturevalue("tmp_path")
    dialog = SettingsDialog(Settings(folder / "settings.ini"), folder / "data",
                            default_home=folder / "data")
    if changed:  # every note visible
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.folder_choice = folder / "elsewhere"
        dialog._update_notes()
    return dialog


def _about(request: pytest.FixtureRequest) -> QWidget:
    folder: Path = request.getfixturevalue("tmp_path")
    return AboutDialog(folder, folder / "siksdesk.sqlite3", folder / "logs" / "siksdesk.log",
                       settings_file=folder / "settings.ini")


def _crash(request: pytest.FixtureRequest) -> QWidget:
    folder: Path = request.getfixturevalue("tmp_path")
    return CrashDialog("Traceback (most recent call last):\nValueError: boom",
                       folder / "siksdesk.log")


def _progress(_request: pytest.FixtureRequest) -> QWidget:
    dialog = TaskProgressDialog(
        QCoreApplication.translate("DemoBuild", "Creating the demo village"),
        QCoreApplication.translate("DemoBuild", "siksdesk is filling a practice village with "
                                   "invented households and people, so that you can try "
                                   "everything without real data. This takes a moment."),
        CancelToken())
    dialog.set_progress(3, 10)
    return dialog


def _household_editor(request: pytest.FixtureRequest) -> QWidget:
    editor_module = pytest.importorskip("siksdesk.ui.editor.household_editor")
    ctx: AppContext = request.getfixturevalue("village_ctx")
    editor = editor_module.HouseholdEditor(ctx.sessions, SyncTaskRunner(), author="test",
                                           lang="id")
    editor.resize(1280, 760)
    editor.open_household(_first_ruta_id(ctx))
    return editor


def _first_ruta_id(ctx: AppContext) -> int:
    from sqlalchemy import select

    from siksdesk.db.session import read_session
    from siksdesk.models import Ruta

    with read_session(ctx.sessions) as session:
        ruta_id = session.scalar(select(Ruta.id).order_by(Ruta.id).limit(1))
    assert ruta_id is not None
    return ruta_id


def _export_dialog(request: pytest.FixtureRequest) -> QWidget:
    from siksdesk.ui.export_dialog import ExportDialog

    ctx: AppContext = request.getfixturevalue("village_ctx")
    folder: Path = request.getfixturevalue("tmp_path")
    return ExportDialog(ctx, SyncTaskRunner(), "id", folder=folder)


def _import_preview(request: pytest.FixtureRequest) -> QWidget:
    from bnba_files import household_rows, write_xlsx
    from siksdesk.services.bnba_import import preview_bnba
    from siksdesk.ui.bnba_import import ImportPreviewDialog

    ctx: AppContext = request.getfixturevalue("empty_ctx")
    folder: Path = request.getfixturevalue("tmp_path")
    rows = household_rows()
    rows[1][15] = "3.52214E+15"  # one row damaged by Excel: a rejected row with its reason
    plan = preview_bnba(ctx.sessions, write_xlsx(folder / "bnba.xlsx", rows))
    dialog = ImportPreviewDialog(plan, "id")
    dialog.resize(1100, 600)
    return dialog


def _nik_issues(request: pytest.FixtureRequest) -> QWidget:
    from siksdesk.ui.nik_issues_view import NikIssuesView

    ctx: AppContext = request.getfixturevalue("village_ctx")
    view = NikIssuesView(ctx.sessions, SyncTaskRunner(), "test", "id")
    view.resize(*WORKLIST_SIZE)
    view.refresh()
    return view


def _duplicates(request: pytest.FixtureRequest) -> QWidget:
    from siksdesk.ui.duplicates_view import DuplicatesView

    ctx: AppContext = request.getfixturevalue("village_ctx")
    view = DuplicatesView(ctx.sessions, SyncTaskRunner(), "test", "id")
    view.resize(*WORKLIST_SIZE)
    view.start()
    return view


def _musdes(page: str) -> Screen:
    """The Usulan list ("usulan") or a page of the MusDes wizard on a few ready proposals."""
    def screen(request: pytest.FixtureRequest) -> QWidget:
        import sys

        sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
        import _shots_musdes

        ctx: AppContext = request.getfixturevalue("village_ctx")
        if page == "usulan":
            return _shots_musdes.usulan_view(ctx, "id")
        return _shots_musdes.wizard_at(ctx, "id", page)

    return screen


SCREENS: dict[str, Screen] = {
    "main_window": _main_window,
    "main_window_without_village": _empty_main_window,
    "worklist": _worklist,
    "settings": _settings,
    "settings_changed": lambda request: _settings(request, changed=True),
    "about": _about,
    "crash_dialog": _crash,
    "progress_dialog": _progress,
    "household_editor": _household_editor,
    "export_dialog": _export_dialog,
    "import_preview": _import_preview,
    "nik_issues": _nik_issues,
    "duplicates": _duplicates,
    "usulan": _musdes("usulan"),
    **{f"musdes_{page}": _musdes(page) for page in (
        "details", "attendees", "agenda", "item", "summary", "finalise", "finalised")},
}


def show_screen(name: str, request: pytest.FixtureRequest) -> QWidget:
    """Build the screen (translations are looked up now) and show it at its default size."""
    qtbot = request.getfixturevalue("qtbot")
    widget = SCREENS[name](request)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget


def each_page(window: QWidget) -> Iterator[str]:
    """Show every tab of every tab widget on ``window`` in turn (the first state included)."""
    yield "first"
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(tabs.count()):
            if tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                yield f"tab {index}"


# -- what is visible -------------------------------------------------------------------------
def _describe(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or hex(id(widget))})"


def _visible_widgets(window: QWidget) -> Iterator[QWidget]:
    yield window
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and not widget.objectName().startswith("qt_"):
            yield widget


def visible_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every UI text a person can see or hover on ``window``."""
    yield "window title", window.windowTitle()
    for widget in _visible_widgets(window):
        if is_data_text(widget):
            continue
        where = _describe(widget)
        yield f"{where}.toolTip", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{where}.placeholder", widget.placeholderText()
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield f"{where} tab {i}", widget.tabText(i)
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _header_texts(widget)
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            yield "menu", action.text()
            menu = action.menu()
            if isinstance(menu, QMenu):
                for item in menu.actions():
                    if not item.isSeparator():
                        yield f"menu {action.text()}", item.text()
                        yield f"menu {action.text()} tip", item.toolTip()


def _header_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    header = getattr(view, "horizontalHeader", lambda: None)() or \
        getattr(view, "header", lambda: None)()
    if not isinstance(header, QHeaderView) or header.isHidden():
        return
    model = view.model()
    for section in range(model.columnCount()):
        if not header.isSectionHidden(section):
            text = model.headerData(section, Qt.Orientation.Horizontal)
            yield f"{_describe(view)} header {section}", str(text or "")


_CODE = re.compile(r"<code>.*?</code>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
_WORD = re.compile(r"[^\W\d_]{2,}")
NON_WORDS = ("siksdesk",)  # the product name is the same in every language


def has_words(text: str) -> bool:
    """True when ``text`` contains prose: letters left after removing markup, code spans,
    placeholders and the product name."""
    text = html.unescape(_TAGS.sub(" ", _CODE.sub(" ", text)))
    text = _PLACEHOLDER.sub(" ", text)
    for name in NON_WORDS:
        text = text.replace(name, " ")
    return bool(_WORD.search(text))


def unmarked_texts(window: QWidget) -> list[str]:
    """Visible texts with words that did not pass through the (marker) translator."""
    return sorted({f"{where}: {text!r}" for where, text in visible_texts(window)
                   if text and has_words(text) and MARK_OPEN not in text})


# -- clipping --------------------------------------------------------------------------------
def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_needs(label: QLabel) -> float:
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        return doc.idealWidth()
    metrics = label.fontMetrics()
    shown = _plain(text) if label.buddy() is not None else text
    return max(metrics.horizontalAdvance(line) for line in shown.split("\n"))


def _button_needs(button: QAbstractButton) -> float:
    style = button.style()
    needs = float(button.fontMetrics().horizontalAdvance(_plain(button.text())))
    if not button.icon().isNull():
        needs += button.iconSize().width() + 4
    if isinstance(button, QCheckBox | QRadioButton):
        needs += style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + \
            style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing)
    elif isinstance(button, QPushButton):
        needs += 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin)
    return needs


def clipped_widgets(window: QWidget) -> list[str]:
    """Single-line labels and buttons (and table header sections) too narrow for their text,
    wrapped labels too low for theirs."""
    found = []
    for widget in _visible_widgets(window):
        if isinstance(widget, QLabel) and widget.text() and widget.wordWrap():
            needs_height = widget.heightForWidth(widget.width())
            if needs_height > widget.height() + 1:
                found.append(f"{_describe(widget)} {widget.text()[:60]!r}: needs {needs_height}"
                             f" px high, has {widget.height()}")
            continue
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            available = (widget.contentsRect().width() - 2 * widget.margin()
                         - max(widget.indent(), 0))
            needs = _label_needs(widget)
        elif isinstance(widget, QAbstractButton) and widget.text() and not isinstance(
                widget.parent(), QTabBar):
            available, needs = widget.width(), _button_needs(widget)
        elif isinstance(widget, QHeaderView) and widget.orientation() == \
                Qt.Orientation.Horizontal:
            found += _clipped_sections(widget)
            continue
        else:
            continue
        if needs > available + 1:
            found.append(f"{_describe(widget)} {widget.text()[:60]!r}: needs {needs:.0f} px, "
                         f"has {available}")
    return found


def _clipped_sections(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    found = []
    last = model.columnCount() - 1
    for section in range(model.columnCount()):
        if header.isSectionHidden(section) or (section == last
                                               and header.stretchLastSection()):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        needs = header.fontMetrics().horizontalAdvance(text) + margin
        if text and needs > header.sectionSize(section) + 1:
            found.append(f"{_describe(header)} section {section} {text!r}: needs {needs} px, "
                         f"has {header.sectionSize(section)}")
    return found
