"""One resident's whole archive as a PDF, for the person's own access request."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from psyroom.clock import local_display
from psyroom.printing.pdf import styles, write_atomically
from psyroom.residents.labels import (
    FIELD_LABELS,
    GENDER_LABELS,
    RISK_LABELS,
    STATUS_LABELS,
    label,
)
from psyroom.residents.model import Resident
from psyroom.sites.service import SiteInfo
from psyroom.timeline import TimelineEntry


def _value(resident: Resident, field: str, tags: dict[str, str], language: str) -> str:
    value = getattr(resident, field)
    if field == "gender":
        return label(GENDER_LABELS, value, language)
    if field == "risk_level":
        return label(RISK_LABELS, value, language)
    if field == "status":
        return label(STATUS_LABELS, value, language)
    if field == "smd_registered":
        return ("是" if value else "否") if language == "zh_CN" else ("yes" if value else "no")
    if field == "tags":
        return "、".join(sorted(tags.get(t, t) for t in value))
    return str(value or "")


def write_archive_pdf(out: Path, resident: Resident, entries: list[TimelineEntry],
                      tag_table: list[dict[str, Any]], *, site: SiteInfo, language: str,
                      printed_on: date) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    st = styles()
    zh = language == "zh_CN"
    tags = {t["code"]: (t["name_zh"] if zh else t["name_en"]) for t in tag_table}
    story: list[Any] = [
        Paragraph(escape("居民心理服务电子档案" if zh else "Resident psychological service "
                         "archive"), st["title"]),
        Paragraph(escape(f"{site.name}（{site.code}）  打印日期：{printed_on.isoformat()}"
                         if zh else f"{site.name} ({site.code})  printed "
                         f"{printed_on.isoformat()}"), st["small"]),
        Spacer(1, 4 * mm),
    ]
    rows = []
    for field in FIELD_LABELS:
        text = _value(resident, field, tags, language)
        if text:
            rows.append([Paragraph(escape(label(FIELD_LABELS, field, language)), st["body"]),
                         Paragraph(escape(text), st["body"])])
    table = Table(rows, colWidths=[40 * mm, 130 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke)]))
    story += [table, Paragraph(escape("档案记录" if zh else "Timeline"), st["h2"])]
    for entry in entries:
        title = entry.title_zh if zh else entry.title_en
        who = f" · {entry.actor_name}" if entry.actor_name else ""
        story.append(Paragraph(escape(f"{local_display(entry.at)}  {title}{who}"),
                               st["body"]))
    story += [Spacer(1, 6 * mm), Paragraph(escape(
        "本档案依据《个人信息保护法》应本人查阅请求导出，请妥善保管，不得转交他人。" if zh else
        "Exported at the person's own request under the PIPL. Keep it safe; do not pass it "
        "on."), st["small"])]

    def build(path: str) -> None:
        doc = SimpleDocTemplate(path, pagesize=A4, title="居民心理服务电子档案",
                                leftMargin=20 * mm, rightMargin=20 * mm)
        doc.build(story)

    return write_atomically(out, build)
