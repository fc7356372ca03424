"""Importing registers: the two sample registers row by row, GBK CSV, XLSX, idempotency."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from psyroom.errors import PsyroomError
from psyroom.residents.idcard import check_digit
from psyroom.residents.importer.plan import ImportPlan

from .conftest import REPO, Room, run_cli

# Copies of ../shared/samples (synthetic people), so a clean clone has them too.
SAMPLES = REPO / "tests" / "fixtures" / "registers"
BEICHENG = SAMPLES / "北城村重点人群台账.xlsx"
NANGUAN = SAMPLES / "南关社区台账-GB18030.csv"


def outcome(plan: ImportPlan) -> dict[int, tuple[str, list[str]]]:
    return {r.row_number: (r.status, [p.code for p in r.problems]) for r in plan.rows}


def test_beicheng_register_imports_as_its_readme_says(room: Room) -> None:
    residents = room.session.residents
    plan = residents.plan_import(BEICHENG)
    assert plan.header_row == 3 and plan.sheet_name == "重点人群台账"
    got = outcome(plan)
    # Excel row = 序号 + 3 up to the blank row, + 4 after it.
    expected = {
        4: ("new", []), 5: ("new", []), 6: ("new", []), 7: ("new", []), 8: ("new", []),
        9: ("rejected", ["id_lost_digits"]), 10: ("new", []),
        11: ("rejected", ["id_birth_mismatch"]), 12: ("rejected", ["id_gender_mismatch"]),
        13: ("new", []), 14: ("new", []), 15: ("new", []),
        16: ("rejected", ["id_checksum"]), 17: ("rejected", ["duplicate_in_file"]),
        18: ("skipped", []), 19: ("new", ["phone_invalid"]), 20: ("new", []),
        21: ("skipped", []), 22: ("skipped", []), 23: ("skipped", []),
    }
    assert got == expected
    summary = residents.commit_import(plan)
    assert (summary.imported, summary.updated, summary.rejected) == (11, 0, 5)

    total, people, _ = residents.search("", limit=50)
    assert total == 11
    by_name = {p.name: p for p in people}
    assert set(by_name) == {"王德福", "李桂芝", "张小军", "刘翠花", "赵建设", "周国庆",
                            "阿依古丽·买买提", "单志刚", "曾凤英", "仇丽", "马建华"}
    assert by_name["赵建设"].id_number == "140802196908300551"
    assert by_name["单志刚"].id_number == "14080219730919013X"
    assert by_name["马建华"].id_number is None and by_name["马建华"].birth_date == "1955-05-05"
    assert by_name["仇丽"].phone is None
    assert by_name["刘翠花"].phone == "0359-2661234"
    assert by_name["张小军"].guardian_name == "张富贵（祖父）"
    assert by_name["李桂芝"].birth_date == "1952-07-14"
    assert by_name["刘翠花"].birth_date == "1987-01-12"
    multi = {p.name for p in people if len(p.tags) >= 2}
    assert multi == {"王德福", "张小军", "单志刚"}
    assert by_name["张小军"].tags == {"child_left_behind", "child_in_difficulty"}
    assert by_name["王德福"].tags == {"elderly_empty_nest", "elderly_widowed"}
    reason = next(p for p in plan.rows if p.row_number == 9).errors[0]
    from psyroom.residents.messages import problem_text
    assert "文本" in problem_text(reason)

    again = residents.plan_import(BEICHENG)
    assert again.counts() == {"new": 0, "update": 0, "unchanged": 11, "rejected": 5,
                              "skipped": 4}
    summary = residents.commit_import(again)
    assert (summary.imported, summary.updated) == (0, 0)
    assert residents.count() == 11


def test_nanguan_gb18030_csv(room: Room) -> None:
    residents = room.session.residents
    plan = residents.plan_import(NANGUAN)
    assert plan.encoding == "gb18030"
    assert outcome(plan)[7] == ("rejected", ["id_length"])
    assert plan.counts()["new"] == 5 and plan.counts()["rejected"] == 1
    residents.commit_import(plan)
    _, people, _ = residents.search("何玉梅")
    assert people[0].tags == {"elderly_empty_nest", "elderly_widowed"}
    assert residents.plan_import(NANGUAN).counts()["new"] == 0


def valid_id(first17: str) -> str:
    return first17 + check_digit(first17)


GOOD = [("钱一", "男", valid_id("14080219500315081")),
        ("孙二", "女", valid_id("14080219621130022"))]
BAD = [("李三", "男", valid_id("14080219621130022")[:-1] + "0"), ("周四", "女", "12345")]


def _check_mixed(room: Room, path: Path) -> None:
    residents = room.session.residents
    plan = residents.plan_import(path)
    statuses = {r.fields.name if r.fields else "": r.status for r in plan.rows
                if r.status != "skipped"}
    assert statuses == {"钱一": "new", "孙二": "new", "李三": "rejected", "周四": "rejected"}
    residents.commit_import(plan)
    assert residents.count() == 2
    assert residents.commit_import(residents.plan_import(path)).imported == 0
    assert residents.count() == 2


def test_gbk_csv_with_good_and_bad_rows(room: Room, tmp_path: Path) -> None:
    lines = ["姓名,性别,身份证号码,联系电话"] + [f"{n},{g},{i},13900000000"
                                                   for n, g, i in GOOD + BAD]
    path = tmp_path / "gbk.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    _check_mixed(room, path)


def test_utf8_bom_csv(room: Room, tmp_path: Path) -> None:
    lines = ["姓名,性别,身份证号码"] + [f"{n},{g},{i}" for n, g, i in GOOD + BAD]
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    _check_mixed(room, path)


def test_xlsx_with_title_rows_good_and_bad_rows(room: Room, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["某村重点人群台账"])
    ws.append(["姓名", "性别", "身份证号码", "人群类别"])
    for n, g, i in GOOD + BAD:
        ws.append([n, g, i, "空巢"])
    ws.append(["合计", "4人"])
    path = tmp_path / "mixed.xlsx"
    book.save(path)
    _check_mixed(room, path)


def test_imported_names_never_reach_the_disk_in_clear(room: Room) -> None:
    room.session.residents.commit_import(room.session.residents.plan_import(BEICHENG))
    names = ["王德福", "阿依古丽", "张富贵", "140802194803050112", "13903590001"]
    for path in room.dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for name in names:
                assert name.encode("utf-8") not in data, (name, path.name)
                assert name.encode("utf-16-le") not in data, (name, path.name)


def test_unreadable_files_are_refused(room: Room, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    no_header = tmp_path / "plain.csv"
    no_header.write_text("a,b\n1,2\n", encoding="utf-8")
    for path, code in ((fake, "import_unreadable"), (old, "import_xls"),
                       (no_header, "import_no_header")):
        with pytest.raises(PsyroomError) as err:
            room.session.residents.plan_import(path)
        assert err.value.code == code
    assert room.session.residents.count() == 0


def test_cli_import_and_find(room: Room, tmp_path: Path) -> None:
    room.session.close()
    rejected = tmp_path / "fix-me.xlsx"
    result = run_cli("residents", "import", str(BEICHENG), "--rejected-out", str(rejected),
                     data_dir=room.dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("导入 11 人") and "未导入 5 行" in lines[0]
    assert sum(1 for line in lines if "（未导入）" in line) == 5
    assert any(line.startswith("第 19 行（提醒）") for line in lines)
    sheet = openpyxl.load_workbook(rejected).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][:4] == ("原文件行号", "未导入原因", "序号", "姓名")
    # Every cell the app writes is text (issue 8, formula injection), row numbers too.
    assert [r[0] for r in table[1:]] == ["9", "11", "12", "16", "17"]
    assert "文本" in table[1][1]
    # The fixed file goes back in: correct 吴秀珍's birth date and re-import only that row.
    wu = next(r for r in table[1:] if r[3] == "吴秀珍")
    assert wu[6] == "140802197506180889"  # kept as text, all 18 digits
    book = openpyxl.load_workbook(rejected)
    ws = book.active
    for row in ws.iter_rows(min_row=2):
        if row[3].value == "吴秀珍":
            row[5].value = "1975-06-18"
        if row[3].value == "郑大勇":
            row[4].value = "男"
    book.save(rejected)
    fixed = run_cli("residents", "import", str(rejected), data_dir=room.dir)
    assert fixed.stdout.startswith("导入 2 人"), fixed.stdout
    found = run_cli("residents", "find", "szg", "--json", data_dir=room.dir)
    doc = json.loads(found.stdout)
    assert doc["total"] == 1 and doc["residents"][0]["name"] == "单志刚"
    assert doc["residents"][0]["id_number"] == "1408**********013X"
    missing = run_cli("residents", "import", "/nonexistent/x.xlsx", data_dir=room.dir)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    room.session = room.inst.unlock("zhaoadmin", "Bei-cheng2026")


@pytest.mark.slow
def test_killing_an_import_leaves_all_or_nothing(room: Room, tmp_path: Path) -> None:
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    from bench.archives import _write_register

    register = tmp_path / "big.xlsx"
    _write_register(register, 8000)
    room.session.close()
    env = {**os.environ, "PSYROOM_KDF_PROFILE": "fast", "PSYROOM_PASSWORD": "Bei-cheng2026"}
    cmd = [sys.executable, "-m", "psyroom", "--data-dir", str(room.dir), "--user", "zhaoadmin",
           "residents", "import", str(register)]
    rng = random.Random(5)
    counts = set()
    for _ in range(3):
        proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 3.0))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        s = room.inst.unlock("zhaoadmin", "Bei-cheng2026")
        try:
            counts.add(s.residents.count())
            assert s.verify().ok
        finally:
            s.close()
    assert counts <= {0, 8000}
    room.session = room.inst.unlock("zhaoadmin", "Bei-cheng2026")


def test_cancelled_import_writes_nothing(room: Room, tmp_path: Path) -> None:
    from bench.archives import _write_register
    from psyroom.errors import Cancelled

    register = tmp_path / "big.xlsx"
    _write_register(register, 5000)
    residents = room.session.residents
    seen: list[tuple[int, int]] = []
    plan = residents.plan_import(register, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 5000) and len(seen) == 10
    calls = []

    def cancel_after_first_chunk() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        residents.commit_import(plan, cancel=cancel_after_first_chunk)
    assert residents.count() == 0
    with pytest.raises(Cancelled):
        residents.plan_import(register, cancel=lambda: True)
    assert residents.commit_import(plan).imported == 5000


def test_xlsx_rows_read_the_same_with_or_without_a_size_element(tmp_path: Path) -> None:
    """openpyxl's write-only files carry no <dimension>; Excel's do. Either way the reader
    returns every row, numbered as the user sees them, padded to one width."""
    import zipfile

    import openpyxl

    from psyroom.residents.importer.reader import read_xlsx

    body = [["标题"], ["姓名", "性别", "出生日期"], [], ["王德福", "男", "1948-03-05", "备注"]]
    sized, unsized = tmp_path / "sized.xlsx", tmp_path / "unsized.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for row in body:
        ws.append(row)
    book.save(sized)
    stream = openpyxl.Workbook(write_only=True)
    sheet = stream.create_sheet("Sheet")
    for row in body:
        sheet.append(row)
    stream.save(unsized)
    assert b"<dimension" not in zipfile.ZipFile(unsized).read("xl/worksheets/sheet1.xml")
    expected = [(1, ["标题", None, None, None]), (2, ["姓名", "性别", "出生日期", None]),
                (3, [None, None, None, None]), (4, ["王德福", "男", "1948-03-05", "备注"])]
    assert read_xlsx(sized)[0].rows == expected
    assert read_xlsx(unsized)[0].rows == expected


@pytest.mark.parametrize("xml", [
    '<si xmlns="{ns}"><t>王德福</t></si>',
    '<si xmlns="{ns}"><t xml:space="preserve">  东关村 5组 </t></si>',
    '<si xmlns="{ns}"><t/></si>',
    '<si xmlns="{ns}"></si>',
    '<si xmlns="{ns}"><r><rPr><b/></rPr><t>张</t></r><r><t>小军</t></r></si>',
    '<si xmlns="{ns}"><t>单</t><r><t>雄</t></r><rPh sb="0" eb="1"><t>シャン</t></rPh>'
    '<phoneticPr fontId="1"/></si>',
    '<si xmlns="{ns}"><r><t>甲</t></r><r><rPr/></r><r><t></t></r><r><t>乙</t></r></si>',
    '<si><t>无命名空间</t></si>',
    '<x:si xmlns:x="{ns}"><x:t>前缀</x:t><x:r><x:t>运行</x:t></x:r></x:si>',
])
def test_fast_string_text_reads_as_openpyxl_does(xml: str) -> None:
    """The reader's stand-in for openpyxl's Text gives the very text openpyxl gives."""
    from xml.etree import ElementTree

    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS

    from psyroom.residents.importer.reader import FastText

    node = ElementTree.fromstring(xml.replace("{ns}", SHEET_MAIN_NS))
    assert FastText.from_tree(node).content == Text.from_tree(node).content


def test_xlsx_strings_inline_shared_and_rich_read_as_typed(tmp_path: Path) -> None:
    """Shared strings (Excel), inline strings (write-only exports) and rich text all come
    back as their plain text, and openpyxl is left as it was found."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont, Text
    from openpyxl.reader import strings
    from openpyxl.worksheet import _reader

    from psyroom.residents.importer.reader import read_xlsx

    shared, inline = tmp_path / "shared.xlsx", tmp_path / "inline.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["姓名", "家庭住址"])
    ws.append(["王德福", CellRichText("东关村", TextBlock(InlineFont(b=True), "5组"))])
    ws.append([" 前后空格 ", "x005F_x"])
    book.save(shared)
    stream = openpyxl.Workbook(write_only=True)
    sheet = stream.create_sheet("Sheet")
    sheet.append(["姓名", "家庭住址"])
    sheet.append(["王德福", "东关村5组"])
    sheet.append([" 前后空格 ", "x005F_x"])
    stream.save(inline)
    for path in (shared, inline):
        plain = openpyxl.load_workbook(path, read_only=True)
        expected = [(i, list(cells)) for i, cells in
                    enumerate(plain.worksheets[0].iter_rows(values_only=True), start=1)]
        plain.close()
        assert read_xlsx(path)[0].rows == expected
        assert expected[1] == (2, ["王德福", "东关村5组"]) and expected[2][1][0] == " 前后空格 "
    assert strings.Text is Text and _reader.Text is Text
