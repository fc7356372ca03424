"""Fixtures for the desktop UI tests: a real Qt app (offscreen) over real encrypted data."""

from __future__ import annotations

import os

# Before anything imports Qt: no display here, and the quick Argon2 profile for speed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PSYROOM_KDF_PROFILE", "fast")

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from psyroom.installation import Installation
from psyroom.security.roles import Role
from psyroom.session import Session
from ui.garbage import collect_on_ui_thread
from ui.i18n import install_language
from ui.qt import QApplication
from ui.screen_fit import install_screen_fit
from ui.theme import load_bundled_font
from ui.worker import Job, db_worker, stop_worker

ADMIN = "wangfang"
ADMIN_PASSWORD = "Hexi-2024-pw"
WORKER = "lisi"
WORKER_PASSWORD = "Lisi-2024-pw"


@pytest.fixture(scope="session", autouse=True)
def _ui_environment(qapp: QApplication) -> Iterator[None]:
    qapp.setQuitOnLastWindowClosed(False)
    load_bundled_font()
    install_screen_fit(qapp)
    collect_on_ui_thread()
    install_language("zh_CN")
    yield
    stop_worker()


@pytest.fixture
def in_worker(qtbot: Any) -> Callable[[Callable[[], Any]], Any]:
    """Run a core call on the UI's database worker (as the app does) and wait for it."""

    def run(fn: Callable[[], Any]) -> Any:
        box: dict[str, Job] = {}
        job = Job(fn=lambda _job: fn(), on_done=lambda j: box.setdefault("done", j))
        db_worker().submit(job)
        qtbot.waitUntil(lambda: "done" in box, timeout=30_000)
        if job.error is not None:
            raise job.error
        return job.result

    return run


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def installation(data_dir: Path, in_worker: Callable[[Callable[[], Any]], Any]) -> Installation:
    """A set-up room with an admin and a counsellor (who has already chosen a password)."""
    inst = Installation(data_dir)

    def setup() -> None:
        result = inst.initialise(site_kind="room", room_type="village", site_code="HX-001",
                                 site_name="河西村心理服务室", admin_name=ADMIN,
                                 admin_password=ADMIN_PASSWORD)
        result.session.add_user(WORKER, display_name="李四", roles=frozenset({Role.COUNSELLOR}),
                                 password="First-2024-pw")
        result.session.close()
        # The new user changes the first password, as at a real first login.
        worker = inst.unlock(WORKER, "First-2024-pw")
        worker.change_own_password("First-2024-pw", WORKER_PASSWORD)
        worker.close()

    in_worker(setup)
    return inst


@pytest.fixture
def login_as(installation: Installation,
             in_worker: Callable[[Callable[[], Any]], Any]) -> Iterator[Callable[[str, str],
                                                                                  Session]]:
    sessions: list[Session] = []

    def login(name: str, password: str) -> Session:
        session: Session = in_worker(lambda: installation.unlock(name, password))
        sessions.append(session)
        return session

    yield login
    for s in sessions:
        with contextlib.suppress(Exception):  # already closed by the test (logout, restore)
            in_worker(s.close)
