"""The login dialog on a real database: keyboard flow, wrong password, the growing delay as a
countdown (clock injected), forced password change, training hint, forgotten password."""

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
    training_village_fixture,  # noqa: F401
    village_fixture,  # noqa: F401
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from siksdesk.domain.accounts import DEMO_PASSWORD, AccountError, AccountRole
from siksdesk.services.accounts import log_in, reset_password
from siksdesk.ui.account_forms import ChangePasswordDialog
from siksdesk.ui.account_parts import RecoveryCodeDialog
from siksdesk.ui.login_dialog import LoginDialog, ask_login
from siksdesk.ui.recovery_dialog import RecoveryDialog
from siksdesk.ui.tasks import SyncTaskRunner

pytestmark = pytest.mark.usefixtures("qapp")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _dialog(qtbot: QtBot, village: AccountVillage, *, training: bool = False,
            pick_account: bool = True, clock: FakeClock | None = None) -> LoginDialog:
    dialog = LoginDialog(village.sessions, SyncTaskRunner(), training=training,
                         village_name="Desa Sukamaju", lang="id", pick_account=pick_account,
                         clock=clock or FakeClock())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def _pick(dialog: LoginDialog, username: str) -> None:
    dialog.picker.setCurrentIndex(dialog.picker.findData(username))


def test_picker_keyboard_flow_and_enter_logs_in(qtbot: QtBot, village: AccountVillage) -> None:
    village.add("budi", "Budi Santoso", AccountRole.OPERATOR, "rahasia-budi")
    with village.sessions.begin() as session:  # a disabled account is not offered
        from siksdesk.models import Account

        session.query(Account).filter_by(username="budi").update({"disabled": True})
    dialog = _dialog(qtbot, village)
    items = [dialog.picker.itemText(i) for i in range(dialog.picker.count())]
    assert items == [f"{HEAD_NAME} (Kepala Desa)", f"{OPERATOR_NAME} (Operator)"]
    assert dialog.picking and not dialog.username.isVisible()
    assert not dialog.training_hint.isVisible()
    assert dialog.focusWidget() is dialog.password
    order = [dialog.picker]
    for _ in range(4):
        order.append(order[-1].nextInFocusChain())
        while not order[-1].isVisible() or order[-1].focusPolicy() == Qt.FocusPolicy.NoFocus:
            order[-1] = order[-1].nextInFocusChain()
    assert order == [dialog.picker, dialog.password, dialog.login_button,
                     dialog.cancel_button, dialog.forgot_button]

    _pick(dialog, OPERATOR)
    qtbot.keyClicks(dialog.password, OPERATOR_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.account is not None and dialog.account.username == OPERATOR
    assert dialog.account.last_login_at is not None
    assert dialog.password.text() == ""  # not kept in the widget


def test_escape_cancels(qtbot: QtBot, village: AccountVillage) -> None:
    dialog = _dialog(qtbot, village)
    qtbot.keyClicks(dialog.password, "half typed")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.account is None


def test_ask_login_returns_the_account_or_none(qtbot: QtBot, village: AccountVillage) -> None:
    def type_password(dialog: LoginDialog) -> None:
        _pick(dialog, HEAD)
        qtbot.keyClicks(dialog.password, HEAD_PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Enter)

    answer_modal(LoginDialog, type_password)
    account = ask_login(village.sessions, SyncTaskRunner(), training=False,
                        village_name="Desa Sukamaju")
    assert account is not None and account.username == HEAD and account.is_approver

    answer_modal(LoginDialog, lambda d: qtbot.keyClick(d.password, Qt.Key.Key_Escape))
    assert ask_login(village.sessions, SyncTaskRunner(), training=False,
                     village_name="Desa Sukamaju") is None


def test_wrong_password_says_so_and_stays(qtbot: QtBot, village: AccountVillage) -> None:
    dialog = _dialog(qtbot, village)
    _pick(dialog, OPERATOR)
    qtbot.keyClicks(dialog.password, "salah-sekali")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.account is None
    assert dialog.message.text() == "Nama pengguna atau kata sandi salah."
    assert dialog.password.selectedText() == "salah-sekali"
    assert dialog.login_button.isEnabled()
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)  # empty → asks, no call
    dialog.password.clear()
    dialog.log_in()
    assert "password" in dialog.message.text() or "sandi" in dialog.message.text()


