"""Operations run on the single worker thread, report progress, and cancel the core's work."""

from __future__ import annotations

import gc
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
from ui.qt import (
    QLineEdit,
    QProgressDialog,
    QPushButton,
    Qt,
    QTimer,
    QWidget,
)
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


def test_a_dialog_an_op_refers_to_is_destroyed_on_the_ui_thread_never_the_worker(
        qtbot: Any) -> None:
    # The worker keeps its last job in a local while it waits for the next one, so it could
    # hold the last reference to a finished job, and through the job's callbacks to the
    # dialog that started it. A Qt widget destroyed on the worker thread leaves its timers
    # registered on the UI thread: the next timer event meets freed memory and the app dies.
    destroyed_on: list[int] = []

    def start() -> None:
        dialog = QWidget()
        dialog.destroyed.connect(lambda *_: destroyed_on.append(threading.get_ident()),
                                 Qt.ConnectionType.DirectConnection)
        done: list[bool] = []
        QueryOp(parent=dialog, op=lambda _ctx: dialog.objectName()).success(
            lambda _r: done.append(True)).run_in_background()
        qtbot.waitUntil(lambda: bool(done), timeout=5_000)

    start()  # the UI thread's own references are gone when this returns
    gc.collect()
    # The worker now waits with the finished job in hand; the next job makes it let go.
    finished: list[bool] = []
    QueryOp(parent=None, op=lambda _ctx: gc.collect()).success(
        lambda _r: finished.append(True)).run_in_background()
    qtbot.waitUntil(lambda: bool(finished), timeout=5_000)
    gc.collect()
    qtbot.waitUntil(lambda: bool(destroyed_on), timeout=5_000)
    assert destroyed_on == [threading.get_ident()]



def test_the_cycle_collector_never_runs_on_the_worker_thread(qtbot: Any) -> None:
    # A closed dialog caught in a reference cycle is freed by the cycle collector, in
    # whichever thread it runs. On the worker, Qt cannot stop the timers the dialog's widgets
    # registered with the UI thread: "QBasicTimer::stop: Failed", then a crash at the next
    # timer event (seen in the dialog-size test). The worker allocates far more than the UI
    # thread, so it is where an automatic collection would start.
    collections: list[str] = []

    def seen(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(threading.current_thread().name)

    gc.callbacks.append(seen)
    try:
        gc.collect()
        dialog = QWidget()
        dialog.cycle = dialog  # type: ignore[attr-defined]
        QTimer(dialog).start(60_000)
        QLineEdit(dialog)
        destroyed: list[bool] = []
        dialog.destroyed.connect(lambda *_: destroyed.append(True))
        del dialog
        collections.clear()
        finished = threading.Event()
        QueryOp(parent=None, op=lambda _ctx: [[i] for i in range(100_000)] and finished.set()
                ).run_in_background()
        # The UI thread allocates nothing meanwhile, so any collection would be the worker's.
        assert finished.wait(10)
        on_worker = [name for name in collections if name != threading.main_thread().name]
        gc.collect()  # what the UI thread's collector does on its timer
        qtbot.waitUntil(lambda: bool(destroyed), timeout=5_000)
    finally:
        gc.callbacks.remove(seen)
    assert on_worker == []
