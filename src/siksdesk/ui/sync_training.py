"""The training village's row on the "Kirim ke Dinas" page: the built-in training Dinas
(``sync.training_district``) instead of a real one, so that a trainee can seal, "send" and get a
receipt back on this laptop alone.

Before enrolment: "Connect to the training Dinas" (makes its keys, imports its profile and
registers this laptop, in one step). Afterwards: "Send to the training Dinas" hands the waiting
bundles over and imports the signed receipts. A real village never sees this row. The actions
run through the page's ``run_long`` (progress dialog, typed errors shown, data reloaded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from siksdesk.sync.training_district import (
    TrainingLink,
    TrainingState,
    connect_training_district,
    send_to_training_district,
    training_state,
)

if TYPE_CHECKING:
    from siksdesk.sync.village_types import SyncEnv
    from siksdesk.ui.sync_view import SyncView

STYLE = ("QWidget#training-dinas { background: #fde2e1; border: 1px solid #c00000; "
         "border-radius: 4px; } QLabel { color: #5a1512; }")


def read_training_state(env: SyncEnv) -> TrainingState:
    """For the page's background read."""
    return training_state(env)


class TrainingDinasRow(QWidget):
    def __init__(self, view: SyncView) -> None:
        super().__init__(view)
        self.view = view
        self.state = TrainingState(False, False, False)
        self.setObjectName("training-dinas")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # paint the style's box
        self.setStyleSheet(STYLE)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.connect_button = QPushButton(QCoreApplication.translate(
            "SyncTraining", "&Connect to the training Dinas"))
        self.connect_button.clicked.connect(self.connect_dinas)
        self.send_button = QPushButton(QCoreApplication.translate(
            "SyncTraining", "Send to the &training Dinas"))
        self.send_button.setToolTip(QCoreApplication.translate(
            "SyncTraining", "Practice: the training Dinas on this laptop receives the bundles "
            "and answers with a signed receipt, as the real Dinas would."))
        self.send_button.clicked.connect(self.send)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.connect_button)
        layout.addWidget(self.send_button)
        self.hide()

    def set_state(self, state: TrainingState) -> None:
        self.state = state
        self.setVisible(state.training)
        if state.linked:
            self.text.setText(QCoreApplication.translate(
                "SyncTraining", "Training village: bundles go to the training Dinas on this "
                "laptop. Nothing reaches the real Dinas."))
        elif state.other_profile:
            self.text.setText(QCoreApplication.translate(
                "SyncTraining", "Training village, linked with the district's training "
                "receiver: send by USB stick or upload as usual."))
        else:
            self.text.setText(QCoreApplication.translate(
                "SyncTraining", "Training village: no real Dinas is needed. Connect to the "
                "training Dinas on this laptop to practise sending."))
        self.update_buttons()

    def update_buttons(self) -> None:
        snapshot = self.view.snapshot
        waiting = bool(snapshot is not None and snapshot.status.unreceipted)
        idle = not self.view.busy
        self.connect_button.setVisible(not self.state.linked and not self.state.other_profile)
        self.connect_button.setEnabled(idle)
        self.send_button.setVisible(self.state.linked)
        self.send_button.setEnabled(idle and waiting)

    # -- actions ------------------------------------------------------------------------------
    def connect_dinas(self) -> None:
        view = self.view
        env, author = view.env, view.author
        view.run_long(QCoreApplication.translate("SyncTraining", "Connecting to the training "
                                                 "Dinas"),
                      lambda _p, _c: connect_training_district(env, author=author),
                      self._connected)

    def _connected(self, link: TrainingLink) -> None:
        self.view.say(QCoreApplication.translate(
            "SyncTraining", "Connected to {district} ({code}). Seal a bundle, then send it to "
            "the training Dinas.").format(district=link.district_name, code=link.district_code))

    def send(self) -> None:
        view = self.view
        env, author = view.env, view.author
        view.run_long(QCoreApplication.translate("SyncTraining", "Sending to the training "
                                                 "Dinas"),
                      lambda p, c: send_to_training_district(env, author=author, progress=p,
                                                             cancelled=c),
                      view._uploaded, changes_data=True)
