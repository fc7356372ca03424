"""Synthetic follow-ups on 表1-8 for the demo: every field filled plausibly, all four classes,
patients lost to follow-up and a few deaths. Each row goes through the same checks and
classification as a typed record."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from psyroom.followups.form import NOT_REACHED, STABLE, UNSTABLE
from psyroom.followups.model import Drug, FollowupInput, to_row, validate
from psyroom.followups.rules import needs_action

REGIMENS = (
    (Drug("利培酮片", morning_mg=1, evening_mg=2),),
    (Drug("奥氮平片", evening_mg=10),),
    (Drug("阿立哌唑片", morning_mg=10), Drug("盐酸苯海索片", morning_mg=2)),
    (Drug("棕榈酸帕利哌酮注射液", depot_weeks=4, depot_mg=150),
     Drug("利培酮片", evening_mg=1)),
    (Drug("丙戊酸镁缓释片", morning_mg=250, evening_mg=500), Drug("喹硫平片", evening_mg=200)),
    (Drug("氯氮平片", morning_mg=25, noon_mg=25, evening_mg=50),
     Drug("丙戊酸钠缓释片", evening_mg=500), Drug("普萘洛尔片", morning_mg=10)),
)
INSTITUTIONS = ("市精神卫生中心 精神科门诊", "县人民医院 心理精神科", "市第三人民医院 住院部")
NOTES = ("家属反映近期情绪平稳，按时取药。", "患者在家帮忙做农活，与邻居来往正常。",
         "监护人外出打工，由奶奶照看，提醒按时服药。", "近期睡眠欠佳，已嘱家属观察。", "")
# Most managed patients are stable; some waver, a few are unstable or hard to reach.
PROFILES = ("steady",) * 14 + ("wavering",) * 3 + ("unstable", "lost")


def _visit(rnd: random.Random, profile: str, day: date) -> dict[str, Any]:
    """The answers of one visit that reached the patient."""
    risk = {"steady": (0,) * 15 + (1,), "wavering": (0, 1, 1, 2, 0),
            "unstable": (3, 2, 4, 1, 5, 0), "lost": (0, 1)}[profile]
    level = rnd.choice(risk)
    symptoms: tuple[int, ...] = ()
    if profile != "steady" or rnd.random() < 0.04:
        symptoms = tuple(sorted(rnd.sample(range(1, 12), rnd.randint(1, 3))))
    sf = {k: rnd.choice((1, 1, 2, 2, 3) if profile != "steady" else (1, 1, 2))
          for k in ("sf_self_care", "sf_housework", "sf_learning", "sf_social")}
    side = rnd.choice((1, 1, 1, 2))
    hospital = rnd.choice((0,) * 9 + (2,))
    lab = rnd.choice((1, 1, 2))
    rehab = tuple(sorted(rnd.sample(range(1, 6), rnd.randint(1, 3))))
    marked = profile == "unstable" and bool(symptoms) and rnd.random() < 0.5
    return {
        "risk_level": level, "symptoms": symptoms,
        "symptoms_other": "夜间自言自语" if 12 in symptoms else "",
        "insight": rnd.choice((1,) * 12 + (2,) if profile == "steady" else (1, 2, 2, 3)),
        "sleep": rnd.choice((1, 1, 2, 3)), "diet": rnd.choice((1, 1, 2)),
        "sf_work": rnd.choice((1, 2, 9)), **sf,
        "danger": {1: 1} if level == 1 else {2: 1} if level == 2 else
        {3: 1, 4: 1} if level >= 3 else {},
        "locked": 1, "hospital": hospital,
        "last_discharge": (day - timedelta(days=rnd.randint(10, 60))).isoformat()
        if hospital == 2 else None,
        "lab": lab, "lab_text": "血常规、肝功能未见异常" if lab == 2 else "",
        "adherence": rnd.choice((1, 1, 1, 2, 3)),
        "side_effects": side, "side_effects_text": "手抖、口干" if side == 2 else "",
        "severe_side_effects": side == 2 and profile == "unstable" and rnd.random() < 0.3,
        "serious_physical_illness": False, "symptoms_marked": marked,
        "effect": rnd.choice((2, 2, 3)) if profile != "unstable" else rnd.choice((3, 4)),
        "rehab": rehab, "rehab_other": "参加社区康复站手工活动" if 5 in rehab else "",
        "home_rehab": rnd.random() < 0.6, "counselled_patient": rnd.random() < 0.7,
        "counselled_family": rnd.random() < 0.55,
    }


def patient_followups(rnd: random.Random, resident_id: str, *, today: date, months: int,
                      doctor: str, index: int = 0) -> list[dict[str, Any]]:
    """``index``: the patient's place in the demo, so even a small demo shows a patient
    lost to follow-up (the 3rd) and a death (the 5th)."""
    profile = "lost" if index == 2 else rnd.choice(PROFILES)
    regimen = rnd.choice(REGIMENS)
    dies = index == 4 or (index > 4 and rnd.random() < 0.03)
    visit = today - timedelta(days=months * 30 - rnd.randint(0, 40))
    rows: list[dict[str, Any]] = []
    missed = 0
    while visit <= today:
        # Wider than the longest step between visits (3 months + 20 days): never jumped over.
        last = visit + timedelta(days=120) > today
        fields: dict[str, Any]
        if dies and last:
            cause = rnd.choice((1, 1, 2, 4))
            fields = {"reached": False, "death_date": (visit - timedelta(days=rnd.randint(
                1, 20))).isoformat(), "death_cause": cause,
                "death_illness": rnd.choice((3, 4, 5)) if cause == 1 else None,
                "visit_form": 2, "visit_with": (2,), "notes": "家属告知患者已去世。"}
        elif (profile == "lost" and (visit + timedelta(days=150) > today or (
                missed < 3 and rnd.random() < 0.5))) or rnd.random() < 0.03:
            # A lost patient is missed again and again over the last months, and stays lost.
            missed += 1
            fields = {"reached": False, "visit_form": rnd.choice((2, 3)),
                      "lost_reason": 4 if missed >= 3 else rnd.choice((1, 2, 3, 5)),
                      "notes": "电话无人接听，上门家中无人。"}
        else:
            missed = 0
            answers = _visit(rnd, profile, visit)
            fields = {**answers, "visit_form": rnd.choice((1, 2, 2, 2, 3)),
                      "visit_with": (1, 2) if rnd.random() < 0.7 else (2,),
                      "drugs": regimen, "guidance": regimen,
                      "notes": rnd.choice(NOTES)}
        data = FollowupInput(resident_id=resident_id, followup_date=visit.isoformat(),
                             doctor_name=doctor, **fields)
        verdict, kept, nxt = validate(data)
        if verdict is not None and verdict.code == UNSTABLE:
            data = FollowupInput(**{**data.__dict__, "referred": 2,
                                    "referral_reason": "病情不稳定，需调整治疗方案",
                                    "referral_institution": rnd.choice(INSTITUTIONS)})
            verdict, kept, nxt = validate(data)
        elif verdict is not None and verdict.code != NOT_REACHED:
            override = verdict.code == STABLE and rnd.random() < 0.05
            data = FollowupInput(**{**data.__dict__, "referred": 1, **({
                "classification": STABLE - 1,
                "class_reason": "家属反映近一周情绪波动，2周后复访"} if override else {})})
            verdict, kept, nxt = validate(data)
        row = to_row(data, verdict, kept, nxt, recorded_by=doctor)
        action = needs_action(kept)
        handled = action and nxt is not None and nxt < today
        row.update(action_required=action,
                   action_referral="已转诊" + (data.referral_institution or "上级医院")
                   if handled else None,
                   action_care_team="已告知村委会、派出所、家庭医生" if handled else None,
                   action_recorded_at=nxt.isoformat() if handled and nxt else None)
        rows.append(row)
        if nxt is None:
            break
        # Some visits slip, so the overdue list and the 规范管理率 have something to show.
        visit = nxt + timedelta(days=rnd.choice((0, 0, 0, 5, 20)))
    return rows
