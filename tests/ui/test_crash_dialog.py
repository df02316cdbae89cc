"""The crash dialog masks NIK-like numbers, copies its report, and names the log file."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from siksdesk.ui.crash_dialog import CrashDialog, CrashReporter, format_report

NIK = "3522014101900001"


def _exc_info() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise RuntimeError(f"household with NIK {NIK} broke")
    except RuntimeError:
        info = sys.exc_info()
    assert info[0] is not None and info[1] is not None
    return info  # type: ignore[return-value]


def test_report_masks_a_16_digit_number() -> None:
    report = format_report(*_exc_info())  # type: ignore[arg-type]
    assert NIK not in report
    assert "3522************" in report
    assert "RuntimeError" in report and "siksdesk" in report


def test_dialog_shows_masked_report_and_copies_it(qtbot: QtBot, tmp_path: Path) -> None:
    log_path = tmp_path / "logs" / "siksdesk.log"
    dialog = CrashDialog(f"Traceback …\nValueError: NIK {NIK}", log_path)
    qtbot.addWidget(dialog)
    assert NIK not in dialog.text.toPlainText()
    assert "3522************" in dialog.text.toPlainText()
    assert str(log_path) in dialog.log_label.text()
    QGuiApplication.clipboard().clear()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.report
    assert NIK not in QGuiApplication.clipboard().text()


def test_excepthook_logs_masked_and_builds_the_dialog(qtbot: QtBot, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    reporter = CrashReporter(tmp_path / "siksdesk.log")
    shown: list[CrashDialog] = []

    def fake_exec(self: CrashDialog) -> int:  # a modal exec() would block the test
        shown.append(self)
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    with caplog.at_level(logging.CRITICAL):
        reporter.excepthook(*_exc_info())  # type: ignore[arg-type]
    assert caplog.records and caplog.records[-1].exc_info is not None
    assert len(shown) == 1 and NIK not in shown[0].report
    assert reporter.last_report is not None and NIK not in reporter.last_report
    shown[0].deleteLater()
