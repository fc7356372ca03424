"""The login window. Unlocking runs Argon2 (about half a second), so it runs on the worker."""

from __future__ import annotations

from psyroom.errors import DatabaseRefused
from psyroom.installation import Installation
from psyroom.session import Session
from ui.i18n import error_text
from ui.operations import QueryOp
from ui.qt import (
    QCloseEvent,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPaintEvent,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.restore_dialog import RestoreDialog
from ui.shell.recovery_reset import RecoveryResetDialog
from ui.theme import ERROR_STYLE, Heading, busy_bar, message_label


class LoginWindow(QWidget):
    logged_in = Signal(object)  # Session
    database_refused = Signal(object)  # DatabaseRefused
    first_painted = Signal()
    closed = Signal()  # the person closed the window: the app ends

    def __init__(self, installation: Installation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inst = installation
        self._painted = False
        self._busy = False
        self.setWindowTitle(self.tr("PsyRoom — log in"))
        self.setMinimumWidth(420)

        heading = Heading(self.tr("PsyRoom"), larger_by=8)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub = QLabel(self.tr("Community psychological service records"))
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setObjectName("login")
        self.login_button.setDefault(True)
        self.login_button.setAutoDefault(True)
        self.busy = busy_bar()
        self.busy.setMaximumHeight(8)
        self.message = message_label()
        forgot_text = self.tr("Forgot the password? Use the recovery code")
        self.forgot = QLabel(f'<a href="#">{forgot_text}</a>')
        self.forgot.setObjectName("forgot")
        self.forgot.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.forgot.linkActivated.connect(self.open_recovery_reset)
        # Reached by mouse only: with keyboard focus on it, Enter after a wrong password
        # would open the recovery dialog instead of trying again.
        self.forgot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Every password and the recovery code lost: only a backup brings the data back.
        lost_text = self.tr("Recovery code lost too? Restore from a backup")
        self.restore_link = QLabel(f'<a href="#">{lost_text}</a>')
        self.restore_link.setObjectName("restore_from_login")
        self.restore_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction)
        self.restore_link.linkActivated.connect(self.open_restore)
        self.restore_link.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.restore_dialog: RestoreDialog | None = None

        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(sub)
        layout.addSpacing(16)
        layout.addLayout(form)
        layout.addWidget(self.login_button)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.forgot, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.restore_link, alignment=Qt.AlignmentFlag.AlignRight)

        self.login_button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.username.setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()

    def submit(self) -> None:
        if self._busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.tr("Enter your user name and password."))
            return
        self._set_busy(True)
        self.message.setText("")
        inst = self._inst
        (
            QueryOp(parent=self, op=lambda _ctx: inst.unlock(username, password))
            .success(self._unlocked)
            .failure(self._failed)
            .finally_(lambda: self._set_busy(False))
            .run_in_background()
        )

    def _unlocked(self, session: Session) -> None:
        self.password.clear()
        self.logged_in.emit(session)

    def _failed(self, exc: BaseException) -> None:
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, DatabaseRefused):
            self.database_refused.emit(exc)
            return
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_text(exc))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.username, self.password, self.login_button):
            widget.setEnabled(not busy)
        if not busy:
            # The fields were disabled while checking, so focus left them; put it back on
            # the first one to fill in.
            (self.password if self.username.text().strip() else self.username).setFocus()

    def open_recovery_reset(self) -> None:
        dialog = RecoveryResetDialog(self._inst, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done_for.connect(self._after_reset)
        dialog.open()

    def open_restore(self) -> None:
        """Nobody is logged in here, so nothing needs closing before the swap."""
        dialog = RestoreDialog(self._inst, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._after_restore)
        dialog.destroyed.connect(lambda: setattr(self, "restore_dialog", None))
        self.restore_dialog = dialog
        dialog.open()

    def _after_restore(self) -> None:
        self.username.clear()
        self.username.setFocus()
        self.message.setStyleSheet("color: #1b7f3b;")
        self.message.setText(self.tr("The backup was restored. Log in with an account of the "
                                     "backup."))

    def _after_reset(self, username: str) -> None:
        self.username.setText(username)
        self.password.setFocus()
        self.message.setStyleSheet("color: #1b7f3b;")
        self.message.setText(self.tr("The password was changed. Log in with the new one."))
