"""Change one's own password (from Settings, or forced after an admin asked for it)."""

from __future__ import annotations

from psyroom.session import Session
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
)
from ui.theme import message_label


class ChangePasswordDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None, *, forced: bool = False
                 ) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(460)

        intro = QLabel(
            self.tr("The administrator asks you to choose a new password before you go on.")
            if forced
            else self.tr("Choose a new password. Only your own key changes; no data is lost.")
        )
        intro.setWordWrap(True)
        self.old = QLineEdit()
        self.old.setObjectName("old_password")
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields = PasswordFields(self, above=[(self.tr("Current password:"), self.old)])
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
        self.fields.changed.connect(self._update)
        self.old.textChanged.connect(self._update)
        self._update()
        focus_first_empty([self.old, self.fields.password, self.fields.repeat])

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.old.text()) and self.fields.acceptable())

    def _submit(self) -> None:
        old, new = self.old.text(), self.fields.text()
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        session = self._session
        (
            CollectionOp(parent=self, op=lambda _ctx: session.change_own_password(old, new))
            .success(lambda _r: self.accept())
            .failure(lambda exc: self.message.setText(error_text(exc)))
            .finally_(lambda: self.buttons.setEnabled(True))
            .run_in_background()
        )
