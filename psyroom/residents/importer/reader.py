"""Reading registers as rooms keep them: .xlsx from Excel/WPS, .csv in UTF-8 or GBK/GB18030.

A register may be hostile or broken: a 5 KB .xlsx can declare a million rows by 16,384
columns, or carry an XML entity bomb. Every limit below is checked while streaming, before
the data grows, and openpyxl parses through defusedxml (it picks defusedxml up when
installed; reading refuses to run without it). defusedxml does that by running ElementTree's
pure-Python parser, half of the time a large register takes to read; a file whose parts are
all UTF-8 without a DTD (as Excel and WPS write them) has nothing for it to defuse, and is
read by the C parser (see _PartCheck).
"""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from xml.etree import ElementTree

from psyroom.errors import PsyroomError

from . import calamine

Cell = object

# A room's register has a few dozen columns; 200,000 residents is the largest site served.
MAX_ROWS = 250_000
MAX_COLUMNS = 200
# Excel's own limit for one cell.
MAX_CELL_CHARS = 32_767
MAX_CSV_BYTES = 200 * 1024 * 1024
# Uncompressed XML of one part. 200,000 residents by a dozen columns is about 40 MB.
MAX_XML_BYTES = 256 * 1024 * 1024


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


def too_large(what: str, limit: int) -> ImportFileError:
    return ImportFileError(f"import_too_{what}", limit=f"{limit:,}")


class _Limits:
    """Counts rows and checks each row's width and cells as they stream in."""

    def __init__(self) -> None:
        self.rows = 0

    def check(self, cells: Sequence[Cell]) -> list[Cell]:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise too_large("many_rows", MAX_ROWS)
        if len(cells) > MAX_COLUMNS:
            raise too_large("many_columns", MAX_COLUMNS)
        for cell in cells:
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise too_large("long_cell", MAX_CELL_CHARS)
        return list(cells)


def read_csv(path: Path) -> Sheet:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise too_large("big", MAX_CSV_BYTES // (1024 * 1024))
    text, encoding = decode_text(path.read_bytes())
    # The csv module refuses a longer cell itself, so only rows and widths are counted here.
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[Cell]]] = []
    start = 1
    try:
        for cells in reader:
            if len(rows) >= MAX_ROWS:
                raise too_large("many_rows", MAX_ROWS)
            if len(cells) > MAX_COLUMNS:
                raise too_large("many_columns", MAX_COLUMNS)
            # A quoted cell may span lines; the row is known by the line it starts on.
            rows.append((start, cast(list[Cell], cells)))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise too_large("long_cell", MAX_CELL_CHARS) from None
        raise ImportFileError("import_unreadable") from exc
    return Sheet(path.stem, rows, encoding)


_OPENPYXL_LOCK = threading.Lock()


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class FastText:
    """openpyxl's ``Text`` as its readers use it: ``Text.from_tree(node).content``, the plain
    text of a string item (its ``t``, then the ``t`` of each rich-text run; phonetic runs
    left out, names matched without their namespace, as openpyxl does).

    openpyxl builds a full descriptor object for every string to read that one property,
    a third of the time it takes to read a register whose strings are inline (as openpyxl's
    own write-only mode and many export tools write them) and as much again for the shared
    strings Excel writes.
    """

    __slots__ = ("content",)

    def __init__(self, content: str) -> None:
        self.content = content

    @classmethod
    def from_tree(cls, node: Any) -> FastText:
        plain: str | None = None
        runs: list[str] = []
        for element in node:
            tag = _local(element.tag)
            if tag == "t":
                plain = element.text
            elif tag == "r":
                text = None
                for part in element:
                    if _local(part.tag) == "t":
                        text = part.text
                if text is not None:
                    runs.append(text)
        return cls("".join(runs) if plain is None else plain + "".join(runs))


