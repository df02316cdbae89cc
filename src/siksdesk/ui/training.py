"""Training mode on screen: when the open village is the training village, every top-level
window and dialog says so.

One app-wide event filter prefixes the title of every window and dialog as it is shown (and
whenever its title changes) with "LATIHAN — "; the main window gets a red banner above its
content ("MODE LATIHAN — data contoh, tidak dapat dikirim ke Dinas yang sebenarnya") and a
permanent "LATIHAN" label in its status bar. The flag is the village profile's ``is_demo``
(``VillageSummary.is_demo``), never a setting.

``install_training_marks(app, window, training)`` is idempotent (a second call updates the
one installed object, which lives as a child of the application) and removable
(``training=False`` or ``TrainingMarks.remove()`` takes every mark away again).
"""

from __future__ import annotations

import weakref
from typing import Final

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QToolBar,
    QWidget,
)

OBJECT_NAME: Final = "siksdesk-training-marks"
SEPARATOR: Final = " — "
BANNER_STYLE: Final = ("QLabel { background: #c00000; color: white; font-weight: bold; "
                       "font-size: 13pt; padding: 6px 12px; border-radius: 3px; }")
STATUS_STYLE: Final = ("QLabel { background: #c00000; color: white; font-weight: bold; "
                       "padding: 1px 8px; border-radius: 3px; }")
_MARKED_KINDS: Final = (Qt.WindowType.Window, Qt.WindowType.Dialog)


def title_prefix() -> str:
    return QCoreApplication.translate("Training", "TRAINING") + SEPARATOR


def banner_text() -> str:
    return QCoreApplication.translate(
        "Training", "TRAINING MODE — practice data, cannot be sent to the real Dinas")


def status_text() -> str:
    return QCoreApplication.translate("Training", "TRAINING")


def status_tooltip() -> str:
    return QCoreApplication.translate(
        "Training", "This is the training village: invented practice data. Everything it "
        "writes is marked LATIHAN, and it can only be sent to the training Dinas.")


class TrainingMarks(QObject):
    """The marks of one training session; see the module doc."""

    def __init__(self, app: QApplication, window: QMainWindow) -> None:
        super().__init__(app)
        self.setObjectName(OBJECT_NAME)
        self.app = app
        self.window: QMainWindow | None = None
        self.banner: QLabel | None = None
        self.status_label: QLabel | None = None
        self._prefix = title_prefix()
        # The widgets whose titles carry the prefix. Walking app.topLevelWidgets() instead
        # crashed now and then (a wrapper of a window another owner had already deleted).
        self._marked: weakref.WeakSet[QWidget] = weakref.WeakSet()
        app.installEventFilter(self)
        self.attach(window)
        # At start-up the main window is the only window; a later call may find a modal open.
        modal = app.activeModalWidget()
        if modal is not None and modal.isVisible():
            self.mark_title(modal)

    # -- the main window ---------------------------------------------------------------------
    def attach(self, window: QMainWindow) -> None:
        """Banner and status label on ``window`` (moved there from a previous main window)."""
        if window is self.window:
            return
        self._detach()
        self.window = window
        self.banner = banner = QLabel(banner_text())
        banner.setObjectName("training-banner")
        banner.setStyleSheet(BANNER_STYLE)
        banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        banner.setWordWrap(True)
        banner.setToolTip(status_tooltip())
        banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._place_banner(window, banner)
        banner.show()  # a widget added to a shown window is not shown by the layout at once
        self.status_label = label = QLabel(status_text())
        label.setObjectName("training-status")
        label.setStyleSheet(STATUS_STYLE)
        label.setToolTip(status_tooltip())
        window.statusBar().addPermanentWidget(label)
        label.show()
        window.destroyed.connect(self._window_gone)
        self.mark_title(window)

    def _place_banner(self, window: QMainWindow, banner: QLabel) -> None:
        """On top of the central widget's own layout (the household list and Rekap keep their
        place below it); any other main window gets it in a fixed tool bar on top."""
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, banner)
            return
        bar = QToolBar(window)
        bar.setObjectName("training-bar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setVisible(False)  # not hidden from the tool bars' menu
        bar.addWidget(banner)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        banner.destroyed.connect(bar.deleteLater)

    def _detach(self) -> None:
        for widget in (self.banner, self.status_label):
            if widget is not None:
                if self.window is not None and widget is self.status_label:
                    self.window.statusBar().removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.banner = self.status_label = None
        if self.window is not None:  # its title stays marked while the marks are installed
            self.window.destroyed.disconnect(self._window_gone)
        self.window = None

    def _window_gone(self) -> None:
        self.window = self.banner = self.status_label = None

    # -- titles ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.WindowTitleChange) \
                and isinstance(watched, QWidget):
            self.mark_title(watched)
        return False

    def mark_title(self, widget: QWidget) -> None:
        if not widget.isWindow() or widget.windowType() not in _MARKED_KINDS:
            return
        title = widget.windowTitle()
        self._marked.add(widget)
        if not title.startswith(self._prefix):  # setting it sends WindowTitleChange again
            widget.setWindowTitle(self._prefix + title)

    def unmark_title(self, widget: QWidget) -> None:
        title = widget.windowTitle()
        if title.startswith(self._prefix):
            widget.setWindowTitle(title[len(self._prefix):])

    # -- removal -----------------------------------------------------------------------------
    def remove(self) -> None:
        """Take every mark away: the filter, the banner, the status label, the title prefixes."""
        self.app.removeEventFilter(self)
        self._detach()
        for widget in list(self._marked):
            if shiboken6.isValid(widget):
                self.unmark_title(widget)
        self._marked.clear()
        self.setParent(None)
        self.deleteLater()


def installed_marks(app: QApplication) -> TrainingMarks | None:
    found = app.findChild(TrainingMarks, OBJECT_NAME)
    return found if isinstance(found, TrainingMarks) else None


def install_training_marks(app: QApplication, window: QMainWindow,
                           training: bool) -> TrainingMarks | None:
    """Mark every screen when ``training`` (the open village is the training village); remove
    the marks otherwise. Call it whenever the open village changes; calling it again with the
    same arguments changes nothing."""
    marks = installed_marks(app)
    if not training:
        if marks is not None:
            marks.remove()
        return None
    if marks is None:
        return TrainingMarks(app, window)
    marks.attach(window)
    return marks
