"""Chinese and English names of resident fields and values, for the timeline and printouts."""

from __future__ import annotations

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("姓名", "Name"),
    "gender": ("性别", "Gender"),
    "birth_date": ("出生日期", "Birth date"),
    "id_number": ("身份证号", "ID number"),
    "phone": ("联系电话", "Phone"),
    "address": ("住址", "Address"),
    "village": ("村/社区", "Village/community"),
    "guardian_name": ("监护人", "Guardian"),
    "guardian_phone": ("监护人电话", "Guardian's phone"),
    "consent_date": ("知情同意日期", "Consent date"),
    "consent_scope": ("知情同意范围", "Consent scope"),
    "risk_level": ("风险等级", "Risk level"),
    "status": ("状态", "Status"),
    "smd_registered": ("严重精神障碍在册", "Registered SMD patient"),
    "smd_diagnosis": ("诊断", "Diagnosis"),
    "smd_registered_on": ("登记日期", "Registered on"),
    "smd_guardian": ("患者监护人", "Patient's guardian"),
    "smd_care_team": ("关爱帮扶小组", "Care team"),
    "smd_national_id": ("国家系统患者编号", "National system patient number"),
    "tags": ("人群类别", "Categories"),
}
GENDER_LABELS = {"male": ("男", "Male"), "female": ("女", "Female"), "unknown": ("未知", "Unknown")}
RISK_LABELS = {"none": ("无", "None"), "low": ("低", "Low"), "medium": ("中", "Medium"),
               "high": ("高", "High")}
STATUS_LABELS = {"active": ("在册", "Active"), "lost": ("失访", "Lost to follow-up"),
                 "moved": ("迁出", "Moved away"),
                 "deceased": ("已故", "Deceased")}


def label(table: dict[str, tuple[str, str]], key: str, language: str = "zh_CN") -> str:
    zh, en = table.get(key, (key, key))
    return en if language.startswith("en") else zh