@contextmanager
def _quick_openpyxl(plain_parts: bool) -> Iterator[None]:
    """Read with openpyxl, without its look for a sheet's size, with FastText and, when the
    parts allow it (_PartCheck), with ElementTree's C parser for the rows and strings.

    When a sheet has no <dimension> element at the top (files written by openpyxl and by
    many export tools; Excel and WPS write one), openpyxl parses the whole sheet when it is
    opened only to find that out, then again to read the rows: 50,000 rows cost twice. Every
    row is read to the end here anyway, so the size is not needed (rows are padded below).
    """
    from openpyxl.reader import strings
    from openpyxl.worksheet import _reader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if not (hasattr(strings, "Text") and hasattr(_reader, "Text")
            and hasattr(strings, "iterparse") and hasattr(_reader, "iterparse")
            and "_get_size" in ReadOnlyWorksheet.__dict__):
        # Another openpyxl than the one this was written against: read the slow way.
        yield
        return
    with _OPENPYXL_LOCK:
        original = ReadOnlyWorksheet.__dict__["_get_size"]
        texts = strings.Text, _reader.Text
        parsers = strings.iterparse, _reader.iterparse
        setattr(ReadOnlyWorksheet, "_get_size", lambda self: None)  # noqa: B010
        strings.Text = _reader.Text = FastText
        if plain_parts:
            strings.iterparse = _reader.iterparse = ElementTree.iterparse
        try:
            yield
        finally:
            setattr(ReadOnlyWorksheet, "_get_size", original)  # noqa: B010
            strings.Text, _reader.Text = texts
            strings.iterparse, _reader.iterparse = parsers


def _padded(rows: list[tuple[int, list[Cell]]]) -> list[tuple[int, list[Cell]]]:
    width = max((len(cells) for _, cells in rows), default=0)
    for _, cells in rows:
        cells.extend([None] * (width - len(cells)))
    return rows


