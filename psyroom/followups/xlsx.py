"""A spreadsheet written in memory, every cell a value.

openpyxl's normal save writes each worksheet to ``/tmp/openpyxl.*`` first, in the clear; a
hand-off with full ID numbers must not leave that behind. This writer hands openpyxl an
in-memory buffer instead. Strings are forced to text, so a cell typed ``=…`` stays text and
never becomes a formula. (A shared safe-spreadsheet helper is being built elsewhere; this one
is local to follow-ups until they are unified.)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from psyroom.errors import PsyroomError
from psyroom.fileio import is_disk_full

Cell = str | int | float | None


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[Cell]], Sequence[int]]]) -> bytes:
    """(title, rows, column widths) per sheet → the .xlsx file's bytes."""
    from openpyxl import Workbook
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
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
    for title, rows, widths in sheets:
        ws = book.create_sheet(title)
        for r, values in enumerate(rows, 1):
            for c, value in enumerate(values, 1):
                if value is None or value == "":
                    continue
                cell = ws.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                    cell.number_format = "@"
                if r == 1:
                    cell.font = Font(bold=True)
        for c, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = width
        ws.freeze_panes = "A2"
    buffer = BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        MemoryWriter(book, archive).write_data()
    return buffer.getvalue()


def write_bytes(out: Path, data: bytes) -> Path:
    """Next to its final name, then renamed: no half-written file remains."""
    out = Path(out)
    part = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(data)
        os.replace(part, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        if is_disk_full(exc):
            raise PsyroomError("disk_full") from exc
        raise PsyroomError("followup_write_failed") from exc
    return out
