"""The dry-run preview of a district invalid-NIK list: counts per result, every row with the
reason, filterable by result; "Import" confirms (the view then imports in the background)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from siksdesk.services.nik_issues import ROW_STATUSES, NikListPreview
from siksdesk.ui.i18n import ui_locale
from siksdesk.ui.nik_issue_model import P_MESSAGE, NikPreviewModel, preview_status_text
from siksdesk.ui.pseudo import mark_data_text


class NikPreviewDialog(QDialog):
    """Window-modal; ``accepted`` means "import this file"."""

    def __init__(self, preview: NikListPreview, *, lang: str = "id",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.number_locale = ui_locale(lang)
        self.setWindowTitle(QCoreApplication.translate("NikPreviewDialog",
                                                       "Preview of the district's list"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(900, 560)
        self.model = NikPreviewModel(preview.rows, lang=lang, parent=self)

        self.summary = QLabel(self._summary_text())
        self.summary.setWordWrap(True)
        mark_data_text(self.summary)  # file and sheet names come from the file
        self.filter = QComboBox()
        self.filter.addItem(QCoreApplication.translate("NikPreviewDialog", "All rows ({count})")
                            .format(count=self._number(len(preview.rows))), None)
        for status in ROW_STATUSES:
            count = preview.counts.get(status, 0)
            if count:
                self.filter.addItem(f"{preview_status_text(status)} ({self._number(count)})",
                                    status)
        self.filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(self.filter.currentData()))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(P_MESSAGE,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()

        self.outcome = QLabel(self._outcome_text())
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.import_button: QPushButton = self.buttons.addButton(
            QCoreApplication.translate("NikPreviewDialog", "Import"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(preview.to_store > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)

    def _number(self, value: int) -> str:
        return self.number_locale.toString(value)

    def _summary_text(self) -> str:
        preview = self.preview
        counts = " · ".join(f"{preview_status_text(s)}: {self._number(preview.counts[s])}"
                            for s in ROW_STATUSES)
        return QCoreApplication.translate(
            "NikPreviewDialog", "File {file}, sheet “{sheet}” (header in row {row}). {counts}"
        ).format(file=preview.file_name, sheet=preview.sheet, row=preview.header_row,
                 counts=counts)

    def _outcome_text(self) -> str:
        if self.preview.to_store == 0:
            return QCoreApplication.translate(
                "NikPreviewDialog", "Nothing has been saved. This list adds nothing new to the "
                "NIK-fix list.")
        return QCoreApplication.translate(
            "NikPreviewDialog", "Nothing has been saved yet. “Import” adds {count} rows to the "
            "NIK-fix list; rows without a person in the village data are listed too, so that "
            "you can look for them.").format(count=self._number(self.preview.to_store))
