"""A missing or refused database leads to the problem dialog and a restore, never to a fresh
database; and the cold-start switch of ``main.py`` reports the login window."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.errors import DatabaseRefused
from psyroom.installation import Installation, InstallStatus
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from ui.controller import AppController
from ui.qt import QApplication
from ui.restore_dialog import RestoreDialog
from ui.shell.login import LoginWindow
from ui.shell.repair import DatabaseProblemDialog

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]


def make_backup(installation: Installation, in_worker: Callable[[Callable[[], Any]], Any],
                target: Path) -> Path:
    def work() -> Path:
        session = installation.unlock(ADMIN, ADMIN_PASSWORD)
        try:
            return session.backup(target)
        finally:
            session.close()

    result: Path = in_worker(work)
    return result


def test_missing_database_offers_restore_and_restores(
        qtbot: Any, installation: Installation, data_dir: Path, tmp_path: Path,
        in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    backup = make_backup(installation, in_worker, tmp_path / "b.psyroom-backup")
    (data_dir / "psyroom.db").unlink()
    controller = AppController(Installation(data_dir), idle_ms=3_600_000)
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.window, DatabaseProblemDialog), timeout=10_000)
    problem = controller.window
    assert isinstance(problem, DatabaseProblemDialog)
    assert DatabaseRefused("database_missing").message("zh_CN") in _texts(problem)
    assert not (data_dir / "psyroom.db").exists()  # nothing was made in its place

    problem.restore_button.click()
    restore = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, RestoreDialog) and w.isVisible())
    restore.file.setText(str(backup))
    restore.username.setText(ADMIN)
    restore.password.setText("Wrong-2024-pw")
    restore.restore_button.click()
    qtbot.waitUntil(lambda: bool(restore.message.text()), timeout=30_000)
    assert not (data_dir / "psyroom.db").exists()

    restore.password.setText(ADMIN_PASSWORD)
    restore.restore_button.click()
    qtbot.waitUntil(lambda: isinstance(controller.window, LoginWindow), timeout=60_000)
    login = controller.window
    assert isinstance(login, LoginWindow)
    assert "恢复" in login.message.text()
    assert Installation(data_dir).status() is InstallStatus.READY
    login.hide()


def test_plain_sqlite_file_is_refused_at_login_and_left_alone(
        qtbot: Any, installation: Installation, data_dir: Path) -> None:
    import sqlite3

    db = data_dir / "psyroom.db"
    db.unlink()
    for sidecar in data_dir.glob("psyroom.db-*"):
        sidecar.unlink()
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    before = db.read_bytes()
    controller = AppController(Installation(data_dir), idle_ms=3_600_000)
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.window, LoginWindow), timeout=10_000)
    login = controller.window
    assert isinstance(login, LoginWindow)
    login.username.setText(ADMIN)
    login.password.setText(ADMIN_PASSWORD)
    login.submit()
    qtbot.waitUntil(lambda: isinstance(controller.window, DatabaseProblemDialog), timeout=30_000)
    problem = controller.window
    assert isinstance(problem, DatabaseProblemDialog)
    assert "备份" in _texts(problem)
    assert db.read_bytes() == before
    problem.hide()


def _texts(widget: Any) -> str:
    from ui.qt import QLabel

    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_cold_start_switch_prints_the_time_and_quits(installation: Installation,
                                                     data_dir: Path) -> None:
    env = {**os.environ, "PSYROOM_EXIT_AFTER_LOGIN_SHOWN": "1", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(REPO / "main.py"), "--data-dir", str(data_dir)],
                          env=env, capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    match = re.search(r"^login-window-shown (\d+\.\d+)$", done.stdout, re.M)
    assert match, done.stdout
    assert 0 < float(match.group(1)) < 30
    assert "Traceback" not in done.stderr
