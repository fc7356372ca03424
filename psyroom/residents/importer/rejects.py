"""The rows an import could not take, written back out so the clerk can fix and re-import.

The file holds personal data in the clear (it is a spreadsheet for Excel), so it is only
ever written where the user chooses, never to a temp folder.
"""

from __future__ import annotations

from pathlib import Path

from psyroom.printing.pdf import write_atomically
from psyroom.residents.messages import problem_text

from .plan import REJECTED, ImportPlan

ROW_HEADER = ("原文件行号", "Row in the file")
REASON_HEADER = ("未导入原因", "Why it was not imported")


def write_rejected_rows(plan: ImportPlan, out: Path, *, language: str = "zh_CN") -> int:
    """Same columns as the source plus row number and reason; returns rows written."""
    import openpyxl

    en = language.startswith("en")
    rows = [r for r in plan.rows if r.status == REJECTED]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "未导入的行" if not en else "Rejected rows"
    ws.append([ROW_HEADER[en], REASON_HEADER[en], *plan.header])
    for row in rows:
        reasons = ("; " if en else "；").join(problem_text(p, language) for p in row.errors)
        cells = ["" if c is None else c for c in row.cells]
        ws.append([row.row_number, reasons, *cells])
    # Keep every cell text, so ID numbers are not turned into numbers again by Excel.
    for column in ws.iter_cols(min_row=2, min_col=3):
        for cell in column:
            if cell.value is not None and not hasattr(cell.value, "year"):
                cell.value = str(cell.value)
                cell.number_format = "@"
    ws.column_dimensions["B"].width = 48
    write_atomically(Path(out), lambda path: book.save(path))
    return len(rows)
