"""表1-8 严重精神障碍患者随访服务记录表: every field with the codes the form prints.

Codes are stored as the form numbers them (门诊 is 1, 家庭访视 2, 电话 3 …), so the hand-off
into 国家严重精神障碍信息系统 is copying, not translating. Source: 国家基本公共卫生服务规范
（第三版）表1-8, as the 严重精神障碍管理治疗工作规范（2018年版）prints it (with 本次随访对象,
长效药 and 9 此项不适用). Each table is code → (中文, English).
"""

from __future__ import annotations

Codes = dict[int, tuple[str, str]]

VISIT_FORM: Codes = {1: ("门诊", "Clinic"), 2: ("家庭访视", "Home visit"), 3: ("电话", "Phone")}
VISIT_WITH: Codes = {1: ("患者本人", "The patient"),
                     2: ("患者家属、监护人", "Family or guardian"),
                     3: ("其他知情人", "Another informant")}
LOST_REASON: Codes = {1: ("外出务工", "Away for work"), 2: ("迁居他处", "Moved elsewhere"),
                      3: ("走失", "Missing"), 4: ("连续3次未访到", "Not reached 3 times running"),
                      5: ("其他", "Other")}
DEATH_CAUSE: Codes = {1: ("躯体疾病", "Physical illness"), 2: ("自杀", "Suicide"),
                      3: ("他杀", "Homicide"), 4: ("意外", "Accident"),
                      5: ("精神疾病相关并发症", "Complication of the mental disorder"),
                      6: ("其他", "Other")}
# Printed ①–⑧ under 躯体疾病.
DEATH_ILLNESS: Codes = {1: ("传染病和寄生虫病", "Infectious or parasitic disease"),
                        2: ("肿瘤", "Cancer"), 3: ("心脏病", "Heart disease"),
                        4: ("脑血管病", "Cerebrovascular disease"),
                        5: ("呼吸系统疾病", "Respiratory disease"),
                        6: ("消化系统疾病", "Digestive disease"),
                        7: ("其他疾病", "Other disease"), 8: ("不详", "Unknown")}
RISK: Codes = {n: (f"{n}级", f"Level {n}") for n in range(6)}
SYMPTOMS: Codes = {1: ("幻觉", "Hallucinations"), 2: ("交流困难", "Hard to communicate"),
                   3: ("猜疑", "Suspicious"), 4: ("喜怒无常", "Moody"),
                   5: ("行为怪异", "Odd behaviour"), 6: ("兴奋话多", "Excited, talkative"),
                   7: ("伤人毁物", "Hurts people or property"),
                   8: ("悲观厌世", "Pessimistic, weary of life"),
                   9: ("无故外走", "Wanders off"), 10: ("自语自笑", "Talks or laughs alone"),
                   11: ("孤僻懒散", "Withdrawn, idle"), 12: ("其他", "Other")}
INSIGHT: Codes = {1: ("自知力完全", "Full insight"), 2: ("自知力不全", "Partial insight"),
                  3: ("自知力缺失", "No insight")}
LEVEL3: Codes = {1: ("良好", "Good"), 2: ("一般", "Fair"), 3: ("较差", "Poor")}
WORK: Codes = {**LEVEL3, 9: ("此项不适用", "Not applicable")}
SOCIAL_ITEMS: dict[str, tuple[str, str]] = {
    "sf_self_care": ("个人生活料理", "Personal care"),
    "sf_housework": ("家务劳动", "Housework"),
    "sf_work": ("生产劳动及工作", "Productive work"),
    "sf_learning": ("学习能力", "Learning"),
    "sf_social": ("社会人际交往", "Social contact"),
}
DANGER: Codes = {1: ("轻度滋事", "Minor trouble"), 2: ("肇事", "Causing trouble"),
                 3: ("肇祸", "Causing disaster"), 4: ("其他危害行为", "Other harmful acts"),
                 5: ("自伤", "Self-harm"), 6: ("自杀未遂", "Attempted suicide"),
                 7: ("无", "None")}
LOCKED: Codes = {1: ("无关锁", "Not locked up"), 2: ("关锁", "Locked up"),
                 3: ("关锁已解除", "Lock-up ended")}
HOSPITAL: Codes = {0: ("未住院", "Not in hospital"), 1: ("目前正在住院", "In hospital now"),
                   2: ("曾住院，现未住院", "Was in hospital, now home")}
LAB: Codes = {1: ("无", "None"), 2: ("有", "Yes")}
ADHERENCE: Codes = {1: ("按医嘱规律用药", "Regular, as prescribed"),
                    2: ("间断用药", "Intermittent"), 3: ("不用药", "Not taking"),
                    4: ("医嘱勿需用药", "No medication prescribed")}
SIDE_EFFECTS: Codes = {1: ("无", "None"), 2: ("有", "Yes"), 9: ("此项不适用", "Not applicable")}
EFFECT: Codes = {1: ("痊愈", "Recovered"), 2: ("好转", "Improved"), 3: ("无变化", "No change"),
                 4: ("加重", "Worse"), 9: ("此项不适用", "Not applicable")}
