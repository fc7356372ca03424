"""Follow-ups on 表1-8: the national classification over every criterion, contradictory
records refused, a death ending the follow-ups, the printed form and the hand-off read back."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from psyroom.errors import InvalidInput, PermissionDenied
from psyroom.followups import form as f
from psyroom.followups.export import HEADER
from psyroom.followups.model import Drug, FollowupInput
from psyroom.followups.rules import Answers, classify
from psyroom.residents.model import ResidentFields

from .conftest import Room, run_cli

STABLE_SOCIAL = {k: 1 for k in f.SOCIAL_ITEMS}


def stable(**changes: Any) -> Answers:
    base: dict[str, Any] = dict(reached=True, risk_level=0, symptoms=(), insight=1,
                                social=dict(STABLE_SOCIAL), side_effects=1)
    return Answers(**{**base, **changes})


# Every criterion of 分类干预, alone, on an otherwise stable patient.
TABLE: list[tuple[str, Answers, int]] = [
    ("all well", stable(), f.STABLE),
    ("fair social function is still stable", stable(social={k: 2 for k in f.SOCIAL_ITEMS}),
     f.STABLE),
    ("work not applicable", stable(social={**STABLE_SOCIAL, "sf_work": 9}), f.STABLE),
    ("mild side effects", stable(side_effects=2), f.STABLE),
    ("risk 1", stable(risk_level=1), f.BASIC),
    ("risk 2", stable(risk_level=2), f.BASIC),
    ("risk 3", stable(risk_level=3), f.UNSTABLE),
    ("risk 4", stable(risk_level=4), f.UNSTABLE),
    ("risk 5", stable(risk_level=5), f.UNSTABLE),
    ("symptoms present", stable(symptoms=(1,)), f.BASIC),
    ("symptoms marked", stable(symptoms=(1, 7), symptoms_marked=True), f.UNSTABLE),
    ("partial insight", stable(insight=2), f.BASIC),
    ("no insight", stable(insight=3), f.UNSTABLE),
    *[(f"poor {key}", stable(social={**STABLE_SOCIAL, key: 3}), f.BASIC)
      for key in f.SOCIAL_ITEMS],
    ("severe side effects", stable(side_effects=2, severe_side_effects=True), f.UNSTABLE),
    ("serious physical illness", stable(serious_physical_illness=True), f.UNSTABLE),
    ("not reached", Answers(reached=False), f.NOT_REACHED),
    ("risk 2 and no insight", stable(risk_level=2, insight=3), f.UNSTABLE),
]


@pytest.mark.parametrize(("case", "answers", "expected"), TABLE, ids=[t[0] for t in TABLE])
def test_national_classification_table(case: str, answers: Answers, expected: int) -> None:
    verdict = classify(answers)
    assert verdict.code == expected, case
    assert verdict.reasons  # the form shows why


def visit(rid: str, day: str = "2026-03-02", **changes: Any) -> FollowupInput:
    base: dict[str, Any] = dict(
        resident_id=rid, followup_date=day, visit_form=2, visit_with=(1, 2), risk_level=0,
        insight=1, sleep=1, diet=2, sf_self_care=1, sf_housework=2, sf_work=9, sf_learning=2,
        sf_social=2, side_effects=1, adherence=1, effect=2, referred=1, locked=1, hospital=0,
        lab=1, drugs=(Drug("利培酮片", morning_mg=1, evening_mg=2),), rehab=(1, 4))
    return FollowupInput(**{**base, **changes})


def patient(room: Room, name: str = "郑大勇", **kw: Any) -> str:
    return room.session.residents.create(ResidentFields(
        name=name, smd_registered=True, smd_diagnosis="精神分裂症", **kw)).resident.id


def test_poor_social_function_with_risk_0_is_basic_with_two_weeks(room: Room) -> None:
    # The defect the issue names: this used to stay "stable" with a 3-month next date.
    s, rid = room.session, patient(room)
    fid = s.followups.record(visit(rid, sf_housework=3))
    row = s.followups.get(fid)
    assert (row["classification"], row["rule_classification"]) == (f.BASIC, f.BASIC)
    assert row["next_date"] == "2026-03-16" and not row["action_required"]
    fid = s.followups.record(visit(rid, "2026-03-16"))
    assert s.followups.get(fid)["next_date"] == "2026-06-16"


@pytest.mark.parametrize(("changes", "code"), [
    ({"risk_level": 4, "classification": f.STABLE}, "followup_class_milder"),
    ({"insight": 2, "classification": f.STABLE}, "followup_class_milder"),
    ({"symptoms": (3,), "symptoms_marked": True, "classification": f.BASIC},
     "followup_class_milder"),
    ({"classification": f.UNSTABLE}, "followup_override_reason"),
    ({"classification": f.NOT_REACHED}, "followup_class_contradicts"),
    ({"symptoms_marked": True}, "followup_marked_without_symptoms"),
    ({"severe_side_effects": True}, "followup_severe_without_side_effects"),
    ({"lost_reason": 1}, "followup_reached_and_lost"),
    ({"reached": False}, "followup_not_reached_with_answers"),
    ({"reached": False, "risk_level": None, "insight": None, "sf_self_care": None,
      "sf_housework": None, "sf_work": None, "sf_learning": None, "sf_social": None,
      "side_effects": None, "sleep": 3, "diet": None, "adherence": None, "effect": None,
      "locked": None, "hospital": None, "lab": None}, "followup_not_reached_with_answers"),
    ({"risk_level": None}, "followup_missing"),
    ({"sf_learning": None}, "followup_missing"),
    ({"sf_learning": 9}, "followup_bad"),
    ({"symptoms": (13,)}, "followup_bad"),
    ({"next_date": "2026-07-01"}, "followup_next_date"),
    ({"referred": 2}, "followup_missing"),
    ({"drugs": tuple(Drug(f"药{i}") for i in range(4))}, "followup_bad"),
])
def test_contradictory_records_are_refused_and_nothing_is_saved(
        room: Room, changes: dict[str, Any], code: str) -> None:
    s, rid = room.session, patient(room)
    with pytest.raises(InvalidInput) as err:
        s.followups.record(visit(rid, **changes))
    assert err.value.code == code
    assert err.value.message("zh_CN") and "{" not in err.value.message("en")
    assert s.followups.for_resident(rid) == []


def test_a_more_severe_class_with_a_reason_is_kept_beside_the_rules_class(room: Room) -> None:
    s, rid = room.session, patient(room)
    fid = s.followups.record(visit(rid, classification=f.BASIC, class_reason="家属反映近期波动"))
    row = s.followups.get(fid)
    assert (row["classification"], row["rule_classification"]) == (f.BASIC, f.STABLE)
    assert row["class_reason"] == "家属反映近期波动" and row["next_date"] == "2026-03-16"


def test_not_reached_needs_no_risk_level_and_sets_two_weeks(room: Room) -> None:
    s, rid = room.session, patient(room)
    fid = s.followups.record(FollowupInput(resident_id=rid, followup_date="2026-03-02",
                                           reached=False, visit_form=3, lost_reason=1))
    row = s.followups.get(fid)
    assert row["classification"] == f.NOT_REACHED and row["risk_level"] is None
    assert row["next_date"] == "2026-03-16"


def test_a_death_ends_the_follow_ups_and_marks_the_archive(room: Room) -> None:
    s, rid = room.session, patient(room)
    s.followups.record(visit(rid, "2026-01-05", risk_level=4))
    assert [a["resident_id"] for a in s.followups.open_actions()] == [rid]
    with pytest.raises(InvalidInput):  # 躯体疾病 needs which illness
        s.followups.record(FollowupInput(resident_id=rid, followup_date="2026-03-02",
                                         reached=False, death_date="2026-02-20",
                                         death_cause=1))
    fid = s.followups.record(FollowupInput(resident_id=rid, followup_date="2026-03-02",
                                           reached=False, death_date="2026-02-20",
                                           death_cause=1, death_illness=3, visit_with=(2,)))
    row = s.followups.get(fid)
    assert row["classification"] is None and row["next_date"] is None
    assert s.residents.open(rid).status == "deceased"
    assert all(o["resident_id"] != rid for o in s.followups.overdue())
    assert s.followups.open_actions() == []
    with pytest.raises(InvalidInput) as err:
        s.followups.record(visit(rid, "2026-03-10"))
    assert err.value.code == "followup_deceased"


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _unembedded_fonts(path: Path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    # reportlab lists Helvetica as /F1 on every page whether used or not; no glyph uses it.
    return [ln.split()[0] for ln in lines if ln.split()[-5] != "yes"
            and not ln.startswith("Helvetica ")]


def test_printed_form_and_blank_form(room: Room, tmp_path: Path) -> None:
    s, rid = room.session, patient(room, "钱秀英")
    fid = s.followups.record(visit(rid, risk_level=3, symptoms=(1, 3), insight=2,
                                   referred=2, referral_reason="病情波动",
                                   referral_institution="市精神卫生中心"))
    pdf = s.followups.print_form(fid, tmp_path / "form.pdf")
    text = _pdf_text(pdf)
    for words in ("严重精神障碍患者随访服务记录表", "钱秀英", "本次随访形式", "1 门诊",
                  "2 家庭访视", "危险性评估", "社会功能情况", "生产劳动及工作", "9 此项不适用",
                  "市精神卫生中心", "利培酮片", "本次随访分类", "4 未访到", "随访医生签名"):
        assert words in text, words
    assert "WenQuanYiMicroHei" in subprocess.run(["pdffonts", str(pdf)], capture_output=True,
                                                 text=True).stdout
    assert _unembedded_fonts(pdf) == []
    blank = s.followups.print_form(None, tmp_path / "blank.pdf")
    blank_text = _pdf_text(blank)
    assert "严重精神障碍患者随访服务记录表" in blank_text and "钱秀英" not in blank_text
    assert _unembedded_fonts(blank) == []
    actions = [e.action for e in s.audit_events(limit=10)]
    assert {"followup_printed", "followup_blank_printed"} <= set(actions)


def test_handoff_export_reads_back_in_national_order(room: Room, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl.worksheet._writer as ws_writer

    def no_temp_files(*_a: object, **_k: object) -> str:
        raise AssertionError("openpyxl wrote a plaintext temp file")

    monkeypatch.setattr(ws_writer, "create_temporary_file", no_temp_files)
    s = room.session
    a = patient(room, "李建国", id_number="11010519491231002X", smd_national_id="3301-000123")
    b = patient(room, "周华")
    s.followups.record(visit(a, "2026-02-27"))  # before the period
    s.followups.record(visit(a, "2026-03-02", risk_level=3, symptoms=(1, 9), danger={3: 2},
                             referred=2, referral_reason="=1+1",
                             referral_institution="市精神卫生中心",
                             drugs=(Drug("棕榈酸帕利哌酮注射液", depot_weeks=4, depot_mg=150),
                                    Drug("奥氮平片", evening_mg=10))))
    s.followups.record(FollowupInput(resident_id=b, followup_date="2026-03-10", reached=False,
                                     visit_form=3, lost_reason=2))
    s.followups.record(visit(b, "2026-03-31"))
    s.followups.record(visit(b, "2026-04-01"))  # after
    out = tmp_path / "handoff.xlsx"
    assert s.followups.export("2026-03-01", "2026-03-31", out) == 3
    book = openpyxl.load_workbook(out)
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert HEADER[:13] == ["姓名", "身份证号", "患者编号", "随访日期", "本次随访形式",
                           "本次随访对象", "若失访，原因", "死亡日期", "死亡原因",
                           "死亡原因：躯体疾病", "危险性评估", "目前症状", "目前症状：其他"]
    assert HEADER.index("本次随访分类") > HEADER.index("康复措施") > HEADER.index("用药指导："
                                                                               "药物1药名")
    assert len(rows) - 1 == 3
    col = {name: i for i, name in enumerate(HEADER)}
    first = rows[1]
    assert first[col["姓名"]] == "李建国" and first[col["身份证号"]] == "11010519491231002X"
    assert first[col["患者编号"]] == "3301-000123" and rows[2][col["患者编号"]] is None
    assert (first[col["危险性评估"]], first[col["本次随访分类"]]) == (3, f.UNSTABLE)
    assert first[col["目前症状"]] == "1/9" and first[col["危险行为"]] == "3"
    assert first[col["肇祸（次）"]] == 2 and first[col["轻度滋事（次）"]] == 0
    assert first[col["是否转诊"]] == 2 and first[col["转诊原因"]] == "=1+1"
    assert first[col["用药情况：药物1长效药：每几周一次"]] == 4
    assert first[col["用药情况：药物2晚（mg）"]] == 10
    lost = rows[2]
    assert (lost[col["本次随访分类"]], lost[col["若失访，原因"]]) == (f.NOT_REACHED, 2)
    assert lost[col["危险性评估"]] is None
    assert rows[3][col["危险行为"]] == "7"
    # Values, never formulas.
    formula_book = openpyxl.load_workbook(out, data_only=False)
    for row in formula_book.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    event = s.audit_events(limit=1)[0]
    assert event.action == "followups_exported" and event.detail["rows"] == 3


def test_export_needs_its_own_permission(room: Room, tmp_path: Path) -> None:
    s = room.session
    s.add_user("clerk", roles=["office_clerk"], password="Clerk-pass-2026")
    clerk = room.inst.unlock("clerk", "Clerk-pass-2026")
    try:
        with pytest.raises(PermissionDenied):
            clerk.followups.export("2026-01-01", "2026-12-31", tmp_path / "x.xlsx")
        with pytest.raises(PermissionDenied):
            clerk.followups.due("2026-Q1", tmp_path / "d.xlsx")
    finally:
        clerk.close()
    assert not (tmp_path / "x.xlsx").exists()


def test_due_list_for_a_quarter(room: Room, tmp_path: Path) -> None:
    s = room.session
    seen = patient(room, "王一")
    basic = patient(room, "王二")
    patient(room, "王三")  # never followed up
    s.followups.record(visit(seen, "2026-01-10"))  # next 2026-04-10: due in Q2, not Q1
    s.followups.record(visit(basic, "2026-03-20", insight=2))  # next 2026-04-03
    out = tmp_path / "due.xlsx"
    assert s.followups.due("2026-Q1", out) == 1
    names = [r[0] for r in openpyxl.load_workbook(out).active.iter_rows(min_row=2,
                                                                        values_only=True)]
    assert names == ["王三"]
    assert s.followups.due("2026-Q2", out) == 3
    with pytest.raises(InvalidInput):
        s.followups.due("2026-5", out)


@pytest.mark.slow  # many whole psyroom processes: ~20-30 s on the shared 2-core machine
def test_cli_list_form_export_and_one_line_errors(room: Room, tmp_path: Path) -> None:
    s, rid = room.session, patient(room)
    fid = s.followups.record(visit(rid, "2026-03-02"))
    s.close()
    listed = run_cli("followup", "list", "--json", data_dir=room.dir)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert rows[0]["id"] == fid and rows[0]["resident"] == "郑大勇"
    assert (rows[0]["date"], rows[0]["class"], rows[0]["next_date"]) == (
        "2026-03-02", 3, "2026-06-02")
    done = run_cli("followup", "form", fid, "--out", str(tmp_path / "f.pdf"), data_dir=room.dir)
    assert done.returncode == 0 and (tmp_path / "f.pdf").exists()
    blank = run_cli("followup", "form", "--blank", "--out", str(tmp_path / "b.pdf"),
                    data_dir=room.dir)
    assert blank.returncode == 0
    exported = run_cli("followup", "export", "--from", "2026-03-01", "--to", "2026-03-31",
                       "--out", str(tmp_path / "e.xlsx"), data_dir=room.dir)
    assert exported.returncode == 0 and "1" in exported.stdout
    for bad in (["followup", "form", "--out", str(tmp_path / "x.pdf")],
                ["followup", "export", "--from", "2026-04-01", "--to", "2026-03-01", "--out",
                 str(tmp_path / "x.xlsx")],
                ["followup", "due", "--quarter", "Q5", "--out", str(tmp_path / "x.xlsx")],
                ["followup", "form", "no-such-id", "--out", str(tmp_path / "x.pdf")]):
        result = run_cli(*bad, data_dir=room.dir)
        assert result.returncode == 1 and result.stderr.count("\n") == 1, bad
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.pdf").exists()
    room.session = room.inst.unlock("zhaoadmin", "Bei-cheng2026")


def test_demo_data_fills_the_form_with_every_class_loss_and_a_death(room: Room) -> None:
    from psyroom.demo.service import fill_demo_data

    s = room.session
    fill_demo_data(s, residents=1500, months=12, seed=3)
    rows = s._read(lambda c: [dict(r) for r in c.exec_driver_sql(
        "SELECT * FROM followups").mappings()])
    assert {r["classification"] for r in rows} >= {1, 2, 3, 4, None}
    assert any(r["lost_reason"] for r in rows)
    dead = [r for r in rows if r["death_date"]]
    assert dead and all(s.residents.open(r["resident_id"]).status == "deceased" for r in dead)
    reached = [r for r in rows if r["risk_level"] is not None]
    for key in ("visit_form", "insight", "sleep", "diet", *f.SOCIAL_ITEMS, "locked",
                "hospital", "lab", "adherence", "side_effects", "effect", "referred"):
        assert all(r[key] is not None for r in reached), key
    assert all(json.loads(r["drugs"]) and json.loads(r["rehab"]) for r in reached)
    assert all(r["referral_institution"] for r in reached if r["referred"] == 2)
    # The archive says who is lost: the latest visit recorded why (若失访原因), as record() does.
    latest: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: (r["followup_date"], r["created_at"])):
        latest[r["resident_id"]] = r
    lost = {rid for rid, r in latest.items() if r["lost_reason"]}
    statuses = s._read(lambda c: dict(c.exec_driver_sql(
        "SELECT id, status FROM residents WHERE smd_registered = 1").fetchall()))
    assert lost and {statuses[rid] for rid in lost} == {"lost"}
    assert {rid for rid, st in statuses.items() if st == "lost"} == lost
    numbers = s._read(lambda c: [n for (n,) in c.exec_driver_sql(
        "SELECT smd_national_id FROM residents WHERE smd_registered = 1").fetchall()])
    assert all(numbers) and len(set(numbers)) == len(numbers)
