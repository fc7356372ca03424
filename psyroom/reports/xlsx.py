"""The report's tables as an .xlsx for the city's templates.

Through the shared writer (:mod:`psyroom.spreadsheets`), in memory: figures are number cells
(the templates add them up), text is text (a village named ``=…`` stays a name), and no cell
is ever a formula.
"""

from __future__ import annotations

from pathlib import Path

from psyroom.printing.pdf import write_atomically
from psyroom.reports.model import Cell, MonthlyReport
from psyroom.reports.tables import RATE_HEADERS, period_text, summary_rows
from psyroom.spreadsheets import SheetData
from psyroom.spreadsheets import xlsx_bytes as workbook_bytes


def _value(value: Cell) -> Cell:
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


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
    return workbook_bytes([SheetData(title, [[_value(v) for v in row] for row in rows],
                                     numbers=True, header=True)
                           for title, rows in sheets(report)])


def write_xlsx(report: MonthlyReport, out: Path) -> Path:
    data = xlsx_bytes(report)
    return write_atomically(out, lambda path: Path(path).write_bytes(data))
