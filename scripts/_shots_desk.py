"""The operator's desk for ``scripts/screenshots.py``: list, search, worklist, household editor
(NIK problem, housing, an invalid NIK being typed), settings and About.

Everything runs on a ``SyncTaskRunner``, so each load has finished when its call returns; the
screenshot helper only processes the pending paint and layout events before grabbing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from siksdesk.app import AppContext
from siksdesk.db.session import read_session
from siksdesk.ui.about_dialog import AboutDialog
from siksdesk.ui.desk import Desk
from siksdesk.ui.launch import open_desk, open_main_window
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.settings import SettingsDialog
from siksdesk.ui.tasks import SyncTaskRunner

Save = Callable[[QWidget, str], object]
MAIN_SIZE = (1280, 800)
EDITOR_SIZE = (1280, 860)
WORKLIST_HEIGHT = 400  # the dock's share of the 800 px window
# The NIK problems worth showing in the editor, best first (a record cross-check shows both the
# field's warning and the panel's reading of the digits).
NIK_CODES = ("NIK_SEX_MISMATCH", "NIK_BIRTHDATE_MISMATCH", "NIK_SERIAL_ZERO")
BAD_MONTH = "13"


@dataclass(frozen=True, slots=True)
class Record:
    ruta_id: int
    art_id: int
    code: str


def nik_problem_record(ctx: AppContext) -> Record:
    """A member with a NIK problem, in a household of 3-6 members if there is one."""
    sql = text(
        "SELECT p.ruta_id, p.art_id, p.code, h.jumlah_art FROM record_problem p "
        "JOIN household_index h ON h.ruta_id = p.ruta_id "
        "WHERE p.code = :code AND p.art_id IS NOT NULL ORDER BY p.ruta_id")
    with read_session(ctx.sessions) as session:
        for code in NIK_CODES:
            rows = session.execute(sql, {"code": code}).all()
            if rows:
                best = next((r for r in rows if 3 <= r.jumlah_art <= 6), rows[0])
                return Record(best.ruta_id, best.art_id, best.code)
    raise SystemExit(f"the demo village has none of {', '.join(NIK_CODES)}")


def search_fragment(window: MainWindow) -> str:
    """Part of a name (4 letters) that finds a handful of households with problems."""
    filters = window.filters
    filters.problems.setChecked(True)  # runs the query at once (synchronous runner)
    model = window.model
    model.fetch_all()
    heads = [model.row_at(row).nama_krt for row in range(min(model.rowCount(), 40))]
    best, best_score = "", float("-inf")
    for fragment in dict.fromkeys(w[:4] for name in heads for w in name.split() if len(w) >= 4):
        filters.search.setText(fragment)
        filters.flush()
        score = model.total if 2 <= model.total <= 12 else -model.total
        if score > best_score:
            best, best_score = fragment, score
        if model.total >= 4 and score > 0:
            break
    return best


def desk_screens(ctx: AppContext, lang: str, save: Save) -> None:
    window = open_main_window(ctx, SyncTaskRunner(), lang=lang, log_path=None)
    window.resize(*MAIN_SIZE)
    desk = open_desk(window, ctx, SyncTaskRunner(), lang=lang, log_path=None, location=None)
    window.activateWindow()
    save(window, "01_list")

    record = nik_problem_record(ctx)
    show_worklist(desk, record)
    save(window, "03_worklist")
    desk.worklist_action.trigger()  # hidden again

    # After the worklist: a search box just cleared still fades its clear button out.
    fragment = search_fragment(window)
    window.filters.search.setText(fragment)
    window.filters.flush()
    window.table.setFocus()
    save(window, "02_list_search_problems")

    editor_screens(desk, record, save)

    settings = SettingsDialog(desk.settings, ctx.paths.home, default_home=ctx.paths.home,
                              parent=window)
    settings.show()
    save(settings, "07_settings")
    about = AboutDialog.for_context(ctx, ctx.paths.logs / "siksdesk.log",
                                    settings_file=ctx.paths.settings, parent=window)
    about.show()
    save(about, "08_about")
    for widget in (settings, about, desk.editor, window):
        widget.close()
        widget.deleteLater()
    QCoreApplication.processEvents()


def show_worklist(desk: Desk, record: Record) -> None:
    """The "Data problems" dock with the record's kind selected and the record's row current."""
    desk.worklist_action.trigger()
    desk.window.resizeDocks([desk.dock], [WORKLIST_HEIGHT], Qt.Orientation.Vertical)
    worklist = desk.worklist
    worklist.select_kind(record.code)
    model = worklist.model
    while model.canFetchMore():
        model.fetchMore()
    for row in range(model.rowCount()):
        if model.item_at(row).art_id == record.art_id:
            worklist.table.setCurrentIndex(model.index(row, 0))
            break
    worklist.table.setFocus()


def editor_screens(desk: Desk, record: Record, save: Save) -> None:
    editor = desk.editor
    editor.resize(*EDITOR_SIZE)
    desk.open_record(record.ruta_id, "nik", record.art_id, None)  # as Enter in the worklist
    editor.activateWindow()
    QTest.qWaitForWindowActive(editor, 500)
    editor.members.form.nik_field.setFocus()
    save(editor, "04_editor_nik_problem")

    editor.tabs.setCurrentWidget(editor.sections.scrolls[0])  # housing (perumahan)
    save(editor, "05_editor_housing")

    editor.tabs.setCurrentIndex(0)
    field = editor.members.form.nik_field
    nik = field.value() or "3522015708450001"
    field.line_edit.setFocus()
    field.line_edit.selectAll()
    QTest.keyClicks(field.line_edit, nik[:8] + BAD_MONTH + nik[10:])
    save(editor, "06_editor_invalid_nik")
    editor.save()  # refused: the banner says why, the cursor goes back to the NIK
    save(editor, "06b_editor_save_refused")
    editor.revert()
