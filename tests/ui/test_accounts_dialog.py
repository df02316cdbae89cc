"""Berkas → User accounts on a real database: the table model (qtmodeltester), adding an
account (approval by the Kepala Desa or, for the Kepala Desa, their own password again),
resetting an operator's password, disabling/enabling, a new recovery code, changing my
password."""

from __future__ import annotations

import pytest
from account_village import (
    HEAD,
    HEAD_NAME,
    HEAD_PASSWORD,
    OPERATOR,
    OPERATOR_NAME,
    OPERATOR_PASSWORD,
    AccountVillage,
    accounts_template_fixture,  # noqa: F401  (fixtures)
    answer_modal,
    village_fixture,  # noqa: F401
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from siksdesk.domain.accounts import AccountError, AccountRole
from siksdesk.services.accounts import AccountRow, log_in
from siksdesk.ui.account_forms import (
    AddAccountDialog,
    ChangePasswordDialog,
    DisableDialog,
    RecoveryCodeRequest,
    ResetPasswordDialog,
)
from siksdesk.ui.account_parts import RecoveryCodeDialog
from siksdesk.ui.accounts_dialog import (
    LAST_LOGIN,
    MUST_CHANGE,
    NAME,
    ROLE,
    STATUS,
    USERNAME,
    AccountsDialog,
    AccountsModel,
    run_change_password,
)
from siksdesk.ui.tasks import SyncTaskRunner

pytestmark = pytest.mark.usefixtures("qapp")
WRONG = "Nama pengguna atau kata sandi salah."


def _dialog(qtbot: QtBot, village: AccountVillage, current: AccountRow) -> AccountsDialog:
    dialog = AccountsDialog(village.sessions, SyncTaskRunner(), current, "id")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _select(dialog: AccountsDialog, username: str) -> None:
    row = dialog.model.row_of(username)
    assert row is not None
    dialog.table.selectRow(row)


def _texts(dialog: AccountsDialog, username: str) -> list[str]:
    row = dialog.model.row_of(username)
    assert row is not None
    return [dialog.model.index(row, column).data() for column in range(STATUS + 1)]


def test_model_passes_the_model_tester(qtmodeltester: object, village: AccountVillage) -> None:
    model = AccountsModel("id")
    model.set_rows((village.head, village.operator))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(1, ROLE).data() == "Operator"
    assert model.index(0, ROLE).data(Qt.ItemDataRole.UserRole + 1) == "kepala_desa"
    assert model.headerData(LAST_LOGIN, Qt.Orientation.Horizontal) == "Last login"


def test_table_shows_role_last_login_must_change_and_status(
        qtbot: QtBot, village: AccountVillage) -> None:
    log_in(village.sessions, HEAD, HEAD_PASSWORD)
    dialog = _dialog(qtbot, village, village.operator)
    head = _texts(dialog, HEAD)
    assert head[NAME] == HEAD_NAME and head[USERNAME] == HEAD and head[ROLE] == "Kepala Desa"
    assert head[LAST_LOGIN] != "—" and head[STATUS] == "Active" and head[MUST_CHANGE] == ""
    operator = _texts(dialog, OPERATOR)
    assert operator[NAME] == OPERATOR_NAME and operator[LAST_LOGIN] == "—"
    assert not dialog.code_button.isVisible()  # an operator has no recovery code
    _select(dialog, OPERATOR)
    assert dialog.reset_button.isEnabled() and not dialog.disable_button.isEnabled()
    _select(dialog, HEAD)
    assert not dialog.reset_button.isEnabled() and dialog.disable_button.isEnabled()


def test_operator_adds_an_account_with_the_heads_approval(
        qtbot: QtBot, village: AccountVillage) -> None:
    dialog = _dialog(qtbot, village, village.operator)

    def fill(form: AddAccountDialog) -> None:
        box = form.approver_box
        assert box is not None and not box.self_approves
        assert box.picker.isVisible() and box.picker.currentData() == HEAD
        form.display_name.setText("Budi Santoso")
        form.username.setText("Budi")
        form.password.setText("rahasia-budi")
        form.repeat.setText("rahasia-budi")
        box.password.setText(OPERATOR_PASSWORD)  # the operator's own: not an approver's
        form.ok_button.click()
        assert form.isVisible() and form.message.text() == WRONG
        box.password.setText(HEAD_PASSWORD)
        form.ok_button.click()

    seen = answer_modal(AddAccountDialog, fill)
    dialog.add_button.click()
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    assert _texts(dialog, "budi")[ROLE] == "Operator"
    assert "budi" in dialog.message.text()
    assert log_in(village.sessions, "budi", "rahasia-budi").display_name == "Budi Santoso"


def test_head_adds_a_head_and_sees_the_recovery_code_once(
        qtbot: QtBot, village: AccountVillage) -> None:
    form = AddAccountDialog(sessions=village.sessions, runner=SyncTaskRunner(),
                            current=village.head, approvers=[], lang="id")
    qtbot.addWidget(form)
    form.show()
    box = form.approver_box
    assert box is not None and box.self_approves and box.picker.isHidden()
    form.display_name.setText("Ibu Wakil")
    form.username.setText("wakil")
    form.role.setCurrentIndex(form.role.findData(AccountRole.KEPALA_DESA.value))
    form.password.setText("rahasia-wakil")
    form.repeat.setText("rahasia-wakil")
    box.password.setText(HEAD_PASSWORD)
    codes: list[str] = []

    def note(shown: RecoveryCodeDialog) -> None:
        codes.append(shown.code.text())
        shown.noted.setChecked(True)
        shown.ok.click()

    answer_modal(RecoveryCodeDialog, note)
    form.ok_button.click()
    assert form.result() == QDialog.DialogCode.Accepted
    assert len(codes) == 1 and len(codes[0]) == 23 and codes[0].count("-") == 3
    assert village.account("wakil").is_approver


def test_add_account_refusals_stay_in_the_form(qtbot: QtBot, village: AccountVillage) -> None:
    form = AddAccountDialog(sessions=village.sessions, runner=SyncTaskRunner(),
                            current=village.head, approvers=[], lang="id")
    qtbot.addWidget(form)
    form.show()
    form.display_name.setText("Siti Lain")
    form.username.setText(OPERATOR)
    form.password.setText("rahasia-lain")
    form.repeat.setText("rahasia-beda")
    form.ok_button.click()
    assert form.message.text() == AccountError("PASSWORDS_DIFFER").message("id")
    form.repeat.setText("rahasia-lain")
    assert form.approver_box is not None
    form.approver_box.password.setText(HEAD_PASSWORD)
    form.ok_button.click()
    assert form.isVisible() and "sudah dipakai" in form.message.text()


def test_head_resets_an_operator_password(qtbot: QtBot, village: AccountVillage) -> None:
    dialog = _dialog(qtbot, village, village.head)
    _select(dialog, OPERATOR)

    def fill(form: ResetPasswordDialog) -> None:
        assert OPERATOR_NAME in form.intro.text()
        form.password.setText("sementara-3")
        form.repeat.setText("sementara-3")
        assert form.approver_box is not None
        form.approver_box.password.setText(HEAD_PASSWORD)
        qtbot.keyClick(form.approver_box.password, Qt.Key.Key_Return)

    seen = answer_modal(ResetPasswordDialog, fill)
    dialog.reset_button.click()
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    assert _texts(dialog, OPERATOR)[MUST_CHANGE] == "Yes"
    assert village.account(OPERATOR).must_change_password


def test_disable_and_enable(qtbot: QtBot, village: AccountVillage) -> None:
    village.add("budi", "Budi Santoso", AccountRole.OPERATOR, "rahasia-budi")
    dialog = _dialog(qtbot, village, village.head)

    def confirm(form: DisableDialog) -> None:
        assert form.approver_box is not None
        form.approver_box.password.setText(HEAD_PASSWORD)
        form.ok_button.click()

    _select(dialog, "budi")
    answer_modal(DisableDialog, confirm)
    dialog.disable_button.click()
    assert _texts(dialog, "budi")[STATUS] == "Disabled"
    assert village.account("budi").disabled
    assert dialog.selected() is not None and dialog.disable_button.text() == "&Enable…"
    with pytest.raises(AccountError, match="dinonaktifkan"):
        log_in(village.sessions, "budi", "rahasia-budi")

    answer_modal(DisableDialog, confirm)
    dialog.disable_button.click()
    assert _texts(dialog, "budi")[STATUS] == "Active"

    def last_operator(form: DisableDialog) -> None:  # siti stays: the last active operator
        confirm(form)
        assert form.isVisible() and "terakhir" in form.message.text()
        form.reject()

    answer_modal(DisableDialog, confirm)
    dialog.disable_button.click()  # budi again
    _select(dialog, OPERATOR)
    seen = answer_modal(DisableDialog, last_operator)
    dialog.disable_button.click()
    assert seen and not village.account(OPERATOR).disabled


def test_new_recovery_code_for_the_current_head(qtbot: QtBot, village: AccountVillage) -> None:
    dialog = _dialog(qtbot, village, village.head)
    assert dialog.code_button.isVisible()
    codes: list[str] = []

    def note(shown: RecoveryCodeDialog) -> None:
        codes.append(shown.code.text())
        qtbot.keyClick(shown, Qt.Key.Key_Escape)
        assert shown.isVisible()
        qtbot.keyClick(shown.noted, Qt.Key.Key_Space)
        qtbot.keyClick(shown, Qt.Key.Key_Return)

    def fill(form: RecoveryCodeRequest) -> None:
        assert form.approver_box is not None
        form.approver_box.password.setText(HEAD_PASSWORD)
        answer_modal(RecoveryCodeDialog, note)
        form.ok_button.click()

    seen = answer_modal(RecoveryCodeRequest, fill)
    dialog.code_button.click()
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    assert codes and codes[0] != village.head_code


def test_change_my_password(qtbot: QtBot, village: AccountVillage) -> None:
    def fill(form: ChangePasswordDialog) -> None:
        assert form.current_password.isVisible()
        form.current_password.setText("salah-sekali")
        form.password.setText("baru-sekali-1")
        form.repeat.setText("baru-sekali-1")
        form.ok_button.click()
        assert form.isVisible() and form.message.text() == WRONG
        form.current_password.setText(OPERATOR_PASSWORD)
        form.password.setText("pendek")
        form.repeat.setText("pendek")
        form.ok_button.click()
        assert "minimal 8" in form.message.text()
        form.password.setText("baru-sekali-1")
        form.repeat.setText("baru-sekali-1")
        form.ok_button.click()

    answer_modal(ChangePasswordDialog, fill)
    changed = run_change_password(None, village.sessions, SyncTaskRunner(), village.operator,
                                  "id")
    assert changed is not None and changed.username == OPERATOR
    assert log_in(village.sessions, OPERATOR, "baru-sekali-1").username == OPERATOR

    answer_modal(ChangePasswordDialog, lambda form: form.reject())
    assert run_change_password(None, village.sessions, SyncTaskRunner(), village.operator,
                               "id") is None
