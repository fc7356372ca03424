"""Issue 9, the crisis path: the risk shown agrees everywhere, a mis-click on item 9 can be
taken back (audited), a crisis opens for reading, and the scale result reads in Chinese."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.crisis.service import CrisisInput
from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from tests.ui.residents_helpers import open_page, wait_rows
from ui.counselling.crisis_form import CloseCrisisDialog, CrisisDialog
from ui.counselling.crisis_prompt import CrisisPromptDialog
from ui.counselling.crisis_view import CrisisView
from ui.counselling.scale_dialog import ScaleDialog
from ui.pages.home import HomePage
from ui.qt import QApplication, QLabel, QMessageBox, qt_is_valid

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]


def _visible(kind: type) -> Any:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible()), None)


def test_open_crisis_shows_high_in_header_list_and_dashboard(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    person = make_resident(in_worker, session, "危中人")
    in_worker(lambda: session.assessments.record(
        person.id, "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1], crisis_action="陪同并联系家属"))
    window, page = open_page(qtbot, session, installation)
    wait_rows(qtbot, page, lambda: page.model.rowCount() == 1)
    texts = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert "高" in texts and "无" not in texts
    page.open_archive(person.id)
    archive = page.archive
    qtbot.waitUntil(lambda: archive.card is not None, timeout=30_000)
    assert archive.card is not None
    assert archive.card.findChild(QLabel, "archive_risk").text() == "风险：高"
    home = window.page_by_key["home"]
    assert isinstance(home, HomePage) and home.dashboard is not None
    panel = home.dashboard
    panel.refresh()
    qtbot.waitUntil(lambda: panel.board is not None and bool(panel.section_texts("high_risk")),
                    timeout=10_000)
    line = panel.section_texts("high_risk")[0]
    assert "风险：高" in line and "风险：无" not in line
    # Stored as recorded.
    assert in_worker(lambda: session.residents.open(person.id)).risk_level == "none"


def test_crisis_prompt_offers_going_back_and_audits_it(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    person = make_resident(in_worker, session, "误点者")
    dialog = ScaleDialog(session, person, None, scale_code="phq9")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.items is not None
    for number in range(1, 10):
        dialog.items.set_answer(number, 0)
    dialog.items.set_answer(9, 1)  # the mis-click
    dialog.save_button.click()
    prompt = dialog.prompt
    assert isinstance(prompt, CrisisPromptDialog)
    qtbot.waitUntil(prompt.isVisible)
    assert prompt.back.text() == "返回修改答案"
    prompt.back.click()
    qtbot.waitUntil(lambda: not qt_is_valid(prompt) or not prompt.isVisible())
    assert dialog.record is None and dialog.isVisible()
    dialog.items.set_answer(9, 0)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=10_000)
    assert dialog.crisis_id is None
    actions = [r[0] for r in in_worker(lambda: session.db.raw.execute(
        "SELECT action FROM audit_events ORDER BY seq").fetchall())]
    assert "crisis_prompt_shown" in actions
    assert "crisis_prompt_answers_changed" in actions
    # The result reads in Chinese; the English citation is only a source reference.
    basis = dialog.result_view.basis.text()
    assert basis.startswith("计分依据") and "Kroenke" not in basis and "0–27" in basis
    assert "Kroenke" in dialog.result_view.source.text()


def test_timeline_crisis_opens_for_reading_and_second_crisis_warns(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    person = make_resident(in_worker, session, "孙丽")
    in_worker(lambda: session.crises.record(CrisisInput(
        resident_id=person.id, occurred_at="2025-03-01T10:00", crisis_type="self_harm",
        level="high", actions="陪伴并联系家属")))
    _window, page = open_page(qtbot, session, installation)
    page.open_archive(person.id)
    archive = page.archive
    qtbot.waitUntil(lambda: archive.card is not None and any(
        "危机" in t for t in archive.timeline_titles()), timeout=30_000)
    row = next(i for i, t in enumerate(archive.timeline_titles()) if "危机" in t)
    archive._open_entry(row, 0)
    qtbot.waitUntil(lambda: _visible(CrisisView) is not None, timeout=10_000)
    view = _visible(CrisisView)
    assert _visible(CloseCrisisDialog) is None  # reading, not closing
    assert view.findChild(QLabel, "crisis_actions").text() == "陪伴并联系家属"
    assert view.close_crisis.isVisible() and view.close_crisis.text() == "结束危机干预…"
    view.accept()
    assert in_worker(lambda: session.crises.open_crises())[0]["status"] == "open"

    archive.counselling.crisis_button.click()
    qtbot.waitUntil(lambda: _visible(QMessageBox) is not None, timeout=10_000)
    box = _visible(QMessageBox)
    assert "已有一条进行中的危机" in box.text()
    assert _visible(CrisisDialog) is None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: _visible(CrisisDialog) is not None, timeout=10_000)
