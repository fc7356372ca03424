"""The follow-up hand-off and due lists as spreadsheets, through the shared writer.

:mod:`psyroom.spreadsheets` builds the workbook in memory (openpyxl's normal save would spool
each sheet, full ID numbers included, through a temp file in the clear); strings stay text,
so a cell typed ``=…`` never becomes a formula, and the national form's coded answers stay
numbers.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from psyroom.errors import PsyroomError
from psyroom.fileio import is_disk_full
from psyroom.spreadsheets import SheetData, xlsx_bytes

Cell = str | int | float | None


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[Cell]], Sequence[int]]]) -> bytes:
    """(title, rows, column widths) per sheet → the .xlsx file's bytes."""
    return xlsx_bytes([SheetData(title, rows, numbers=True, header=True,
                                 widths={c: float(w) for c, w in enumerate(widths, 1)})
                       for title, rows, widths in sheets])


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
