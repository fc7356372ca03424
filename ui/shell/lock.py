"""The lock screen and the idle watcher that brings it up.

Locking does not close anything: the work pages stay alive under the lock widget, so what was
typed is still there after unlocking, while nothing of it is visible.
"""

from __future__ import annotations

from psyroom.errors import PsyroomError
from psyroom.session import Session
from ui.i18n import error_text, language
from ui.operations import QueryOp
from ui.qt import (
    QEvent,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import Heading, busy_bar, message_label

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
})


class IdleWatcher(QObject):
    """Emits ``idle`` after ``interval_ms`` without keyboard or mouse use in any window.

    Installed as an application event filter, so activity in dialogs counts too.
    """

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle)

    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._timer.isActive() and event.type() in _ACTIVITY:
            self._timer.start()  # restart the countdown
        return False


class LockScreen(QWidget):
    """Shows only "Locked", the user's name and a password field."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._busy = False
        heading = Heading(self.tr("Locked"), larger_by=12)
        heading.setObjectName("lock_heading")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.user_label = QLabel()
        self.user_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit()
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.setMinimumWidth(260)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.logout_button = QPushButton(self.tr("Log out"))
        self.logout_button.setObjectName("logout")
        self.logout_button.setFlat(True)
        self.busy = busy_bar()
        self.busy.setMaximumHeight(8)
        self.message = message_label()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.password)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(heading)
        layout.addWidget(self.user_label)
        layout.addSpacing(18)
        layout.addLayout(row)
        layout.addWidget(self.busy, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        layout.addStretch(3)
        layout.addWidget(self.logout_button, alignment=Qt.AlignmentFlag.AlignRight)

        self.unlock_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.logout_button.clicked.connect(self.logout_requested)

    def prepare(self) -> None:
        """Called each time the screen locks."""
        user = self._session.user
        name = user.display_name or user.username
        self.user_label.setText(name if name == user.username else f"{name}（{user.username}）")
        self.password.clear()
        self.message.clear()
        self.password.setFocus()

    def submit(self) -> None:
        password = self.password.text()
        if self._busy or not password:
            return
        self._set_busy(True)
        session = self._session
        (
            QueryOp(parent=self, op=lambda _ctx: (session.check_password(password),
                                                  session.password_tries_left()))
            .success(self._checked)
            .failure(lambda exc: self.message.setText(error_text(exc)))
            .finally_(self._done)
            .run_in_background()
        )

    def _checked(self, result: tuple[bool, tuple[int, int]]) -> None:
        ok, (tries, minutes) = result
        if ok:
            self.message.clear()
            self.unlocked.emit()
        else:
            self.message.setText(PsyroomError("password_wrong_tries", tries=tries,
                                              minutes=minutes).message(language()))

    def _done(self) -> None:
        self._set_busy(False)
        self.password.clear()
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.password.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
