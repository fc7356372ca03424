"""The restore dialog: another installation's backup needs a second, explicit yes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from ui.qt import QMessageBox
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
    assert in_worker(lambda: installation.unlock(ADMIN, ADMIN_PASSWORD).site.code) == "HX-001"
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
