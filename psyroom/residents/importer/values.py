"""Cell values as registers hold them: Excel dates, 1952.07.14, 1987年1月12日, 1951.02 …"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .reader import Cell

_FULL = re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def text_of(cell: Cell) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip()
    return text or None


def ambiguous_year_month(cell: Cell) -> bool:
    """1951.1 as a number: typed 1951.1 (January) or 1951.10 (October)? Excel kept no
    trailing zero, so nobody can tell."""
    return (isinstance(cell, float) and 1800 < cell < 2200
            and f"{cell}".partition(".")[2] == "1")


def parse_date(cell: Cell) -> tuple[str | None, bool]:
    """(ISO date 'YYYY-MM-DD' or 'YYYY-MM', readable?). Empty cells are (None, True)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, True
    if isinstance(cell, datetime):
        return cell.date().isoformat(), True
    if isinstance(cell, date):
        return cell.isoformat(), True
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if ambiguous_year_month(cell):
            return None, False
        if 1800 < cell < 2200 and not float(cell).is_integer():
            # 出生年月 typed as 1951.02 and stored by Excel as a number.
            year, _, month = f"{cell}".partition(".")
            return _year_month(int(year), int(month)), True
        if 1 <= cell < 80000:
            return (_EXCEL_EPOCH + timedelta(days=int(cell))).isoformat(), True
        return None, False
    text = str(cell).strip()
    for pattern in (_FULL, _COMPACT):
        m = pattern.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat(), True
            except ValueError:
                return None, False
    m = _YEAR_MONTH.match(text)
    if m:
        return _year_month(int(m[1]), int(m[2])), True
    return None, False


def _year_month(year: int, month: int) -> str | None:
    if 1 <= month <= 12:
        return f"{year:04d}-{month:02d}"
    return None


_CATEGORY_SEPARATORS = re.compile(r"[、,，;；/／\s]+")


def split_categories(cell: Cell) -> list[str]:
    text = text_of(cell)
    return [p for p in _CATEGORY_SEPARATORS.split(text) if p] if text else []
