"""The hand-off spreadsheet (one row per follow-up, 表1-8's field order and codes, plus the
patient's name and full ID number) and the quarter's due list."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from psyroom.errors import InvalidInput
from psyroom.followups import form as f
from psyroom.followups.model import Drug, codes_of, danger_of, drugs_of
from psyroom.followups.rules import add_months
from psyroom.followups.xlsx import Cell, workbook_bytes, write_bytes

HANDOFF_SQL = (
    "SELECT f.*, r.name AS resident_name, r.id_number, r.smd_national_id FROM followups f "
    "JOIN residents r ON "
    "r.id = f.resident_id WHERE f.followup_date BETWEEN :a AND :b "
    "ORDER BY f.followup_date, r.name, f.created_at")


def _multi(codes: list[int]) -> str:
    # The form's □/□/□: codes joined with "/".
    return "/".join(str(c) for c in codes)


def _danger_codes(text: str | None) -> str:
    counts = danger_of(text)
    return _multi(sorted(counts)) if counts else "7"


def _drug_cells(text: str | None, which: int) -> list[Cell]:
    drugs = drugs_of(text)
    d = drugs[which] if which < len(drugs) else Drug("")
    return [d.name or None, d.morning_mg, d.noon_mg, d.evening_mg, d.depot_weeks, d.depot_mg]


Column = tuple[str, Callable[[dict[str, Any]], Cell]]


def _get(key: str) -> Callable[[dict[str, Any]], Cell]:
    return lambda r: r.get(key)


def _count(code: int) -> Callable[[dict[str, Any]], Cell]:
    return lambda r: danger_of(r["danger"]).get(code, 0) if r.get("risk_level") is not None \
        else None


def _drug(key: str, which: int, part: int) -> Callable[[dict[str, Any]], Cell]:
    return lambda r: _drug_cells(r[key], which)[part]


def _columns() -> list[Column]:
    cols: list[Column] = [
        ("姓名", _get("resident_name")), ("身份证号", _get("id_number")),
        ("患者编号", _get("smd_national_id")),
        ("随访日期", _get("followup_date")), ("本次随访形式", _get("visit_form")),
        ("本次随访对象", lambda r: _multi(codes_of(r["visit_with"])) or None),
        ("若失访，原因", _get("lost_reason")), ("死亡日期", _get("death_date")),
        ("死亡原因", _get("death_cause")), ("死亡原因：躯体疾病", _get("death_illness")),
        ("危险性评估", _get("risk_level")),
        ("目前症状", lambda r: _multi(codes_of(r["symptoms"])) or None),
        ("目前症状：其他", _get("symptoms_other")), ("自知力", _get("insight")),
        ("睡眠情况", _get("sleep")), ("饮食情况", _get("diet")),
        *[(zh, _get(key)) for key, (zh, _en) in f.SOCIAL_ITEMS.items()],
        ("危险行为", lambda r: _danger_codes(r["danger"]) if r.get("risk_level") is not None
         else None),
        *[(f"{f.DANGER[c][0]}（次）", _count(c)) for c in range(1, 7)],
        ("两次随访期间关锁情况", _get("locked")), ("两次随访期间住院情况", _get("hospital")),
        ("末次出院时间", _get("last_discharge")), ("实验室检查", _get("lab")),
        ("实验室检查：结果", _get("lab_text")), ("用药依从性", _get("adherence")),
        ("药物不良反应", _get("side_effects")), ("药物不良反应：描述", _get("side_effects_text")),
        ("治疗效果", _get("effect")), ("是否转诊", _get("referred")),
        ("转诊原因", _get("referral_reason")),
        ("转诊至机构及科室", _get("referral_institution")),
    ]
    parts = ("药名", "早（mg）", "中（mg）", "晚（mg）", "长效药：每几周一次", "长效药：每次（mg）")
    for key, title in (("drugs", "用药情况"), ("guidance", "用药指导")):
        for which in range(f.MAX_DRUGS):
            cols += [(f"{title}：药物{which + 1}{part}", _drug(key, which, i))
                     for i, part in enumerate(parts)]
    cols += [
        ("康复措施", lambda r: _multi(codes_of(r["rehab"])) or None),
        ("康复措施：其他", _get("rehab_other")), ("本次随访分类", _get("classification")),
        ("下次随访日期", _get("next_date")), ("随访医生签名", _get("doctor_name")),
        # What the rates need beyond 表1-8, and the notes, after the form's own fields.
        ("家庭康复", lambda r: 1 if r["home_rehab"] else 0),
        ("患者接受心理疏导", lambda r: 1 if r["counselled_patient"] else 0),
        ("家属接受指导", lambda r: 1 if r["counselled_family"] else 0),
        ("备注", _get("notes")),
        ("表1-8 以前的记录", lambda r: "是" if r["before_form"] else None),
    ]
    return cols


COLUMNS = _columns()
HEADER = [title for title, _ in COLUMNS]


def handoff_rows(rows: list[dict[str, Any]]) -> list[list[Cell]]:
    return [[get(r) for _, get in COLUMNS] for r in rows]


def write_handoff(rows: list[dict[str, Any]], out: Path) -> Path:
    widths = [10, 20, 14, 12] + [8] * (len(HEADER) - 4)
    return write_bytes(out, workbook_bytes([("随访记录", [HEADER, *handoff_rows(rows)],
                                             widths)]))


def parse_quarter(text: str) -> tuple[date, date]:
    m = re.fullmatch(r"(\d{4})-?[Qq]([1-4])", text.strip())
    if not m:
        raise InvalidInput("followup_bad_quarter")
    first = date(int(m[1]), 3 * int(m[2]) - 2, 1)
    return first, date.fromordinal(add_months(first, 3).toordinal() - 1)


# Every living registered patient at home or lost (失访: still to be looked for) with their
# latest follow-up up to the quarter's end.
DUE_SQL = (
    "SELECT r.id AS resident_id, r.name AS resident_name, r.village, r.smd_diagnosis, "
    "r.status, "
    "last.followup_date AS last_date, last.classification, last.next_date FROM residents r "
    "LEFT JOIN (SELECT f.resident_id, f.followup_date, f.classification, f.next_date "
    "FROM followups f WHERE f.followup_date <= :b AND NOT EXISTS (SELECT 1 FROM followups g "
    "WHERE g.resident_id = f.resident_id AND g.followup_date <= :b AND "
    "(g.followup_date > f.followup_date OR (g.followup_date = f.followup_date AND "
    "g.created_at > f.created_at)))) last ON last.resident_id = r.id "
    "WHERE r.smd_registered = 1 AND r.status IN ('active', 'lost') AND r.merged_into IS NULL "
    "ORDER BY coalesce(last.next_date, ''), r.name")

DUE_HEADER = ["姓名", "村（社区）", "诊断", "末次随访日期", "末次随访分类", "应随访日期", "状态"]


def due_rows(rows: list[dict[str, Any]], *, first: date, last: date,
             today: date) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for r in rows:
        due = r["next_date"] or first.isoformat()
        if due > last.isoformat():
            continue  # seen recently enough: next due after this quarter
        state = "失访" if r["status"] == "lost" else "逾期" if due < today.isoformat() \
            else "应随访"
        cls = f.CLASSES.get(r["classification"] or 0, ("", ""))[0]
        out.append([r["resident_name"], r["village"], r["smd_diagnosis"], r["last_date"],
                    cls or None, due, state])
    return out


def write_due(rows: list[dict[str, Any]], out: Path, *, quarter: str, first: date, last: date,
              today: date) -> int:
    body = due_rows(rows, first=first, last=last, today=today)
    write_bytes(out, workbook_bytes([(f"{quarter} 应随访", [DUE_HEADER, *body],
                                      [10, 14, 16, 12, 10, 12, 8])]))
    return len(body)
