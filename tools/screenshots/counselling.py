"""Render the counselling screens in Chinese over demo data, for looking at their layouts.

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots.counselling OUTDIR

A throw-away data folder with a real encrypted database and synthetic residents only.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from psyroom.consultations.model import ConsultationInput
from psyroom.demo.service import fill_demo_data
from psyroom.followups.service import Drug, FollowupInput
from psyroom.installation import Installation
from psyroom.residents.model import Resident, ResidentFields
from psyroom.security.roles import Role
from psyroom.session import Session
from tools.screenshots.app import PASSWORD, Shooter, on_worker, outdir_main, settle, wait_until
from ui.counselling.addendum import AddendumDialog
from ui.counselling.consultation_form import ConsultationDialog
from ui.counselling.crisis_form import CrisisDialog
from ui.counselling.crisis_prompt import CrisisPromptDialog
from ui.counselling.followup_form import FollowupDialog
from ui.counselling.scale_dialog import ScaleDialog
from ui.counselling.score_chart import ScaleHistoryDialog
from ui.main_window import MainWindow


def prepare(inst: Installation) -> tuple[Session, dict[str, Resident]]:
    def setup() -> tuple[Session, dict[str, Resident]]:
        result = inst.initialise(site_kind="room", room_type="village", site_code="HX-001",
                                 site_name="河西村心理服务室", admin_name="wangfang",
                                 admin_password=PASSWORD, admin_display_name="王芳")
        session = result.session
        fill_demo_data(session, residents=80, months=6)
        people = {
            "mother": ResidentFields(name="王秀兰", gender="female", birth_date="1996-04-12",
                                     village="河西村", tags=frozenset({"women_perinatal"})),
            "patient": ResidentFields(name="赵建国", gender="male", birth_date="1978-09-03",
                                      village="河西村", smd_registered=True,
                                      smd_diagnosis="精神分裂症", smd_registered_on="2021-05-10"),
            "elder": ResidentFields(name="刘桂芝", gender="female", birth_date="1948-02-20",
                                    village="东坡村", risk_level="high"),
        }
        made = {k: session.residents.create(v).resident for k, v in people.items()}
        today = date.today()
        session.consultations.start_draft(ConsultationInput(
            subject_kind="individual", resident_id=made["elder"].id,
            started_at=(datetime.now() - timedelta(days=14)).strftime("%Y-%m-%dT10:00"),
            complaint="老伴去世半年，常常想起，一个人在家发呆。",
            next_appointment=today.strftime("%Y-%m-%dT14:30")))
        session.followups.record(FollowupInput(
            resident_id=made["patient"].id, followup_date=(today - timedelta(days=120))
            .isoformat(), visit_form=2, visit_with=(1, 2), risk_level=0, insight=1,
            sleep=1, diet=1, sf_self_care=1, sf_housework=2, sf_work=9, sf_learning=2,
            sf_social=2, side_effects=1, adherence=1, effect=2, referred=1,
            drugs=(Drug("利培酮片", morning_mg=1, evening_mg=2),), rehab=(1, 4)))
        # A few months of scales for the score chart: GDS-15 improving, PHQ-9 alongside.
        elder = made["elder"].id
        for months_ago, yes in ((5, 11), (4, 9), (3, 8), (2, 6), (1, 4)):
            when = (today - timedelta(days=months_ago * 30)).strftime("%Y-%m-%dT09:30")
            # GDS-15: items 1, 5, 7, 11, 13 score on "no" (option 1); the rest on "yes" (0).
            answers = [1 if n in (1, 5, 7, 11, 13) else 0 for n in range(1, 16)]
            flips = [i for i in range(15)][yes:]
            for i in flips:
                answers[i] = 1 - answers[i]
            session.assessments.record(elder, "gds15", answers, administered_at=when)
        for months_ago, answers9 in ((5, [2, 2, 2, 1, 1, 2, 1, 1, 0]),
                                     (3, [1, 1, 2, 1, 1, 1, 1, 0, 0]),
                                     (1, [1, 0, 1, 0, 1, 0, 0, 0, 0])):
            when = (today - timedelta(days=months_ago * 30)).strftime("%Y-%m-%dT10:00")
            session.assessments.record(elder, "phq9", answers9, administered_at=when)
        return session, made

    result: tuple[Session, dict[str, Resident]] = on_worker(setup)
    return result


def run(out: Path, data_dir: Path) -> None:
    shooter = Shooter(out)
    inst = Installation(data_dir)
    session, people = prepare(inst)

    window = MainWindow(session, inst, inst.load_settings(), idle_ms=3_600_000)
    window.resize(1180, 860)
    window.show()
    home = window.page_by_key["home"]
    wait_until(lambda: getattr(home, "dashboard", None) is not None
               and home.dashboard.board is not None)  # type: ignore[attr-defined]
    settle(0.5)
    shooter.shoot(window, "dashboard")
    residents = window.page_by_key["residents"]
    window.nav.setCurrentRow(list(window.page_by_key).index("residents"))
    residents.open_archive(people["elder"].id)  # type: ignore[attr-defined]
    archive = residents.archive  # type: ignore[attr-defined]
    wait_until(lambda: archive.resident is not None and bool(archive.entries))
    archive.counselling.chart_button.click()
    wait_until(lambda: bool(archive.counselling.chart.series))
    shooter.shoot(window, "archive-counselling")
    window.nav.setCurrentRow(list(window.page_by_key).index("activities"))
    activities = window.page_by_key["activities"]
    wait_until(lambda: activities.table.rowCount() > 0)  # type: ignore[attr-defined]
    shooter.shoot(window, "activities")

    form = ConsultationDialog(session, window, resident=people["mother"])
    form.resize(1180, 800)
    form.fields.issues.boxes["emotion"].setChecked(True)
    form.fields.issues.boxes["marriage_family"].setChecked(True)
    form.fields.risk.set_code("low")
    form.fields.has_next.setChecked(True)
    notes = form.notes.boxes
    notes["complaint"].setPlainText("产后两个月，近两周情绪低落，容易哭，晚上睡不好，觉得自己不是好妈妈。")
    notes["assessment"].setPlainText("情绪低落，睡眠差，社会功能基本保持。EPDS 测评见记录。")
    notes["intervention"].setPlainText("倾听共情；产后情绪的心理教育；与丈夫一起商量分担夜间照顾。")
    notes["plan"].setPlainText("一周后复诊；如出现伤害自己或孩子的念头，立即联系咨询室。")
    form.private.text.setPlainText("来访者提到婆婆时明显紧张，下次可以多探索家庭关系。")
    form.show()
    wait_until(lambda: form.consultation_id is not None and form.autosave.idle())
    shooter.shoot(form, "consultation-draft-autosaved")
    form.sign()
    wait_until(lambda: form.consultation is not None and form.consultation.status == "signed")
    shooter.shoot(form, "consultation-signed")
    signed_id = str(form.consultation_id)
    form.open_addendum()
    addendum = form.findChild(AddendumDialog)
    assert isinstance(addendum, AddendumDialog)
    addendum.text.setPlainText("补充：电话回访，丈夫已开始分担夜间照顾，来访者睡眠有改善。")
    addendum.submit()
    wait_until(lambda: form.consultation is not None and bool(form.consultation.addenda))
    settle(0.3)
    shooter.shoot(form, "consultation-with-addendum")
    form.close()

    def social_worker() -> Session:
        session.add_user("zhaosw", display_name="赵社工", roles=frozenset({Role.SOCIAL_WORKER}),
                         password="Zhao-2024-pw")
        return inst.unlock("zhaosw", "Zhao-2024-pw")

    other = on_worker(social_worker)
    meta_only = ConsultationDialog(other, None, consultation_id=signed_id)
    meta_only.resize(1000, 560)
    meta_only.show()
    wait_until(lambda: meta_only.consultation is not None)
    shooter.shoot(meta_only, "consultation-seen-by-social-worker")
    meta_only.close()
    on_worker(other.close)

    scale = ScaleDialog(session, people["mother"], window, scale_code="epds")
    scale.show()
    assert scale.items is not None
    for number, option in ((1, 1), (2, 1), (3, 2), (4, 2), (5, 1), (6, 2)):
        scale.items.set_answer(number, option)
    shooter.shoot(scale, "scale-epds-answering")
    for number, option in ((7, 1), (8, 2), (9, 1), (10, 1)):
        scale.items.set_answer(number, option)
    scale.item_scroll.verticalScrollBar().setValue(
        scale.item_scroll.verticalScrollBar().maximum())
    shooter.shoot(scale, "scale-epds-complete")
    scale.save()
    prompt = scale.prompt
    assert isinstance(prompt, CrisisPromptDialog)
    shooter.shoot(prompt, "crisis-prompt-empty")
    prompt.quick[0].setChecked(True)
    prompt.quick[2].setChecked(True)
    prompt.action.appendPlainText("当面交谈40分钟，无具体计划和手段；丈夫已来陪同回家，孩子由婆婆照看。")
    shooter.shoot(prompt, "crisis-prompt-filled")
    prompt.save.click()
    wait_until(lambda: scale.record is not None)
    shooter.shoot(scale, "scale-epds-result")
    scale.accept()

    phq = ScaleDialog(session, people["elder"], window, scale_code="gds15")
    phq.show()
    shooter.shoot(phq, "scale-gds15-suggested")
    phq.reject()

    follow = FollowupDialog(session, people["patient"], window)
    follow.show()
    shooter.shoot(follow, "followup-empty")
    follow.visit_form.buttons[2].click()
    follow.visit_with.boxes[1].setChecked(True)
    follow.risk.button(0).click()
    follow.insight.buttons[1].click()
    for key, radios in follow.social.items():
        radios.buttons[9 if key == "sf_work" else 2].click()
    follow.side_effects.buttons[1].click()
    shooter.shoot(follow, "followup-stable")
    follow.risk.button(3).click()
    shooter.shoot(follow, "followup-risk3-action")
    follow.reject()

    crisis = CrisisDialog(session, people["elder"], window)
    crisis.show()
    shooter.shoot(crisis, "crisis-form")
    crisis.reject()

    history = ScaleHistoryDialog(session, people["elder"].id, people["elder"].name, window)
    history.show()
    wait_until(lambda: bool(history.chart.series))
    shooter.shoot(history, "scale-history-chart")
    history.close()

    window.nav.setCurrentRow(0)
    settle(0.5)
    shooter.shoot(window, "dashboard-after-crisis")
    window.end_session("")
    settle(0.5)


def main(argv: list[str] | None = None) -> int:
    return outdir_main("tools.screenshots.counselling", run, argv)


if __name__ == "__main__":
    sys.exit(main())