def test_growing_delay_counts_down_with_the_button_disabled(qtbot: QtBot,
                                                            village: AccountVillage) -> None:
    clock = FakeClock()
    dialog = _dialog(qtbot, village, clock=clock)
    _pick(dialog, OPERATOR)
    for _ in range(3):
        dialog.password.setText("salah-sekali")
        dialog.log_in()
    assert dialog.login_button.isEnabled()  # the third failure is answered, not delayed
    dialog.password.setText(OPERATOR_PASSWORD)
    dialog.log_in()  # within the 5 s delay: refused without checking
    assert dialog.account is None and not dialog.login_button.isEnabled()
    assert dialog.gate.countdown.active
    assert "Tunggu 5 detik" in dialog.message.text()
    clock.now += 2.2
    dialog.gate.countdown.timer.timeout.emit()
    assert "Tunggu 3 detik" in dialog.message.text()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # still disabled: nothing happens
    assert dialog.account is None
    clock.now += 3
    dialog.gate.countdown.timer.timeout.emit()
    assert dialog.login_button.isEnabled() and dialog.message.text() == ""
    assert not dialog.gate.countdown.active

    dialog.gate.countdown.start(30)  # another account's delay is not this one's
    _pick(dialog, HEAD)
    assert dialog.login_button.isEnabled() and not dialog.gate.countdown.active


def test_forced_password_change_before_accepting(qtbot: QtBot, village: AccountVillage) -> None:
    reset_password(village.sessions, approver=HEAD, approver_password=HEAD_PASSWORD,
                   username=OPERATOR, new_password="sementara-1")
    dialog = _dialog(qtbot, village)
    _pick(dialog, OPERATOR)

    # Cancelling the change keeps the dialog open, not logged in.
    answer_modal(ChangePasswordDialog, lambda d: d.reject())
    dialog.password.setText("sementara-1")
    dialog.log_in()
    assert dialog.account is None and dialog.isVisible()
    assert dialog.message.text()

    def choose(change: ChangePasswordDialog) -> None:
        assert change.forced and not change.current_password.isVisible()
        assert change.focusWidget() is change.password
        change.password.setText("sementara-1")  # the temporary one again: refused
        change.repeat.setText("sementara-1")
        change.ok_button.click()
        assert change.isVisible() and change.message.text()
        change.password.setText("punyaku-sendiri")
        change.repeat.setText("punyaku-beda")
        change.ok_button.click()
        assert change.message.text() == AccountError("PASSWORDS_DIFFER").message("id")
        change.repeat.setText("punyaku-sendiri")
        qtbot.keyClick(change.repeat, Qt.Key.Key_Return)

    seen = answer_modal(ChangePasswordDialog, choose)
    dialog.password.setText("sementara-1")
    dialog.log_in()
    assert seen and dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.account is not None and not dialog.account.must_change_password
    assert log_in(village.sessions, OPERATOR, "punyaku-sendiri").username == OPERATOR


def test_training_village_hint_and_prefill(qtbot: QtBot,
                                           training_village: AccountVillage) -> None:
    dialog = _dialog(qtbot, training_village, training=True)
    hint = dialog.training_hint
    assert hint.isVisible() and "background" in hint.styleSheet()
    for word in ("operator", "kades", DEMO_PASSWORD):
        assert word in hint.text()
    assert dialog.selected_username() == "operator"
    assert dialog.password.text() == DEMO_PASSWORD
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.account is not None and dialog.account.username == "operator"


