"""The national classification of a follow-up, and the next date it sets.

Source: 国家基本公共卫生服务规范（第三版）, 严重精神障碍患者管理服务规范, 二(三)"分类干预",
adopted by 严重精神障碍管理治疗工作规范（2018年版）:

  1. 病情不稳定患者。若危险性为3～5级或精神症状明显、自知力缺乏、有急性药物不良反应或严重
     躯体疾病，对症处理后立即转诊到上级医院。……对于未住院的患者，在精神专科医师、居委会
     人员、民警的共同协助下，2周内随访。
  2. 病情基本稳定患者。若危险性为1～2级，或精神症状、自知力、社会功能状况至少有一方面较差，
     首先应判断是病情波动或药物疗效不佳，还是伴有药物不良反应或躯体症状恶化……2周时随访，
     若处理后病情趋于稳定者，可维持目前治疗方案，3个月时随访；……
  3. 病情稳定患者。若危险性为0级，且精神症状基本消失，自知力基本恢复，社会功能处于一般或
     良好，无严重药物不良反应，躯体疾病稳定，无其他异常，继续执行上级医院制定的治疗方案，
     3个月时随访。

表1-8's 填表说明 7: 未访到指本次随访阶段因各种情况未能直接或间接访问到患者.

The form records which symptoms are present and whether there are side effects, not whether
they are "明显" or "严重"; those three judgements (精神症状明显, 严重药物不良反应, 严重躯体疾病)
are fields of their own. The rules give the least severe class the answers allow; a doctor may
choose a more severe one with a reason, never a milder one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from psyroom.errors import InvalidInput
from psyroom.followups.form import (
    BASIC,
    CLASSES,
    NOT_REACHED,
    SOCIAL_ITEMS,
    STABLE,
    UNSTABLE,
)

RISK_LEVEL_TEXT: dict[int, tuple[str, str]] = {
    0: ("0级：无符合以下 1～5 级中的任何行为", "Level 0: none of the behaviours below"),
    1: ("1级：口头威胁，喊叫，但没有打砸行为", "Level 1: verbal threats or shouting, no "
        "smashing"),
    2: ("2级：打砸行为，局限在家里，针对财物，能被劝说制止",
        "Level 2: smashing at home, aimed at property, stops when persuaded"),
    3: ("3级：明显打砸行为，不分场合，针对财物，不能接受劝说而停止",
        "Level 3: obvious smashing anywhere, aimed at property, does not stop when persuaded"),
    4: ("4级：持续的打砸行为，不分场合，针对财物或人，不能接受劝说而停止（包括自伤、自杀）",
        "Level 4: continuing smashing anywhere, at property or people, does not stop "
        "(self-harm and suicide included)"),
    5: ("5级：持械针对人的任何暴力行为，或者纵火、爆炸等行为，无论在家里还是公共场合",
        "Level 5: any armed violence against people, arson or explosion, anywhere"),
}

# Lower code = more severe among the three visit classes (1 不稳定 … 3 稳定).
Reason = tuple[str, str]


@dataclass(frozen=True)
class Answers:
    """What the classification reads from the form."""

    reached: bool = True
    risk_level: int | None = None
    symptoms: tuple[int, ...] = ()
    symptoms_marked: bool = False
    insight: int | None = None
    social: dict[str, int | None] = field(default_factory=dict)
    side_effects: int | None = None
    severe_side_effects: bool = False
    serious_physical_illness: bool = False


@dataclass(frozen=True)
class Verdict:
    code: int  # the least severe class the answers allow
    reasons: tuple[Reason, ...]


def classify(a: Answers) -> Verdict:
    if not a.reached:
        return Verdict(NOT_REACHED, (("本次未能直接或间接访问到患者", "The patient was not "
                                      "reached, directly or through others"),))
    unstable: list[Reason] = []
    if a.risk_level is not None and a.risk_level >= 3:
        unstable.append((f"危险性{a.risk_level}级（3～5级）", f"Risk level {a.risk_level} (3–5)"))
    if a.symptoms_marked:
        unstable.append(("精神症状明显", "Marked psychotic symptoms"))
    if a.insight == 3:
        unstable.append(("自知力缺失", "No insight"))
    if a.severe_side_effects:
        unstable.append(("严重（急性）药物不良反应", "Severe (acute) drug side effects"))
    if a.serious_physical_illness:
        unstable.append(("严重躯体疾病", "Serious physical illness"))
    if unstable:
        return Verdict(UNSTABLE, tuple(unstable))
    basic: list[Reason] = []
    if a.risk_level in (1, 2):
        basic.append((f"危险性{a.risk_level}级（1～2级）", f"Risk level {a.risk_level} (1–2)"))
    if a.symptoms:
        basic.append(("仍有精神症状", "Psychotic symptoms remain"))
    if a.insight == 2:
        basic.append(("自知力不全", "Partial insight"))
    for key, (zh, en) in SOCIAL_ITEMS.items():
        if a.social.get(key) == 3:
            basic.append((f"社会功能较差：{zh}", f"Poor social function: {en.lower()}"))
    if basic:
        return Verdict(BASIC, tuple(basic))
    return Verdict(STABLE, (("危险性0级，症状基本消失，自知力完全，社会功能一般或良好，"
                             "无严重药物不良反应，躯体疾病稳定",
                             "Risk level 0, symptoms gone, full insight, social function fair "
                             "or good, no severe side effects, physical illness stable"),))


def decide(verdict: Verdict, chosen: int | None, reason: str) -> int:
    """The class the record keeps: the rules' class, or a more severe one with a reason."""
    if chosen is None or chosen == verdict.code:
        return verdict.code
    if chosen not in CLASSES:
        raise InvalidInput("followup_bad", field_zh="本次随访分类", field_en="Classification")
    if NOT_REACHED in (chosen, verdict.code):
        # Reached or not is a fact of the visit, not a judgement to override.
        raise InvalidInput("followup_class_contradicts", chosen=CLASSES[chosen][0],
                           rule=CLASSES[verdict.code][0])
    if chosen > verdict.code:
        raise InvalidInput("followup_class_milder", chosen=CLASSES[chosen][0],
                           rule=CLASSES[verdict.code][0])
    if not reason.strip():
        raise InvalidInput("followup_override_reason")
    return chosen


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def next_followup_date(class_code: int, visit: date) -> date:
    """稳定: 3 months. 不稳定 and 基本稳定: within 2 weeks. 未访到: the national text sets no
    interval; PsyRoom tries again within 2 weeks (after 3 in a row the form's own loss reason
    4 连续3次未访到 applies)."""
    if class_code == STABLE:
        return add_months(visit, 3)
    return visit + timedelta(days=14)


def needs_action(class_code: int | None) -> bool:
    """不稳定: refer at once to a higher hospital and tell the care team."""
    return class_code == UNSTABLE
