"""The main window: auto-lock keeps typed input hidden and intact; roles decide the pages;
the backup page writes a real backup file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD
from ui.main_window import MainWindow
from ui.pages.backup import BackupPage
from ui.pages.user_dialogs import AddUserDialog
from ui.pages.users import UsersPage
from ui.qt import QApplication, QLineEdit, Qt

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]


def make_window(qtbot: Any, session: Session, installation: Installation,
                idle_ms: int = 3_600_000) -> MainWindow:
    window = MainWindow(session, installation, installation.load_settings(), idle_ms=idle_ms)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_auto_lock_hides_content_and_keeps_typed_text(
        qtbot: Any, installation: Installation, login_as: Login) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = make_window(qtbot, session, installation, idle_ms=400)
    users = window.page_by_key["users"]
    assert isinstance(users, UsersPage)
    window.nav.setCurrentRow(window.pages.indexOf(users))
    users.add_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, AddUserDialog) and w.isVisible())
    qtbot.keyClicks(dialog.username, "zhaoliu")
    dialog.display_name.insert("赵六")  # as an input method commits it

    # Nobody touches anything: the window locks by itself.
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    assert window.stack.currentWidget() is window.lock_screen
    assert not window.work.isVisible()
    assert not dialog.isVisible()
    assert not window.statusBar().isVisible() and not window.menuBar().isVisible()
    assert "河西村" not in window.windowTitle()
    assert window.lock_screen.user_label.text().startswith(ADMIN)
    # The typed text is still there, only hidden.
    assert dialog.username.text() == "zhaoliu"

    # A wrong password says so and stays locked.
    window.lock_screen.password.setText("Wrong-2024-pw")
    window.lock_screen.submit()
    qtbot.waitUntil(lambda: bool(window.lock_screen.message.text()), timeout=30_000)
    assert "不正确" in window.lock_screen.message.text()
    assert "再输错 4 次" in window.lock_screen.message.text()  # how many tries are left
    assert window.locked

    # The right one brings everything back as it was.
    window.lock_screen.password.setText(ADMIN_PASSWORD)
    window.lock_screen.submit()
    qtbot.waitUntil(lambda: not window.locked, timeout=30_000)
    assert window.work.isVisible() and dialog.isVisible()
    assert dialog.username.text() == "zhaoliu" and dialog.display_name.text() == "赵六"
    assert "河西村" in window.windowTitle()
    dialog.reject()


def test_lock_button_locks_at_once_and_is_audited(
        qtbot: Any, installation: Installation, login_as: Login,
        in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = make_window(qtbot, session, installation)
    settings_page = window.page_by_key["settings"]
    window.nav.setCurrentRow(window.pages.indexOf(settings_page))
    spin_edit = window.page_by_key["settings"].findChild(QLineEdit)
    assert spin_edit is not None
    window.lock_action.trigger()
    assert window.locked and not window.work.isVisible()
    window.lock_screen.password.setText(ADMIN_PASSWORD)
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=30_000)
    actions = [e.action for e in in_worker(lambda: session.audit_events(limit=10))]
    assert "lock" in actions and "unlock" in actions


def test_non_admin_sees_no_user_management(
        qtbot: Any, installation: Installation, login_as: Login) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    window = make_window(qtbot, session, installation)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "用户管理" not in titles and "users" not in window.page_by_key
    assert "审计日志" not in titles  # a counsellor does not read the audit log
    assert "首页" in titles and "设置" in titles and "备份与恢复" in titles
    backup = window.page_by_key["backup"]
    assert isinstance(backup, BackupPage)
    assert not backup.restore_button.isVisibleTo(backup)  # restore is admin-only


def test_admin_sees_user_management(qtbot: Any, installation: Installation,
                                    login_as: Login) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = make_window(qtbot, session, installation)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["首页", "居民档案", "转介", "活动记录", "报表", "用户管理", "审计日志",
                      "U盘数据包",
                      "备份与恢复", "设置"]
    users = window.page_by_key["users"]
    assert isinstance(users, UsersPage)
    window.nav.setCurrentRow(window.pages.indexOf(users))
    qtbot.waitUntil(lambda: users.table.rowCount() == 2, timeout=10_000)


def test_backup_page_makes_a_backup_file(qtbot: Any, installation: Installation,
                                         login_as: Login, tmp_path: Path) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    window = make_window(qtbot, session, installation)
    page = window.page_by_key["backup"]
    assert isinstance(page, BackupPage)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    target = tmp_path / "usb" / "weekly"
    target.parent.mkdir()
    page.back_up_to(target)
    qtbot.waitUntil(lambda: page.last_backup is not None, timeout=60_000)
    assert page.last_backup == target.with_name("weekly.psyroom-backup")
    assert page.last_backup.stat().st_size > 0
    assert "weekly.psyroom-backup" in page.result_label.text()
    # It is a real backup: the core restores from it.
    assert b"SQLite format 3" not in page.last_backup.read_bytes()[:100]


def test_admin_adds_a_user_through_the_dialog(qtbot: Any, installation: Installation,
                                              login_as: Login,
                                              in_worker: Callable[[Callable[[], Any]], Any]
                                              ) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = make_window(qtbot, session, installation)
    users = window.page_by_key["users"]
    assert isinstance(users, UsersPage)
    window.nav.setCurrentRow(window.pages.indexOf(users))
    qtbot.waitUntil(lambda: users.table.rowCount() == 2, timeout=10_000)
    users.add_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, AddUserDialog) and w.isVisible())
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.keyClicks(dialog.username, "zhaoliu")
    dialog.display_name.insert("赵六")
    qtbot.keyClicks(dialog.fields.password, "Zhao-2024-pw")
    qtbot.keyClicks(dialog.fields.repeat, "Zhao-2024-pw")
    assert not ok.isEnabled()  # no role chosen yet
    dialog.roles.boxes[next(r for r in dialog.roles.boxes if r.value == "social_worker")
                       ].setChecked(True)
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: users.table.rowCount() == 3, timeout=30_000)
    names = [users.table.item(r, 0).text() for r in range(3)]
    assert "zhaoliu" in names
    row = names.index("zhaoliu")
    assert users.table.item(row, 2).text() == "社会工作者"
    assert users.table.item(row, 3).text() == "需修改密码"
    listed = in_worker(session.list_users)
    assert any(u.username == "zhaoliu" and u.display_name == "赵六" for u in listed)


def test_verify_button_reports_an_intact_database(qtbot: Any, installation: Installation,
                                                  login_as: Login) -> None:
    from ui.pages.audit import AuditPage

    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = make_window(qtbot, session, installation)
    page = window.page_by_key["audit"]
    assert isinstance(page, AuditPage)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    # The login is listed (the home dashboard's own audited look may come after it).
    actions = [page.model.data(page.model.index(r, 2)) for r in range(page.model.rowCount())]
    assert "登录" in actions
    page.verify_button.click()
    qtbot.waitUntil(lambda: getattr(page, "last_report", None) is not None, timeout=30_000)
    assert page.last_report.ok
    # The check itself is audited, and the list refreshes to show it.
    qtbot.waitUntil(lambda: page.model.rowCount() > 0
                    and page.model.data(page.model.index(0, 2)) == "校验了数据", timeout=10_000)
    # Details are words too, never codes or JSON.
    assert page.model.data(page.model.index(0, 3)) == "未发现问题"


def test_settings_apply_auto_lock_and_text_size_at_once(
        qtbot: Any, installation: Installation, login_as: Login) -> None:
    from ui.pages.settings import SettingsPage

    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = MainWindow(session, installation, installation.load_settings())
    qtbot.addWidget(window)
    page = window.page_by_key["settings"]
    assert isinstance(page, SettingsPage)
    assert window.idle.interval_ms() == 10 * 60_000  # the default
    page.autolock.setValue(3)
    page.font_size.setCurrentIndex(page.font_size.findData(16))
    page.save_button.click()
    qtbot.waitUntil(lambda: page.saved_label.text() != "", timeout=10_000)
    assert window.idle.interval_ms() == 3 * 60_000
    assert QApplication.font().pointSize() == 16
    saved = installation.load_settings()
    assert saved.autolock_minutes == 3 and saved.font_point_size == 16
    page.font_size.setCurrentIndex(0)
    page.save_button.click()
    qtbot.waitUntil(lambda: QApplication.font().pointSize() != 16, timeout=10_000)


def test_restore_from_the_backup_page_ends_the_session(
        qtbot: Any, installation: Installation, login_as: Login, tmp_path: Path) -> None:
    from ui.restore_dialog import RestoreDialog

    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = make_window(qtbot, session, installation)
    page = window.page_by_key["backup"]
    assert isinstance(page, BackupPage)
    page.back_up_to(tmp_path / "before")
    qtbot.waitUntil(lambda: page.last_backup is not None, timeout=60_000)
    assert page.last_backup is not None
    page.restore_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, RestoreDialog) and w.isVisible())
    dialog.file.setText(str(page.last_backup))
    dialog.username.setText(ADMIN)
    dialog.password.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(window.session_ended, timeout=60_000) as ended:
        dialog.restore_button.click()
    assert "已从备份恢复" in ended.args[0]
    # The restored data opens with the backup's password.
    reopened = installation.unlock(ADMIN, ADMIN_PASSWORD)
    assert reopened.user.username == ADMIN
    reopened.close()
