"""The household editor (offscreen, synchronous task runner, no translator: UI words are the
English source strings; problem texts come Indonesian from the domain catalogues)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from siksdesk.app import AppContext
from siksdesk.db.session import read_session
from siksdesk.domain.variables import Entity, variables
from siksdesk.services.household_edit import HouseholdDraft, load_household, save_household
from siksdesk.ui.editor.catalogue_form import CodeField, NumberField
from siksdesk.ui.editor.household_editor import HouseholdEditor
from siksdesk.ui.editor.prompts import Choice
from siksdesk.ui.id_fields import STATE_INVALID, STATE_VALID, STATE_WARNING
from siksdesk.ui.tasks import SyncTaskRunner

BAD_DAY_NIK = "3522143205780001"  # day 32: a hard error


class FakePrompts:
    """Answers the editor's questions at once and remembers them."""

    def __init__(self) -> None:
        self.unsaved_answers: list[Choice] = []
        self.confirm_answer = True
        self.asked: list[str] = []

    def unsaved(self, parent: QWidget, what: str) -> Choice:
        self.asked.append(f"unsaved: {what}")
        return self.unsaved_answers.pop(0) if self.unsaved_answers else Choice.DISCARD

    def confirm(self, parent: QWidget, title: str, text_: str, accept: str) -> bool:
        self.asked.append(f"confirm: {text_}")
        return self.confirm_answer


def _clean_household(ctx: AppContext) -> int:
    """A household with one family, 2+ members and no problem at all."""
    with read_session(ctx.sessions) as session:
        return int(session.execute(text(
            "SELECT h.ruta_id FROM household_index h WHERE h.errors = 0 AND h.warnings = 0 "
            "AND h.jumlah_art >= 2 AND (SELECT count(*) FROM keluarga k "
            "WHERE k.ruta_id = h.ruta_id) = 1 ORDER BY h.ruta_id LIMIT 1")).scalar_one())


def _load(ctx: AppContext, ruta_id: int) -> HouseholdDraft:
    with read_session(ctx.sessions) as session:
        return load_household(session, ruta_id)


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def ruta_id(village_ctx: AppContext) -> int:
    return _clean_household(village_ctx)


@pytest.fixture
def editor(qtbot: QtBot, village_ctx: AppContext, prompts: FakePrompts,
           ruta_id: int) -> HouseholdEditor:
    widget = HouseholdEditor(village_ctx.sessions, SyncTaskRunner(), author="operator-test",
                             lang="id", prompts=prompts)  # type: ignore[arg-type]
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    assert widget.open_household(ruta_id)
    return widget


def _type(qtbot: QtBot, widget: QWidget, text_: str, *, replace: bool = True) -> None:
    widget.setFocus()
    if replace:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text_)


def _choose(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))  # as the operator's pick: signals fire


def test_form_shows_the_loaded_household(editor: HouseholdEditor, village_ctx: AppContext,
                                         ruta_id: int) -> None:
    draft = _load(village_ctx, ruta_id)
    family = draft.families[0]
    assert editor.header.fields["alamat"].value() == draft.alamat
    assert editor.header.fields["hasil_verivali"].value() == draft.values["hasil_verivali"]
    assert editor.header.dusun.currentText() == draft.dusun
    assert editor.members.member_model.rowCount() == len(family.members)
    assert editor.members.kk_field.value() == family.no_kk
    form = editor.members.form
    assert form.nama.text() == family.members[0].nama
    assert form.nik_field.value() == family.members[0].nik
    assert form.nik_field.state() == STATE_VALID
    floor = editor.sections.field("jenis_lantai")
    assert floor is not None and floor.value() == draft.values["jenis_lantai"]
    assert editor.current_draft() == draft and not editor.is_dirty()
    assert editor.tabs.tabText(0) == f"Members ({len(family.members)})"


def test_every_catalogue_variable_has_a_widget(editor: HouseholdEditor) -> None:
    ruta_keys = set(editor.header.fields) | {k for f in editor.sections.forms for k in f.fields}
    assert {v.key for v in variables(Entity.RUTA)} <= ruta_keys
    art_keys = {k for f in editor.members.form.forms for k in f.fields}
    assert art_keys == {v.key for v in variables(Entity.ART)}
    required = editor.sections.forms[0].labels["status_bangunan"]
    assert required.text().endswith("*")
    assert "Sta_bangunan" in required.toolTip()


