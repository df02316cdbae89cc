"""The editor's questions to the operator, behind one small object that tests replace."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Prompts:
    """Message boxes. Tests pass an object with the same two methods that answers at once."""

    def unsaved(self, parent: QWidget, what: str) -> Choice:
        title = QCoreApplication.translate("EditorPrompts", "Unsaved changes")
        text = QCoreApplication.translate(
            "EditorPrompts", "{household} has changes that are not saved yet.").format(
            household=what)
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, parent)
        box.setInformativeText(QCoreApplication.translate("EditorPrompts", "Save them now?"))
        save = box.addButton(QCoreApplication.translate("EditorPrompts", "&Save"),
                             QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(QCoreApplication.translate("EditorPrompts", "&Discard"),
                                QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QCoreApplication.translate("EditorPrompts", "Cancel"),
                               QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return Choice.SAVE
        if clicked is discard:
            return Choice.DISCARD
        return Choice.CANCEL

    def confirm(self, parent: QWidget, title: str, text: str, accept: str) -> bool:
        """A yes/no question; ``accept`` names the action (e.g. "Remove"); No is the default."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, parent)
        yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(QCoreApplication.translate("EditorPrompts", "Cancel"),
                           QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes
