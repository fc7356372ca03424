"""The monthly report as an A4 PDF laid out like a filed government document: title block,
numbered tables, rates with their parts, a confidential annex, signature lines, and on the
last page the audit chain head that lets a reader check the report later."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from psyroom.printing.pdf import register_font, styles, write_atomically
from psyroom.reports import charts
from psyroom.reports.model import Cell, MonthlyReport
from psyroom.reports.model import Table as ReportTable
from psyroom.reports.office import TREND_LABELS
from psyroom.reports.period import Month
from psyroom.reports.tables import RATE_HEADERS, rate_rows, summary_rows

FOOTER = "内部资料 注意保密 · 不得擅自复制、转发"
RISK_ZH = {"none": "无", "low": "低", "medium": "中", "high": "高"}
GRID = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#E8EDF3")
WARN_BG = colors.HexColor("#F9DCDC")


def _numbered_canvas(title: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Two passes over the pages so every footer can say 第 x 页 共 y 页."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Otherwise every page names Helvetica, a font the PDF does not embed.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or register_font()
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            font = register_font()
            width, _height = A4
            self.setFont(font, 8)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(20 * mm, 12 * mm, FOOTER)
            self.drawCentredString(width / 2, 12 * mm,
                                   f"第 {self._pageNumber} 页 共 {total} 页")
            self.drawRightString(width - 20 * mm, 12 * mm, title)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.line(20 * mm, 15 * mm, width - 20 * mm, 15 * mm)

    return NumberedCanvas


def _cell(value: Cell) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(headers: list[str], rows: list[list[Cell]], widths: list[float] | None = None,
           highlight: list[int] | None = None) -> Table:
    st = styles()
    body = st["small"]
    data = [[Paragraph(h, body) for h in headers]] + [
        [Paragraph(_cell(c), body) for c in row] for row in rows]
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [("FONTNAME", (0, 0), (-1, -1), register_font()),
             ("GRID", (0, 0), (-1, -1), 0.4, GRID),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for i in highlight or []:
        style.append(("BACKGROUND", (0, i + 1), (-1, i + 1), WARN_BG))
    t.setStyle(TableStyle(style))
    return t


def _numbered(n: int, title: str) -> Paragraph:
    chinese = "一二三四五六七八九十"
    label = chinese[n - 1] if n <= 10 else f"十{chinese[n - 11]}"
    return Paragraph(f"{label}、{title}", styles()["h2"])


def _title_block(report: MonthlyReport) -> list[Any]:
    st = styles()
    month = Month.parse(report.month)
    who = report.site["name"]
    if report.scope:
        who = f"{report.site['name']}（{report.scope['name']}）"
    kind = "心理服务工作月报" if report.kind == "room" else "社会心理服务体系建设工作月报"
    title = Paragraph(f"<para alignment='center'>{who}<br/>{month.title_zh}{kind}</para>",
                      st["title"])
    meta = Paragraph(
        f"<para alignment='center'>统计期：{month.first.isoformat()} 至 "
        f"{month.last.isoformat()}　　生成：{report.generated_at[:16].replace('T', ' ')} UTC"
        f"　　生成人：{report.generated_by}</para>", st["small"])
    return [title, meta, Spacer(1, 6)]


def _cover(report: MonthlyReport) -> list[Any]:
    st = styles()
    month = Month.parse(report.month)
    big = st["title"]
    return [Spacer(1, 60 * mm),
            Paragraph(f"<para alignment='center' fontSize='22' leading='34'>"
                      f"{report.site['name']}<br/>社会心理服务体系建设<br/>"
                      f"{month.title_zh}工作月报</para>", big),
            Spacer(1, 40 * mm),
            Paragraph(f"<para alignment='center'>统计期：{month.first.isoformat()} 至 "
                      f"{month.last.isoformat()}<br/>编制单位：{report.site['name']}<br/>"
                      f"编制日期：{report.generated_at[:10]}</para>",
                      st["body"]),
            Spacer(1, 30 * mm),
            Paragraph(f"<para alignment='center'>{FOOTER}</para>",
                      st["body"]),
            PageBreak()]


def _rates(report: MonthlyReport) -> list[Any]:
    st = styles()
    note = Paragraph("比率＝分子÷分母；严重精神障碍各率按年初至统计日计（DESIGN §10）；"
                     "分母缺失时写“缺失”，不按 0% 计。", st["small"])
    # 是否达标 / 无法判断 on one line; the reason column wide enough to be read.
    widths = [38 * mm, 12 * mm, 12 * mm, 16 * mm, 27 * mm, 15 * mm, 18 * mm, 32 * mm]
    missed = [i for i, r in enumerate(report.rates) if r.met is False]
    return [_table(RATE_HEADERS, rate_rows(report.rates), widths, missed), Spacer(1, 4), note]


def _section_tables(tables: list[ReportTable], start: int) -> list[Any]:
    out: list[Any] = []
    for i, t in enumerate(tables):
        out.append(KeepTogether([_numbered(start + i, t.title_zh),
                                 _table(t.headers, t.rows)]))
    return out


def _charts(report: MonthlyReport) -> list[Any]:
    from psyroom.consultations.model import LABELS

    c = report.figures["consultations"]
    modes = LABELS["mode"]
    issues = LABELS["issues"]
    return [charts.bar_chart("咨询方式（人次）", [modes.get(k, (k,))[0] for k in c["by_mode"]],
                             list(c["by_mode"].values())),
            charts.bar_chart("咨询问题类别（人次）",
                             [issues.get(k, (k,))[0] for k in c["by_issue"]],
                             list(c["by_issue"].values()))]


def _trends(report: MonthlyReport) -> list[Any]:
    out: list[Any] = []
    months = [m for m, _v in next(iter(report.trends.values()), [])]
    counts = {TREND_LABELS[k]: [v for _m, v in report.trends[k]] for k in (
        "consultations", "new_archives", "referrals_issued", "crisis_events", "followups")
        if k in report.trends}
    for name, values in counts.items():
        out.append(charts.bar_chart(f"近12个月{name}", [m[2:] for m in months], values,
                                    height=130))
    out.append(charts.line_chart("近12个月严重精神障碍患者管理率、规范管理率（%）", months, {
        TREND_LABELS[k]: [v for _m, v in report.trends[k]]
        for k in ("smd_managed_rate", "smd_standard_rate")}))
    return out


def _freshness(report: MonthlyReport) -> list[Any]:
    rows: list[list[Cell]] = [[
        f["name"], "已覆盖" if f["covered"] else ("迟报" if f["late"] else "未到"),
        f["period_end"], f"{f['seq_from']}–{f['seq_to']}" if f["seq_from"] is not None
        else None, (f["imported_at"] or "")[:16].replace("T", " ") or None]
        for f in report.freshness]
    late = [i for i, f in enumerate(report.freshness) if f["late"]]
    return [_table(["咨询室", "本月数据", "数据截至", "数据包序号", "最近导入"], rows,
                   highlight=late)]


def _warning(report: MonthlyReport) -> list[Any]:
    rows: list[list[Cell]] = []
    for w in report.early_warning:
        rows.append([w["village"]] + [
            f"{w[k]['month']}（均{w[k]['average_3m']:g}）" + ("↑" if w[k]["rising"] else "")
            for k in ("high_risk", "crisis_events", "positive_screens")])
    rising = [i for i, w in enumerate(report.early_warning) if w["rising"]]
    st = styles()
    return [_table(["村（社区）", "高风险人数", "危机事件", "测评阳性"], rows, highlight=rising),
            Paragraph("括号内为前3个月平均；↑及底色：本月明显上升（达到办公室设置的倍数与增量）。",
                      st["small"])]


def _annex(report: MonthlyReport) -> list[Any]:
    st = styles()
    out: list[Any] = [PageBreak(), Paragraph("<para alignment='center'>机密附件</para>",
                                             st["title"])]
    if not report.annex_included:
        out.append(Paragraph("生成本报表的账号无权查阅风险信息，机密附件（高风险人员名单、各指标"
                             "未覆盖人员名单）未包含在本报表中。", st["body"]))
        return out
    out.append(Paragraph("本附件含个人敏感信息，仅供本单位内部工作使用，阅后妥善保管。",
                         st["small"]))
    if report.kind == "office" and report.scope is None:
        return out + _annex_by_room(report)
    out.append(Paragraph("（一）高风险人员名单", st["h2"]))
    out.append(_table(["姓名", "村（社区）", "风险等级", "未结危机", "咨询室"], [
        [h["name"], h["village"], RISK_ZH.get(h["risk_level"], h["risk_level"]),
         h["open_crises"], h["site"]]
        for h in report.high_risk]) if report.high_risk else Paragraph("无。", st["body"]))
    out.append(Paragraph("（二）各指标未覆盖人员（分母中、分子外）", st["h2"]))
    for rate in report.rates:
        if not rate.behind:
            continue
        out.append(CondPageBreak(30 * mm))
        out.append(Paragraph(f"{rate.name_zh}：{len(rate.behind)} 人（个）",
                             st["body"]))
        out.append(_table(["姓名/名称", "村（社区）", "咨询室", "最近随访", "说明"], [
            [b.get("name"), b.get("village"), b.get("site"), b.get("last_followup"),
             b.get("detail")] for b in rate.behind]))
    return out


def _signatures() -> list[Any]:
    st = styles()
    return [KeepTogether([Spacer(1, 16), Paragraph(
        "填报人：____________　　审核人：____________　　负责人（签章）：____________",
        st["body"]), Spacer(1, 10), Paragraph(
        "<para alignment='right'>（单位盖章）　　日期：______年____月____日</para>",
        st["body"])])]


def _annex_by_room(report: MonthlyReport) -> list[Any]:
    """The whole street's annex counts per room; names stay in each room's own annex (and on
    screen), or a street report of hundreds of pages would print every work list."""
    st = styles()
    risky: dict[str, int] = {}
    for h in report.high_risk:
        risky[h["site"]] = risky.get(h["site"], 0) + 1
    out: list[Any] = [Paragraph("（一）各咨询室高风险人数", st["h2"]),
                      _table(["咨询室", "高风险人数"], [[k, v] for k, v in sorted(risky.items())])
                      if risky else Paragraph("无。", st["body"]),
                      Paragraph("（二）各指标未覆盖人数（按咨询室）", st["h2"])]
    rows: list[list[Cell]] = []
    for rate in report.rates:
        per_room: dict[str, int] = {}
        for b in rate.behind:
            per_room[b.get("site") or "—"] = per_room.get(b.get("site") or "—", 0) + 1
        rows += [[rate.name_zh, room, n] for room, n in sorted(per_room.items())]
    out.append(_table(["指标", "咨询室（或名称）", "未覆盖数"], rows) if rows
               else Paragraph("无。", st["body"]))
    out.append(Paragraph("名单见各咨询室月报的机密附件（psyroom report monthly --site 代码），"
                         "或屏幕上各指标的“未覆盖人员”列表。", st["small"]))
    return out


def _closing(report: MonthlyReport) -> list[Any]:
    st = styles()
    out: list[Any] = [Spacer(1, 14)]
    out.append(Paragraph("报表核验信息", st["h2"]))
    out.append(Paragraph(f"审计链头哈希（生成时）：<font size='7'>{report.audit_head}</font>",
                         st["small"]))
    out.append(Paragraph("可用命令 psyroom verify --head 上述哈希 核对数据库是否仍与本报表一致。",
                         st["small"]))
    ranges = [f for f in report.freshness if f["seq_from"] is not None]
    if ranges:
        out.append(Paragraph("本报表包含的各咨询室数据包序号：" + "；".join(
            f"{f['name']} {f['seq_from']}–{f['seq_to']}" for f in ranges),
            st["small"]))
    return out


def story(report: MonthlyReport) -> list[Any]:
    st = styles()
    out: list[Any] = []
    if report.kind == "office":
        out += _cover(report)
    out += _title_block(report)
    n = 1
    out.append(_numbered(n, "主要数据"))
    out.append(_table(["项目", "本月"], summary_rows(report.figures), [60 * mm, 30 * mm]))
    n += 1
    if report.kind == "office" and report.rooms:
        out.append(_numbered(n, "各咨询室本月工作量"))
        rooms = report.tables[0]
        out.append(_table(rooms.headers, rooms.rows))
        n += 1
    out.append(CondPageBreak(60 * mm))
    out.append(_numbered(n, "考核指标完成情况"))
    out += _rates(report)
    n += 1
    tables = [t for t in report.tables if t.key != "rooms"]
    out += _section_tables(tables, n)
    n += len(tables)
    out.append(CondPageBreak(90 * mm))
    out.append(_numbered(n, "图表"))
    out += _charts(report)
    n += 1
    if report.kind == "office":
        out.append(PageBreak())
        out.append(_numbered(n, "近12个月趋势"))
        out += _trends(report)
        n += 1
        out.append(CondPageBreak(60 * mm))
        out.append(_numbered(n, "数据报送情况（数据包）"))
        out += _freshness(report)
        n += 1
        out.append(CondPageBreak(60 * mm))
        out.append(_numbered(n, "社会心态预测预警（按村）"))
        out += _warning(report)
        n += 1
    out += _signatures()
    out += _annex(report)
    out += _closing(report)
    del st
    return out


def write_pdf(report: MonthlyReport, out: Path) -> Path:
    register_font()
    title = f"{report.site['name']} {report.month} 月报"

    def build(path: str) -> None:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=18 * mm, bottomMargin=22 * mm, title=title,
                                author=report.site["name"])
        doc.build(story(report), canvasmaker=_numbered_canvas(title))

    return write_atomically(out, build)
