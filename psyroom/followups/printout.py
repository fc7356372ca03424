"""表1-8 on one A4 page: the national layout, the chosen code numbers in the boxes.

The same drawing, with no record, is the blank form for visits made on paper.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

from psyroom.followups import form as f
from psyroom.followups.model import Drug, codes_of, danger_of, drugs_of
from psyroom.printing.pdf import register_font, write_atomically

TITLE = "严重精神障碍患者随访服务记录表"


def _options(table: f.Codes, sep: str = "&nbsp;&nbsp; ") -> str:
    return sep.join(f"{code} {zh}" for code, (zh, _en) in table.items())


def _day(value: str | None) -> str:
    if not value:
        return "______年____月____日"
    y, m, d = value.split("-")
    return f"<u>&nbsp;{y}&nbsp;</u>年<u>&nbsp;{m}&nbsp;</u>月<u>&nbsp;{d}&nbsp;</u>日"


def _blank(value: object, width: int = 6) -> str:
    if value is None or value == "":
        return "_" * width
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"<u>&nbsp;{_escape(text)}&nbsp;</u>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Page:
    """Rows of (label, options, boxes) with spans, built into one reportlab Table."""

    def __init__(self, row: dict[str, Any] | None) -> None:
        from reportlab.lib.styles import ParagraphStyle

        font = register_font()
        self.r = row
        self.style = ParagraphStyle("cell", fontName=font, fontSize=8.2, leading=11,
                                    wordWrap="CJK")
        self.label_style = ParagraphStyle("label", parent=self.style, alignment=1)
        self.rows: list[list[Any]] = []
        self.spans: list[tuple[int, int, int, int]] = []

    def p(self, text: str, label: bool = False) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(text, self.label_style if label else self.style)

    def val(self, key: str) -> Any:
        return None if self.r is None else self.r.get(key)

    def boxes(self, values: list[str], n: int) -> Any:
        from reportlab.lib.units import mm
        from reportlab.platypus import Table, TableStyle

        cells = (values + [""] * n)[:n]
        t = Table([cells], colWidths=[5.2 * mm] * n, rowHeights=[5 * mm], hAlign="RIGHT")
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.7, "black"),
                               ("FONT", (0, 0), (-1, -1), register_font(), 8.5),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        return t

    def code(self, key: str) -> list[str]:
        v = self.val(key)
        return [] if v is None else [str(v)]

    def add(self, label: str | None, text: str, box: Any = "", *, under: bool = False) -> None:
        """``under``: the boxes go below the words (a long list, like 目前症状's twelve)."""
        if under or box == "":
            # No boxes beside the words: they take the row's whole width.
            self.spans.append((1, len(self.rows), 2, len(self.rows)))
            cell: Any = [self.p(text), box] if under else self.p(text)
            self.rows.append([self.p(label, True) if label else "", cell, ""])
            return
        self.rows.append([self.p(label, True) if label else "", self.p(text), box])

    def group(self, label: str, lines: list[tuple[str, Any]]) -> None:
        start = len(self.rows)
        for i, (text, box) in enumerate(lines):
            self.add(label if i == 0 else None, text, box)
        if len(lines) > 1:
            self.spans.append((0, start, 0, start + len(lines) - 1))


def _drug_line(d: Drug, n: int) -> str:
    return (f"药物{n}：{_blank(d.name, 16)}&nbsp; 用法：早{_blank(d.morning_mg, 4)}mg；"
            f"中{_blank(d.noon_mg, 4)}mg；晚{_blank(d.evening_mg, 4)}mg&nbsp; "
            f"长效药：每{_blank(d.depot_weeks, 3)}周一次，每次{_blank(d.depot_mg, 4)}mg")


def _build(pg: _Page) -> None:
    r = pg.r
    pg.add("随访日期", _day(pg.val("followup_date")))
    pg.add("本次随访形式", _options(f.VISIT_FORM), pg.boxes(pg.code("visit_form"), 1))
    pg.add("本次随访对象", _options(f.VISIT_WITH),
           pg.boxes([str(c) for c in codes_of(pg.val("visit_with"))], 3))
    pg.add("若失访，原因", _options(f.LOST_REASON), pg.boxes(pg.code("lost_reason"), 1))
    illness = "&nbsp;".join(f"{'①②③④⑤⑥⑦⑧'[c - 1]}{zh}" for c, (zh, _)
                            in f.DEATH_ILLNESS.items())
    pg.group("如死亡，日期和原因", [
        ("死亡日期&nbsp; " + _day(pg.val("death_date")), ""),
        (f"死亡原因&nbsp; 1 躯体疾病&nbsp; {illness}", pg.boxes(pg.code("death_illness"), 1)),
        ("2 自杀&nbsp; 3 他杀&nbsp; 4 意外&nbsp; 5 精神疾病相关并发症&nbsp; 6 其他",
         pg.boxes(pg.code("death_cause"), 1))])
    pg.add("危险性评估", "&nbsp; ".join(f"{n}（{n}级）" for n in range(6)),
           pg.boxes(pg.code("risk_level"), 1))
    other = f"（{_escape(pg.val('symptoms_other'))}）" if pg.val("symptoms_other") else ""
    pg.add("目前症状", _options(f.SYMPTOMS, "&nbsp; ") + other,
           pg.boxes([str(c) for c in codes_of(pg.val("symptoms"))], 12), under=True)
    pg.add("自知力", _options(f.INSIGHT), pg.boxes(pg.code("insight"), 1))
    pg.add("睡眠情况", _options(f.LEVEL3), pg.boxes(pg.code("sleep"), 1))
    pg.add("饮食情况", _options(f.LEVEL3), pg.boxes(pg.code("diet"), 1))
    pg.group("社会功能情况", [
        (f"{zh}&nbsp;&nbsp; " + _options(f.WORK if key == "sf_work" else f.LEVEL3),
         pg.boxes(pg.code(key), 1)) for key, (zh, _en) in f.SOCIAL_ITEMS.items()])
    reached = r is not None and r.get("risk_level") is not None
    counts = danger_of(pg.val("danger"))
    parts = [f"{c} {f.DANGER[c][0]}{_blank(counts.get(c, 0) if reached else None, 3)}次"
             for c in range(1, 7)]
    marked = [str(c) for c in sorted(counts)] or (["7"] if reached else [])
    pg.add("危险行为", "&nbsp; ".join(parts) + "&nbsp; 7 无", pg.boxes(marked, 6))
    pg.add("两次随访期间关锁情况", _options(f.LOCKED), pg.boxes(pg.code("locked"), 1))
    pg.add("两次随访期间住院情况", _options(f.HOSPITAL) + "<br/>末次出院时间&nbsp; "
           + _day(pg.val("last_discharge")), pg.boxes(pg.code("hospital"), 1))
    pg.add("实验室检查", f"1 无&nbsp; 2 有 {_blank(pg.val('lab_text'), 24)}",
           pg.boxes(pg.code("lab"), 1))
    pg.add("用药依从性", _options(f.ADHERENCE), pg.boxes(pg.code("adherence"), 1))
    pg.add("药物不良反应", f"1 无&nbsp; 2 有 {_blank(pg.val('side_effects_text'), 20)}&nbsp; "
           "9 此项不适用", pg.boxes(pg.code("side_effects"), 1))
    pg.add("治疗效果", _options(f.EFFECT), pg.boxes(pg.code("effect"), 1))
    pg.add("是否转诊", f"1 否&nbsp; 2 是<br/>转诊原因：{_blank(pg.val('referral_reason'), 30)}"
           f"<br/>转诊至机构及科室：{_blank(pg.val('referral_institution'), 30)}",
           pg.boxes(pg.code("referred"), 1))
    for key, label in (("drugs", "用药情况"), ("guidance", "用药指导")):
        drugs = drugs_of(pg.val(key))
        pg.group(label, [(_drug_line(drugs[i] if i < len(drugs) else Drug(""), i + 1), "")
                         for i in range(f.MAX_DRUGS)])
    other = f"（{_escape(pg.val('rehab_other'))}）" if pg.val("rehab_other") else ""
    pg.add("康复措施", _options(f.REHAB) + other,
           pg.boxes([str(c) for c in codes_of(pg.val("rehab"))], 5))
    pg.add("本次随访分类", _options(f.CLASSES), pg.boxes(pg.code("classification"), 1))
    pg.add("下次随访日期", _day(pg.val("next_date")) + "&nbsp;&nbsp;&nbsp;&nbsp; 随访医生签名："
           + _blank(pg.val("doctor_name"), 16))


def _notes(row: dict[str, Any] | None) -> list[str]:
    if row is None:
        return []
    lines = []
    if row.get("rule_classification") and row.get("classification") != \
            row.get("rule_classification"):
        lines.append(f"分类说明：按规范应为“{f.CLASSES[row['rule_classification']][0]}”，"
                     f"医生判为更重的“{f.CLASSES[row['classification']][0]}”，理由："
                     f"{_escape(row.get('class_reason') or '')}")
    judged = [zh for key, zh in (("symptoms_marked", "精神症状明显"),
                                 ("severe_side_effects", "严重药物不良反应"),
                                 ("serious_physical_illness", "严重躯体疾病")) if row.get(key)]
    if judged:
        lines.append("医生判断：" + "、".join(judged))
    extra = [zh for key, zh in (("home_rehab", "参加居家康复"),
                                ("counselled_patient", "已对患者进行心理疏导"),
                                ("counselled_family", "已对家属进行护理指导")) if row.get(key)]
    if extra:
        lines.append("另：" + "、".join(extra))
    if row.get("notes"):
        lines.append("备注：" + _escape(row["notes"]))
    if row.get("before_form"):
        old = json.loads(row.get("pre_form_values") or "{}")
        lines.append("本记录录入于采用表1-8之前，空白项当时未按本表记录。原记录："
                     + f.pre_form_text(old))
    return lines


def write_form(row: dict[str, Any] | None, out: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = register_font()
    pg = _Page(row)
    _build(pg)
    table = Table(pg.rows, colWidths=[27 * mm, 117 * mm, 40 * mm], repeatRows=0)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ("FONT", (0, 0), (-1, -1), font, 8.2),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.3), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3),
        *[("SPAN", (a, b), (c, d)) for a, b, c, d in pg.spans],
    ]))
    title = ParagraphStyle("t", fontName=font, fontSize=15, leading=20, alignment=1)
    head = ParagraphStyle("h", fontName=font, fontSize=9.5, leading=13)
    small = ParagraphStyle("s", fontName=font, fontSize=7.5, leading=10, wordWrap="CJK")
    name = _escape(row["resident_name"]) if row else ""
    # 国家严重精神障碍信息系统's 患者编号 where the archive has it; the form's boxes otherwise.
    national = (row or {}).get("smd_national_id")
    number = f"编号：{_blank(national)}" if national else "编号□□□-□□□□□"
    story = [Paragraph("表1-8", ParagraphStyle("n", fontName=font, fontSize=8)),
             Paragraph(TITLE, title), Spacer(1, 2 * mm),
             Table([[Paragraph(f"姓名：{_blank(name, 16)}", head),
                     Paragraph(number, ParagraphStyle("r", parent=head, alignment=2))]],
                   colWidths=[92 * mm, 92 * mm]),
             Spacer(1, 1 * mm), table, Spacer(1, 2 * mm),
             *[Paragraph(line, small) for line in _notes(row)]]

    def build(path: str) -> None:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=13 * mm, rightMargin=13 * mm,
                                topMargin=10 * mm, bottomMargin=9 * mm, title=TITLE,
                                author="PsyRoom", invariant=True)
        # The canvas starts in Helvetica, which is never embedded; start in ours instead.
        doc.build(story, canvasmaker=partial(Canvas, initialFontName=font))

    return write_atomically(Path(out), build)
