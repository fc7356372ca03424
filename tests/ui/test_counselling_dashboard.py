"""The home dashboard lists overdue follow-ups, high-risk residents and open crises; the
activities page lists the month's activities."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from psyroom.crisis.service import CrisisInput
from psyroom.followups.service import FollowupInput
from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from ui.counselling.activities_page import ActivitiesPage
from ui.counselling.activity_form import ActivityDialog
from ui.counselling.crisis_form import CloseCrisisDialog
from ui.counselling.dashboard import DashboardPanel
from ui.main_window import MainWindow
from ui.pages.home import HomePage

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]


def test_dashboard_lists_overdue_followups_and_high_risk(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "赵建国", smd_registered=True, village="河西村")
    long_ago = (date.today() - timedelta(days=120)).isoformat()
    in_worker(lambda: session.followups.record(FollowupInput(
        resident_id=patient.id, followup_date=long_ago, visit_form=2, risk_level=0,
        insight=1, sf_self_care=1, sf_housework=1, sf_work=1, sf_learning=1, sf_social=1,
        side_effects=1)))
    make_resident(in_worker, session, "刘桂芝", risk_level="high", village="东坡村")
    worried = make_resident(in_worker, session, "孙丽")
    crisis_id = in_worker(lambda: session.crises.record(CrisisInput(
        resident_id=worried.id, occurred_at="2025-03-01T10:00", crisis_type="self_harm",
        level="high", actions="陪伴并联系家属")))

    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    home = window.page_by_key["home"]
    assert isinstance(home, HomePage) and home.dashboard is not None
    panel = home.dashboard
    qtbot.waitUntil(lambda: panel.board is not None, timeout=10_000)
    overdue = panel.section_texts("overdue_followups")
    assert len(overdue) == 1 and overdue[0].startswith("赵建国")
    high = panel.section_texts("high_risk")
    assert any(t.startswith("刘桂芝") for t in high)
    assert any(t.startswith("孙丽") and "危机" in t for t in high)
    assert panel.section_texts("open_crises")[0].startswith("孙丽")
    assert not panel.sections["urgent_referrals"].isVisible()  # no urgent referral waits
    assert panel.section_texts("overdue_referrals") == []
    assert panel.tile_values["crisis_events"].text() in ("0", "1")

    # Closing the crisis with a reason takes her off both lists.
    close = CloseCrisisDialog(session, crisis_id, "孙丽", panel)
    qtbot.addWidget(close)
    close.reason.setPlainText("再次评估无风险，转常规随访")
    close.close_button.click()
    qtbot.waitUntil(lambda: not panel.section_texts("open_crises"), timeout=10_000)
    assert not any(t.startswith("孙丽") for t in panel.section_texts("high_risk"))


def test_dashboard_opens_the_archive_from_a_line(qtbot: Any, installation: Installation,
                                                 login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    make_resident(in_worker, session, "刘桂芝", risk_level="high")
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    home = window.page_by_key["home"]
    assert isinstance(home, HomePage) and home.dashboard is not None
    panel: DashboardPanel = home.dashboard
    qtbot.waitUntil(lambda: bool(panel.section_texts("high_risk")), timeout=10_000)
    section = panel.sections["high_risk"]
    section.list.setCurrentRow(0)
    section.list.itemActivated.emit(section.list.item(0))
    if "residents" in window.page_by_key:
        assert window.pages.currentWidget() is window.page_by_key["residents"]


def test_activities_page_lists_the_month(qtbot: Any, installation: Installation,
                                         login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    page = window.page_by_key["activities"]
    assert isinstance(page, ActivitiesPage)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    dialog = ActivityDialog(session, page)
    qtbot.addWidget(dialog)
    # Nothing is wrong before anything was typed: the form opens without a red line.
    assert dialog.problem.text() == "" and dialog.save.isEnabled()
    dialog.save.click()
    assert dialog.problem.text() == "请填写活动主题。"
    dialog.topic.setText("老年人心理健康讲座")
    assert dialog.problem.text() == ""
    dialog.headcount.setValue(30)
    dialog.surveyed_box.setChecked(True)
    dialog.surveyed.setValue(40)
    assert "答卷人数" in dialog.problem.text()  # more answered than took part
    dialog.save.click()
    assert page.table.rowCount() == 0
    dialog.surveyed.setValue(20)
    dialog.passed.setValue(15)
    assert dialog.problem.text() == ""
    dialog.save.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 2).text() == "老年人心理健康讲座"
    assert "75.0%" in page.summary.text()
