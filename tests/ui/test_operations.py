"""Operations run on the single worker thread, report progress, and cancel the core's work."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.errors import Cancelled
from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from ui.operations import CollectionOp, QueryOp
from ui.qt import QProgressDialog, QPushButton, QWidget
from ui.worker import Job, db_worker

pytestmark = pytest.mark.gui


def test_ops_run_off_the_ui_thread_and_report_back_on_it(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ui_thread = threading.get_ident()
    seen: dict[str, Any] = {}
    QueryOp(parent=parent, op=lambda _ctx: threading.get_ident()).success(
        lambda worker_thread: seen.update(worker=worker_thread, callback=threading.get_ident())
    ).run_in_background()
    qtbot.waitUntil(lambda: "callback" in seen, timeout=5_000)
    assert seen["worker"] != ui_thread and seen["callback"] == ui_thread


def test_failure_reaches_the_failure_callback_not_a_traceback(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[BaseException] = []

    def boom(_ctx: Job) -> None:
        raise ValueError("bug")

    QueryOp(parent=parent, op=boom).failure(errors.append).run_in_background()
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert isinstance(errors[0], ValueError)


def test_cancel_button_cancels_a_real_backup(
        qtbot: Any, installation: Installation, login_as: Callable[[str, str], Session],
        tmp_path: Path) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    # Hold the worker so the Cancel click surely comes before the backup starts.
    release = threading.Event()
    db_worker().submit(Job(fn=lambda _j: release.wait(10), on_done=lambda _j: None))
    errors: list[BaseException] = []
    target = tmp_path / "x.psyroom-backup"
    op = (
        CollectionOp(parent=parent, op=lambda ctx: session.backup(
            target, progress=ctx.progress, cancel=ctx.cancelled))
        .with_progress("备份中", cancellable=True)
        .failure(errors.append)
    )
    op.run_in_background()
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None and dialog.isVisible()
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    cancel.click()
    assert dialog.isVisible() and "取消" in dialog.labelText()  # stays up until the core stops
    release.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert isinstance(errors[0], Cancelled)
    assert not target.exists()
    qtbot.waitUntil(lambda: parent.findChild(QProgressDialog) is None
                    or not parent.findChild(QProgressDialog).isVisible(), timeout=5_000)
