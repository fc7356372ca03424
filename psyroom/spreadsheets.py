"""Every spreadsheet the app writes goes through here (rule for all exports, DESIGN.md §8).

Two promises:

* **Text only.** Every cell is written as an inline string with the text format and Excel's
  "quote prefix", so a value from a register such as ``=HYPERLINK(...)`` or
  ``=cmd|' /C calc'!A0`` stays text when a colleague opens or edits the file: never a formula
  (CSV/formula injection). ID numbers stay text too, not numbers in scientific notation.
* **Nothing in clear on the way out.** openpyxl's writer spools each sheet to
  ``/tmp/openpyxl.*`` before zipping; these files hold personal data, so the workbook is built
  in memory here and written once, atomically, where the user chose.

The format is the minimal SpreadsheetML that Excel, WPS and LibreOffice open (one styles part,
inline strings, optional column widths).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from psyroom.fileio import atomic_write_bytes

# What spreadsheet programs read as the start of a formula (and tab/CR, which some strip).
FORMULA_STARTS = ("=", "+", "-", "@", "|", "\t", "\r", "＝", "＋", "－", "＠")
# XML 1.0 cannot carry most control characters; a register may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def cell_text(value: object) -> str:
    """The text a cell shows: dates as YYYY-MM-DD, nothing for None, everything else str()."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        # A date cell read from Excel is a datetime at midnight: give the date back, as the
        # importer reads it on the way in again.
        if value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return _NOT_XML.sub("", str(value))


def csv_cell(value: object) -> str:
    """For CSV exports: a leading formula character gets an apostrophe, as OWASP advises
    (CSV has no way to mark a cell as text)."""
    text = cell_text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass
class SheetData:
    title: str
    rows: Iterable[Sequence[object]]
    # Column widths in characters, by 1-based column number.
    widths: dict[int, float] = field(default_factory=dict)


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_NAME_BAD.sub("_", cell_text(title)).strip("'")[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def _sheet_xml(sheet: SheetData) -> bytes:
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    if sheet.widths:
        out.write("<cols>")
        for col, width in sorted(sheet.widths.items()):
            out.write(f'<col min="{col}" max="{col}" width="{width:g}" customWidth="1"/>')
        out.write("</cols>")
    out.write("<sheetData>")
    for r, row in enumerate(sheet.rows, start=1):
        out.write(f'<row r="{r}">')
        for c, value in enumerate(row, start=1):
            text = cell_text(value)
            if not text:
                continue
            # s="1": the text number format with quotePrefix; t="inlineStr": a string, always.
            out.write(f'<c r="{_column_letter(c)}{r}" s="1" t="inlineStr"><is>'
                      f'<t xml:space="preserve">{escape(text)}</t></is></c>')
        out.write("</row>")
    out.write("</sheetData></worksheet>")
    return out.getvalue().encode("utf-8")


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/>{sheets}</Types>')
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="2">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    'quotePrefix="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def xlsx_bytes(sheets: Sequence[SheetData]) -> bytes:
    """The whole .xlsx, built in memory."""
    used: set[str] = set()
    titles = [_sheet_title(s.title, used) for s in sheets]
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(
            sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, len(sheets) + 1))))
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets>' + "".join(
                f'<sheet name={quoteattr(t)} sheetId="{n}" r:id="rId{n}"/>'
                for n, t in enumerate(titles, start=1)) + '</sheets></workbook>'))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships">' + "".join(
                f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/relationships/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>' for n in range(1, len(sheets) + 1))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats'
            '.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>'))
        z.writestr("xl/styles.xml", _STYLES)
        for n, sheet in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{n}.xml", _sheet_xml(sheet))
    return book.getvalue()


def save_xlsx(path: Path, sheets: Sequence[SheetData]) -> Path:
    """Write the workbook where the user chose, atomically; check the place first with
    :func:`psyroom.fileio.check_output_path`."""
    atomic_write_bytes(Path(path), xlsx_bytes(sheets))
    return Path(path)
