"""The guide for ``scripts/screenshots.py``: the NIK chapter, a search, the keyboard-shortcut
sheet, and a variable's tooltip in the household editor (a laptop screen of 1366×768)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget

from siksdesk.app import AppContext
from siksdesk.ui.help_view import install_help
from siksdesk.ui.launch import open_desk, open_main_window
from siksdesk.ui.tasks import SyncTaskRunner

Save = Callable[[QWidget, str], object]
SCREEN = (1366, 768)
TASKBAR = 40  # what the window may not cover on the laptop's screen
TOOLTIP_FIELD = "sumber_air_minum"


def help_screens(village: AppContext, lang: str, folder: Path, save: Save) -> None:
    del folder  # nothing is written besides the pictures
    runner = SyncTaskRunner()
    window = open_main_window(village, runner, lang=lang, log_path=None)
    window.resize(SCREEN[0], SCREEN[1] - TASKBAR)
    desk = open_desk(window, village, runner, lang=lang, log_path=None, location=None)
    controller = install_help(window, desk.editor, lang)
    guide = controller.show("nik")
    save(guide, "40_help_nik")
    guide.search.setText("KK")
    save(guide, "41_help_search")
    guide.search.clear()
    guide = controller.show("pintasan")
    save(guide, "42_help_shortcuts")
    guide.close()
    editor = desk.editor
    editor.resize(SCREEN[0], SCREEN[1] - TASKBAR)
    editor.open_household(window.model.row_at(0).id)
    editor.show()
    save(_with_tooltip(editor), "43_editor_tooltip")
    for widget in (editor, window):
        widget.close()
        widget.deleteLater()
    QCoreApplication.processEvents()


def _with_tooltip(editor: QWidget) -> QLabel:
    """The editor on its housing page with the tooltip of one field painted over it (offscreen
    tooltips are windows of their own, so the two pictures are put together here)."""
    sections = editor.sections  # type: ignore[attr-defined]
    sections.focus(TOOLTIP_FIELD)
    QCoreApplication.processEvents()
    field = sections.field(TOOLTIP_FIELD).widget
    spot = field.mapTo(editor, QPoint(field.width() // 2, field.height()))
    QToolTip.showText(field.mapToGlobal(QPoint(field.width() // 2, field.height())),
                      field.toolTip(), field)
    QCoreApplication.processEvents()
    picture = editor.grab()
    tip = next((w for w in QApplication.topLevelWidgets()
                if w.metaObject().className() == "QTipLabel" and w.isVisible()), None)
    if tip is not None:
        shown = tip.grab()
        at = QPoint(min(spot.x(), picture.width() - shown.width() - 8), spot.y() + 4)
        painter = QPainter(picture)
        painter.drawPixmap(at, shown)
        painter.end()
    QToolTip.hideText()
    label = QLabel()
    label.setPixmap(QPixmap(picture))
    label.setWindowTitle(editor.windowTitle())
    label.resize(picture.size())
    label.show()
    return label