def test_invalid_nik_refuses_saving_until_kept(qtbot: QtBot, editor: HouseholdEditor,
                                               village_ctx: AppContext, ruta_id: int) -> None:
    before = _load(village_ctx, ruta_id)
    nik = editor.members.form.nik_field
    _type(qtbot, nik.line_edit, BAD_DAY_NIK)
    assert nik.state() == STATE_INVALID
    assert "Tanggal lahir 32 tidak mungkin" in nik.explanation.text()
    assert nik.keep_box.isVisibleTo(editor)
    with qtbot.assertNotEmitted(editor.saved):
        editor.save_button.click()
    assert editor.banner.isVisible() and "NIK" in editor.banner.message()
    assert "Tanggal lahir 32 tidak mungkin" in editor.banner.message()
    assert _load(village_ctx, ruta_id) == before  # nothing written
    assert nik.value() == BAD_DAY_NIK and editor.is_dirty()  # the form as it was
    assert QApplication.focusWidget() is nik.line_edit

    nik.keep_box.click()
    with qtbot.waitSignal(editor.saved) as saved:
        editor.save_button.click()
    assert saved.args == [ruta_id]
    assert _load(village_ctx, ruta_id).families[0].members[0].nik == BAD_DAY_NIK
    assert not editor.is_dirty() and "data problem(s) remain" in editor.banner.message()


def test_fixing_the_nik_clears_the_state_and_saves(qtbot: QtBot, editor: HouseholdEditor,
                                                   village_ctx: AppContext,
                                                   ruta_id: int) -> None:
    nik = editor.members.form.nik_field
    good = nik.value()
    assert good is not None
    _type(qtbot, nik.line_edit, BAD_DAY_NIK)
    editor.save()
    assert editor.banner.kind == "error"
    _type(qtbot, nik.line_edit, good)
    assert nik.state() == STATE_VALID and not nik.explanation.isVisibleTo(editor)
    assert not nik.keep_box.isVisibleTo(editor)
    with qtbot.waitSignal(editor.saved):
        editor.save()
    assert editor.banner.kind == "success"


