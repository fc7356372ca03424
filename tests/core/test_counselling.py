"""Counselling work on a real encrypted database: notes, scales, crises, follow-ups."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from psyroom.activities.service import ActivityInput
from psyroom.consultations.model import ConsultationInput
from psyroom.crisis.service import CrisisInput
from psyroom.errors import InvalidInput, PermissionDenied, PsyroomError
from psyroom.followups.rules import needs_action, next_followup_date
from psyroom.followups.service import FollowupInput
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields

from .conftest import ADMIN, ADMIN_PASSWORD, REPO, Room, run_cli

PRIVATE = "PRIVATE-过程记录-标记"


def resident(room: Room, name: str = "王德福", **kw: object) -> str:
    return room.session.residents.create(ResidentFields(name=name, **kw)).resident.id  # type: ignore[arg-type]


def draft_input(rid: str, complaint: str = "失眠两周") -> ConsultationInput:
    return ConsultationInput(subject_kind="individual", resident_id=rid,
                             started_at="2026-11-25T09:00", complaint=complaint,
                             assessment="情绪低落", intervention="倾听", plan="两周后复诊")


def test_signed_note_cannot_be_edited_only_amended(room: Room) -> None:
    c = room.session.consultations
    rid = resident(room)
    draft = c.start_draft(draft_input(rid))
    draft = c.save_draft(draft.id, draft_input(rid, "失眠两周，情绪低落"))
    signed = c.sign(draft.id)
    assert signed.status == "signed" and signed.signed_at
    with pytest.raises(PsyroomError) as err:
        c.save_draft(draft.id, draft_input(rid, "改过的主诉"))
    assert err.value.code == "consultation_signed"
    with pytest.raises(PsyroomError):
        c.sign(draft.id)
    amended = c.add_addendum(draft.id, "补充：家属反映近日已能入睡")
    assert amended.data.complaint == "失眠两周，情绪低落"
    assert [a.text for a in amended.addenda] == ["补充：家属反映近日已能入睡"]
    # Even the database itself keeps the signed text: the signature covers it.
    row = room.session.db.raw.execute(
        "SELECT complaint, signature FROM consultations WHERE id = ?", (draft.id,)).fetchone()
    assert row[0] == "失眠两周，情绪低落" and len(row[1]) == 64


def test_anonymous_caller_needs_no_archive(room: Room) -> None:
    c = room.session.consultations
    anon = c.start_draft(ConsultationInput(subject_kind="anonymous", mode="phone",
                                           started_at="2026-11-25T20:00", anon_gender="female",
                                           anon_age_band="18-34", anon_village="北城村",
                                           complaint="热线来电"))
    assert anon.data.resident_id is None
    with pytest.raises(InvalidInput):
        c.start_draft(ConsultationInput(subject_kind="individual",
                                        started_at="2026-11-25T20:00"))


def test_draft_survives_killing_the_app_mid_typing(room: Room) -> None:
    rid = resident(room)
    draft = room.session.consultations.start_draft(draft_input(rid, ""))
    room.session.close()
    script = textwrap.dedent(f"""
        import sys
        from psyroom.installation import Installation
        from psyroom.consultations.model import ConsultationInput
        s = Installation({str(room.dir)!r}).unlock({ADMIN!r}, {ADMIN_PASSWORD!r})
        text = ""
        for i in range(100000):
            text += "字"
            s.consultations.save_draft({draft.id!r}, ConsultationInput(
                subject_kind="individual", resident_id={rid!r},
                started_at="2026-11-25T09:00", complaint=text))
            print(len(text), flush=True)
    """)
    env = {**os.environ, "PSYROOM_KDF_PROFILE": "fast"}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=REPO)
    assert proc.stdout is not None
    saved = 0
    deadline = time.time() + 60
    while saved < 30 and time.time() < deadline:
        saved = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    s = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)
    room.session = s
    kept = s.consultations.get(draft.id)
    assert kept.status == "draft"
    assert len(kept.data.complaint) >= saved  # every save that returned is on disk
    assert s.verify().ok


def test_private_notes_only_for_their_author_and_never_exported(room: Room,
                                                               tmp_path: Path) -> None:
    c = room.session.consultations
    rid = resident(room, "曾凤英")
    draft = c.start_draft(draft_input(rid))
    c.save_private_note(draft.id, PRIVATE)
    assert c.private_note(draft.id) == PRIVATE
    c.sign(draft.id)
    room.session.add_user("supervisor1", roles=["supervisor"], password="Super-2026a")
    pdf = room.session.residents.export_pdf(rid, tmp_path / "archive.pdf")
    from pypdf import PdfReader

    assert PRIVATE not in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    audit_text = json.dumps([e.__dict__ for e in room.session.audit_events(limit=10000)],
                            ensure_ascii=False)
    assert PRIVATE not in audit_text and "失眠" not in audit_text
    assert PRIVATE not in json.dumps(room.session.dashboard().__dict__, ensure_ascii=False,
                                     default=str)
    room.session.close()
    other = Installation(room.dir).unlock("supervisor1", "Super-2026a")
    try:
        assert other.consultations.get(draft.id).data.complaint == "失眠两周"
        assert other.consultations.private_note(draft.id) is None
    finally:
        other.close()
    room.session = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)


def test_social_worker_sees_that_it_happened_not_what_was_said(room: Room) -> None:
    c = room.session.consultations
    rid = resident(room)
    draft = c.start_draft(draft_input(rid))
    c.sign(draft.id)
    room.session.add_user("worker1", roles=["social_worker"], password="Worker-2026a")
    room.session.close()
    sw = Installation(room.dir).unlock("worker1", "Worker-2026a")
    try:
        seen = sw.consultations.for_resident(rid)
        assert len(seen) == 1 and not seen[0].notes_visible
        assert seen[0].data.complaint == "" and seen[0].data.mode == "face"
        assert seen[0].data.started_at == "2026-11-25T09:00"
        with pytest.raises(PermissionDenied):
            sw.consultations.start_draft(draft_input(rid))
        titles = [e.title_zh for e in sw.residents.timeline(rid)]
        assert any("心理咨询" in t for t in titles)
        assert not any("失眠" in t for t in titles)
    finally:
        sw.close()
    room.session = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)


def test_phq9_item9_opens_a_crisis_that_stays_until_closed(room: Room) -> None:
    s = room.session
    rid = resident(room)
    answers = [0] * 8 + [1]
    with pytest.raises(InvalidInput) as err:
        s.assessments.record(rid, "phq9", answers)
    assert err.value.code == "crisis_action_required"
    assert s.stats()["assessments"] == 0
    record, crisis_id = s.assessments.record(rid, "phq9", answers,
                                             crisis_action="当面评估，通知家属陪护")
    assert record.risk_flags == ("suicide_risk",) and crisis_id
    board = s.dashboard()
    assert [h["id"] for h in board.high_risk] == [rid]
    assert [c["id"] for c in board.open_crises] == [crisis_id]
    with pytest.raises(InvalidInput):
        s.crises.close(crisis_id, reason="")
    s.crises.close(crisis_id, reason="风险解除，已转介并规律复诊")
    assert s.dashboard().high_risk == []
    epds = [0] * 9 + [1]
    with pytest.raises(InvalidInput):
        s.assessments.record(rid, "epds", epds)
    # A scale with no risk answer needs no action.
    s.assessments.record(rid, "gad7", [1] * 7)
    assert [k for k in s.assessments.series(rid)] == ["phq9", "gad7"]


def test_crisis_records_need_actions(room: Room) -> None:
    rid = resident(room)
    with pytest.raises(InvalidInput):
        room.session.crises.record(CrisisInput(resident_id=rid, occurred_at="2026-11-25T10:00",
                                               crisis_type="suicide", level="high"))
    cid = room.session.crises.record(CrisisInput(
        resident_id=rid, occurred_at="2026-11-25T10:00", crisis_type="violence",
        level="medium", actions="劝离现场，联系派出所", notified=("police", "family")))
    assert [c["id"] for c in room.session.crises.open_crises()] == [cid]


@pytest.mark.parametrize(("class_code", "visit", "expected"), [
    (3, date(2026, 1, 15), date(2026, 4, 15)),
    (3, date(2026, 11, 30), date(2027, 2, 28)),
    (2, date(2026, 1, 15), date(2026, 1, 29)),
    (1, date(2026, 12, 25), date(2027, 1, 8)),
    (4, date(2026, 12, 25), date(2027, 1, 8)),
])
def test_followup_due_date_rule(class_code: int, visit: date, expected: date) -> None:
    assert next_followup_date(class_code, visit) == expected


def test_action_rule() -> None:
    assert [needs_action(c) for c in (1, 2, 3, 4, None)] == [True, False, False, False, False]


def visit(rid: str, day: str, **changes: object) -> FollowupInput:
    fields: dict[str, object] = dict(
        resident_id=rid, followup_date=day, visit_form=2, risk_level=0, insight=1,
        sf_self_care=1, sf_housework=1, sf_work=1, sf_learning=1, sf_social=1, side_effects=1)
    return FollowupInput(**{**fields, **changes})  # type: ignore[arg-type]


def test_followups_overdue_and_action_on_dashboard(room: Room) -> None:
    s = room.session
    patient = resident(room, "郑大勇", smd_registered=True, smd_diagnosis="精神分裂症")
    other = resident(room, "马建华")
    with pytest.raises(InvalidInput) as err:
        s.followups.record(visit(other, "2026-01-05"))
    assert err.value.code == "not_smd_patient"
    assert [o["resident_id"] for o in s.followups.overdue(date(2026, 1, 1))] == [patient]
    fid = s.followups.record(visit(patient, "2026-01-05", risk_level=3, adherence=2,
                                   sf_social=3))
    row = s.followups.for_resident(patient)[0]
    assert row["next_date"] == "2026-01-19" and row["action_required"]
    assert s.followups.overdue(date(2026, 1, 10)) == []
    assert [o["resident_id"] for o in s.followups.overdue(date(2026, 1, 20))] == [patient]
    assert [a["id"] for a in s.dashboard(date(2026, 1, 10)).followup_actions] == [fid]
    s.followups.record_action(fid, referral="已转介市精神卫生中心",
                              care_team="已告知村委会、派出所、家庭医生")
    assert s.dashboard(date(2026, 1, 10)).followup_actions == []


def test_activities_feed_the_awareness_rate(room: Room) -> None:
    a = room.session.activities
    a.record(ActivityInput(activity_date="2026-11-10", kind="lecture", topic="心理健康讲座",
                           headcount=40, surveyed=30, passed=20))
    a.record(ActivityInput(activity_date="2026-11-12", kind="group", topic="留守儿童团体辅导",
                           headcount=12))
    with pytest.raises(InvalidInput):
        a.record(ActivityInput(activity_date="2026-11-12", kind="lecture", topic="x",
                               headcount=10, surveyed=5, passed=6))
    assert a.awareness("2026-11-01", "2026-12-01") == (20, 30)
    assert room.session.dashboard(date(2026, 11, 20)).month_counts["activities"] == 2


def test_demo_data_fills_every_kind(room: Room) -> None:
    room.session.close()
    result = run_cli("demo-data", "--residents", "600", "--months", "6", "--seed", "3",
                     data_dir=room.dir)
    assert result.returncode == 0, result.stderr
    stats = json.loads(run_cli("stats", "--json", data_dir=room.dir).stdout)
    for key in ("residents", "consultations", "assessments", "followups", "activities"):
        assert stats[key] > 0, key
    assert stats["residents"] == 600
    room.session = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)


def test_scale_cli() -> None:
    listed = run_cli("scale", "list", "--json", data_dir=Path("."), user=None)
    codes = [row["code"] for row in json.loads(listed.stdout)]
    assert codes == ["phq9", "gad7", "sds", "sas", "epds", "gds15"]
    scored = run_cli("scale", "score", "sds", "--answers", ",".join(["0"] * 20), "--json",
                     data_dir=Path("."), user=None)
    doc = json.loads(scored.stdout)
    assert (doc["total"], doc["standard_score"], doc["band"]) == (50, 62, "mild")
    flagged = json.loads(run_cli("scale", "score", "phq9", "--answers", "0,0,0,0,0,0,0,0,2",
                                 "--json", data_dir=Path("."), user=None).stdout)
    assert flagged["risk_flags"] == ["suicide_risk"]
    bad = run_cli("scale", "score", "phq9", "--answers", "9,9", data_dir=Path("."), user=None)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1


def test_merge_moves_and_erase_removes_every_record_kind(room: Room) -> None:
    s = room.session
    keep = resident(room, "孙玉兰", smd_registered=True)
    twin = resident(room, "孙玉兰", smd_registered=True)
    c = s.consultations.start_draft(draft_input(twin))
    s.consultations.sign(c.id)
    s.assessments.record(twin, "gad7", [1] * 7)
    s.followups.record(visit(twin, "2026-11-01", visit_form=3))
    s.residents.merge(keep, twin, reason="同一人")
    kinds = {e.kind for e in s.residents.timeline(keep)}
    assert {"consultation", "assessment", "followup", "merged"} <= kinds
    s.residents.erase(keep, reason="本人要求删除")
    counts = s.stats()
    assert (counts["consultations"], counts["assessments"], counts["followups"]) == (0, 0, 0)
