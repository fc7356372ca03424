"""Reading registers as rooms keep them: .xlsx from Excel/WPS, .csv in UTF-8 or GBK/GB18030."""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psyroom.errors import PsyroomError

Cell = object


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[tuple[int, list[Cell]]]  # (row number as the user sees it, cells)
    encoding: str | None = None


class ImportFileError(PsyroomError):
    code = "import_unreadable"


def decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first; what Chinese Excel writes (GB18030 ⊇ GBK) next."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ImportFileError("import_encoding") from None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", "\t", "，")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path) -> Sheet:
    text, encoding = decode_text(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[Cell]]] = []
    start = 1
    for cells in reader:
        # A quoted cell may span lines; the row is known by the line it starts on.
        rows.append((start, list(cells)))
        start = reader.line_num + 1
    return Sheet(path.stem, rows, encoding)


_SIZE_LOCK = threading.Lock()


@contextmanager
def _no_size_scan() -> Iterator[None]:
    """Open read-only sheets without openpyxl's look for their size.

    When a sheet has no <dimension> element at the top (files written by openpyxl and by
    many export tools; Excel and WPS write one), openpyxl parses the whole sheet when it is
    opened only to find that out, then again to read the rows: 50,000 rows cost twice. Every
    row is read to the end here anyway, so the size is not needed (rows are padded below).
    """
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    with _SIZE_LOCK:
        original = ReadOnlyWorksheet.__dict__["_get_size"]
        setattr(ReadOnlyWorksheet, "_get_size", lambda self: None)  # noqa: B010
        try:
            yield
        finally:
            setattr(ReadOnlyWorksheet, "_get_size", original)  # noqa: B010


def _padded(rows: list[tuple[int, list[Cell]]]) -> list[tuple[int, list[Cell]]]:
    width = max((len(cells) for _, cells in rows), default=0)
    for _, cells in rows:
        cells.extend([None] * (width - len(cells)))
    return rows


def read_xlsx(path: Path, sheet: str | None = None) -> list[Sheet]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    book: Any
    try:
        with _no_size_scan():
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ImportFileError("import_unreadable") from exc
    try:
        names = book.sheetnames
        if sheet is not None:
            if sheet not in names:
                raise ImportFileError("import_no_sheet", sheet=sheet)
            names = [sheet]
        sheets = []
        for name in names:
            ws = book[name]
            rows = [(i, list(cells)) for i, cells in
                    enumerate(ws.iter_rows(values_only=True), start=1)]
            sheets.append(Sheet(name, _padded(rows)))
        return sheets
    finally:
        book.close()


def read_file(path: Path, sheet: str | None = None) -> list[Sheet]:
    if not path.exists():
        raise PsyroomError("file_not_found", path=path.name)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet)
    if suffix in (".csv", ".txt"):
        return [read_csv(path)]
    if suffix == ".xls":
        raise ImportFileError("import_xls")
    raise ImportFileError("import_unknown_type")
