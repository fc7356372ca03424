"""The first-run wizard, driven as a person would, on a real encrypted data folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation, InstallStatus
from ui.controller import AppController
from ui.main_window import MainWindow
from ui.qt import QPushButton, Qt, QWizard
from ui.shell.wizard import FirstRunWizard

pytestmark = pytest.mark.gui

PASSWORD = "Hexi-2024-pw"


def click(qtbot: Any, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_wizard_sets_up_the_site_and_opens_the_main_window(qtbot: Any, data_dir: Path) -> None:
    controller = AppController(Installation(data_dir), idle_ms=3_600_000)
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.window, FirstRunWizard), timeout=10_000)
    wizard = controller.window
    assert isinstance(wizard, FirstRunWizard)
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    # Page 1: a room.
    assert wizard.kind_page.room.isChecked()
    click(qtbot, next_button)

    # Page 2: site code, name, kind. Next stays off until code and name are there.
    assert wizard.currentPage() is wizard.site_page
    assert not next_button.isEnabled()
    site = wizard.site_page
    qtbot.waitUntil(lambda: site.focusWidget() is site.code)  # its first empty field
    qtbot.keyClicks(site.code, "hx-001")
    # What is typed is shown back as it will be saved (the office's codes are upper case).
    assert site.code_shown.text() == "将保存为：HX-001"
    qtbot.keyClick(site.code, Qt.Key.Key_Tab)
    assert site.focusWidget() is site.name  # Tab goes top to bottom
    site.name.insert("河西村心理服务室")  # as an input method commits it
    wizard.site_page.type.setCurrentIndex(wizard.site_page.type.findData("community"))
    click(qtbot, next_button)

    # Page 3: the admin. A weak password keeps "Create" off and says which rule fails.
    page = wizard.admin_page
    assert wizard.currentPage() is page
    create = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: page.focusWidget() is page.username)
    qtbot.keyClicks(page.username, "wangfang")
    qtbot.keyClick(page.username, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.fields.password
    qtbot.keyClicks(page.fields.password, "hexihexi")
    qtbot.keyClicks(page.fields.repeat, "hexihexi")
    assert not create.isEnabled()
    kinds_hint = page.fields._rule_labels["too_few_kinds"].text()
    assert kinds_hint.startswith("•") and "三类" in kinds_hint
    page.fields.password.clear()
    page.fields.repeat.clear()
    qtbot.keyClicks(page.fields.password, PASSWORD)
    qtbot.keyClicks(page.fields.repeat, PASSWORD)
    click(qtbot, create)

    # initialise() runs on the worker; the wizard moves on by itself when it is done.
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.language_page, timeout=30_000)
    assert (data_dir / "psyroom.db").exists()
    wizard.language_page.chinese.setChecked(True)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))

    # Last page: the code is shown; Finish waits for the right group to be typed back.
    rec = wizard.recovery_page
    assert wizard.currentPage() is rec
    code = rec.code_label.text()
    groups = code.split("-")
    assert len(groups) == 5 and all(len(g) == 5 for g in groups)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    wrong = next(g for i, g in enumerate(groups) if g != groups[rec.group_index]) \
        if len(set(groups)) > 1 else "XXXXX"
    qtbot.keyClicks(rec.retype, wrong)
    assert not finish.isEnabled()
    rec.retype.clear()
    qtbot.keyClicks(rec.retype, groups[rec.group_index].lower())  # as typed from paper
    assert finish.isEnabled()
    click(qtbot, finish)

    # Straight into the main window, logged in, site and user in the status bar.
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow), timeout=10_000)
    window = controller.window
    assert isinstance(window, MainWindow)
    assert "河西村心理服务室" in window.site_label.text()
    assert "HX-001" in window.site_label.text()
    assert "wangfang" in window.user_label.text() and "管理员" in window.user_label.text()
    assert "users" in window.page_by_key
    settings = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert settings["language"] == "zh_CN"
    assert Installation(data_dir).status() is InstallStatus.READY

    # The code shown is a working recovery code (checked by the core, not by the UI).
    window.end_session("")
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=10_000)
    Installation(data_dir).reset_password_with_recovery(
        recovery_code=code, username="wangfang", new_password="Another-2024-pw")


def test_wizard_cannot_be_closed_once_the_database_exists(qtbot: Any, data_dir: Path) -> None:
    """Closing before the code was confirmed would lose the only copy of the recovery code."""
    wizard = FirstRunWizard(Installation(data_dir))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.site_page.code.setText("HX-002")
    wizard.site_page.name.setText("测试室")
    wizard.next()
    wizard.admin_page.username.setText("admin")
    wizard.admin_page.fields.password.setText(PASSWORD)
    wizard.admin_page.fields.repeat.setText(PASSWORD)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.admin_page.result is not None, timeout=30_000)
    wizard.reject()
    assert wizard.isVisible()
    result = wizard.admin_page.result
    assert result is not None
    result.session.close()


def test_recovery_sheet_paints_the_code(qtbot: Any) -> None:
    """The print layout, painted on an image (the app itself only ever prints to paper)."""
    from ui.qt import QColor, QImage, QRect
    from ui.shell.recovery_print import paint_recovery_sheet

    image = QImage(800, 1100, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    paint_recovery_sheet(image, QRect(0, 0, 800, 1100), "ABCDE-FGHJK-MNPQR-STUVW-XYZ23", "河西村")
    dark = sum(1 for y in range(0, 1100, 4) for x in range(0, 800, 4)
               if QColor(image.pixel(x, y)).lightness() < 128)
    assert dark > 200
