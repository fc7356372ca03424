"""The national rules for severe-mental-disorder follow-ups (严重精神障碍管理治疗工作规范,
2018; 国家基本公共卫生服务规范 第三版): risk levels, classification and the next date."""

from __future__ import annotations

from datetime import date, timedelta

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
CONDITIONS = {"stable": ("稳定", "Stable"), "basic": ("基本稳定", "Basically stable"),
              "unstable": ("不稳定", "Unstable")}
MEDICATION = {"regular": ("规律服药", "Regular"), "intermittent": ("间断服药", "Intermittent"),
              "none": ("不服药", "None"), "hospital": ("住院中", "In hospital")}
SOCIAL_FUNCTION = {"good": ("良好", "Good"), "fair": ("一般", "Fair"), "poor": ("较差", "Poor")}
METHODS = {"face": ("面访", "Face to face"), "phone": ("电话", "Phone")}


def classify(risk_level: int, *, symptoms_marked: bool = False) -> str:
    """Stable / basically stable / unstable from the risk level (and marked symptoms)."""
    if risk_level >= 3 or symptoms_marked:
        return "unstable"
    if risk_level >= 1:
        return "basic"
    return "stable"


def next_followup_date(condition: str, visit: date) -> date:
    """Stable: in 3 months. Basically stable or unstable: within 2 weeks."""
    if condition == "stable":
        month = visit.month + 3
        year = visit.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = min(visit.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0)
                              else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
        return date(year, month, day)
    return visit + timedelta(days=14)


def needs_action(risk_level: int, condition: str) -> bool:
    """Risk 3+ or unstable: refer to a psychiatric institution and tell the care team."""
    return risk_level >= 3 or condition == "unstable"