@contextmanager
def _xml_errors() -> Iterator[None]:
    """XML trouble named for what it is, not an 'unexpected error'."""
    from defusedxml import DefusedXmlException

    try:
        yield
    except DefusedXmlException as exc:
        raise ImportFileError("import_xml_unsafe") from exc
    except ElementTree.ParseError as exc:
        raise ImportFileError("import_xml_broken", detail=str(exc)[:80]) from exc
    except (IndexError, KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        # A cell pointing at a shared string that is not there, a bad cell reference...
        raise _named_cause(exc) or ImportFileError("import_unreadable") from exc


class _PartCheck:
    """What streaming one XML part through the size count tells about it.

    Entities (the billion laughs, external files) can only be declared in a DTD, which
    starts with the literal ``<!DOCTYPE`` in any ASCII-compatible encoding. A part that
    declares no encoding but UTF-8 (or none, which means UTF-8) and holds no ``<!DOCTYPE``
    gives expat nothing to expand or fetch, whichever parser reads it; anything else (a
    UTF-16 or EBCDIC part, a DTD) is left to defusedxml, which refuses entities.
    """

    MARK = b"<!DOCTYPE"

    def __init__(self) -> None:
        self.plain = True
        self._first = True
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        if self._first:
            self._first = False
            self.plain = self._utf8_declared(chunk)
        if self.plain and self.MARK in self._tail + chunk:
            self.plain = False
        self._tail = chunk[-(len(self.MARK) - 1):]

    @staticmethod
    def _utf8_declared(head: bytes) -> bool:
        head = head.removeprefix(b"\xef\xbb\xbf")
        if not head.startswith(b"<?xml"):
            return head.lstrip(b" \t\r\n").startswith(b"<")
        end = head.find(b"?>")
        if end < 0:
            return False
        declaration = head[:end].replace(b"'", b'"')
        at = declaration.find(b"encoding=")
        if at < 0:
            return True
        name = declaration[at + len(b"encoding="):].split(b'"')
        return len(name) > 1 and name[1].strip().lower() in (b"utf-8", b"utf8")


@dataclass(frozen=True)
class _Parts:
    plain: bool  # every part plain UTF-8 XML with no DTD (_PartCheck)
    calamine: bool  # and every worksheet one calamine may read (calamine.sheet_fits)


def _check_parts(path: Path) -> _Parts:
    """A zip may say any size and unpack to a thousand times more: count what really comes
    out, and stop at the limit, before openpyxl parses (it scans a whole sheet for its size
    when the sheet does not declare it). On the way, see which parser may read the parts."""
    plain = True
    sheets = 0
    fits = calamine.available()
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                name = info.filename.lower()
                if not name.endswith((".xml", ".rels")):
                    continue
                is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
                sheets += is_sheet
                # A sheet is kept whole for calamine's look only while it may still go there.
                keep: list[bytes] | None = [] if (
                    is_sheet and fits and plain and info.file_size <= calamine.MAX_SHEET_XML
                ) else None
                fits = fits and (not is_sheet or keep is not None)
                seen = 0
                check = _PartCheck()
                with z.open(info) as part:
                    while chunk := part.read(1 << 20):
                        seen += len(chunk)
                        if seen > MAX_XML_BYTES:
                            raise too_large("big", MAX_XML_BYTES // (1024 * 1024))
                        check.feed(chunk)
                        if keep is not None:
                            keep.append(chunk)
                plain = plain and check.plain
                if keep is not None:
                    fits = plain and calamine.sheet_fits(b"".join(keep), MAX_ROWS,
                                                         MAX_COLUMNS)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise ImportFileError("import_unreadable") from exc
    return _Parts(plain, plain and fits and sheets > 0)


def _named_cause(exc: BaseException) -> ImportFileError | None:
    from defusedxml import DefusedXmlException

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return ImportFileError("import_xml_unsafe")
        if isinstance(seen, ElementTree.ParseError):
            return ImportFileError("import_xml_broken", detail=str(seen)[:80])
        seen = seen.__cause__ or seen.__context__
    return None


def _declared_size(ws: Any) -> tuple[int, int]:
    """(rows, columns) from the sheet's own <dimension>, read from the top of its XML only:
    openpyxl's own look is switched off (it parses a whole sheet that declares nothing)."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import range_boundaries

    source = ws._get_source()
    try:
        for _event, element in iterparse(source, events=("start",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "sheetData":
                break
            if tag == "dimension":
                ref = element.get("ref", "")
                try:
                    _c1, _r1, c2, r2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
                except (ValueError, TypeError):
                    break
                return r2 or 0, c2 or 0
    finally:
        source.close()
    return 0, 0


def _check_declared_size(ws: Any) -> None:
    """The sheet's own <dimension> tells its size before a single row is read."""
    rows, columns = _declared_size(ws)
    if rows > MAX_ROWS:
        raise too_large("many_rows", MAX_ROWS)
    if columns > MAX_COLUMNS:
        raise too_large("many_columns", MAX_COLUMNS)
    # Rows are then padded to their own last cell only, never to a declared width.
    ws.reset_dimensions()


def read_xlsx(path: Path, sheet: str | None = None) -> list[Sheet]:
    parts = _check_parts(path)
    if parts.calamine:
        return _read_with_calamine(path, sheet)
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        # Without defusedxml openpyxl would expand entity bombs; refuse rather than risk it.
        raise ImportFileError("import_xml_unsafe")
    with _quick_openpyxl(parts.plain):
        return _read_book(path, sheet)


def _read_with_calamine(path: Path, sheet: str | None) -> list[Sheet]:
    from python_calamine import CalamineError

    try:
        found = calamine.read_sheets(path, sheet)
    except (CalamineError, ValueError, OSError) as exc:
        raise ImportFileError("import_xml_broken", detail=str(exc)[:80]) from exc
    if found is None:
        raise ImportFileError("import_no_sheet", sheet=sheet)
    sheets = []
    for name, rows in found:
        limits = _Limits()
        sheets.append(Sheet(name, _padded([(i, limits.check(cells))
                                           for i, cells in enumerate(rows, start=1)])))
    return sheets


def _read_book(path: Path, sheet: str | None) -> list[Sheet]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    book: Any
    try:
        with _xml_errors():
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        # openpyxl wraps what went wrong in a ValueError; name the real cause.
        raise _named_cause(exc) or ImportFileError("import_unreadable") from exc
    try:
        names = book.sheetnames
        if sheet is not None:
            if sheet not in names:
                raise ImportFileError("import_no_sheet", sheet=sheet)
            names = [sheet]
        sheets = []
        for name in names:
            ws = book[name]
            limits = _Limits()
            with _xml_errors():
                _check_declared_size(ws)
                rows = [(i, limits.check(cells)) for i, cells in
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