REFERRED: Codes = {1: ("否", "No"), 2: ("是", "Yes")}
REHAB: Codes = {1: ("生活劳动能力", "Daily living and work"), 2: ("职业训练", "Job training"),
                3: ("学习能力", "Learning"), 4: ("社会交往", "Social contact"),
                5: ("其他", "Other")}
CLASSES: Codes = {1: ("不稳定", "Unstable"), 2: ("基本稳定", "Basically stable"),
                  3: ("稳定", "Stable"), 4: ("未访到", "Not reached")}
UNSTABLE, BASIC, STABLE, NOT_REACHED = 1, 2, 3, 4

MAX_DRUGS = 3
DRUG_KEYS = ("name", "morning_mg", "noon_mg", "evening_mg", "depot_weeks", "depot_mg")

# The form's own words for each field, for messages and the hand-off header.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "followup_date": ("随访日期", "Follow-up date"),
    "visit_form": ("本次随访形式", "How the visit was made"),
    "visit_with": ("本次随访对象", "Who was seen"),
    "lost_reason": ("若失访，原因", "If lost, why"),
    "death_date": ("死亡日期", "Date of death"),
    "death_cause": ("死亡原因", "Cause of death"),
    "death_illness": ("躯体疾病（死亡原因）", "Physical illness (cause of death)"),
    "risk_level": ("危险性评估", "Risk assessment"),
    "symptoms": ("目前症状", "Current symptoms"),
    "insight": ("自知力", "Insight"),
    "sleep": ("睡眠情况", "Sleep"),
    "diet": ("饮食情况", "Eating"),
    **SOCIAL_ITEMS,
    "danger": ("危险行为", "Dangerous behaviour"),
    "locked": ("两次随访期间关锁情况", "Locked up between visits"),
    "hospital": ("两次随访期间住院情况", "In hospital between visits"),
    "last_discharge": ("末次出院时间", "Last discharge"),
    "lab": ("实验室检查", "Laboratory tests"),
    "adherence": ("用药依从性", "Medication adherence"),
    "side_effects": ("药物不良反应", "Drug side effects"),
    "effect": ("治疗效果", "Treatment effect"),
    "referred": ("是否转诊", "Referred"),
    "referral_reason": ("转诊原因", "Reason for referral"),
    "referral_institution": ("转诊至机构及科室", "Referred to (institution, department)"),
    "drugs": ("用药情况", "Medication"),
    "guidance": ("用药指导", "Medication guidance"),
    "rehab": ("康复措施", "Rehabilitation"),
    "classification": ("本次随访分类", "Classification"),
    "next_date": ("下次随访日期", "Next follow-up date"),
    "doctor_name": ("随访医生签名", "Doctor's signature"),
}


def field_params(name: str) -> dict[str, str]:
    zh, en = FIELD_LABELS.get(name, (name, name))
    return {"field_zh": zh, "field_en": en}

# The fields follow-ups had before the form, kept beside a migrated record (pre_form_values).
PRE_FORM: dict[str, tuple[tuple[str, str], dict[str, tuple[str, str]]]] = {
    "method": (("随访方式", "How"), {"face": ("面访", "Face to face"),
                                     "phone": ("电话", "Phone")}),
    "condition": (("病情", "Condition"), {"stable": ("稳定", "Stable"),
                                          "basic": ("基本稳定", "Basically stable"),
                                          "unstable": ("不稳定", "Unstable")}),
    "medication": (("服药", "Medication"), {"regular": ("规律服药", "Regular"),
                                            "intermittent": ("间断服药", "Intermittent"),
                                            "none": ("不服药", "None"),
                                            "hospital": ("住院中", "In hospital")}),
    "social_function": (("社会功能", "Social function"), {"good": ("良好", "Good"),
                                                          "fair": ("一般", "Fair"),
                                                          "poor": ("较差", "Poor")}),
}


def pre_form_text(values: dict[str, str], english: bool = False) -> str:
    parts = []
    for key, value in values.items():
        label, table = PRE_FORM.get(key, ((key, key), {}))
        text = table.get(value, (value, value))
        parts.append(f"{label[english]}: {text[english]}" if english
                     else f"{label[0]}：{text[0]}")
    return ("; " if english else "；").join(parts)

# For the rate queries (DESIGN.md §10), over new and migrated rows alike: a migrated row keeps
# the old answer in pre_form_values where 表1-8's field stayed empty.
FACE_TO_FACE_SQL = ("(visit_form IN (1, 2) OR (visit_form IS NULL AND "
                    "json_extract(pre_form_values, '$.method') = 'face'))")
# 服药率: regular or intermittent medication, or in hospital.
MEDICATED_SQL = "(adherence IN (1, 2) OR hospital = 1)"
REGULAR_SQL = "(adherence = 1)"  # 规律服药率