def test_ctrl_s_saves_and_the_service_reads_it_back(qtbot: QtBot, editor: HouseholdEditor,
                                                    village_ctx: AppContext,
                                                    ruta_id: int) -> None:
    _type(qtbot, editor.header.fields["alamat"].focus_widget, "Jl. Mawar 3")
    floor = editor.sections.field("jenis_lantai")
    assert floor is not None and isinstance(floor.focus_widget, QComboBox)
    new_floor = 2 if floor.value() != 2 else 3
    combo = floor.focus_widget
    _choose(combo, new_floor)
    assert editor.is_dirty() and " * — siksdesk" in editor.windowTitle()
    with qtbot.waitSignal(editor.saved, timeout=2000):
        qtbot.keyClick(editor.header.fields["alamat"].focus_widget, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
    saved = _load(village_ctx, ruta_id)
    assert (saved.alamat, saved.values["jenis_lantai"]) == ("Jl. Mawar 3", new_floor)
    assert not editor.is_dirty() and "*" not in editor.windowTitle()
    with read_session(village_ctx.sessions) as session:
        authors = session.execute(text("SELECT DISTINCT author FROM change_log WHERE "
                                       "ruta_uuid = :u AND author = 'operator-test'"),
                                  {"u": saved.uuid}).scalars().all()
    assert authors == ["operator-test"]


def test_leaving_with_unsaved_changes_asks(qtbot: QtBot, editor: HouseholdEditor,
                                           prompts: FakePrompts, village_ctx: AppContext,
                                           ruta_id: int) -> None:
    _type(qtbot, editor.header.fields["pencacah"].focus_widget, "Siti")
    prompts.unsaved_answers = [Choice.CANCEL]
    qtbot.keyClick(editor.header.fields["pencacah"].focus_widget, Qt.Key.Key_Escape)
    assert editor.isVisible() and editor.is_dirty() and len(prompts.asked) == 1
    assert prompts.asked[-1].startswith("unsaved: Household no.")

    prompts.unsaved_answers = [Choice.SAVE]
    with qtbot.waitSignal(editor.closed):
        editor.close()
    assert not editor.isVisible()
    assert _load(village_ctx, ruta_id).pencacah == "Siti"


def test_discarding_restores_and_next_household_follows(qtbot: QtBot, editor: HouseholdEditor,
                                                        prompts: FakePrompts,
                                                        ruta_id: int) -> None:
    with qtbot.waitSignal(editor.next_household_requested) as clean:
        qtbot.keyClick(editor.members.member_view, Qt.Key.Key_PageDown,
                       Qt.KeyboardModifier.ControlModifier)
    assert clean.args == [ruta_id] and prompts.asked == []
    _type(qtbot, editor.header.fields["pemeriksa"].focus_widget, "Budi")
    prompts.unsaved_answers = [Choice.DISCARD]
    with qtbot.waitSignal(editor.next_household_requested):
        editor.request_next()
    assert not editor.is_dirty() and editor.header.fields["pemeriksa"].value() != "Budi"
    assert prompts.asked == ["unsaved: Household no. " + str(editor._loaded.no_urut)]  # type: ignore[union-attr]


def test_enter_moves_to_the_next_field(qtbot: QtBot, editor: HouseholdEditor) -> None:
    header = editor.header
    header.widget("alamat").setFocus()
    qtbot.keyClick(header.widget("alamat"), Qt.Key.Key_Return)
    assert QApplication.focusWidget() is header.widget("rt")
    header.widget("dusun").setFocus()
    qtbot.keyClick(header.widget("dusun"), Qt.Key.Key_Return)
    assert QApplication.focusWidget() is header.widget("pencacah")
    header.widget("hasil_verivali").setFocus()
    qtbot.keyClick(header.widget("hasil_verivali"), Qt.Key.Key_Enter,
                   Qt.KeyboardModifier.KeypadModifier)
    assert QApplication.focusWidget() is header.widget("tanggal_verivali")
    editor.members.member_view.setFocus()
    qtbot.keyClick(editor.members.member_view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.members.form.nama
    qtbot.keyClick(editor.members.form.nama, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.members.form.nik_field.line_edit
    form = editor.members.form
    for key, following in (("umur", "status_kawin"), ("tanggal_lahir", "tempat_lahir")):
        widget = form.field(key).focus_widget  # type: ignore[union-attr]
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        assert QApplication.focusWidget() is form.field(following).focus_widget  # type: ignore[union-attr]
    assert not editor.is_dirty()  # passing through fields changes nothing


def test_ctrl_n_adds_a_member_that_saves_with_a_temporary_id(
        qtbot: QtBot, editor: HouseholdEditor, village_ctx: AppContext, ruta_id: int) -> None:
    count = editor.members.member_model.rowCount()
    editor.tabs.setCurrentIndex(1)
    qtbot.keyClick(editor.tabs.currentWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.tabs.currentIndex() == 0
    assert editor.members.member_model.rowCount() == count + 1
    assert QApplication.focusWidget() is editor.members.form.nama
    qtbot.keyClicks(editor.members.form.nama, "Bayu")
    assert editor.members.member_model.member(count).nama == "Bayu"
    with qtbot.waitSignal(editor.saved):
        editor.save()
    new = _load(village_ctx, ruta_id).families[0].members[-1]
    assert (new.nama, new.nik, new.values["keberadaan"]) == ("Bayu", None, 5)
    assert new.temp_id is not None and new.temp_id.startswith("SMT-")
    assert editor.members.form.nik_field.is_temp_mode()  # the new member's flag is visible


def test_removing_a_member_asks_first(editor: HouseholdEditor, prompts: FakePrompts) -> None:
    count = editor.members.member_model.rowCount()
    prompts.confirm_answer = False
    editor.members.remove_member()
    assert editor.members.member_model.rowCount() == count and not editor.is_dirty()
    assert "Member presence" in prompts.asked[-1]
    prompts.confirm_answer = True
    editor.members.remove_member()
    assert editor.members.member_model.rowCount() == count - 1 and editor.is_dirty()


def test_nik_follows_sex_and_birth_date_typed_in_the_form(editor: HouseholdEditor) -> None:
    form = editor.members.form
    sex = form.field("jenis_kelamin")
    assert isinstance(sex, CodeField)
    original = sex.value()
    _choose(sex.combo, 2 if original == 1 else 1)
    assert form.nik_field.state() == STATE_WARNING
    assert any(p.code == "NIK_SEX_MISMATCH" for p in form.nik_field.problems())
    _choose(sex.combo, original)
    assert form.nik_field.state() == STATE_VALID
    birth = form.field("tanggal_lahir")
    assert birth is not None
    birth.widget.set_value(date(1901, 1, 1))  # type: ignore[attr-defined]
    birth.widget.dateChanged.emit(birth.widget.date())  # type: ignore[attr-defined]
    assert any(p.code == "NIK_BIRTHDATE_MISMATCH" for p in form.nik_field.problems())


def test_open_field_goes_to_the_tab_member_and_field(editor: HouseholdEditor,
                                                     village_ctx: AppContext,
                                                     ruta_id: int) -> None:
    draft = _load(village_ctx, ruta_id)
    assert editor.open_field("jenis_lantai")
    floor = editor.sections.field("jenis_lantai")
    assert floor is not None and QApplication.focusWidget() is floor.focus_widget
    second = draft.families[0].members[1]
    assert editor.open_field("nik", art_id=second.art_id)
    assert editor.tabs.currentIndex() == 0
    assert editor.members.form.nama.text() == second.nama
    assert QApplication.focusWidget() is editor.members.form.nik_field.line_edit
    assert editor.open_field("penyakit_kronis", art_id=second.art_id)
    assert editor.members.form.tabs.currentIndex() == 1
    assert editor.open_field("no_kk", keluarga_id=draft.families[0].keluarga_id)
    assert QApplication.focusWidget() is editor.members.kk_field.line_edit
    assert not editor.open_field("nik", art_id=-5)


def test_a_conflicting_save_keeps_the_form_and_offers_reload(
        qtbot: QtBot, editor: HouseholdEditor, village_ctx: AppContext, ruta_id: int) -> None:
    elsewhere = _load(village_ctx, ruta_id)
    save_household(village_ctx.sessions, dataclasses.replace(elsewhere, rw="009"),
                   author="other-laptop")
    _type(qtbot, editor.header.fields["alamat"].focus_widget, "Jl. Kenanga")
    with qtbot.assertNotEmitted(editor.saved):
        editor.save()
    assert "diubah di tempat lain" in editor.banner.message()
    assert editor.banner.reload_button.isVisibleTo(editor)
    assert editor.header.fields["alamat"].value() == "Jl. Kenanga"
    editor.banner.reload_button.click()
    assert editor.header.fields["rw"].value() == "009" and not editor.is_dirty()


def test_fields_keep_values_they_cannot_show(qtbot: QtBot) -> None:
    from siksdesk.domain.variables import variable
    from siksdesk.ui.editor.catalogue_form import make_field

    area = make_field(variable(Entity.RUTA, "luas_lantai"), "id")
    area.set_value(36.125)  # the box shows 2 decimals
    assert area.value() == 36.125
    assert isinstance(area, NumberField)
    area.spin.setValue(40)
    assert area.value() == 40.0
    area.spin.set_empty()
    assert area.value() is None
    floor = make_field(variable(Entity.RUTA, "jenis_lantai"), "id")
    floor.set_value(14)  # not in the code list: shown, kept, and left to validation
    assert floor.value() == 14 and "14" in floor.widget.currentText()  # type: ignore[attr-defined]
    floor.set_value(2)
    assert floor.widget.count() == 11  # type: ignore[attr-defined]


def test_saving_runs_off_the_gui_thread_with_the_form_disabled(
        qtbot: QtBot, village_ctx: AppContext, ruta_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from siksdesk.ui.editor import household_editor as module
    from siksdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    editor = HouseholdEditor(village_ctx.sessions, runner, author="op", lang="id",
                             prompts=FakePrompts())  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded):
        editor.open_household(ruta_id)
    threads: list[threading.Thread] = []

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return save_household(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "save_household", spy)
    _type(qtbot, editor.header.fields["rt"].focus_widget, "007")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        assert editor.save()
        assert not editor.body.isEnabled() and not editor.save_button.isEnabled()
    runner.wait_for_done()
    assert threads and threads[0] is not threading.main_thread()
    assert editor.body.isEnabled() and not editor.is_dirty()
    assert _load(village_ctx, ruta_id).rt == "007"


def test_a_new_household_is_created_on_save(qtbot: QtBot, editor: HouseholdEditor,
                                            village_ctx: AppContext) -> None:
    assert editor.new_household()
    assert editor.ruta_id is None and editor.members.member_model.rowCount() == 0
    assert not editor.members.form.isEnabled()
    assert editor.windowTitle().startswith("New household no.")
    _type(qtbot, editor.header.fields["alamat"].focus_widget, "Dsn. Krajan RT 002")
    editor.new_member()
    qtbot.keyClicks(editor.members.form.nama, "Wagiman")
    with qtbot.waitSignal(editor.saved) as saved:
        editor.save()
    created = _load(village_ctx, saved.args[0])
    assert created.alamat == "Dsn. Krajan RT 002"
    assert [m.nama for m in created.families[0].members] == ["Wagiman"]
    assert created.families[0].members[0].values["keberadaan"] == 1
    assert editor.ruta_id == saved.args[0] and editor.windowTitle().startswith("Household no.")
