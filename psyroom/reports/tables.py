"""The report's figures as titled tables: what the PDF prints and the .xlsx holds."""

from __future__ import annotations

from typing import Any

from psyroom.activities.service import KINDS as ACTIVITY_KINDS
from psyroom.assessments import load_scales
from psyroom.consultations.model import LABELS
from psyroom.crisis.service import LEVELS as CRISIS_LEVELS
from psyroom.crisis.service import TYPES as CRISIS_TYPES
from psyroom.reports.model import Cell, Rate, Table


def _zh(labels: dict[str, tuple[str, str]], code: str) -> str:
    return labels.get(code, (code, code))[0]


def rate_value_text(rate: Rate) -> str:
    value = rate.value
    if value is None:
        return "缺失" if rate.reason == "setting_missing" else "无法计算"
    return f"{value:.2f}{rate.unit}"


def rate_met_text(rate: Rate) -> str:
    met = rate.met
    if met is None:
        return "—" if rate.target is None else "无法判断"
    return "达标" if met else "未达标"


def period_text(rate: Rate) -> str:
    if rate.period_start == rate.period_end:
        return f"截至 {rate.period_end}"
    return f"{rate.period_start} 至 {rate.period_end}"


def rate_rows(rates: list[Rate]) -> list[list[Cell]]:
    return [[r.name_zh, r.numerator, r.denominator if r.reason != "setting_missing" else None,
             rate_value_text(r), period_text(r),
             "—" if r.target is None else f"≥{r.target:g}{r.unit}", rate_met_text(r),
             r.reason_zh or ""] for r in rates]


RATE_HEADERS = ["指标", "分子", "分母", "比率", "统计期", "目标", "是否达标", "说明"]


def month_tables(figures: dict[str, Any], tag_names: dict[str, str]) -> list[Table]:
    c = figures["consultations"]
    scales = load_scales()
    out = [
        Table("consultations_by_mode", "咨询方式", ["方式", "人次"],
              [[_zh(LABELS["mode"], k), v] for k, v in c["by_mode"].items()]
              + [["合计", c["total"]]]),
        Table("consultations_by_kind", "咨询对象类型", ["类型", "人次"],
              [[_zh(LABELS["subject_kind"], k), v] for k, v in c["by_kind"].items()]),
        Table("consultations_by_issue", "咨询问题类别", ["问题类别", "人次"],
              [[_zh(LABELS["issues"], k), v] for k, v in c["by_issue"].items()]),
    ]
    served = figures["residents_served"]
    out.append(Table("served_by_tag", "服务重点人群（按人员类别）", ["人员类别", "人数"],
                     [[tag_names.get(k, k), v] for k, v in served["by_tag"].items()]
                     + [["服务总人数", served["total"]],
                        ["其中重点人群", served["key_population"]]]))
    a = figures["assessments"]
    band_rows: list[list[Cell]] = []
    for code, bands in a["by_band"].items():
        scale = scales.get(code)
        labels = {b.code: b.label_zh for b in scale.bands} if scale else {}
        name = scale.short_name if scale else code
        for band, n in bands.items():
            band_rows.append([name, labels.get(band, band), n])
    band_rows.append(["合计", f"阳性 {a['positive']}", a["total"]])
    out.append(Table("assessments_by_band", "心理测评（按量表与分级；高于最低分级为阳性）",
                     ["量表", "分级", "人次"], band_rows))
    r = figures["referrals"]
    out.append(Table("referrals", "转介", ["项目", "数量"],
                     [["开具转介", r["issued"]], ["收到回执", r["received"]],
                      ["超期未回执", r["overdue"]]] if r else [["转介功能尚未启用", None]]))
    x = figures["crisis_events"]
    out.append(Table("crisis_events", "危机干预", ["类别", "次数"],
                     [[_zh(CRISIS_TYPES, k), v] for k, v in x["by_type"].items()]
                     + [[f"程度：{_zh(CRISIS_LEVELS, k)}", v] for k, v in x["by_level"].items()]
                     + [["合计", x["total"]]]))
    f = figures["smd_followups"]
    out.append(Table("smd_followups", "严重精神障碍患者随访", ["项目", "数量"],
                     [["本月随访人次", f["done"]], ["本月随访人数", f["patients_seen"]],
                      ["在册患者", f["registered"]], ["其中失访", f.get("lost", 0)],
                      [f"逾期未随访（截至{f['as_of']}）", f["overdue"]]]))
    act = figures["activities"]
    out.append(Table("activities", "科普宣传与团体活动", ["活动类型", "场次", "参加人次"],
                     [[_zh(ACTIVITY_KINDS, k), v["count"], v["headcount"]]
                      for k, v in act["by_kind"].items()]
                     + [["合计", act["total"], act["headcount"]]]))
    return out


def summary_rows(figures: dict[str, Any]) -> list[list[Cell]]:
    r = figures["referrals"]
    return [["咨询人次", figures["consultations"]["total"]],
            ["新建档案", figures["new_archives"]],
            ["服务人数", figures["residents_served"]["total"]],
            ["心理测评人次", figures["assessments"]["total"]],
            ["测评阳性人次", figures["assessments"]["positive"]],
            ["开具转介", r["issued"] if r else None],
            ["危机干预", figures["crisis_events"]["total"]],
            ["严重精神障碍随访人次", figures["smd_followups"]["done"]],
            ["活动场次", figures["activities"]["total"]],
            ["活动参加人次", figures["activities"]["headcount"]]]
