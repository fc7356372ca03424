"""The SMD follow-up form on 表1-8: the national class shown live with its reasons, only
more severe choices offered, the next date from the class, printing, and the action dialog."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from psyroom.followups.model import FollowupInput, validate
from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from ui.counselling.followup_form import FollowupActionDialog, FollowupDialog
from ui.main_window import MainWindow
from ui.qt import QDate

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]


def open_form(qtbot: Any, session: Session, resident: Any) -> FollowupDialog:
    dialog = FollowupDialog(session, resident)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill_stable(dialog: FollowupDialog) -> None:
    dialog.visit.setDate(QDate(2025, 1, 31))
    dialog.visit_form.buttons[2].click()
    dialog.visit_with.boxes[1].setChecked(True)
    dialog.risk.button(0).click()
    dialog.insight.buttons[1].click()
    for key, radios in dialog.social.items():
        radios.buttons[9 if key == "sf_work" else 2].click()
    dialog.side_effects.buttons[1].click()


def test_the_class_shows_live_with_its_reasons_and_sets_the_next_date(
        qtbot: Any, login_as: Login, in_worker: InWorker, tmp_path: Path) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "赵建国", smd_registered=True,
                            smd_diagnosis="精神分裂症")
    dialog = open_form(qtbot, session, patient)
    assert "危险性评估" in dialog.class_notice.text()  # an empty form is not "stable" yet
    fill_stable(dialog)
    assert "3 稳定" in dialog.class_notice.text() and "\n" not in dialog.class_notice.text()
    offered = [dialog.classification.itemData(i) for i in range(dialog.classification.count())]
    assert offered == [3, 2, 1]  # the rules' class first; only more severe ones besides
    assert dialog.next_date.date() == QDate(2025, 4, 30)  # 3 months, month end kept
    assert not dialog.action_notice.isVisible()

    # Poor housework with risk 0: 基本稳定 and two weeks (the old form said stable).
    dialog.social["sf_housework"].buttons[3].click()
    assert "2 基本稳定" in dialog.class_notice.text() and "家务劳动" in dialog.class_notice.text()
    assert [dialog.classification.itemData(i) for i in range(2)] == [2, 1]
    assert dialog.classification.count() == 2
    assert dialog.next_date.date() == QDate(2025, 2, 14)
    dialog.social["sf_housework"].buttons[2].click()
    dialog.insight.buttons[3].click()
    assert "1 不稳定" in dialog.class_notice.text() and "自知力缺失" in dialog.class_notice.text()
    assert dialog.classification.count() == 1 and dialog.action_notice.isVisible()
    dialog.insight.buttons[1].click()

    # The doctor may choose more severe, with a reason.
    dialog.classification.setCurrentIndex(1)
    assert dialog.class_reason.isEnabled()
    dialog.class_reason.setText("家属反映近一周情绪波动")
    assert dialog.next_date.date() == QDate(2025, 2, 14)
    dialog.drugs.rows[0][0].setText("利培酮片")
    dialog.drugs.rows[0][1].setValue(1)
    dialog.drugs.rows[0][3].setValue(2)
    dialog.danger.spins[1].setValue(2)
    dialog.print_after_save = tmp_path / "form.pdf"
    dialog.save.click()
    qtbot.waitUntil(lambda: bool(in_worker(lambda: session.followups.for_resident(
        patient.id))), timeout=10_000)
    saved = in_worker(lambda: session.followups.for_resident(patient.id))[0]
    assert (saved["classification"], saved["rule_classification"]) == (2, 3)
    assert saved["class_reason"] == "家属反映近一周情绪波动"
    assert saved["next_date"] == "2025-02-14" and saved["visit_form"] == 2
    assert json.loads(saved["drugs"])[0] == {"name": "利培酮片", "morning_mg": 1.0,
                                             "noon_mg": None, "evening_mg": 2.0,
                                             "depot_weeks": None, "depot_mg": None}
    assert json.loads(saved["danger"]) == {"1": 2}
    qtbot.waitUntil(lambda: (tmp_path / "form.pdf").exists(), timeout=20_000)


def test_not_reached_and_death_need_no_risk_level(qtbot: Any, login_as: Login,
                                                  in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "孙建华", smd_registered=True)
    dialog = open_form(qtbot, session, patient)
    fill_stable(dialog)
    dialog.outcome.button(1).click()
    assert not dialog.clinical.isEnabled() and dialog.lost_row.isEnabled()
    assert "4 未访到" in dialog.class_notice.text()
    # What was typed in the greyed-out section before is not part of a 未访到 record.
    data = dialog.data()
    assert (data.risk_level, data.insight, data.sf_social, data.side_effects) == (None,) * 4
    assert validate(data)[1] == 4
    dialog.outcome.button(2).click()
    assert not dialog.classification.isEnabled() and not dialog.next_date.isEnabled()
    dialog.death_cause.buttons[2].click()
    dialog.death_date.setDate(dialog.visit.date().addDays(-3))
    dialog.save.click()
    qtbot.waitUntil(lambda: bool(in_worker(lambda: session.followups.for_resident(
        patient.id))), timeout=10_000)
    saved = in_worker(lambda: session.followups.for_resident(patient.id))[0]
    assert (saved["death_cause"], saved["classification"], saved["risk_level"]) == (2, None,
                                                                                    None)
    assert in_worker(lambda: session.residents.open(patient.id)).status == "deceased"


def test_risk_level_3_makes_it_unstable_and_opens_an_action(qtbot: Any, login_as: Login,
                                                            in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "钱卫东", smd_registered=True)
    dialog = open_form(qtbot, session, patient)
    fill_stable(dialog)
    texts = [dialog.risk.button(level).text() for level in range(6)]
    assert texts[0] == "0级"
    dialog.risk.button(3).click()
    assert dialog.chosen_class() == 1
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


def test_a_saved_follow_up_prints_from_the_archive_timeline(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.followups.printing as dialog_module

    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "周建平", smd_registered=True)
    in_worker(lambda: session.followups.record(FollowupInput(
        resident_id=patient.id, followup_date="2025-02-01", visit_form=1, risk_level=0,
        insight=1, sf_self_care=1, sf_housework=1, sf_work=1, sf_learning=1, sf_social=1,
        side_effects=1)))
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialog_module, "ask_pdf", lambda _parent, _stem: out)
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    page = window.page_by_key["residents"]
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.open_archive(patient.id)  # type: ignore[attr-defined]
    archive = page.archive  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: any(e.record_kind == "followup" for e in archive.entries),
                    timeout=10_000)
    row = next(i for i, e in enumerate(archive.entries) if e.record_kind == "followup")
    archive.timeline.cellDoubleClicked.emit(row, 1)
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert out.read_bytes().startswith(b"%PDF")


def test_handoff_dialog_writes_the_export_and_the_due_list(
        qtbot: Any, login_as: Login, in_worker: InWorker, tmp_path: Path) -> None:
    import openpyxl

    from psyroom.followups.export import HEADER
    from ui.counselling.dashboard import DashboardPanel
    from ui.followups.handoff import HandoffDialog, quarters

    assert quarters(date(2026, 1, 5))[:3] == ["2026-Q2", "2026-Q1", "2025-Q4"]
    session = login_as(WORKER, WORKER_PASSWORD)
    board = DashboardPanel(session, today=date(2026, 3, 20))
    qtbot.addWidget(board)
    board.show()
    assert board.handoff.isVisible()  # a social worker may hand off (export_followups)
    patient = make_resident(in_worker, session, "吴海燕", smd_registered=True)
    in_worker(lambda: session.followups.record(FollowupInput(
        resident_id=patient.id, followup_date="2026-03-02", visit_form=3, risk_level=1,
        insight=1, sf_self_care=1, sf_housework=1, sf_work=1, sf_learning=1, sf_social=1,
        side_effects=1)))
    dialog = HandoffDialog(session, today=date(2026, 3, 20))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.quarter.currentText() == "2026-Q1" and not dialog.quarter.isEnabled()
    assert dialog.start.date() == QDate(2026, 1, 1)
    dialog.export_to(tmp_path / "handoff")
    qtbot.waitUntil(lambda: (tmp_path / "handoff.xlsx").exists(), timeout=20_000)
    rows = list(openpyxl.load_workbook(tmp_path / "handoff.xlsx").active.iter_rows(
        values_only=True))
    assert list(rows[0]) == HEADER and len(rows) == 2 and rows[1][0] == "吴海燕"

    dialog = HandoffDialog(session, today=date(2026, 3, 20))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.due.click()
    assert dialog.quarter.isEnabled() and not dialog.start.isEnabled()
    dialog.export_to(tmp_path / "due.xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "due.xlsx").exists(), timeout=20_000)
    due = list(openpyxl.load_workbook(tmp_path / "due.xlsx").active.iter_rows(
        min_row=2, values_only=True))
    assert [r[0] for r in due] == ["吴海燕"]  # 基本稳定 on 3-02: due again 3-16


def test_import_preview_of_the_national_patient_list(
        qtbot: Any, installation: Installation, login_as: Login, tmp_path: Path) -> None:
    from tests.core.test_followups_national_list import national_list
    from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
    from tests.ui.residents_helpers import open_page
    from ui.residents.import_models import PREVIEW_COLUMNS

    session = login_as(ADMIN, ADMIN_PASSWORD)
    _window, page = open_page(qtbot, session, installation)
    page.import_button.click()
    dialog = page.import_dialog
    dialog.load(national_list(tmp_path / "名单.xlsx"))
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=30_000)
    assert "将导入 5 人" in dialog.counts.text()
    assert "管理状态" in [c.currentText() for c in dialog.mapping.combos]
    model = dialog.preview_model
    reason = PREVIEW_COLUMNS.index("reason")
    said = [model.index(r, reason).data() or "" for r in range(model.rowCount())]
    assert sum("将新建档案" in t for t in said) == 5
    assert any("已故" in t for t in said) and any("失访" in t for t in said)


def test_referred_picks_one_of_the_residents_referrals_and_fills_the_form(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    from psyroom.referrals.model import ReferralInput
    from tests.ui.test_referrals import CONSENT, institution

    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "钱卫东", smd_registered=True)
    other = make_resident(in_worker, session, "钱二", smd_registered=True)
    iid = institution(in_worker, session)
    ref = in_worker(lambda: session.referrals.create(ReferralInput(
        resident_id=patient.id, institution_id=iid, reason="幻听加重，拒绝服药",
        **CONSENT)))  # type: ignore[arg-type]
    in_worker(lambda: session.referrals.create(ReferralInput(
        resident_id=other.id, institution_id=iid, reason="别人的", **CONSENT)))  # type: ignore[arg-type]
    dialog = open_form(qtbot, session, patient)
    qtbot.waitUntil(lambda: dialog.referral_link.count() == 2, timeout=10_000)  # only theirs
    assert ref.serial in dialog.referral_link.itemText(1)
    fill_stable(dialog)
    dialog.referral_link.setCurrentIndex(1)
    assert dialog.referred.value() == 2
    assert dialog.referral_reason.text() == "幻听加重，拒绝服药"
    assert dialog.referral_institution.text() == ref.institution_name
    # "No" unlinks; picking it again links again.
    dialog.referred.buttons[1].click()
    assert dialog.referral_id() is None and dialog.data().referral_id is None
    dialog.referral_link.setCurrentIndex(1)
    dialog.referral_institution.setText(ref.institution_name + " 二病区")
    dialog.save.click()
    qtbot.waitUntil(lambda: bool(in_worker(lambda: session.followups.for_resident(
        patient.id))), timeout=10_000)
    saved = in_worker(lambda: session.followups.for_resident(patient.id))[0]
    assert (saved["referred"], saved["referral_id"]) == (2, ref.id)
    assert saved["referral_institution"] == ref.institution_name + " 二病区"


def test_referred_starts_a_new_referral_and_links_it(qtbot: Any, login_as: Login,
                                                    in_worker: InWorker) -> None:
    from tests.ui.test_referrals import institution

    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "钱卫东", smd_registered=True)
    institution(in_worker, session)
    dialog = open_form(qtbot, session, patient)
    fill_stable(dialog)
    dialog.risk.button(3).click()  # unstable: the new referral is urgent
    assert dialog.new_referral.isVisible()
    dialog.new_referral.click()
    form = dialog.referral_dialog
    assert form.source_kind == "resident" and form.urgency.code() == "urgent"
    qtbot.waitUntil(lambda: form.institution.count() == 1, timeout=10_000)
    form.institution.setCurrentIndex(0)
    form.reason.setPlainText("危险性 3 级，建议住院评估")
    form.save.click()
    qtbot.waitUntil(lambda: dialog.referral_id() is not None, timeout=10_000)
    made = in_worker(lambda: session.referrals.list(resident_id=patient.id))[0]
    assert dialog.referral_id() == made.id and dialog.referred.value() == 2
    assert dialog.referral_reason.text() == "危险性 3 级，建议住院评估"
    assert dialog.data().referral_id == made.id


def test_a_reason_for_loss_marks_the_archive_lost_and_the_form_says_so(
        qtbot: Any, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    patient = make_resident(in_worker, session, "孙桂芳", smd_registered=True)
    dialog = open_form(qtbot, session, patient)
    dialog.visit_form.buttons[3].click()
    dialog.outcome.button(1).click()
    assert "失访" not in dialog.class_notice.text()
    dialog.lost_reason.buttons[2].click()
    assert "失访" in dialog.class_notice.text()
    dialog.save.click()
    qtbot.waitUntil(lambda: in_worker(lambda: session.residents.open(patient.id)).status
                    == "lost", timeout=10_000)
    lost = in_worker(lambda: session.residents.open(patient.id))
    again = open_form(qtbot, session, lost)
    fill_stable(again)
    assert "恢复" in again.class_notice.text()
