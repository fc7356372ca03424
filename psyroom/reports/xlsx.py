"""The report's tables as an .xlsx for the city's templates.

Written by hand into memory with zipfile: every cell is a value (numbers as numbers, text as
inline strings, so text starting with '=' stays text), never a formula. openpyxl is not used
here because its writer spools each sheet through a plaintext temp file, and the annex-free
tables still carry figures that belong to the room.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from psyroom.printing.pdf import write_atomically
from psyroom.reports.model import Cell, MonthlyReport
from psyroom.reports.tables import RATE_HEADERS, period_text, summary_rows

_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})
_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _col(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        name = chr(65 + rem) + name
    return name


def _cell(ref: str, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = escape(str(value).translate(_CONTROL))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet(rows: list[list[Cell]]) -> str:
    body = "".join(
        f'<row r="{i + 1}">' + "".join(_cell(f"{_col(j)}{i + 1}", v) for j, v in enumerate(row))
        + "</row>" for i, row in enumerate(rows))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{body}</sheetData></worksheet>")


def sheets(report: MonthlyReport) -> list[tuple[str, list[list[Cell]]]]:
    out: list[tuple[str, list[list[Cell]]]] = [
        ("主要数据", [["项目", "本月"], *summary_rows(report.figures)])]
    rates: list[list[Cell]] = [[*RATE_HEADERS[:3], "比率数值", "单位", "统计期", "目标",
                                "是否达标", "说明"]]
    for r in report.rates:
        rates.append([r.name_zh, r.numerator, r.denominator, r.value, r.unit, period_text(r),
                      r.target, None if r.met is None else ("达标" if r.met else "未达标"),
                      r.reason_zh])
    out.append(("考核指标", rates))
    for t in report.tables:
        out.append((t.title_zh, [list(t.headers), *t.rows]))
    if report.kind == "office":
        months = [m for m, _v in next(iter(report.trends.values()), [])]
        out.append(("近12个月趋势", [["指标", *months]] + [
            [k, *[v for _m, v in series]] for k, series in report.trends.items()]))
        out.append(("数据报送", [["咨询室", "已覆盖本月", "迟报", "数据截至", "起始序号",
                                 "截止序号"]] + [
            [f["name"], f["covered"], f["late"], f["period_end"], f["seq_from"], f["seq_to"]]
            for f in report.freshness]))
        out.append(("预警", [["村（社区）", "高风险本月", "高风险3月均", "危机本月", "危机3月均",
                             "阳性本月", "阳性3月均", "明显上升"]] + [
            [w["village"], w["high_risk"]["month"], w["high_risk"]["average_3m"],
             w["crisis_events"]["month"], w["crisis_events"]["average_3m"],
             w["positive_screens"]["month"], w["positive_screens"]["average_3m"],
             "、".join(w["rising"])] for w in report.early_warning]))
    return out


def xlsx_bytes(report: MonthlyReport) -> bytes:
    named: list[tuple[str, list[list[Cell]]]] = []
    used: set[str] = set()
    for title, rows in sheets(report):
        name = title.translate(_BAD_SHEET_CHARS)[:28] or "表"
        base, k = name, 2
        while name in used:
            name, k = f"{base}{k}", k + 1
        used.add(name)
        named.append((name, rows))
    ns = "http://schemas.openxmlformats.org/"
    rel = f"{ns}officeDocument/2006/relationships"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Types xmlns="{ns}package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>' + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(len(named))) + "</Types>"))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="{ns}package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"))
        z.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<workbook xmlns="{ns}spreadsheetml/2006/main" xmlns:r="{rel}"><sheets>' + "".join(
                f'<sheet name="{escape(n, {chr(34): "&quot;"})}" sheetId="{i + 1}" '
                f'r:id="rId{i + 1}"/>' for i, (n, _r) in enumerate(named))
            + "</sheets></workbook>"))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="{ns}package/2006/relationships">' + "".join(
                f'<Relationship Id="rId{i + 1}" Type="{rel}/worksheet" '
                f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(named)))
            + "</Relationships>"))
        for i, (_name, rows) in enumerate(named):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", _sheet(rows))
    return buf.getvalue()


def write_xlsx(report: MonthlyReport, out: Path) -> Path:
    data = xlsx_bytes(report)
    return write_atomically(out, lambda path: Path(path).write_bytes(data))
