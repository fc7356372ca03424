"""Print a report through the app's print dialog.

The PDF cannot be handed to the printer without a PDF renderer (Qt Pdf is not shipped), so the
printout is laid out from the same report tables as HTML in a QTextDocument; nothing is written
to a file on the way.
"""

from __future__ import annotations

from html import escape

from psyroom.reports.model import Cell, MonthlyReport
from psyroom.reports.tables import RATE_HEADERS, rate_rows, summary_rows
from ui.qt import QCoreApplication, QPrintDialog, QPrinter, QTextDocument, QWidget


def _cell(value: Cell) -> str:
    return "—" if value is None else escape(str(value))


def _table(title: str, headers: list[str], rows: list[list[Cell]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return (f"<h3>{escape(title)}</h3><table border='1' cellspacing='0' cellpadding='3' "
            f"width='100%'><tr>{head}</tr>{body}</table>")


def report_html(report: MonthlyReport) -> str:
    who = report.site["name"] + (f"（{report.scope['name']}）" if report.scope else "")
    parts = [f"<h2 align='center'>{escape(who)}<br/>{escape(report.month)} 月报</h2>",
             _table("主要数据", ["项目", "本月"], summary_rows(report.figures)),
             _table("考核指标完成情况", RATE_HEADERS, rate_rows(report.rates))]
    parts += [_table(t.title_zh, t.headers, t.rows) for t in report.tables]
    if report.annex_included and report.high_risk:
        parts.append(_table("机密附件：高风险人员名单", ["姓名", "村（社区）", "咨询室"], [
            [h["name"], h["village"], h["site"]] for h in report.high_risk]))
    elif not report.annex_included:
        parts.append("<p>机密附件未包含：生成本报表的账号无权查阅风险信息。</p>")
    parts.append("<p>填报人：__________ 审核人：__________ 负责人（签章）：__________</p>")
    parts.append(f"<p><small>审计链头哈希：{escape(report.audit_head)}</small></p>")
    parts.append("<p><small>内部资料 注意保密</small></p>")
    return "".join(parts)


def print_report(parent: QWidget | None, report: MonthlyReport) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"{report.site['name']} {report.month}")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("ReportsPage", "Print the report"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    doc = QTextDocument()
    doc.setHtml(report_html(report))
    doc.print_(printer)
    return True
