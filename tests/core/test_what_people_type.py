"""What people type (issue 9): full-width identifiers, traditional characters, names without
their middle dot, mixed pinyin, misread surnames, ID tails, Excel's 1951.1."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from psyroom.residents.idcard import check_digit
from psyroom.residents.messages import problem_text
from psyroom.residents.model import Problem, ResidentFields, check_fields
from psyroom.residents.service import ResidentInvalid

from .conftest import Room


def valid_id(first17: str) -> str:
    return first17 + check_digit(first17)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def names(room: Room, text: str) -> list[str]:
    return [p.name for p in room.session.residents.search(text, limit=200)[1]]


def test_full_width_id_is_stored_plain_and_caught_as_a_duplicate(room: Room) -> None:
    r = room.session.residents
    number = valid_id("14080219800101055")
    saved = r.create(ResidentFields(name="张小军", id_number=full_width(number),
                                    phone=full_width("13912340551"))).resident
    assert saved.id_number == number and saved.phone == "13912340551"
    with pytest.raises(ResidentInvalid) as err:
        r.create(ResidentFields(name="张晓军", id_number=number))
    assert [p.code for p in err.value.problems] == ["duplicate_id"]
    assert names(room, "ＺＸＪ") == ["张小军"]
    assert names(room, "０５５１") == ["张小军"]
    assert names(room, "ＺＨＡＮＧ") == ["张小军"]


def test_traditional_no_dot_and_mixed_pinyin_find_the_person(room: Room) -> None:
    r = room.session.residents
    for name in ("张小军", "张晓君", "阿依古丽·买买提", "欧阳娜娜"):
        r.create(ResidentFields(name=name))
    assert names(room, "張小軍") == ["张小军"]
    assert names(room, "張") == ["张小军", "张晓君"]
    assert names(room, "阿依古丽买买提") == ["阿依古丽·买买提"]
    assert names(room, "阿依古丽・买买提") == ["阿依古丽·买买提"]
    assert names(room, "古丽买买") == ["阿依古丽·买买提"]
    assert names(room, "zhang小军") == ["张小军"]
    assert names(room, "zhangxiaojun") == ["张小军", "张晓君"]
    assert names(room, "欧阳nana") == ["欧阳娜娜"]
    # A name stored as typed in traditional characters is found by its simplified form.
    r.create(ResidentFields(name="陳麗華"))
    assert names(room, "陈丽华") == ["陳麗華"]
    assert names(room, "chenlihua") == ["陳麗華"]


@pytest.mark.parametrize(("surname", "typed", "right_reading"), [
    ("单", "dan", "丹"), ("曾", "ceng", "层"), ("解", "jie", "杰"), ("仇", "chou", "丑"),
    ("区", "qu", "曲"),
])
def test_misread_surnames_come_after_the_right_readings(room: Room, surname: str, typed: str,
                                                        right_reading: str) -> None:
    r = room.session.residents
    r.create(ResidentFields(name=surname + "志刚"))
    r.create(ResidentFields(name=right_reading + "小红"))
    assert names(room, typed) == [right_reading + "小红", surname + "志刚"]
    assert names(room, typed[0] + "zg") == [surname + "志刚"]


def test_four_digits_rank_id_and_phone_tails_before_birth_dates(room: Room) -> None:
    r = room.session.residents
    # 王 was born on 3 May (…0503 inside the ID); 李's ID and 赵's phone end with 0503.
    r.create(ResidentFields(name="王德福", id_number=valid_id("14080219480503011")))
    r.create(ResidentFields(name="李桂芝", id_number=_id_ending("0503")))
    r.create(ResidentFields(name="赵建设", phone="13800000503"))
    r.create(ResidentFields(name="钱多", phone="13805031234"))
    assert names(room, "0503") == ["李桂芝", "赵建设", "钱多", "王德福"]


def _id_ending(tail: str) -> str:
    """A valid ID (born 1960-01-01) whose last four characters are ``tail``."""
    for area in range(140801, 140900):
        number = valid_id(f"{area}19600101{tail[:3]}")
        if number.endswith(tail):
            return number
    raise AssertionError(tail)


def test_excel_number_1951_1_is_refused_with_the_text_format_hint(room: Room,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["姓名", "性别", "出生年月"])
    ws.append(["王德福", "男", 1951.1])
    ws.append(["李桂芝", "女", 1951.02])
    ws.append(["张小军", "男", "1951.10"])
    book.save(path)
    plan = room.session.residents.plan_import(path)
    by_name = {row.fields.name: row for row in plan.rows if row.fields}
    assert by_name["王德福"].status == "rejected"
    problem = by_name["王德福"].errors[0]
    assert problem.code == "birth_month_ambiguous"
    text = problem_text(problem)
    assert "文本" in text and "1951.1" in text and "10 月" in text
    assert "Text" in problem_text(problem, "en")
    assert by_name["李桂芝"].fields is not None
    assert by_name["李桂芝"].fields.birth_date == "1951-02"
    assert by_name["张小军"].fields is not None
    assert by_name["张小军"].fields.birth_date == "1951-10"


def test_a_14_digit_id_message_says_15_digits_are_accepted_too() -> None:
    _, problems = check_fields(ResidentFields(name="甲", id_number="14080219880808"))
    assert [p.code for p in problems] == ["id_length"]
    assert "15 位" in problem_text(problems[0]) and "18 位" in problem_text(problems[0])
    assert "15-digit" in problem_text(Problem("id_length", "id_number"), "en")
    fifteen, problems = check_fields(ResidentFields(name="甲", id_number="140802520714011"))
    assert problems == [] and fifteen.id_number is not None and len(fifteen.id_number) == 18


def test_search_folds_every_character_as_zhconv_converts_it() -> None:
    """The fold reads zhconv's table itself (importing zhconv cost the first search ~0.35 s);
    every character gives what zhconv's own conversion gives, traditional or not."""
    from psyroom.residents import typed

    typed._ZH_CN = None
    assert typed._simplified("張") == "张"
    from zhconv import convert
    from zhconv import zhconv as tables

    table = typed._read_zh_cn()
    assert table is not None and len(table) > 2000
    characters = set(tables.getdict("zh-cn")) | {chr(c) for c in range(0x3400, 0xA000)}
    for ch in sorted(c for c in characters if len(c) == 1):
        assert typed._simplified(ch) == convert(ch, "zh-cn"), ch
    assert typed.fold("張小軍·買買提") == "张小军买买提"
