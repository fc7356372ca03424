"""Issue 9: nothing recorded by accident, nothing shown to the wrong eyes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.consultations.model import ConsultationInput
from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from ui.counselling.activity_form import ActivityDialog
from ui.counselling.consultation_form import ConsultationDialog
from ui.counselling.crisis_form import CrisisDialog
from ui.main_window import MainWindow
from ui.pages.home import HomePage
from ui.qt import QApplication, QMessageBox, Qt

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]


def _box() -> QMessageBox | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()), None)


def test_opening_and_closing_a_new_consultation_leaves_nothing(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "空白者")
    dialog = ConsultationDialog(session, None, resident=resident, autosave_ms=50)
    dialog.show()  # deletes itself on close
    qtbot.waitExposed(dialog)
    dialog.fields.duration.setValue(dialog.fields.duration.value() + 10)  # not note text
    qtbot.wait(400)
    dialog.close()
    qtbot.wait(300)
    assert in_worker(session.consultations.my_drafts) == []
    rows = in_worker(lambda: session.db.raw.execute(
        "SELECT count(*) FROM consultations").fetchone())
    assert rows[0] == 0


def test_old_empty_drafts_are_not_counted_and_home_shows_no_note_text(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "王秀兰")
    # What an older version left behind on every open-and-close.
    in_worker(lambda: session.consultations.start_draft(ConsultationInput(
        subject_kind="individual", resident_id=resident.id, started_at="2026-11-20T09:00")))
    in_worker(lambda: session.consultations.start_draft(ConsultationInput(
        subject_kind="individual", resident_id=resident.id, started_at="2026-11-21T09:00",
        complaint="丈夫酗酒，夜里不敢回家")))
    assert len(in_worker(session.consultations.my_drafts)) == 1
    assert len(in_worker(lambda: session.residents.timeline(resident.id))) == 2  # 建档 + 1
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    home = window.page_by_key["home"]
    assert isinstance(home, HomePage) and home.dashboard is not None
    panel = home.dashboard
    qtbot.waitUntil(lambda: panel.board is not None and bool(panel.section_texts("drafts")),
                    timeout=10_000)
    assert panel.section_texts("drafts") == ["王秀兰 · 2026-11-21 09:00"]


def test_esc_on_a_form_with_input_asks_before_discarding(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "赵建国")
    dialog = CrisisDialog(session, resident)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: just closes
    assert not dialog.isVisible()

    dialog = CrisisDialog(session, resident)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.taken.setFocus()
    dialog.taken.insertPlainText("陪同到卫生院")
    qtbot.keyClick(dialog.taken, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _box() is not None)
    assert dialog.isVisible()
    box = _box()
    assert box is not None and "丢弃" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert dialog.isVisible() and dialog.taken.toPlainText() == "陪同到卫生院"
    qtbot.keyClick(dialog.taken, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _box() is not None)
    box = _box()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    activity = ActivityDialog(session)
    qtbot.addWidget(activity)
    activity.show()
    activity.topic.setText("讲座")
    qtbot.keyClick(activity.topic, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _box() is not None)
    box = _box()
    assert box is not None
    box.button(QMessageBox.StandardButton.No).click()
    assert activity.isVisible()
