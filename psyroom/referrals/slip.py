"""The printed referral slip (转介单): one A4 page in three parts with cut lines.

存根 stays in the room, 转介联 goes with the person to the institution, 回执 comes back
filled in. Only what the institution needs is printed (never a consultation note), frozen
at issue so a reprint says the same, and a QR code carries the serial and the verification
code the room can check with ``psyroom referral verify``.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from psyroom.printing.pdf import register_font, write_atomically
from psyroom.referrals import codes
from psyroom.referrals.model import CONSENT_BY, INSTITUTION_KINDS, URGENCY
from psyroom.residents.labels import GENDER_LABELS

FIELD_ORDER = ("serial", "issued_on", "urgency", "resident_name", "gender", "age", "phone",
               "guardian", "institution", "institution_address", "institution_phone", "reason",
               "consent", "worker", "site_name", "site_address", "site_phone")
FIELD_NAMES = {
    "serial": ("编号", "Serial"), "issued_on": ("开具日期", "Issued on"),
    "urgency": ("紧急程度", "Urgency"), "resident_name": ("姓名", "Name"),
    "gender": ("性别", "Gender"), "age": ("年龄", "Age"), "phone": ("联系电话", "Phone"),
    "guardian": ("监护人", "Guardian"), "institution": ("接收机构", "Institution"),
    "institution_address": ("机构地址", "Institution address"),
    "institution_phone": ("机构电话", "Institution phone"), "reason": ("转介原因", "Reason"),
    "consent": ("知情同意", "Consent"), "worker": ("转介人", "Referred by"),
    "site_name": ("转介单位", "Referring room"), "site_address": ("单位地址", "Room address"),
    "site_phone": ("单位电话", "Room phone"),
}


def slip_fields(*, serial: str, issued_on: date, site_code: str, site_name: str,
                site_address: str, site_phone: str, resident: dict[str, Any],
                age: int | None, referral: dict[str, Any], institution: dict[str, Any],
                worker: str) -> dict[str, str]:
    """Everything the slip prints, as text; the verification code is a MAC over exactly this."""
    guardian = resident.get("guardian_name") or ""
    if guardian and resident.get("guardian_phone"):
        guardian += f"（{resident['guardian_phone']}）"
    if referral["consent_by"]:
        who = CONSENT_BY[referral["consent_by"]][0]
        consent = (f"{who}已于 {referral['consent_date']} 同意转介，同意向接收机构提供："
                   f"{referral['consent_scope']}")
    else:
        consent = f"危机中的紧急转介，尚未取得同意。原因：{referral['no_consent_reason']}"
    return {
        "serial": serial, "issued_on": issued_on.isoformat(), "site_code": site_code,
        "site_name": site_name, "site_address": site_address, "site_phone": site_phone,
        "resident_name": resident["name"],
        "gender": GENDER_LABELS.get(resident["gender"] or "unknown", ("", ""))[0],
        "age": "" if age is None else f"{age} 岁", "phone": resident.get("phone") or "",
        "guardian": guardian, "reason": referral["reason"],
        "urgency": URGENCY[referral["urgency"]][0], "institution": institution["name"],
        "institution_kind": INSTITUTION_KINDS.get(institution["kind"], ("", ""))[0],
        "institution_address": institution["address"] or "",
        "institution_phone": institution["phone"] or "", "worker": worker,
        "consent": consent,
    }


class _Sheet:
    """A canvas with the few drawing moves the slip needs, in millimetres from the top."""

    def __init__(self, canvas: Any) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm

        self.c = canvas
        self.mm = mm
        self.width, self.height = A4
        self.font = register_font()
        self.left = 15 * mm
        self.right = self.width - 15 * mm

    def y(self, top_mm: float) -> float:
        return self.height - top_mm * self.mm

    def text(self, x_mm: float, top_mm: float, value: str, size: float = 10,
             grey: bool = False, max_mm: float | None = None) -> None:
        """One line; with ``max_mm`` a long value is set smaller (down to 7 pt), never past
        the edge and never over the next part."""
        if max_mm is not None:
            while size > 7 and self.c.stringWidth(value, self.font, size) > max_mm * self.mm:
                size -= 0.5
        self.c.setFont(self.font, size)
        self.c.setFillGray(0.35 if grey else 0)
        self.c.drawString(x_mm * self.mm, self.y(top_mm) - size * 0.8, value)
        self.c.setFillGray(0)

    def right_text(self, x_mm: float, top_mm: float, value: str, size: float = 10) -> None:
        self.c.setFont(self.font, size)
        self.c.drawRightString(x_mm * self.mm, self.y(top_mm) - size * 0.8, value)

    def para(self, x_mm: float, top_mm: float, width_mm: float, value: str,
             size: float = 10, max_lines: int = 4) -> float:
        """Wrapped text; returns the height used in mm. Cut to max_lines with an ellipsis."""
        from reportlab.platypus import Paragraph

        from psyroom.printing.pdf import styles

        style = styles()["body"]
        style.fontSize, style.leading = size, size * 1.4  # type: ignore[attr-defined]
        shown = value
        while True:
            p = Paragraph(escape(shown, quote=False).replace("\n", "<br/>"), style)
            _w, h = p.wrap(width_mm * self.mm, 1000)
            if h <= max_lines * size * 1.4 + 1 or len(shown) < 4:
                break
            shown = shown[: int(len(shown) * 0.9)].rstrip("…") + "…"
        p.drawOn(self.c, x_mm * self.mm, self.y(top_mm) - h)
        return float(h / self.mm)

    def line(self, x1: float, top1: float, x2: float, top2: float, width: float = 0.6) -> None:
        self.c.setLineWidth(width)
        self.c.line(x1 * self.mm, self.y(top1), x2 * self.mm, self.y(top2))

    def box(self, x: float, top: float, w: float, h: float, width: float = 0.8) -> None:
        self.c.setLineWidth(width)
        self.c.rect(x * self.mm, self.y(top + h), w * self.mm, h * self.mm)

    def cut(self, top_mm: float, label: str) -> None:
        self.c.setDash(4, 3)
        self.c.setLineWidth(0.5)
        self.c.setStrokeGray(0.4)
        self.c.line(8 * self.mm, self.y(top_mm), self.width - 8 * self.mm, self.y(top_mm))
        self.c.setDash()
        self.c.setStrokeGray(0)
        self.c.setFont(self.font, 7)
        self.c.setFillGray(1)
        label_w = self.c.stringWidth(label, self.font, 7) + 6
        mid = self.width / 2
        self.c.rect(mid - label_w / 2, self.y(top_mm) - 4, label_w, 8, stroke=0, fill=1)
        self.c.setFillGray(0.35)
        self.c.drawCentredString(mid, self.y(top_mm) - 2.5, label)
        self.c.setFillGray(0)

    def qr(self, x_mm: float, top_mm: float, size_mm: float, payload: str) -> None:
        import segno

        matrix = segno.make(payload, error="m", micro=False).matrix
        n = len(matrix)
        cell = size_mm * self.mm / (n + 8)  # a 4-module quiet zone on every side
        x0 = x_mm * self.mm + 4 * cell
        y0 = self.y(top_mm) - 4 * cell
        self.c.setFillGray(0)
        for r, row in enumerate(matrix):
            for col, dark in enumerate(row):
                if dark:
                    self.c.rect(x0 + col * cell, y0 - (r + 1) * cell, cell, cell,
                                stroke=0, fill=1)


def _row(s: _Sheet, top: float, pairs: list[tuple[str, str, float]], size: float = 10,
         right: float = 195) -> None:
    """Label–value pairs on one line: (label, value, x in mm); each value fits before the
    next pair (the last one before ``right``)."""
    for i, (label, value, x) in enumerate(pairs):
        caption = f"{label}："
        s.text(x, top, caption, size, grey=True)
        start = x + s.c.stringWidth(caption, s.font, size) / s.mm
        end = pairs[i + 1][2] - 2 if i + 1 < len(pairs) else right
        s.text(start, top, value, size, max_mm=end - start)


def _contact(s: _Sheet, f: dict[str, str], prefix: str) -> str:
    return "  ".join(v for v in (f[f"{prefix}_address"], f[f"{prefix}_phone"]) if v)


def _stub(s: _Sheet, f: dict[str, str], top: float) -> None:
    s.text(15, top, "心理服务转介单", 14)
    s.text(54, top + 1.2, "存根 · 转介单位留存", 10, grey=True)
    s.right_text(195, top + 0.5, f"编号 {f['serial']}", 11)
    _row(s, top + 9, [("日期", f["issued_on"], 15), ("紧急程度", f["urgency"], 62),
                      ("转介人", f["worker"], 120)])
    _row(s, top + 15, [("姓名", f["resident_name"], 15), ("性别", f["gender"], 62),
                       ("年龄", f["age"], 90), ("电话", f["phone"], 120)])
    _row(s, top + 21, [("接收机构", f["institution"], 15)])
    s.text(15, top + 27.5, "转介原因：", 10, grey=True)
    s.para(33, top + 26.8, 162, f["reason"], 9.5, max_lines=2)
    s.text(15, top + 37, "知情同意：", 10, grey=True)
    s.para(33, top + 36.3, 162, f["consent"], 9.5, max_lines=2)
    s.text(15, top + 47, "回执收回日期：__________  接收人：__________", 10, grey=True)


def _referral_part(s: _Sheet, f: dict[str, str], code: str, top: float) -> None:
    s.text(15, top, "心理服务转介单", 18)
    s.text(15, top + 9, "转介联 · 请持此联到接收机构", 10, grey=True)
    qr_size = 30.0
    s.qr(195 - qr_size, top - 2, qr_size, codes.qr_payload(f["serial"], code))
    s.right_text(195 - qr_size - 2, top + 1, f"编号 {f['serial']}", 12)
    s.right_text(195 - qr_size - 2, top + 8, f"校验码 {codes.shown(code)}", 10)
    s.right_text(195 - qr_size - 2, top + 14, f"开具日期 {f['issued_on']}", 10)
    if f["urgency"] == "紧急":
        s.c.setFillColorRGB(0.72, 0.1, 0.1)
        s.c.rect(15 * s.mm, s.y(top + 21), 22 * s.mm, 7 * s.mm, stroke=0, fill=1)
        s.c.setFillGray(1)
        s.c.setFont(s.font, 12)
        s.c.drawCentredString(26 * s.mm, s.y(top + 19.4), "紧 急")
        s.c.setFillGray(0)
    else:
        s.text(15, top + 15.5, "常规转介", 11)
    y = top + 25
    person_h = 15 + (6 if f["guardian"] else 0)
    s.box(15, y, 180, person_h)
    s.text(17, y + 1.2, "被转介人", 9, grey=True)
    _row(s, y + 7, [("姓名", f["resident_name"], 17), ("性别", f["gender"], 75),
                    ("年龄", f["age"], 105), ("电话", f["phone"], 135)], 12, right=193)
    if f["guardian"]:
        _row(s, y + 14, [("监护人", f["guardian"], 17)], 10.5, right=193)
    y += person_h + 3.5
    _row(s, y, [("接收机构", f["institution"], 15)], 12)
    indent = 15 + s.c.stringWidth("接收机构：", s.font, 12) / s.mm
    if contact := _contact(s, f, "institution"):
        s.text(indent, y + 6, contact, 9, grey=True, max_mm=195 - indent)
    y += 12
    s.text(15, y, "转介原因：", 10.5, grey=True)
    used = s.para(35, y - 0.5, 160, f["reason"], 10.5, max_lines=4)
    y += max(used, 5) + 3
    s.text(15, y, "知情同意：", 10.5, grey=True)
    s.para(35, y - 0.5, 160, f["consent"], 9.5, max_lines=3)
    # The signatures sit at the foot of the part, whatever the length of the text above:
    # the space between is where people write, and the cut line never moves.
    y = SECOND_CUT - 39
    s.text(15, y, "本人/监护人签名：________________", 10.5)
    s.text(120, y, "日期：________________", 10.5)
    y += 9
    _row(s, y, [("转介单位", f["site_name"], 15)], 10.5)
    indent = 15 + s.c.stringWidth("转介单位：", s.font, 10.5) / s.mm
    if contact := _contact(s, f, "site"):
        s.text(indent, y + 5.5, contact, 9, grey=True, max_mm=195 - indent)
    y += 11.5
    _row(s, y, [("转介人", f["worker"], 15)], 10.5, right=68)
    s.text(70, y, "签名：________________", 10.5)
    s.text(135, y, "转介单位（盖章）", 10.5, grey=True)
    y += 7.5
    s.line(15, y, 195, y, 0.3)
    s.text(15, y + 1.5, "致接收机构：请核对身份后接诊，填写下方回执寄回；核实真伪请致电转介单位"
           "并报编号和校验码。", 9, max_mm=180)


def _receipt(s: _Sheet, f: dict[str, str], code: str, top: float) -> None:
    s.text(15, top, "心理服务转介单", 14)
    s.text(54, top + 1.2, "回执 · 请接收机构填写后寄回或交回转介单位", 10, grey=True)
    qr_size = 22.0
    s.qr(195 - qr_size, top - 2, qr_size, codes.qr_payload(f["serial"], code))
    _row(s, top + 8, [("编号", f["serial"], 15), ("被转介人", f["resident_name"], 80)], 10.5,
         right=171)
    _row(s, top + 14, [("接收机构", f["institution"], 15)], 10.5, right=171)
    _row(s, top + 20, [("寄回", f["site_name"], 15)], 10, right=171)
    indent = 15 + s.c.stringWidth("寄回：", s.font, 10) / s.mm
    if contact := _contact(s, f, "site"):
        s.text(indent, top + 25.5, contact, 9, grey=True, max_mm=171 - indent)
    s.text(15, top + 32, "该转介对象已于 ______ 年 ____ 月 ____ 日到我单位就诊/接受服务。", 10.5)
    s.text(15, top + 39.5, "接收人：________________", 10.5)
    s.text(95, top + 39.5, "接收机构（盖章）：________________", 10.5)
    s.text(15, top + 47, "初步意见和建议：", 10.5)
    for i in range(2):
        s.line(45, top + 52 + i * 7, 195, top + 52 + i * 7, 0.4)


# Where each part starts on the page (mm from the top); the cut lines sit between them.
STUB_TOP, FIRST_CUT, REFERRAL_TOP, SECOND_CUT, RECEIPT_TOP = 11, 66, 72, 220, 226


def write_slip_pdf(out: Path, fields: dict[str, str], code: str) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    def build(path: str) -> None:
        from reportlab.lib.pagesizes import A4

        canvas = Canvas(path, pagesize=A4, pageCompression=1, initialFontName=register_font())
        canvas.setTitle(f"心理服务转介单 {fields['serial']}")
        canvas.setAuthor(fields["site_name"])
        sheet = _Sheet(canvas)
        _stub(sheet, fields, STUB_TOP)
        sheet.cut(FIRST_CUT, "沿此线剪开 · 以上存根由转介单位留存")
        _referral_part(sheet, fields, code, REFERRAL_TOP)
        sheet.cut(SECOND_CUT, "沿此线剪开 · 以下回执由接收机构填写后寄回")
        _receipt(sheet, fields, code, RECEIPT_TOP)
        canvas.showPage()
        canvas.save()

    return write_atomically(out, build)
