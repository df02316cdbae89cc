""" "Kirim ke Dinas": the operator's page for sending MusDes-approved proposals to the district.

Before a district profile is imported the page shows the enrolment steps (``sync_enrol``); then
a status line (last bundle sent, last receipt, update version, server or "no server"), the
count ready to be sealed with "Seal new bundle", the bundles with their state, the sending and
importing buttons, and the proposals held back with the reason. This laptop's fingerprint is
always at the bottom. The service is the gate for everything; the buttons only follow it.

Reading runs on the task runner (``sync_models.read_snapshot``); the actions are in
``sync_actions``. ``data_changed`` is emitted when proposals or the NIK worklist may have
changed (seal, receipts, updates); ``open_record(ruta_id)`` asks the desk to open a household.
``auto`` is the background uploader; its ``status_label`` belongs in the status bar. A training
village gets the training Dinas's row on top (``sync_training``).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from siksdesk.app import AppContext
from siksdesk.sync.training_district import TrainingState
from siksdesk.sync.village_types import SyncEnv
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.sync_actions import SyncActions
from siksdesk.ui.sync_auto import AutoUploader
from siksdesk.ui.sync_enrol import EnrolmentPanel, FingerprintLabel
from siksdesk.ui.sync_models import (
    COL_ATTEMPTS,
    COL_H_HOUSEHOLD,
    COL_H_REASON,
    COL_PROBLEM,
    COL_RECORDS,
    COL_SEALED,
    COL_SENT,
    COL_SEQUENCE,
    COL_STATE,
    SORT_ROLE,
    BundleModel,
    HeldModel,
    SyncSnapshot,
    local_time,
    read_snapshot,
)
from siksdesk.ui.sync_training import TrainingDinasRow, read_training_state
from siksdesk.ui.tasks import Cancelled, Progress, Runner

BANNER_WARNING = ("QLabel { background: #fff3c4; border: 1px solid #e0b400; border-radius: 4px;"
                  " padding: 8px; color: #4a3b00; }")
BANNER_ERROR = ("QLabel { background: #fde2e1; border: 1px solid #d9534f; border-radius: 4px;"
                " padding: 8px; color: #5a1512; }")
ENROLMENT_PAGE, MAIN_PAGE = 0, 1


class SyncView(QWidget, SyncActions):
    data_changed = Signal()
    open_record = Signal(int)

    def __init__(self, ctx: AppContext | SyncEnv, runner: Runner, author: str,
                 lang: str | None = None, parent: QWidget | None = None, *,
                 auto: AutoUploader | None = None) -> None:
        super().__init__(parent)
        self.env = ctx if isinstance(ctx, SyncEnv) else SyncEnv(ctx.sessions, ctx.paths.home)
        self.runner, self.author, self.lang = runner, author, normalise_lang(lang)
        self.snapshot: SyncSnapshot | None = None
        self.busy = False
        self.auto = auto or AutoUploader(self.env, runner, author, self.lang, parent=self)
        self.auto.received.connect(lambda _result: self._after_receipts())
        self.auto.started.connect(lambda: self.update_buttons())
        self.auto.finished.connect(lambda _result: self.update_buttons())
        self.bundles = BundleModel(self.lang, self)
        self.held = HeldModel(self)
        self._build()
        self.update_buttons()

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.enrolment = EnrolmentPanel()
        self.enrolment.import_button.clicked.connect(lambda: self.import_profile())
        self.enrolment.register_button.clicked.connect(lambda: self.save_registration())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.enrolment)
        self.stack.addWidget(self._main_page())
        self.device_fingerprint = FingerprintLabel(compact=True)
        caption = QLabel(QCoreApplication.translate("SyncView", "This laptop's fingerprint:"))
        self.refresh_button = QPushButton(QCoreApplication.translate("SyncView", "Refresh"))
        self.refresh_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_button.setToolTip(QCoreApplication.translate("SyncView", "Read again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        footer = QHBoxLayout()
        footer.addWidget(caption)
        footer.addWidget(self.device_fingerprint)
        footer.addStretch(1)
        footer.addWidget(self.refresh_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        mark_data_text(self.message)
        self.training_row = TrainingDinasRow(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.training_row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addLayout(footer)
        self.setWindowTitle(QCoreApplication.translate("SyncView", "Send to the Dinas"))

    def _main_page(self) -> QWidget:
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.status_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mark_data_text(self.status_line)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()
        mark_data_text(self.banner)
        self.ready_label = QLabel()
        mark_data_text(self.ready_label)
        font = self.ready_label.font()
        font.setBold(True)
        self.ready_label.setFont(font)
        self.seal_button = self._button(QCoreApplication.translate(
            "SyncView", "&Seal new bundle"), lambda: self.seal())
        ready = QHBoxLayout()
        ready.addWidget(self.ready_label)
        ready.addWidget(self.seal_button)
        ready.addStretch(1)

        self.bundle_table = self._table(self.bundles)
        header = self.bundle_table.horizontalHeader()
        for column, width in ((COL_RECORDS, 260), (COL_STATE, 170), (COL_SENT, 220)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_PROBLEM, QHeaderView.ResizeMode.Stretch)
        self.write_button = self._button(QCoreApplication.translate(
            "SyncView", "&Write to USB/folder…"), lambda: self.write_to_folder())
        self.upload_button = self._button(QCoreApplication.translate(
            "SyncView", "&Upload to server"), lambda: self.upload())
        self.import_button = self._button(QCoreApplication.translate(
            "SyncView", "Import &receipts / updates…"), lambda: self.import_files())
        self.fetch_button = self._button(QCoreApplication.translate(
            "SyncView", "&Fetch from server"), lambda: self.fetch())
        self.registration_button = self._button(QCoreApplication.translate(
            "SyncView", "Re&gistration file…"), lambda: self.save_registration())
        self.profile_button = self._button(QCoreApplication.translate(
            "SyncView", "District &profile…"), lambda: self.import_profile())
        self.profile_button.setToolTip(QCoreApplication.translate(
            "SyncView", "Import a new district profile (only when the Dinas asks you to)."))
        sending = QHBoxLayout()
        for button in (self.write_button, self.upload_button, self.import_button,
                       self.fetch_button):
            sending.addWidget(button)
        sending.addStretch(1)
        sending.addWidget(self.registration_button)
        sending.addWidget(self.profile_button)
        bundles_box = QGroupBox(QCoreApplication.translate("SyncView", "Bundles"))
        box_layout = QVBoxLayout(bundles_box)
        box_layout.addWidget(self.bundle_table, 1)
        box_layout.addLayout(sending)

        self.held_table = self._table(self.held)
        self.held_table.horizontalHeader().resizeSection(COL_H_HOUSEHOLD, 360)
        self.held_table.horizontalHeader().setSectionResizeMode(
            COL_H_REASON, QHeaderView.ResizeMode.Stretch)
        self.held_table.doubleClicked.connect(self._open_held)
        self.held_box = QGroupBox()
        held_layout = QVBoxLayout(self.held_box)
        held_layout.addWidget(self.held_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(bundles_box)
        splitter.addWidget(self.held_box)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_line)
        layout.addWidget(self.banner)
        layout.addLayout(ready)
        layout.addWidget(splitter, 1)
        order = (self.seal_button, self.bundle_table, self.write_button, self.upload_button,
                 self.import_button, self.fetch_button, self.registration_button,
                 self.profile_button, self.held_table)
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        return page

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _table(self, model: BundleModel | HeldModel) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        table = QTableView()
        table.setModel(proxy)
        table.setSortingEnabled(True)
        if model is self.bundles:
            table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        else:
            table.sortByColumn(COL_H_REASON, Qt.SortOrder.AscendingOrder)  # grouped by reason
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        env, lang = self.env, self.lang

        def work(_progress: Progress, _cancelled: Cancelled
                 ) -> tuple[SyncSnapshot, TrainingState]:
            return read_snapshot(env, lang), read_training_state(env)

        self.runner.run(work, on_result=self._read, on_error=self.report_error)

    def _read(self, result: tuple[SyncSnapshot, TrainingState]) -> None:
        snapshot, training = result
        self._loaded(snapshot)
        self.training_row.set_state(training)

    def _loaded(self, snapshot: SyncSnapshot) -> None:
        self.snapshot = snapshot
        status = snapshot.status
        self.device_fingerprint.set_fingerprint(status.device.fingerprint if status.device
                                                else "")
        self.stack.setCurrentIndex(MAIN_PAGE if status.profile is not None else ENROLMENT_PAGE)
        self.bundles.replace_rows(status.bundles)
        for column in (COL_SEQUENCE, COL_SEALED, COL_ATTEMPTS):
            self.bundle_table.resizeColumnToContents(column)
        self.held.replace_rows(snapshot.held)
        self.status_line.setText(self._status_text(snapshot))
        ready = QCoreApplication.translate(
            "SyncView", "Ready to send: {count} proposals approved by the MusDes.").format(
            count=status.exportable)
        if status.blocked_code == "RESTORED_NEEDS_CATCH_UP":
            ready += " " + QCoreApplication.translate(
                "SyncView", "Sealing is paused until the catch-up (see above).")
        self.ready_label.setText(ready)
        self.held_box.setTitle(QCoreApplication.translate(
            "SyncView", "Held back ({count}) — not sent, and why").format(
            count=len(snapshot.held)))
        self._show_banner(snapshot)
        if not self.auto.busy:
            self.auto.show_queue(status.unreceipted)
        self.update_buttons()

    def _status_text(self, snapshot: SyncSnapshot) -> str:
        status, profile = snapshot.status, snapshot.status.profile
        if profile is None:
            return ""
        server = profile.server_url or QCoreApplication.translate("SyncView", "no server")
        lines = [QCoreApplication.translate(
            "SyncView", "District: {district} ({code}) · server: {server}").format(
            district=profile.district_name, code=profile.district_code, server=server)]
        if profile.training:
            lines[0] += " · " + QCoreApplication.translate("SyncView", "TRAINING MODE")
        sent = local_time(snapshot.last_sent) or QCoreApplication.translate("SyncView", "never")
        lines.append(QCoreApplication.translate(
            "SyncView", "Last bundle sent: {sent} · last receipt: bundle no. {acknowledged} · "
            "waiting for a receipt: {waiting} · update version: {version}").format(
            sent=sent, acknowledged=status.acknowledged_through, waiting=status.unreceipted,
            version=status.update_version))
        return "\n".join(lines)

    def _show_banner(self, snapshot: SyncSnapshot) -> None:
        status = snapshot.status
        code = status.blocked_code
        if code == "RESTORED_NEEDS_CATCH_UP":
            self.banner.setStyleSheet(BANNER_WARNING)
            self.banner.setText(QCoreApplication.translate(
                "SyncView", "This database was restored from a backup: this laptop already "
                "sealed bundle no. {marker}, the database only knows up to no. {database}. "
                "Sealing is paused until the district's latest receipt is here. Import the "
                "latest receipt from the Dinas (\"Import receipts / updates…\") or, with a "
                "connection, press \"Fetch from server\".").format(
                marker=status.marker_sequence, database=status.last_sequence))
        elif code in ("DEVICE_REVOKED", "DEVICE_KEY_MISMATCH"):
            self.banner.setStyleSheet(BANNER_ERROR)
            key_id = status.device.key_id if status.device else ""
            self.banner.setText(self.error_message(code, key_id=key_id))
        else:
            self.banner.hide()
            return
        self.banner.show()

    def update_buttons(self) -> None:
        status = self.snapshot.status if self.snapshot is not None else None
        idle = not self.busy and status is not None
        profile = status.profile if status is not None else None
        server = bool(profile and profile.server_url)
        waiting = bool(status and status.unreceipted)
        self.seal_button.setEnabled(idle and status is not None and status.blocked_code == ""
                                    and status.exportable > 0)
        self.write_button.setEnabled(idle and waiting)
        self.upload_button.setEnabled(idle and waiting and server and not self.auto.busy)
        self.fetch_button.setEnabled(idle and server and not self.auto.busy)
        for button in (self.import_button, self.registration_button, self.profile_button,
                       self.enrolment.import_button, self.enrolment.register_button):
            button.setEnabled(not self.busy)
        no_server = QCoreApplication.translate(
            "SyncView", "The district profile has no server address: send by USB stick.")
        self.upload_button.setToolTip("" if server else no_server)
        self.fetch_button.setToolTip("" if server else no_server)
        self.training_row.update_buttons()

    def _open_held(self) -> None:
        index = self.held_table.currentIndex()
        proxy = self.held_table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        entry = self.held.entry_at(proxy.mapToSource(index).row()) if index.isValid() else None
        if entry is not None and entry.ruta_id is not None:
            self.open_record.emit(entry.ruta_id)

    def _after_receipts(self) -> None:
        self.refresh()
        self.data_changed.emit()

