"""A patient list exported from 国家严重精神障碍信息系统: its rows are registered severe
mental disorder patients (姓名, 身份证号, 诊断, 登记日期, 管理状态).

The registration and the 严重精神障碍患者 category are one concept: a row sets both. 管理状态
maps to the archive's status: 在管 → active, 失访 → lost, 迁出 → moved, 死亡 → deceased.
The list's 患者编号 is kept on the archive (smd_national_id).
"""

from __future__ import annotations

from psyroom.residents.labels import FIELD_LABELS, STATUS_LABELS
from psyroom.residents.model import Problem, ResidentFields

SMD_TAG = "smd_patient"
MARKERS = ("smd_diagnosis", "management_status", "smd_national_id")
STATUS = {"在管": "active", "在册": "active", "失访": "lost", "迁出": "moved",
          "死亡": "deceased"}
# A column only the national list has; it becomes the archive's status.
IMPORT_LABELS = {"management_status": ("管理状态", "Management status")}
# What a national row may change on an archive, beyond the register's own fields.
NATIONAL_FIELDS = ("smd_registered", "smd_diagnosis", "smd_registered_on", "status",
                   "smd_national_id")


def is_national(mapping: dict[int, str]) -> bool:
    return any(f in mapping.values() for f in MARKERS)


def status_of(value: str | None) -> tuple[str | None, list[Problem]]:
    if not value:
        return None, []
    word = value.strip()
    status = STATUS.get(word)
    if status is None:
        return None, [Problem("smd_status_unknown", "status", error=False,
                              params=(("value", word),))]
    problems = [Problem("smd_lost", "status", error=False)] if word == "失访" else []
    return status, problems


def changes(old: ResidentFields, new: ResidentFields) -> list[str]:
    return [f for f in (*NATIONAL_FIELDS, "name", "gender", "birth_date", "phone", "address",
                        "village") if getattr(old, f) != getattr(new, f)] + (
        ["tags"] if old.tags != new.tags else [])


def describe(fields: list[str], new: ResidentFields, *, created: bool) -> Problem:
    """The preview line: what this row will create or change."""
    status_zh, status_en = STATUS_LABELS.get(new.status, (new.status, new.status))
    if created:
        return Problem("smd_will_create", "smd_registered", error=False, params=(
            ("status_zh", status_zh), ("status_en", status_en)))
    names = [FIELD_LABELS.get(f, (f, f)) for f in fields]
    return Problem("smd_will_change", "smd_registered", error=False, params=(
        ("fields_zh", "、".join(n[0] for n in names)),
        ("fields_en", ", ".join(n[1] for n in names)),
        ("status_zh", status_zh), ("status_en", status_en)))
