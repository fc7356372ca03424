"""The rows an import could not take, written back out so the clerk can fix and re-import.

The file holds personal data in the clear (it is a spreadsheet for Excel), so it is only
ever written where the user chooses, built in memory, never via a temp folder; every cell is
text (see psyroom/spreadsheets.py).
"""

from __future__ import annotations

from pathlib import Path

from psyroom.fileio import check_output_path
from psyroom.residents.messages import problem_text
from psyroom.spreadsheets import SheetData, save_xlsx

from .plan import REJECTED, ImportPlan

ROW_HEADER = ("原文件行号", "Row in the file")
REASON_HEADER = ("未导入原因", "Why it was not imported")


def write_rejected_rows(plan: ImportPlan, out: Path, *, language: str = "zh_CN") -> int:
    """Same columns as the source plus row number and reason; returns rows written."""
    check_output_path(out)
    en = language.startswith("en")
    rows = [r for r in plan.rows if r.status == REJECTED]
    table: list[list[object]] = [[ROW_HEADER[en], REASON_HEADER[en], *plan.header]]
    for row in rows:
        reasons = ("; " if en else "；").join(problem_text(p, language) for p in row.errors)
        table.append([row.row_number, reasons, *row.cells])
    save_xlsx(Path(out), [SheetData("未导入的行" if not en else "Rejected rows", table,
                                    widths={2: 48})])
    return len(rows)
