"""The referral screens over a real encrypted room: the form refuses to issue without
consent and keeps the draft, the page walks a referral through its steps and saves the slip,
the dashboard shows urgent drafts and overdue receipts, and a follow-up's action links a
real referral."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.referrals.model import InstitutionInput, Referral, ReferralInput
from psyroom.session import Session
from tests.core.test_followups import visit
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from ui.counselling.dashboard import DashboardPanel
from ui.counselling.followup_form import FollowupActionDialog
from ui.main_window import MainWindow
from ui.referrals.form import ReferralDialog
from ui.referrals.page import ReferralsPage
from ui.referrals.slip_actions import save_slip
from ui.referrals.steps import ReceiptDialog

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]
PLACE = "山城市精神卫生中心"
CONSENT = {"consent_by": "resident", "consent_scope": "姓名、电话", "consent_date": "2026-11-20"}


def institution(in_worker: InWorker, session: Session) -> str:
    iid: str = in_worker(lambda: session.institutions.add(InstitutionInput(
        name=PLACE, kind="mental_hospital", phone="0359-2022222")))
    return iid


def test_form_keeps_the_draft_when_issuing_is_refused_then_issues_with_consent(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    person = make_resident(in_worker, session, "欧阳秀兰", gender="female",
                           birth_date="1968-03-05")
    institution(in_worker, session)
    dialog = ReferralDialog(session, resident=person)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.institution.count() == 1, timeout=10_000)
    assert not dialog.save.isEnabled()  # no institution chosen, no reason yet
    dialog.institution.setCurrentIndex(0)
    dialog.reason.setPlainText("情绪低落两个月，建议精神科评估")
    assert dialog.save.isEnabled() and dialog.issue.isEnabled()
    assert not dialog.no_consent_reason.isEnabled()  # not a crisis

    dialog.issue.click()
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=10_000)
    assert "同意" in dialog.problem.text()
    drafts = in_worker(lambda: session.referrals.list(status="draft"))
    assert len(drafts) == 1 and dialog.referral is not None
    assert dialog.referral.id == drafts[0].id

    dialog.consented.setChecked(True)
    dialog.consent_scope.setText("姓名、联系电话、转介原因")
    saved: list[Referral] = []
    dialog.saved.connect(saved.append)
    dialog.issue.click()
    qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    assert saved[0].status == "issued" and saved[0].id == drafts[0].id
    assert len(in_worker(lambda: session.referrals.list())) == 1  # no second referral


def test_page_walks_a_referral_through_receipt_and_saves_the_slip(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker,
        tmp_path: Path) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    person = make_resident(in_worker, session, "欧阳秀兰", phone="13912345678")
    iid = institution(in_worker, session)
    draft = in_worker(lambda: session.referrals.create(ReferralInput(
        resident_id=person.id, institution_id=iid, reason="睡眠差两周，焦虑明显",
        **CONSENT)))  # type: ignore[arg-type]
    issued = in_worker(lambda: session.referrals.issue(draft.id))

    def office_receipt() -> None:
        # What a downlink bundle brings: the office's receipt as a note, never an edit.
        from psyroom.records import insert_record

        with session.db.unit_of_work() as conn:
            insert_record(conn, "referral_notes", {
                "referral_id": issued.id, "kind": "receipt", "received_on": "2026-11-27",
                "receiver": "街道王干事", "text": "", "author_name": "街道综治中心"},
                site_id="office-site")

    in_worker(office_receipt)
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    page = window.page_by_key["referrals"]
    assert isinstance(page, ReferralsPage)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 0).text() == issued.serial
    assert page.table.item(0, 4).text() == "已开具"
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.chosen is not None, timeout=10_000)
    buttons = page.step_buttons
    assert buttons["receipt"].isEnabled() and buttons["slip"].isEnabled()
    assert not buttons["edit"].isEnabled() and not buttons["feedback"].isEnabled()
    assert PLACE in page.detail.text()
    assert page.notes.isVisible() and "街道王干事" in page.notes.text()
    assert page.table.item(0, 4).text() == "已开具"  # the note changed nothing

    out = tmp_path / "chosen" / "slip"  # no suffix: .pdf is added
    save_slip(page, session, issued, out, offer_print=False)
    pdf = out.with_name("slip.pdf")
    qtbot.waitUntil(pdf.exists, timeout=20_000)
    if shutil.which("pdftotext"):
        words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                               text=True).stdout
        assert issued.serial in words and "欧阳秀兰" in words and PLACE in words

    dialog = page.act("receipt")
    assert isinstance(dialog, ReceiptDialog)
    assert not dialog.save.isEnabled()
    dialog.receiver.setText("门诊护士")
    dialog.save.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1
                    and page.table.item(0, 4).text() == "已接收", timeout=10_000)
    assert in_worker(lambda: session.referrals.get(issued.id)).receiver == "门诊护士"


def test_dashboard_shows_urgent_drafts_and_overdue_receipts(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    person = make_resident(in_worker, session, "欧阳秀兰")
    iid = institution(in_worker, session)
    in_worker(lambda: session.referrals.create(ReferralInput(
        resident_id=person.id, institution_id=iid, reason="急需评估", urgency="urgent")))
    sent = in_worker(lambda: session.referrals.create(ReferralInput(
        resident_id=person.id, institution_id=iid, reason="常规转介", **CONSENT)))  # type: ignore[arg-type]
    sent = in_worker(lambda: session.referrals.issue(sent.id))
    later = date.today() + timedelta(days=15)
    panel = DashboardPanel(session, today=later)
    qtbot.addWidget(panel)
    panel.show()
    panel.refresh()
    qtbot.waitUntil(lambda: panel.board is not None, timeout=10_000)
    assert panel.sections["urgent_referrals"].isVisible()
    urgent = panel.section_texts("urgent_referrals")
    assert len(urgent) == 1 and "欧阳秀兰" in urgent[0]
    late = panel.section_texts("overdue_referrals")
    assert len(late) == 1 and sent.serial in late[0] and PLACE in late[0]


def test_followup_action_picks_a_real_referral(qtbot: Any, login_as: Login,
                                               in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "钱卫东", smd_registered=True)
    fid = in_worker(lambda: session.followups.record(visit(
        patient.id, date.today().isoformat(), risk_level=4, adherence=3)))
    iid = institution(in_worker, session)
    ref = in_worker(lambda: session.referrals.create(ReferralInput(
        resident_id=patient.id, institution_id=iid, reason="危险性 4 级", urgency="urgent",
        source_kind="followup", source_id=fid, **CONSENT)))  # type: ignore[arg-type]
    record = FollowupActionDialog(session, fid, "钱卫东", resident_id=patient.id)
    qtbot.addWidget(record)
    record.show()
    qtbot.waitUntil(lambda: record.linked.count() == 2, timeout=10_000)
    assert ref.serial in record.linked.itemText(1)
    record.care_team.setPlainText("已通知村委会、派出所")
    assert not record.save.isEnabled()  # neither a referral record nor a description yet
    record.linked.setCurrentIndex(1)
    assert record.save.isEnabled()
    record.save.click()
    qtbot.waitUntil(lambda: not in_worker(session.followups.open_actions), timeout=10_000)
    row = in_worker(lambda: session.followups.for_resident(patient.id))[0]
    assert row["referral_id"] == ref.id


def test_crisis_form_opens_an_urgent_referral_that_may_go_out_before_consent(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    from ui.counselling.crisis_form import CrisisDialog
    from ui.qt import QWidget

    session = login_as(WORKER, WORKER_PASSWORD)
    person = make_resident(in_worker, session, "孙丽")
    institution(in_worker, session)
    host = QWidget()
    qtbot.addWidget(host)
    crisis = CrisisDialog(session, person, host)
    crisis.taken.setPlainText("陪护，通知家属，联系医院")
    assert crisis.refer.isVisibleTo(crisis)
    crisis.refer.setChecked(True)
    crisis.save.click()
    qtbot.waitUntil(lambda: getattr(crisis, "referral_dialog", None) is not None,
                    timeout=10_000)
    form = crisis.referral_dialog
    assert isinstance(form, ReferralDialog)
    assert form.source_kind == "crisis" and form.urgency.code() == "urgent"
    qtbot.waitUntil(lambda: form.institution.count() == 1, timeout=10_000)
    form.institution.setCurrentIndex(0)
    form.reason.setPlainText("自伤后情绪不稳，需急诊评估")
    assert form.no_consent_reason.isEnabled()  # urgent, in a crisis, no consent yet
    form.no_consent_reason.setText("本人情绪激动，家属正在赶来")
    saved: list[Referral] = []
    form.saved.disconnect()  # no file dialog in the test: the slip is checked elsewhere
    form.saved.connect(saved.append)
    form.issue.click()
    qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    assert saved[0].status == "issued" and saved[0].source_kind == "crisis"
    assert saved[0].no_consent_reason == "本人情绪激动，家属正在赶来"


def test_consultation_form_starts_a_referral_tied_to_the_consultation(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    from psyroom.consultations.model import ConsultationInput
    from ui.counselling.consultation_form import ConsultationDialog

    session = login_as(WORKER, WORKER_PASSWORD)
    person = make_resident(in_worker, session, "欧阳秀兰")
    institution(in_worker, session)
    draft = in_worker(lambda: session.consultations.start_draft(ConsultationInput(
        subject_kind="individual", resident_id=person.id, started_at="2026-11-25T09:00",
        complaint="失眠两周")))
    form = ConsultationDialog(session, None, consultation_id=draft.id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.consultation is not None, timeout=10_000)
    assert form.refer_button.isVisibleTo(form)
    form.open_referral()
    qtbot.waitUntil(lambda: getattr(form, "referral_dialog", None) is not None,
                    timeout=10_000)
    referral = form.referral_dialog
    assert referral.source_kind == "consultation" and referral.source_id == draft.id
    assert referral.reason.toPlainText() == ""  # nothing copied from the note
    qtbot.waitUntil(lambda: referral.institution.count() == 1, timeout=10_000)
    referral.institution.setCurrentIndex(0)
    referral.reason.setPlainText("建议心理门诊评估")
    referral.save.click()
    qtbot.waitUntil(lambda: bool(in_worker(lambda: session.referrals.list())),
                    timeout=10_000)
    made = in_worker(lambda: session.referrals.list())[0]
    assert (made.source_kind, made.source_id, made.status) == ("consultation", draft.id,
                                                               "draft")


def test_followup_action_makes_a_new_referral_and_links_it(qtbot: Any, login_as: Login,
                                                           in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "钱卫东", smd_registered=True)
    fid = in_worker(lambda: session.followups.record(visit(
        patient.id, date.today().isoformat(), risk_level=3, adherence=3)))
    institution(in_worker, session)
    record = FollowupActionDialog(session, fid, "钱卫东", resident_id=patient.id)
    qtbot.addWidget(record)
    record.show()
    record.new_referral.click()
    qtbot.waitUntil(lambda: getattr(record, "referral_dialog", None) is not None,
                    timeout=10_000)
    form = record.referral_dialog
    assert form.source_kind == "followup" and form.source_id == fid
    qtbot.waitUntil(lambda: form.institution.count() == 1, timeout=10_000)
    form.institution.setCurrentIndex(0)
    form.reason.setPlainText("病情不稳定，危险性 3 级" + "。" * 140)
    assert "153" in form.reason_count.text() and not form.save.isEnabled()  # too long
    form.reason.setPlainText("病情不稳定，危险性 3 级，建议住院评估")
    assert form.save.isEnabled()
    form.save.click()
    qtbot.waitUntil(lambda: record.referral_id() is not None, timeout=10_000)
    made = in_worker(lambda: session.referrals.list())[0]
    assert record.referral_id() == made.id and made.source_id == fid