def test_typed_username_when_no_picker(qtbot: QtBot, village: AccountVillage) -> None:
    dialog = _dialog(qtbot, village, pick_account=False)
    assert not dialog.picker.isVisible() and dialog.username.isVisible()
    assert dialog.focusWidget() is dialog.username
    qtbot.keyClicks(dialog.username, "  SITI ")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.password
    qtbot.keyClicks(dialog.password, OPERATOR_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.account is not None and dialog.account.username == OPERATOR


def test_unknown_username_answers_like_a_wrong_password(qtbot: QtBot,
                                                        village: AccountVillage) -> None:
    dialog = _dialog(qtbot, village, pick_account=False)
    dialog.username.setText("tidakada")
    dialog.password.setText(OPERATOR_PASSWORD)
    dialog.log_in()
    assert dialog.message.text() == "Nama pengguna atau kata sandi salah."


def test_forgotten_operator_password_reset_by_the_kepala_desa(
        qtbot: QtBot, village: AccountVillage) -> None:
    dialog = _dialog(qtbot, village)
    _pick(dialog, OPERATOR)

    def reset(recovery: RecoveryDialog) -> None:
        assert not recovery.with_code and recovery.head_box.isVisible()
        assert not recovery.code_box.isVisible()
        assert recovery.head_box.picker.currentData() == HEAD
        recovery.head_box.password.setText("bukan-ini")
        recovery.new_password.setText("sementara-2")
        recovery.repeat.setText("sementara-2")
        recovery.save_button.click()
        assert recovery.isVisible()
        assert recovery.message.text() == "Nama pengguna atau kata sandi salah."
        recovery.head_box.password.setText(HEAD_PASSWORD)
        recovery.save_button.click()

    seen = answer_modal(RecoveryDialog, reset)
    dialog.forgot_button.click()
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    assert "sementara" in dialog.message.text() or "temporary" in dialog.message.text()
    assert village.account(OPERATOR).must_change_password


def test_forgotten_head_password_with_the_recovery_code(qtbot: QtBot,
                                                        village: AccountVillage) -> None:
    dialog = _dialog(qtbot, village)
    _pick(dialog, HEAD)
    codes: list[str] = []

    def note_code(shown: RecoveryCodeDialog) -> None:
        codes.append(shown.code.text())
        assert not shown.ok.isEnabled()
        qtbot.keyClick(shown, Qt.Key.Key_Escape)  # not before it is ticked
        assert shown.isVisible()
        shown.noted.setChecked(True)
        shown.ok.click()

    def recover(recovery: RecoveryDialog) -> None:
        assert recovery.with_code and not recovery.head_box.isVisible()
        recovery.code.setText(village.head_code.lower().replace("-", " "))
        recovery.new_password.setText("kades-baru-1")
        recovery.repeat.setText("kades-baru-1")
        answer_modal(RecoveryCodeDialog, note_code)
        recovery.save_button.click()

    seen = answer_modal(RecoveryDialog, recover)
    dialog.forgot_button.click()
    assert seen and codes and codes[0] != village.head_code
    assert log_in(village.sessions, HEAD, "kades-baru-1").username == HEAD


def test_an_answer_after_escape_is_dropped(qtbot: QtBot, village: AccountVillage) -> None:
    """Escape while the password is being checked: the late answer opens nothing."""
    pending: list[tuple[object, object]] = []

    class HeldRunner(SyncTaskRunner):
        def run(self, fn, *, on_result, on_error, on_progress=None, token=None):  # type: ignore[no-untyped-def]
            if getattr(fn, "__name__", "") == "work":
                pending.append((fn, on_result))
                return token
            return super().run(fn, on_result=on_result, on_error=on_error)

    dialog = LoginDialog(village.sessions, HeldRunner(), training=False, village_name="Desa",
                         lang="id")
    qtbot.addWidget(dialog)
    dialog.show()
    _pick(dialog, OPERATOR)
    dialog.password.setText(OPERATOR_PASSWORD)
    dialog.log_in()
    assert len(pending) == 1 and not dialog.login_button.isEnabled()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
    fn, deliver = pending[0]
    deliver(fn(None, None))  # type: ignore[operator]
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.account is None
