"""Reopening the app on its (possibly replaced) database without leaving the process: after a
restore, or after a real village replaced the training village. ``launch.run_gui`` loops while
the event loop returns ``EXIT_RESTART``; no platform-specific re-exec, so the packaged build
behaves the same."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

EXIT_RESTART = 75


def request_restart() -> None:
    """Close every window and end the event loop with ``EXIT_RESTART``."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    app.setQuitOnLastWindowClosed(False)  # the last window closing must not make this a 0
    for widget in QApplication.topLevelWidgets():
        widget.close()
    app.exit(EXIT_RESTART)
