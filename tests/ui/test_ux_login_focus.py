"""Issue 9, login and lock: Tab goes top to bottom and each dialog opens on its first empty
field; the keyring notice is plain; printing without a printer offers a PDF and says why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from ui import printing
from ui.notices import notice_texts
from ui.pages.user_dialogs import AddUserDialog
from ui.qt import QApplication, QMessageBox, QWidget
from ui.shell.change_password import ChangePasswordDialog
from ui.shell.recovery_print import print_recovery_code
from ui.shell.recovery_reset import RecoveryResetDialog

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]
_KEEP: list[QWidget] = []


def _tab_walk(start: QWidget, steps: int) -> list[QWidget]:
    seen = [start]
    w = start
    for _ in range(steps):
        w = w.nextInFocusChain()
        while not (w.focusPolicy().value & 1) or not w.isVisible() or not w.isEnabled():
            w = w.nextInFocusChain()
        seen.append(w)
    return seen


def test_dialogs_tab_top_to_bottom_and_open_on_the_first_empty_field(
        qtbot: Any, installation: Installation, login_as: Login) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    change = ChangePasswordDialog(session)
    qtbot.addWidget(change)
    change.show()
    qtbot.waitExposed(change)
    assert change.focusWidget() is change.old
    assert _tab_walk(change.old, 2) == [change.old, change.fields.password,
                                        change.fields.repeat]

    reset = RecoveryResetDialog(installation)
    qtbot.addWidget(reset)
    reset.show()
    qtbot.waitExposed(reset)
    assert reset.focusWidget() is reset.code
    assert _tab_walk(reset.code, 3) == [reset.code, reset.username, reset.fields.password,
                                        reset.fields.repeat]

    add = AddUserDialog("room")
    qtbot.addWidget(add)
    add.show()
    qtbot.waitExposed(add)
    assert add.focusWidget() is add.username
    assert _tab_walk(add.username, 3) == [add.username, add.display_name,
                                          add.fields.password, add.fields.repeat]


def test_keyring_notice_is_plain_language(qapp: Any) -> None:
    assert notice_texts(["no_keyring"]) == [
        "这台电脑没有系统钥匙串：数据仍由密码保护，只是不能和这台电脑绑定。"]


def test_print_without_a_printer_offers_a_pdf_and_says_why(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "has_printer", lambda: False)
    out = tmp_path / "code.pdf"
    monkeypatch.setattr(printing, "choose_pdf_path", lambda _parent, _name: out)
    parent = QWidget()
    # Kept alive past the test: a parent freed while its closed message box still waits for
    # its deferred delete crashes Qt (in the app, a print's parent is a long-lived page).
    _KEEP.append(parent)
    parent.show()
    print_recovery_code(parent, "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2", "河西村心理服务室")

    def box() -> QMessageBox | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.isVisible()), None)

    qtbot.waitUntil(lambda: box() is not None)
    asked = box()
    assert asked is not None
    assert "没有安装打印机" in asked.text() and "PDF" in asked.text()
    assert "删除" in asked.text()  # the recovery code in a file must not stay there
    asked.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(out.exists)
    qtbot.waitUntil(lambda: box() is not None and "已保存为 PDF" in box().text())
    saved = box()
    assert saved is not None
    saved.close()  # no message box left over for the next test
    parent.hide()
    qtbot.wait(50)
    text = PdfReader(out).pages[0].extract_text()
    assert "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2" in text
