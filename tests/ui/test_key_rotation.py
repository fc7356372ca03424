"""The users page offers a new database key right after a user is disabled."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.errors import DatabaseRefused
from psyroom.installation import Installation
from psyroom.security.keyslots import PASSWORD, KeySlotFile
from psyroom.session import Session
from psyroom.storage.database import Database
from ui.pages.users import UsersPage
from ui.qt import QApplication, QMessageBox

from .conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD
from .test_main_window import make_window

pytestmark = pytest.mark.gui


def visible_boxes() -> list[QMessageBox]:
    tops = QApplication.topLevelWidgets()
    found = [w for w in tops if isinstance(w, QMessageBox)]
    found += [c for t in tops for c in t.findChildren(QMessageBox) if c not in found]
    return [b for b in found if b.isVisible()]


def visible_box(words: str = "") -> QMessageBox | None:
    return next((b for b in visible_boxes() if words in b.text()), None)


def click_yes_on(qtbot: Any, words: str, shot: Path | None = None) -> QMessageBox:
    try:
        qtbot.waitUntil(lambda: visible_box(words) is not None, timeout=30_000)
    except Exception:
        raise AssertionError([b.text() for b in visible_boxes()]) from None
    box = visible_box(words)
    assert box is not None
    if shot is not None:
        box.grab().save(str(shot))
    box.button(QMessageBox.StandardButton.Yes).click()
    return box


def test_disabling_a_user_offers_a_new_key_and_it_works(
        qtbot: Any, installation: Installation, login_as: Callable[[str, str], Session],
        data_dir: Path, tmp_path: Path) -> None:
    stolen = tmp_path / "keyslots-copy.json"
    shutil.copy2(data_dir / "keyslots.json", stolen)
    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = make_window(qtbot, session, installation)
    users = window.page_by_key["users"]
    assert isinstance(users, UsersPage)
    window.nav.setCurrentRow(window.pages.indexOf(users))
    qtbot.waitUntil(lambda: users.table.rowCount() == 2, timeout=10_000)
    row = next(r for r in range(2) if users.table.item(r, 0).text() == WORKER)
    users.table.selectRow(row)
    users.disable_button.click()
    click_yes_on(qtbot, "停用")
    offer = click_yes_on(qtbot, "更换数据库密钥", shot=tmp_path / "offer.png")
    assert "已停用" in offer.text()
    qtbot.waitUntil(lambda: visible_box("已更换") is not None, timeout=60_000)
    old = KeySlotFile.load(stolen)
    slot = old.find(PASSWORD, WORKER)
    assert slot is not None
    key = old.unwrap(slot, WORKER_PASSWORD)
    assert key is not None
    with pytest.raises(DatabaseRefused):
        Database.open(data_dir / "psyroom.db", key)
