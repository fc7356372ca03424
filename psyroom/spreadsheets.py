"""Every spreadsheet the app writes goes through here (rule for all exports, DESIGN.md §8).

Three promises:

* **Values, never formulas.** Text is written as a string cell with the text format and
  Excel's "quote prefix", so a value from a register such as ``=HYPERLINK(...)`` or
  ``=cmd|' /C calc'!A0`` stays text when a colleague opens or edits the file. ID numbers stay
  text too, not numbers in scientific notation.
* **Text only, unless a sheet asks for numbers.** A sheet of report figures sets
  ``numbers=True``: its ints and floats become number cells (the city's templates sum them);
  its strings are still neutralised text. Nothing is ever written as a formula.
* **Nothing in clear on the way out.** openpyxl's normal save spools each sheet to
  ``/tmp/openpyxl.*`` before zipping; these files hold personal data, so each sheet is
  written into memory here and the workbook written once, atomically, where the user chose.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from psyroom.fileio import atomic_write_bytes

# What spreadsheet programs read as the start of a formula (and tab/CR, which some strip).
FORMULA_STARTS = ("=", "+", "-", "@", "|", "\t", "\r", "＝", "＋", "－", "＠")
# XML 1.0 cannot carry most control characters; a register may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_CELL = 32_767  # characters a cell holds in Excel


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
    # Report figures: ints and floats as number cells. Off by default: everything is text.
    numbers: bool = False
    # The first row is a header: bold, and frozen while the rest scrolls.
    header: bool = False


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_NAME_BAD.sub("_", cell_text(title)).strip("'")[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def _is_number(value: object) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _fill(ws: Any, sheet: SheetData) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    text_style = None  # the text format with the quote prefix, looked up once per sheet
    for r, row in enumerate(sheet.rows, start=1):
        header = sheet.header and r == 1
        for c, value in enumerate(row, start=1):
            if sheet.numbers and _is_number(value):
                ws.cell(row=r, column=c).value = value
                continue
            text = cell_text(value)[:MAX_CELL]
            if not text:
                continue
            cell = ws.cell(row=r, column=c)
            if text_style is not None and not header:
                # Set directly: the value is already clean text, and a string it stays.
                cell._value = text
                cell.data_type = "s"
                cell._style = copy(text_style)
                continue
            cell.value = text
            cell.data_type = "s"  # a string, whatever it starts with: never a formula
            cell.number_format = "@"
            cell.quotePrefix = True
            if header:
                cell.font = bold
            else:
                text_style = copy(cell._style)
    for col, width in sorted(sheet.widths.items()):
        ws.column_dimensions[get_column_letter(col)].width = width
    if sheet.header:
        ws.freeze_panes = "A2"


def xlsx_bytes(sheets: Sequence[SheetData]) -> bytes:
    """The whole .xlsx, built in memory (no sheet spooled through a temp file)."""
    from openpyxl import Workbook
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class MemoryWriter(ExcelWriter):
        def write_worksheet(self, ws: Any) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for sheet in sheets:
        _fill(book.create_sheet(_sheet_title(sheet.title, used)), sheet)
    if not sheets:
        book.create_sheet("Sheet")
    buffer = BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        MemoryWriter(book, archive).write_data()
    return buffer.getvalue()


def save_xlsx(path: Path, sheets: Sequence[SheetData]) -> Path:
    """Write the workbook where the user chose, atomically; check the place first with
    :func:`psyroom.fileio.check_output_path`."""
    atomic_write_bytes(Path(path), xlsx_bytes(sheets))
    return Path(path)
