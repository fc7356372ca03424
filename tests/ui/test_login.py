"""The login window against a real installation: messages, lockout, forced password change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.errors import AccountLocked, LoginFailed
from psyroom.installation import Installation
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, WORKER
from ui.controller import AppController
from ui.main_window import MainWindow
from ui.qt import Qt
from ui.shell.change_password import ChangePasswordDialog
from ui.shell.login import LoginWindow

pytestmark = pytest.mark.gui


def attempt(qtbot: Any, login: LoginWindow, name: str, password: str) -> str:
    login.message.clear()
    login.username.setText(name)
    login.password.setText(password)
    qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(login.message.text()), timeout=30_000)
    return login.message.text()


def test_wrong_password_says_so_and_five_lock_the_account(
        qtbot: Any, installation: Installation) -> None:
    login = LoginWindow(installation)
    qtbot.addWidget(login)
    login.show()
    for tries in (4, 3, 2, 1):
        failed = LoginFailed("login_failed_tries", tries=tries, minutes=5).message("zh_CN")
        assert attempt(qtbot, login, ADMIN, "Wrong-2024-pw") == failed
        assert f"再输错 {tries} 次" in failed
        assert login.password.text() == ""  # never left in the field
        # Focus is back in the password box, so the next Enter tries again and never
        # opens "forgot the password".
        qtbot.waitUntil(lambda: login.focusWidget() is login.password)
    assert attempt(qtbot, login, ADMIN, "Wrong-2024-pw") == AccountLocked(minutes=5).message(
        "zh_CN")
    # Locked means locked: even the right password is refused now.
    with qtbot.assertNotEmitted(login.logged_in, wait=0):
        text = attempt(qtbot, login, ADMIN, ADMIN_PASSWORD)
    assert "锁定" in text


def test_empty_fields_ask_for_input_without_calling_the_core(
        qtbot: Any, installation: Installation) -> None:
    login = LoginWindow(installation)
    qtbot.addWidget(login)
    login.submit()
    assert "用户名" in login.message.text()


def test_right_password_logs_in(qtbot: Any, installation: Installation,
                                in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    login = LoginWindow(installation)
    qtbot.addWidget(login)
    login.username.setText(ADMIN)
    login.password.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(login.logged_in, timeout=30_000) as signal:
        login.submit()
    session = signal.args[0]
    assert session.user.username == ADMIN
    in_worker(session.close)


def test_forced_password_change_comes_before_the_main_window(
        qtbot: Any, installation: Installation,
        in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    def force() -> None:
        admin = installation.unlock(ADMIN, ADMIN_PASSWORD)
        admin.reset_user_password(WORKER, "Temp-2024-pw")
        admin.close()

    in_worker(force)
    controller = AppController(installation, idle_ms=3_600_000)
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.window, LoginWindow), timeout=10_000)
    login = controller.window
    assert isinstance(login, LoginWindow)
    login.username.setText(WORKER)
    login.password.setText("Temp-2024-pw")
    login.submit()
    qtbot.waitUntil(lambda: isinstance(controller.window, ChangePasswordDialog), timeout=30_000)
    dialog = controller.window
    assert isinstance(dialog, ChangePasswordDialog)
    dialog.old.setText("Temp-2024-pw")
    dialog.fields.password.setText("Mine-2024-pw")
    dialog.fields.repeat.setText("Mine-2024-pw")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow), timeout=30_000)
    window = controller.window
    assert isinstance(window, MainWindow)
    window.end_session("")
    qtbot.waitUntil(lambda: isinstance(controller.window, LoginWindow), timeout=10_000)
    # The new password is the one that works now.
    session = in_worker(lambda: installation.unlock(WORKER, "Mine-2024-pw"))
    in_worker(session.close)
    controller.window.close() if controller.window else None
