"""Issue 8 in the app: a foreign backup needs an explicit yes; the admin can replace the
recovery code; the audit view shows the chain head."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from ui.main_window import MainWindow
from ui.qt import QApplication, QMessageBox
from ui.restore_dialog import RestoreDialog

pytestmark = pytest.mark.gui


def other_room_backup(tmp_path: Path, in_worker: Callable[[Callable[[], Any]], Any]) -> Path:
    def work() -> Path:
        other = Installation(tmp_path / "other")
        result = other.initialise(site_kind="room", room_type="village", site_code="NX-02",
                                  site_name="南溪村心理服务室", admin_name=ADMIN,
                                  admin_password=ADMIN_PASSWORD)
        try:
            return result.session.backup(tmp_path / "other.psyroom-backup")
        finally:
            result.session.close()

    path: Path = in_worker(work)
    return path


def test_foreign_backup_asks_then_restores(qtbot: Any, installation: Installation,
                                           tmp_path: Path,
                                           in_worker: Callable[[Callable[[], Any]], Any]
                                           ) -> None:
    backup = other_room_backup(tmp_path, in_worker)
    dialog = RestoreDialog(installation)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.file.setText(str(backup))
    dialog.username.setText(ADMIN)
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.foreign_warning is not None, timeout=30_000)
    assert "另一套安装" in dialog.message.text()
    box = dialog.foreign_warning
    assert box is not None and "另一" in box.text()
    box.grab().save(str(tmp_path / "foreign.png"))
    # Saying no changes nothing.
    box.button(QMessageBox.StandardButton.No).click()
    def site_code() -> str:
        # Closed again at once: an open session holds the folder, which a restore needs alone.
        s = installation.unlock(ADMIN, ADMIN_PASSWORD)
        try:
            return s.site.code
        finally:
            s.close()

    assert in_worker(site_code) == "HX-001"
    dialog.foreign_warning = None
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.foreign_warning is not None, timeout=30_000)
    with qtbot.waitSignal(dialog.restored, timeout=60_000):
        dialog.foreign_warning.button(QMessageBox.StandardButton.Yes).click()

    def restored() -> tuple[str, list[dict[str, Any]]]:
        s = installation.unlock(ADMIN, ADMIN_PASSWORD)
        try:
            return s.site.code, [e.detail for e in s.audit_events() if e.action == "restore"]
        finally:
            s.close()

    code, details = in_worker(restored)
    assert code == "NX-02" and details[0]["foreign"] is True


def make_window(qtbot: Any, session: Session, installation: Installation) -> MainWindow:
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_admin_replaces_the_recovery_code(qtbot: Any, installation: Installation,
                                          login_as: Callable[[str, str], Session],
                                          in_worker: Callable[[Callable[[], Any]], Any],
                                          tmp_path: Path) -> None:
    from ui.pages.users import UsersPage

    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = make_window(qtbot, session, installation)
    page = window.page_by_key["users"]
    assert isinstance(page, UsersPage)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.recovery_button.click()
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.recovery_dialog is not None, timeout=30_000)
    dialog = page.recovery_dialog
    assert dialog is not None
    code = dialog.code_label.text()
    assert len(code) == 29
    dialog.grab().save(str(tmp_path / "new_recovery_code.png"))
    dialog.reject()
    in_worker(session.close)
    # The shown code is the one that works now.
    in_worker(lambda: installation.reset_password_with_recovery(
        recovery_code=code, username=ADMIN, new_password="Brand-new-2026"))


def test_audit_view_shows_the_chain_head(qtbot: Any, installation: Installation,
                                         login_as: Callable[[str, str], Session],
                                         in_worker: Callable[[Callable[[], Any]], Any],
                                         tmp_path: Path) -> None:
    from ui.pages.audit import AuditPage

    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = make_window(qtbot, session, installation)
    page = window.page_by_key["audit"]
    assert isinstance(page, AuditPage)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    qtbot.waitUntil(lambda: "审计链头" in page.head_label.text(), timeout=10_000)
    head = in_worker(session.audit_head)
    page.refresh()
    qtbot.waitUntil(lambda: head.hash in page.head_label.text(), timeout=10_000)
    window.grab().save(str(tmp_path / "audit_head.png"))


def test_every_password_lost_restores_from_the_login_window(
        qtbot: Any, installation: Installation, tmp_path: Path,
        in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    """The admin changed her password after the backup and forgot it; the recovery code was
    replaced and the new sheet lost. From the login window the backup's admin password
    restores, after an explicit yes (issue 8)."""
    from ui.shell.login import LoginWindow

    def prepare() -> Path:
        s = installation.unlock(ADMIN, ADMIN_PASSWORD)
        try:
            backup = s.backup(tmp_path / "room.psyroom-backup")
            s.change_own_password(ADMIN_PASSWORD, "Forgot-it-2026")
            s.new_recovery_code()
            return backup
        finally:
            s.close()

    backup = in_worker(prepare)
    login = LoginWindow(installation)
    qtbot.addWidget(login)
    login.resize(1366, 768)
    login.show()
    assert login.restore_link.text().count("从备份恢复") == 1
    login.open_restore()
    dialog = login.restore_dialog
    assert dialog is not None
    dialog.file.setText(str(backup))
    dialog.username.setText(ADMIN)
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.lost_question is not None, timeout=30_000)
    box = dialog.lost_question
    assert box is not None and "备份中管理员的密码" in box.text()
    assert "打不开" in dialog.message.text()
    box.grab().save(str(tmp_path / "lost.png"))
    dialog.grab().save(str(tmp_path / "lost-dialog.png"))
    # No: nothing changes, the password set since still opens the data.
    box.button(QMessageBox.StandardButton.No).click()
    assert not list((installation.data_dir / "backups").glob("pre-restore-*"))
    dialog.lost_question = None
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.lost_question is not None, timeout=30_000)
    with qtbot.waitSignal(dialog.restored, timeout=60_000):
        dialog.lost_question.button(QMessageBox.StandardButton.Yes).click()
    assert "已从备份恢复" in login.message.text()
    login.grab().save(str(tmp_path / "login-after.png"))

    def restored() -> list[dict[str, Any]]:
        s = installation.unlock(ADMIN, ADMIN_PASSWORD)  # the backup's password again
        try:
            return [e.detail for e in s.audit_events() if e.action == "restore"]
        finally:
            s.close()

    details = in_worker(restored)
    assert details[0]["authorised_by"] == "backup_admin"
    assert details[0]["passwords_lost"] is True
