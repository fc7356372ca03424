"""The counselling buttons and score chart on a resident's archive, and opening a
consultation from the timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.consultations.model import ConsultationInput
from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from ui.counselling.consultation_form import ConsultationDialog
from ui.main_window import MainWindow
from ui.qt import QApplication
from ui.residents.page import ResidentsPage

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]


def test_archive_offers_counselling_and_opens_its_records(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "赵建国", smd_registered=True)
    in_worker(lambda: session.assessments.record(patient.id, "phq9", [1] * 8 + [0],
                                                 administered_at="2025-02-01T09:00"))
    in_worker(lambda: session.consultations.start_draft(ConsultationInput(
        subject_kind="individual", started_at="2025-02-01T09:30", resident_id=patient.id,
        complaint="睡眠差")))
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    page = window.page_by_key["residents"]
    assert isinstance(page, ResidentsPage)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.open_archive(patient.id)
    archive = page.archive
    qtbot.waitUntil(lambda: archive.resident is not None and bool(archive.entries),
                    timeout=10_000)
    panel = archive.counselling
    assert panel.consultation_button.isVisible() and panel.scale_button.isVisible()
    assert panel.followup_button.isVisible()  # a registered SMD patient

    panel.chart_button.click()
    qtbot.waitUntil(lambda: bool(panel.chart.series), timeout=10_000)
    assert panel.chart.series[0][0].code == "phq9"

    row = next(i for i, e in enumerate(archive.entries) if e.record_kind == "consultation")
    archive.timeline.cellDoubleClicked.emit(row, 1)
    qtbot.waitUntil(lambda: any(isinstance(w, ConsultationDialog) and w.consultation
                                is not None for w in QApplication.topLevelWidgets()),
                    timeout=10_000)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ConsultationDialog))
    assert dialog.notes.boxes["complaint"].toPlainText() == "睡眠差"
    dialog.close()
