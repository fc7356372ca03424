"""The reports page: generate off the UI thread, preview, who is behind a rate, save."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.session import Session
from tests.core.reports_helpers import last_month
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD
from ui.main_window import MainWindow
from ui.reports.page import ReportsPage

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]
InWorker = Callable[[Callable[[], Any]], Any]


def test_generate_preview_behind_and_save(qtbot: Any, installation: Installation,
                                          login_as: Login, in_worker: InWorker,
                                          tmp_path: Path) -> None:
    from psyroom.demo.service import fill_demo_data

    admin = login_as(ADMIN, ADMIN_PASSWORD)
    in_worker(lambda: fill_demo_data(admin, residents=300, months=3, seed=4))
    session = login_as(WORKER, WORKER_PASSWORD)
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    page = window.page_by_key["reports"]
    assert isinstance(page, ReportsPage)
    window.nav.setCurrentRow(list(window.page_by_key).index("reports"))
    month = last_month()
    assert page.month_box.currentText() == month
    assert not page.save_button.isEnabled()
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.report is not None, timeout=30_000)
    report = page.report
    assert report is not None and report.month == month
    expected = in_worker(lambda: session.db.raw.execute(
        "SELECT count(*) FROM consultations WHERE started_at LIKE ?",
        (month + "%",)).fetchone()[0])
    item = page.summary.item(0, 1)
    assert page.summary.item(0, 0).text() == "咨询人次" and item.text() == str(expected)
    assert page.rates.rowCount() == len(report.rates)
    assert page.save_button.isEnabled() and page.xlsx_button.isEnabled()

    row = next(i for i, r in enumerate(report.rates) if r.behind)
    page.rates.selectRow(row)
    assert page.behind.rowCount() == len(report.rates[row].behind)
    assert report.rates[row].name_zh in page.behind_label.text()
    page.grab().save(str(tmp_path / "reports_page.png"))

    page.write_file("pdf", tmp_path / "月报.pdf")
    qtbot.waitUntil(lambda: (tmp_path / "月报.pdf").exists(), timeout=30_000)
    qtbot.waitUntil(lambda: "月报.pdf" in page.status.text(), timeout=10_000)
    assert (tmp_path / "月报.pdf").read_bytes().startswith(b"%PDF")
    assert not page.settings_button.isVisible()  # a counsellor edits no office settings


def test_settings_dialog_saves_denominators_and_refuses_a_bad_one(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    from psyroom.demo.service import fill_demo_data
    from ui.reports.settings_dialog import ReportSettingsDialog

    admin = login_as(ADMIN, ADMIN_PASSWORD)
    in_worker(lambda: fill_demo_data(admin, residents=60, months=1, seed=2))
    settings, villages = in_worker(lambda: (admin.reports.settings(), admin.reports.villages()))
    dialog = ReportSettingsDialog(admin, settings, villages)
    qtbot.addWidget(dialog)
    assert dialog.population.rowCount() == len(villages) > 0
    dialog.fields["villages_total"].setText("abc")
    dialog.population.item(0, 1).setText("2300")
    dialog.save()
    from ui.qt import QApplication, QMessageBox

    def error_box() -> Any:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.isVisible()), None)

    qtbot.waitUntil(lambda: error_box() is not None, timeout=10_000)
    assert "街道村（社区）总数" in error_box().text()
    error_box().close()
    # The bad number is refused and the good one was not saved either.
    assert in_worker(lambda: admin.reports.settings().population) == {}
    dialog.fields["villages_total"].setText("12")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save()
    saved = in_worker(admin.reports.settings)
    assert saved.villages_total == 12 and saved.population == {villages[0]: 2300}


def test_a_training_records_who_attended(qtbot: Any, installation: Installation,
                                         login_as: Login, in_worker: InWorker) -> None:
    from ui.counselling.activity_form import ActivityDialog

    session = login_as(WORKER, WORKER_PASSWORD)
    dialog = ActivityDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.staff.isVisible()  # a lecture has no attendance list
    dialog.kind.set_code("training")
    assert dialog.staff.isVisible()
    qtbot.waitUntil(lambda: dialog.staff.count() > 0, timeout=10_000)
    names = [dialog.staff.item(i).text() for i in range(dialog.staff.count())]
    assert "李四" in names
    item = dialog.staff.item(names.index("李四"))
    from ui.qt import Qt

    item.setCheckState(Qt.CheckState.Checked)
    dialog.topic.setText("网格员心理服务培训")
    dialog.headcount.setValue(15)
    with qtbot.waitSignal(dialog.recorded, timeout=10_000) as blocker:
        dialog.save.click()
    activity_id = blocker.args[0]
    people = in_worker(lambda: session.activities.participants(activity_id))
    assert [(p["name"], p["user_id"]) for p in people] == [("李四", session.user.id)]
