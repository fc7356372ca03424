"""The scale dialog: live total and band, the result in words, and the crisis prompt that a
self-harm answer raises, which cannot be dismissed without an action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.session import Session
from tests.ui.conftest import WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from ui.counselling.crisis_prompt import CrisisPromptDialog
from ui.counselling.scale_dialog import ScaleDialog
from ui.counselling.score_chart import ScaleHistoryDialog
from ui.qt import QApplication, QLabel, Qt, qt_is_valid

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]


def open_scale(qtbot: Any, session: Session, resident: Any, code: str) -> ScaleDialog:
    dialog = ScaleDialog(session, resident, None, scale_code=code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_phq9_scores_live_and_saves_with_its_band(qtbot: Any, login_as: Login,
                                                  in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "周明", gender="male", birth_date="1980-01-01")
    dialog = open_scale(qtbot, session, resident, "phq9")
    assert dialog.items is not None and len(dialog.items.groups) == 9
    assert not dialog.save_button.isEnabled()
    for number in range(1, 9):
        dialog.items.set_answer(number, 1)  # "好几天" = 1 point each
    assert "8/9" in dialog.live.text() and "8 分" in dialog.live.text()
    dialog.items.set_answer(9, 0)
    assert dialog.save_button.isEnabled()
    assert "轻度抑郁症状" in dialog.live.text()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=10_000)
    assert dialog.crisis_id is None
    assert dialog.result_view.total.text() == "8"
    assert dialog.result_view.band.text() == "轻度抑郁症状"
    series = in_worker(lambda: session.assessments.series(resident.id))
    assert [v for _at, v in series["phq9"]] == [8]


def test_zung_result_shows_the_standard_score(qtbot: Any, login_as: Login,
                                              in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "吴芳", gender="female")
    dialog = open_scale(qtbot, session, resident, "sas")
    assert dialog.items is not None
    for number in range(1, 21):
        dialog.items.set_answer(number, 1)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=10_000)
    assert dialog.record is not None and dialog.record.standard_score is not None
    assert dialog.result_view.standard is not None
    assert dialog.result_view.standard.text() == str(dialog.record.standard_score)


def test_crisis_prompt_cannot_be_dismissed_without_an_action(qtbot: Any, login_as: Login,
                                                             in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "陈静", gender="female",
                             birth_date="1995-06-01", tags=frozenset({"women_perinatal"}))
    dialog = open_scale(qtbot, session, resident, "epds")
    assert "推荐" in dialog.picker.currentText()  # EPDS suits a perinatal woman
    assert dialog.items is not None
    for number in range(1, 11):
        dialog.items.set_answer(number, 0)
    # Item 10 ("the thought of harming myself"): its first option scores 3.
    assert dialog.score_result is not None and dialog.score_result.risk_flags
    dialog.save_button.click()
    prompt = dialog.prompt
    assert isinstance(prompt, CrisisPromptDialog)
    qtbot.waitUntil(prompt.isVisible)
    # No close button in the title bar.
    assert not prompt.windowFlags() & Qt.WindowType.WindowCloseButtonHint
    assert "第10题" in prompt.findChildren(QLabel, "risk_prompt")[0].text()
    # Esc, reject() and close() all leave it open while no action is written.
    qtbot.keyClick(prompt, Qt.Key.Key_Escape)
    prompt.reject()
    prompt.close()
    QApplication.processEvents()
    assert prompt.isVisible()
    assert not prompt.save.isEnabled()
    prompt.action.setPlainText("   ")
    assert not prompt.save.isEnabled()
    assert in_worker(lambda: session.assessments.series(resident.id)) == {}

    prompt.quick[1].setChecked(True)
    prompt.action.appendPlainText("丈夫已到场陪同")
    assert prompt.save.isEnabled()
    prompt.save.click()
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=10_000)
    assert not qt_is_valid(prompt) or not prompt.isVisible()
    assert dialog.record is not None
    assert dialog.record.crisis_action is not None
    assert "丈夫已到场陪同" in dialog.record.crisis_action
    assert dialog.crisis_id is not None
    assert dialog.result_view.crisis.isVisible()
    crises = in_worker(lambda: session.crises.for_resident(resident.id))
    assert [c["id"] for c in crises] == [dialog.crisis_id]
    assert crises[0]["status"] == "open"


def test_score_history_chart_gets_each_scale(qtbot: Any, login_as: Login,
                                             in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "郑强")
    for when, answers in (("2025-01-05T09:00", [2] * 8 + [0]), ("2025-03-05T09:00", [1] * 9)):
        in_worker(lambda w=when, a=answers: session.assessments.record(
            resident.id, "phq9", a, administered_at=w, crisis_action="已评估"))
    dialog = ScaleHistoryDialog(session, resident.id, resident.name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.chart.series), timeout=10_000)
    scale, points = dialog.chart.series[0]
    assert scale.code == "phq9" and [v for _at, v in points] == [16, 9]
    assert not dialog.chart.grab().isNull()
