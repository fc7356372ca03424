"""The SMD follow-up form proposes the next date from the condition, says when a visit
opens an action, and the action dialog closes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.session import Session
from tests.ui.conftest import WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from ui.counselling.followup_form import FollowupActionDialog, FollowupDialog
from ui.qt import QDate

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]


def open_form(qtbot: Any, session: Session, resident: Any) -> FollowupDialog:
    dialog = FollowupDialog(session, resident)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_next_date_follows_the_condition(qtbot: Any, login_as: Login,
                                         in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "赵建国", smd_registered=True,
                            smd_diagnosis="精神分裂症")
    dialog = open_form(qtbot, session, patient)
    dialog.visit.setDate(QDate(2025, 1, 31))
    assert dialog.condition.code() == "stable"
    assert dialog.next_date.date() == QDate(2025, 4, 30)  # 3 months, month end kept
    assert not dialog.action_notice.isVisible()

    dialog.condition.set_code("unstable")
    assert dialog.next_date.date() == QDate(2025, 2, 14)  # within 2 weeks
    assert dialog.action_notice.isVisible()
    dialog.condition.set_code("basic")
    assert dialog.next_date.date() == QDate(2025, 2, 14)
    assert not dialog.action_notice.isVisible()
    dialog.condition.set_code("stable")
    assert dialog.next_date.date() == QDate(2025, 4, 30)

    # The counsellor may still pick another date; that is what is saved.
    dialog.next_date.setDate(QDate(2025, 4, 20))
    dialog.save.click()
    qtbot.waitUntil(lambda: bool(in_worker(lambda: session.followups.for_resident(
        patient.id))), timeout=10_000)
    saved = in_worker(lambda: session.followups.for_resident(patient.id))[0]
    assert saved["next_date"] == "2025-04-20" and saved["condition"] == "stable"


def test_risk_level_3_makes_it_unstable_and_opens_an_action(qtbot: Any, login_as: Login,
                                                            in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "钱卫东", smd_registered=True)
    dialog = open_form(qtbot, session, patient)
    texts = [dialog.risk.button(level).text() for level in range(6)]
    assert texts[0] == "0级"
    dialog.risk.button(3).click()
    assert dialog.condition.code() == "unstable"
    assert dialog.action_notice.isVisible()
    assert "首页" in dialog.action_notice.text()
    dialog.save.click()
    qtbot.waitUntil(lambda: bool(in_worker(session.followups.open_actions)), timeout=10_000)
    action = in_worker(session.followups.open_actions)[0]
    assert action["risk_level"] == 3

    record = FollowupActionDialog(session, action["id"], "钱卫东")
    qtbot.addWidget(record)
    record.show()
    record.referral.setPlainText("已转介市精神卫生中心")
    assert not record.save.isEnabled()  # the care team must be told too
    record.care_team.setPlainText("已通知村委会、派出所、家庭医生")
    record.save.click()
    qtbot.waitUntil(lambda: not in_worker(session.followups.open_actions), timeout=10_000)


def test_a_resident_who_is_not_registered_cannot_be_followed_up(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "孙悦")
    dialog = open_form(qtbot, session, resident)
    assert not dialog.save.isEnabled()
