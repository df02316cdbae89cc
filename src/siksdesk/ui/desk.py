"""The operator's desk: wires the main window (Rekap + household list), the household editor,
the docks (worklist, NIK corrections, duplicates, usulan, Kirim ke Dinas), the MusDes wizard,
backups, reports, help, settings and About together. Each part stays ignorant of the others;
this module only connects their signals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QWidget

from siksdesk.app import AppContext
from siksdesk.services.accounts import AccountRow
from siksdesk.services.worklist import WorkItem
from siksdesk.ui.about_dialog import AboutDialog
from siksdesk.ui.backup_dialog import run_backup_dialog
from siksdesk.ui.bnba_import import run_bnba_import
from siksdesk.ui.desk_accounts import DeskAccounts
from siksdesk.ui.duplicates_view import DuplicatesView
from siksdesk.ui.editor.household_editor import HouseholdEditor
from siksdesk.ui.export_dialog import run_export_dialog
from siksdesk.ui.help_view import install_help
from siksdesk.ui.history_view import open_audit_trail
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.musdes_wizard import run_musdes_wizard
from siksdesk.ui.nik_issues_view import NikIssuesView
from siksdesk.ui.report_dialog import run_report_dialog
from siksdesk.ui.restart import request_restart
from siksdesk.ui.settings import Settings, SettingsDialog, StartupLocation
from siksdesk.ui.sync_view import SyncView
from siksdesk.ui.tasks import Runner
from siksdesk.ui.usulan_view import UsulanView
from siksdesk.ui.worklist import WorklistView


class Desk(QObject):
    def __init__(self, window: MainWindow, ctx: AppContext, runner: Runner, *,
                 settings: Settings, location: StartupLocation | None, lang: str | None,
                 log_path: Path | None, account: AccountRow | None = None,
                 training: bool = False, village_name: str = "") -> None:
        super().__init__(window)
        self.window, self.ctx, self.settings = window, ctx, settings
        self.runner, self.lang = runner, lang
        self.location, self.log_path = location, log_path
        self._pending_field: tuple[str, int | None, int | None] | None = None
        self.accounts = DeskAccounts(self, account, training=training, village_name=village_name)
        author = self.accounts.author
        self.editor = HouseholdEditor(ctx.sessions, runner, author=author, lang=lang)
        self.editor.setWindowFlag(Qt.WindowType.Window, True)
        self.worklist = WorklistView(ctx.sessions, runner=runner, lang=lang)
        self.dock = self._dock(self.worklist, "worklist_dock",
                               QCoreApplication.translate("Desk", "Data problems"))
        self.nik_issues = NikIssuesView(ctx.sessions, runner, author, lang)
        self.nik_dock = self._dock(self.nik_issues, "nik_issues_dock",
                                   QCoreApplication.translate("Desk", "NIK corrections"))
        self.duplicates = DuplicatesView(ctx.sessions, runner, author, lang)
        self.duplicates_dock = self._dock(
            self.duplicates, "duplicates_dock",
            QCoreApplication.translate("Desk", "Possible duplicates"))
        self.usulan = UsulanView(ctx.sessions, runner, author, lang)
        self.usulan_dock = self._dock(self.usulan, "usulan_dock",
                                      QCoreApplication.translate("Desk", "Proposals"))
        self.sync = SyncView(ctx, runner, author, lang)
        self.sync_dock = self._dock(self.sync, "sync_dock",
                                    QCoreApplication.translate("Desk", "Send to the Dinas"))
        window.statusBar().addPermanentWidget(self.sync.auto.status_label)
        self._connect()
        self._add_actions()
        self.help = install_help(self.window, self.editor, self.lang)
        self.sync.refresh()
        self.sync.auto.start()  # first try after 30 s, then every 10 min while bundles wait
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.sync.auto.stop)

    def _dock(self, widget: QWidget, name: str, title: str) -> QDockWidget:
        """A bottom dock, hidden, tabbed with the first one."""
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        if name != "worklist_dock":
            self.window.tabifyDockWidget(self.dock, dock)
        dock.hide()
        return dock

    def _connect(self) -> None:
        self.window.household_activated.connect(self.open_household)
        self.editor.saved.connect(self._after_save)
        self.editor.loaded.connect(self._after_load)
        self.editor.next_household_requested.connect(self._open_next)
        self.editor.record_requested.connect(
            lambda ruta_id, art_id: self.open_record(ruta_id, "nik", art_id, None))
        self.worklist.open_item.connect(self._open_work_item)
        self.nik_issues.open_record.connect(
            lambda ruta_id, art_id: self.open_record(ruta_id, "nik", art_id, None))
        self.nik_issues.changed.connect(self.data_changed)
        self.duplicates.open_record.connect(
            lambda ruta_id, art_id: self.open_record(ruta_id, "nama", art_id, None))
        self.duplicates.decided.connect(lambda _decision: self._refresh_lists())
        self.usulan.open_record.connect(self.open_household)
        self.usulan.changed.connect(self.data_changed)
        self.usulan.changed.connect(self._reload_clean_editor)
        self.editor.proposals_requested.connect(lambda _ruta_id: self._show_usulan())
        self.sync.data_changed.connect(self.data_changed)
        self.sync.data_changed.connect(self._reload_clean_editor)
        self.sync.open_record.connect(self.open_household)
        self.usulan.changed.connect(self.sync.refresh)

    def _add_actions(self) -> None:
        menu = self.window.file_menu
        first = menu.actions()[0] if menu.actions() else None
        self.new_action = QAction(QCoreApplication.translate("Desk", "&New household"), self.window)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_action.triggered.connect(self.new_household)
        self.settings_action = QAction(QCoreApplication.translate("Desk", "&Settings…"),
                                       self.window)
        self.settings_action.triggered.connect(self.show_settings)
        self.import_action = QAction(
            QCoreApplication.translate("Desk", "&Import DTKS list (BNBA)…"), self.window)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.show_import)
        self.import_nik_action = QAction(
            QCoreApplication.translate("Desk", "Import &invalid-NIK list…"), self.window)
        self.import_nik_action.triggered.connect(self.show_nik_import)
        self.export_action = QAction(QCoreApplication.translate("Desk", "&Export…"), self.window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda: self.show_export())
        menu.insertAction(first, self.new_action)
        menu.insertSeparator(first)
        menu.insertAction(first, self.import_action)
        menu.insertAction(first, self.import_nik_action)
        menu.insertAction(first, self.export_action)
        self.report_action = QAction(QCoreApplication.translate("Desk", "&Reports…"),
                                     self.window)
        self.report_action.setShortcut(QKeySequence("Ctrl+P"))
        self.report_action.triggered.connect(self.show_reports)
        menu.insertAction(first, self.report_action)
        menu.insertSeparator(first)
        self.backup_action = QAction(QCoreApplication.translate("Desk", "&Backups…"),
                                     self.window)
        self.backup_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.backup_action.triggered.connect(self.show_backups)
        menu.insertAction(first, self.backup_action)
        self.audit_action = QAction(
            QCoreApplication.translate("Desk", "Change &history (audit)…"), self.window)
        self.audit_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.audit_action.triggered.connect(self.show_audit_trail)
        menu.insertAction(first, self.audit_action)
        self.accounts.add_actions(first)
        menu.insertAction(first, self.settings_action)
        menu.insertSeparator(first)
        self.view_menu = QMenu(QCoreApplication.translate("Desk", "&View"), self.window)
        self.window.menuBar().insertMenu(self.window.help_menu.menuAction(), self.view_menu)
        self.rekap_action = QAction(QCoreApplication.translate("Desk", "&Rekap"), self.window)
        self.rekap_action.setShortcut(QKeySequence("Ctrl+1"))
        self.rekap_action.triggered.connect(self.window.show_rekap)
        self.list_action = QAction(QCoreApplication.translate("Desk", "Household &list"),
                                   self.window)
        self.list_action.setShortcut(QKeySequence("Ctrl+2"))
        self.list_action.triggered.connect(lambda: self.window.show_list())
        self.view_menu.addAction(self.rekap_action)
        self.view_menu.addAction(self.list_action)
        self.view_menu.addSeparator()
        self.worklist_action = self.dock.toggleViewAction()
        self.worklist_action.setText(QCoreApplication.translate("Desk", "&Data problems"))
        self.worklist_action.setShortcut(QKeySequence("Ctrl+M"))
        self.worklist_action.toggled.connect(self._worklist_toggled)
        self.view_menu.addAction(self.worklist_action)
        self.nik_issues_action = self.nik_dock.toggleViewAction()
        self.nik_issues_action.setText(QCoreApplication.translate("Desk", "&NIK corrections"))
        self.nik_issues_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.nik_issues_action.toggled.connect(
            lambda visible: visible and self.nik_issues.refresh())
        self.view_menu.addAction(self.nik_issues_action)
        self.duplicates_action = self.duplicates_dock.toggleViewAction()
        self.duplicates_action.setText(
            QCoreApplication.translate("Desk", "&Possible duplicates"))
        self.duplicates_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.duplicates_action.toggled.connect(self._duplicates_toggled)
        self.view_menu.addAction(self.duplicates_action)
        self.usulan_action = self.usulan_dock.toggleViewAction()
        self.usulan_action.setText(QCoreApplication.translate("Desk", "&Proposals (usulan)"))
        self.usulan_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.usulan_action.toggled.connect(lambda visible: visible and self.usulan.refresh())
        self.view_menu.addAction(self.usulan_action)
        self.musdes_action = QAction(QCoreApplication.translate("Desk", "&MusDes…"), self.window)
        self.musdes_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.musdes_action.triggered.connect(self.show_musdes)
        self.window.menuBar().insertAction(self.window.help_menu.menuAction(),
                                           self.musdes_menu_action())
        self.sync_action = self.sync_dock.toggleViewAction()
        self.sync_action.setText(QCoreApplication.translate("Desk", "&Send to the Dinas"))
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.sync_action.toggled.connect(lambda visible: visible and self.sync.refresh())
        self.sync_menu = QMenu(QCoreApplication.translate("Desk", "S&ync"), self.window)
        self.sync_menu.addAction(self.sync_action)
        self.window.menuBar().insertMenu(self.window.help_menu.menuAction(), self.sync_menu)
        self.window.about_action.triggered.disconnect()
        self.window.about_action.triggered.connect(self.show_about)

    # --- opening records -------------------------------------------------------------------

    def open_household(self, ruta_id: int) -> None:
        self._pending_field = None
        self._show_editor()
        self.editor.open_household(ruta_id)

    def new_household(self) -> None:
        self._show_editor()
        self.editor.new_household()

    def open_record(self, ruta_id: int, field: str, art_id: int | None,
                    keluarga_id: int | None) -> None:
        self._show_editor()
        if self.editor.ruta_id == ruta_id and not self.editor.is_dirty():
            self.editor.open_field(field, art_id, keluarga_id)
            return
        self._pending_field = (field, art_id, keluarga_id)
        self.editor.open_household(ruta_id)

    def _open_work_item(self, item: WorkItem) -> None:
        self.open_record(item.ruta_id, item.field, item.art_id, item.keluarga_id)

    def _after_load(self, ruta_id: int) -> None:
        self.accounts.editor_clean()
        if self._pending_field is not None and ruta_id:
            field, art_id, keluarga_id = self._pending_field
            self._pending_field = None
            self.editor.open_field(field, art_id, keluarga_id)

    def _open_next(self, current: int) -> None:
        model = self.window.model
        row = model.row_of(current) if current else None
        next_row = 0 if row is None else row + 1
        if next_row >= model.rowCount() and model.canFetchMore():
            model.fetchMore()
        if next_row < model.rowCount():
            self.editor.open_household(model.row_at(next_row).id)

    def _show_editor(self) -> None:
        self.editor.show()
        self.editor.raise_()
        self.editor.activateWindow()

    def _after_save(self, ruta_id: int) -> None:
        self.accounts.editor_clean()
        if not self.window.model.refresh_row(ruta_id):
            self.window.model.reload()
        self._refresh_lists()

    def data_changed(self) -> None:
        """Many households may have changed (an import, a NIK fixed from a list): read the
        list and the open worklists again."""
        self.window.model.reload()
        self._refresh_lists()

    def _refresh_lists(self) -> None:
        self.window.dashboard.refresh()
        if self.sync_dock.isVisible():
            self.sync.refresh()
        if self.dock.isVisible():
            self.worklist.refresh()
        if self.nik_dock.isVisible():
            self.nik_issues.refresh()
        if self.usulan_dock.isVisible():
            self.usulan.refresh()

    def _show_usulan(self) -> None:
        self.usulan_dock.show()
        self.usulan_dock.raise_()
        self.window.raise_()
        self.window.activateWindow()

    def _reload_clean_editor(self) -> None:
        """The pending-proposals line of an open household follows the Usulan list."""
        if self.editor.isVisible() and self.editor.ruta_id and not self.editor.is_dirty():
            self.editor.reload()

    def musdes_menu_action(self) -> QAction:
        """The "MusDes" menu (between View and Help): the deliberation wizard."""
        menu = QMenu(QCoreApplication.translate("Desk", "Mus&Des"), self.window)
        menu.addAction(self.musdes_action)
        self.musdes_menu = menu
        return menu.menuAction()

    def show_musdes(self) -> None:
        wizard = run_musdes_wizard(self.window, self.ctx.sessions, self.runner,
                                   self.accounts.author, normalise_lang(self.lang),
                                   paths=self.ctx.paths)
        wizard.finalised.connect(lambda _meeting_id: self.data_changed())
        self.help.install_f1(wizard, lambda: ("musdes", "wizard"))

    def _duplicates_toggled(self, visible: bool) -> None:
        # The first look starts the search (seconds at 50,000 people); later ones show the
        # last result until the operator presses F5.
        if visible and self.duplicates.result is None and not self.duplicates.busy:
            self.duplicates.start()

    def _worklist_toggled(self, visible: bool) -> None:
        if visible:
            self.worklist.refresh()

    # --- dialogs ---------------------------------------------------------------------------

    def show_settings(self) -> None:
        location = self.location
        default_home = location.default_home if location else self.ctx.paths.home
        dialog = SettingsDialog(self.settings, self.ctx.paths.home, default_home=default_home,
                                home_from_env=bool(location and location.source == "env"),
                                parent=self.window)
        if dialog.exec():
            self.accounts.settings_changed()

    def show_import(self) -> None:
        run_bnba_import(self.window, self.ctx, self.runner, self.accounts.author,
                        normalise_lang(self.lang), on_imported=lambda _result: self.data_changed())

    def show_nik_import(self) -> None:
        self.nik_dock.show()
        self.nik_dock.raise_()
        self.nik_issues.import_file()

    def show_reports(self) -> None:
        run_report_dialog(self.window, self.ctx.reader, self.runner, self.lang)

    def show_audit_trail(self) -> None:
        open_audit_trail(self.window, self.ctx.sessions, self.runner, self.lang)

    def show_backups(self) -> None:
        run_backup_dialog(self.window, self.ctx, self.runner, self.lang,
                          close_storage=self.close_storage,
                          after_restore=self._after_restore, author=self.accounts.author)

    def close_storage(self) -> None:
        """Everything that holds the database lets go before a restore or the set-up of the
        real village replaces the file."""
        self.sync.auto.stop()
        self.editor.close()
        self.runner.wait_for_done()
        self.ctx.close()

    def _after_restore(self, result: Any) -> None:
        if result is None:  # refused: the data are as they were; the context reconnects
            self.data_changed()
            return
        request_restart()  # opens (and if older, upgrades) the restored data

    def show_export(self, what: str | None = None) -> None:
        run_export_dialog(self.window, self.ctx, self.runner, self.lang, what)

    def show_about(self) -> None:
        settings_file = self.location.settings_file if self.location else None
        AboutDialog.for_context(self.ctx, self.log_path, settings_file=settings_file,
                                parent=self.window).exec()
