"""Matching a register's headers to archive fields, and finding the header row."""

from __future__ import annotations

import re

from .reader import Cell

# Header spellings seen in village and community registers, normalised (see _norm).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "居民姓名", "人员姓名", "服务对象姓名"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日", "出生时间"),
    "id_number": ("身份证号码", "身份证号", "身份证", "公民身份号码", "证件号码", "身份证件号码",
                  "公民身份证号码"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"),
    "address": ("家庭住址", "住址", "地址", "现住址", "居住地址", "家庭地址", "现居住地址"),
    "village": ("所属村社区", "村社区", "所属村", "所属社区", "村", "社区", "村居", "所属村居",
                "村组"),
    "tags": ("人群类别", "类别", "重点人群类别", "人员类别", "人群分类", "重点人群", "人员类型",
             "类型"),
    "guardian_name": ("监护人", "监护人姓名"),
    "guardian_phone": ("监护人电话", "监护人联系电话"),
    # The patient list exported from 国家严重精神障碍信息系统 (see national.py).
    "smd_diagnosis": ("诊断", "目前诊断", "疾病诊断", "诊断名称", "主要诊断", "确诊诊断",
                      "疾病名称"),
    "smd_registered_on": ("登记日期", "建档日期", "登记时间", "纳入管理日期", "纳入管理时间",
                          "建档时间"),
    "management_status": ("管理状态", "患者管理状态", "在管状态"),
    "smd_national_id": ("患者编号", "国家系统患者编号", "患者ID"),
}
FIELDS = tuple(SYNONYMS)
_LOOKUP = {syn: field for field, syns in SYNONYMS.items() for syn in syns}
HEADER_SCAN_ROWS = 15


def _norm(cell: Cell) -> str:
    return re.sub(r"[\s（）()/、:：*＊]", "", str(cell or ""))


def field_for_header(cell: Cell) -> str | None:
    return _LOOKUP.get(_norm(cell))


def find_header(rows: list[tuple[int, list[Cell]]]) -> int | None:
    """Index into rows of the header: the early row naming the most known fields."""
    best, best_score = None, 1
    for i, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = len({f for f in (field_for_header(c) for c in cells) if f})
        if score > best_score:
            best, best_score = i, score
    return best


def auto_mapping(header: list[Cell]) -> dict[int, str]:
    """Column index → field, first column wins when two headers mean the same field."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for i, cell in enumerate(header):
        field = field_for_header(cell)
        if field and field not in taken:
            mapping[i] = field
            taken.add(field)
    return mapping


FOOTER_WORDS = ("合计", "总计", "小计", "共计", "制表人", "审核人", "填表人", "填报人", "负责人",
                "制表", "审核", "注：", "备注：", "说明")


def is_footer(cells: list[Cell]) -> bool:
    first = next((str(c).strip() for c in cells if c not in (None, "")), "")
    return first.startswith(FOOTER_WORDS)


def is_blank(cells: list[Cell]) -> bool:
    return all(c is None or str(c).strip() == "" for c in cells)
