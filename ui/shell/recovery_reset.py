"""Forgotten password: the paper recovery code sets a new password for one account."""

from __future__ import annotations

from psyroom.installation import Installation
from ui.focus import focus_first_empty
from ui.i18n import error_text
from ui.operations import CollectionOp
from ui.password_fields import PasswordFields
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import big_mono_font, message_label


class RecoveryResetDialog(QDialog):
    done_for = Signal(str)  # the user name whose password was set

    def __init__(self, installation: Installation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inst = installation
        self.setWindowTitle(self.tr("Set a new password with the recovery code"))
        self.setMinimumWidth(500)
        intro = QLabel(self.tr(
            "Type the recovery code from the sheet kept at set-up (dashes and spaces do not "
            "matter), the user name, and a new password for that user."
        ))
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("recovery_code")
        self.code.setFont(big_mono_font(13))
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.fields = PasswordFields(self, above=[(self.tr("Recovery code:"), self.code),
                                                  (self.tr("User name:"), self.username)])
        self.message = message_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for edit in (self.code, self.username):
            edit.textChanged.connect(self._update)
        self.fields.changed.connect(self._update)
        self._update()
        order = [self.code, self.username, self.fields.password, self.fields.repeat]
        focus_first_empty(order)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.code.text().strip()) and bool(self.username.text().strip())
            and self.fields.acceptable()
        )

    def _submit(self) -> None:
        code, username, new = self.code.text(), self.username.text().strip(), self.fields.text()
        inst = self._inst
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Checking the code… this takes a few seconds."))
        (
            CollectionOp(
                parent=self,
                op=lambda _ctx: inst.reset_password_with_recovery(
                    recovery_code=code, username=username, new_password=new
                ),
            )
            .success(lambda _r: self._succeeded(username))
            .failure(lambda exc: self.message.setText(error_text(exc)))
            .finally_(lambda: self.buttons.setEnabled(True))
            .run_in_background()
        )

    def _succeeded(self, username: str) -> None:
        self.done_for.emit(username)
        self.accept()
