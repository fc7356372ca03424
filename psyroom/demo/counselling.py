"""Synthetic counselling work over the months asked for: consultations, scales, crises,
follow-ups and activities in proportions a busy village room would have."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from typing import Any

from psyroom.assessments import get_scale, score
from psyroom.followups.demo import patient_followups

COMPLAINTS = ("近两周睡眠差，入睡困难，白天没精神。", "与儿媳关系紧张，经常吵架，心里憋屈。",
              "老伴去世半年，常常想起，一个人在家发呆。", "孩子在外打工，留守在家感到孤单。",
              "与邻居因宅基地有纠纷，情绪激动。", "孩子厌学，不愿去学校，家长很着急。",
              "失业后压力大，担心还不上贷款。", "产后情绪低落，容易哭。")
ASSESS = ("情绪低落，社会功能基本保持，未发现自伤自杀意念。",
          "焦虑明显，睡眠受影响，无精神病性症状。",
          "哀伤反应，处于正常范围，需持续关注。")
INTERVENE = ("倾听共情，情绪疏导，放松训练指导。", "认知调整，帮助梳理问题，商量应对办法。",
             "心理健康教育，鼓励与家人沟通，链接村委会资源。")
PLANS = ("两周后复诊，期间记录情绪日记。", "一个月后电话回访。", "如情绪加重及时联系咨询室。")
ISSUE_CODES = ("emotion", "marriage_family", "parenting", "neighbour", "study", "work",
               "body_sleep", "grief")
TOPICS = (("lecture", "老年人心理健康讲座"), ("campaign", "世界精神卫生日宣传"),
          ("group", "留守儿童团体辅导"), ("training", "网格员心理服务培训"),
          ("supervision", "个案督导"), ("lecture", "孕产期心理保健讲座"))


def _when(rnd: random.Random, month_start: date, days: int) -> datetime:
    return datetime.combine(month_start + timedelta(days=rnd.randrange(days)),
                            datetime.min.time()) + timedelta(hours=rnd.randint(8, 17),
                                                             minutes=rnd.choice((0, 30)))


def make_counselling(rnd: random.Random, residents: list[dict[str, Any]], *, months: int,
                     counsellor: tuple[str, str], today: date) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "consultations", "assessments", "crisis_events", "followups", "activities")}
    if not residents:
        return out
    counsellor_id, counsellor_name = counsellor
    smd = [r for r in residents if r["smd_registered"]]
    per_month = max(3, len(residents) // 40)
    for back in range(months - 1, -1, -1):
        first = (today.replace(day=1) - timedelta(days=back * 30)).replace(day=1)
        days = (today - first).days + 1 if back == 0 else 28
        for _ in range(per_month):
            who = rnd.choice(residents)
            start = _when(rnd, first, days)
            signed = back > 0 or rnd.random() < 0.7
            out["consultations"].append({
                "resident_id": who["id"], "subject_kind": "individual", "participants": "[]",
                "counsellor_id": counsellor_id, "counsellor_name": counsellor_name,
                "started_at": start.strftime("%Y-%m-%dT%H:%M"),
                "duration_min": rnd.choice((30, 45, 50, 60)),
                "mode": rnd.choices(("face", "phone", "home", "online"), (60, 20, 15, 5))[0],
                "issues": ",".join(rnd.sample(ISSUE_CODES, rnd.randint(1, 2))),
                "complaint": rnd.choice(COMPLAINTS), "assessment": rnd.choice(ASSESS),
                "intervention": rnd.choice(INTERVENE), "plan": rnd.choice(PLANS),
                "risk_screening": rnd.choices(("none", "low", "medium"), (80, 15, 5))[0],
                "outcome": rnd.choices(("continue", "closed", "referred"), (60, 30, 10))[0],
                "next_appointment": (start + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
                if rnd.random() < 0.5 else None,
                "status": "signed" if signed else "draft",
                "signed_at": start.isoformat() if signed else None,
                "signed_by": counsellor_id if signed else None,
                "signature": None})
            if rnd.random() < 0.5:
                code = rnd.choice(("phq9", "gad7", "sds", "sas", "gds15"))
                scale = get_scale(code)
                answers = [rnd.choices(range(len(i.options)), (60, 25, 10, 5)[:len(i.options)])[0]
                           for i in scale.items]
                if code == "phq9":
                    answers[8] = 0  # crises are generated on their own below
                result = score(scale, answers)
                out["assessments"].append({
                    "resident_id": who["id"], "scale_code": code,
                    "answers": json.dumps(answers), "total": result.total,
                    "standard_score": result.standard_score, "band": result.band,
                    "risk_flags": "", "administered_at": start.strftime("%Y-%m-%dT%H:%M"),
                    "administered_by": counsellor_name, "consultation_id": None,
                    "crisis_action": None})
        if rnd.random() < 0.4:
            who = rnd.choice(residents)
            at = _when(rnd, first, days)
            closed = back > 0
            out["crisis_events"].append({
                "resident_id": who["id"], "occurred_at": at.strftime("%Y-%m-%dT%H:%M"),
                "crisis_type": rnd.choice(("suicide", "self_harm", "violence", "other")),
                "level": rnd.choice(("medium", "high")), "description": "家属来电求助",
                "actions": "上门评估，陪伴稳定情绪，联系家属看护", "notified": "family",
                "outcome": "情绪平稳", "followup_date": (at + timedelta(days=3)).date().isoformat(),
                "status": "closed" if closed else "open",
                "closed_at": (at + timedelta(days=10)).isoformat() if closed else None,
                "closed_by": counsellor_name if closed else None,
                "close_reason": "风险解除，转为常规随访" if closed else None,
                "source": None, "recorded_by": counsellor_name})
        for kind, topic in rnd.sample(TOPICS, 2):
            head = rnd.randint(8, 60)
            surveyed = rnd.randint(5, head) if kind in ("lecture", "campaign") else None
            out["activities"].append({
                "activity_date": (first + timedelta(days=rnd.randrange(days))).isoformat(),
                "kind": kind, "topic": topic, "target_group": "", "village": None,
                "headcount": head, "surveyed": surveyed,
                "passed": rnd.randint(surveyed // 2, surveyed) if surveyed else None,
                "notes": "", "recorded_by": counsellor_name})
    for index, patient in enumerate(smd):
        out["followups"] += patient_followups(rnd, patient["id"], today=today, months=months,
                                              doctor=counsellor_name, index=index)
    return out
