"""Pure rules: ID numbers, pinyin keys, masking, dates as registers write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from psyroom.residents.idcard import check_digit, mask_id, mask_phone, parse_id_number
from psyroom.residents.importer.values import parse_date, split_categories
from psyroom.residents.model import ResidentFields, check_fields
from psyroom.residents.phone import normalise_phone
from psyroom.residents.pinyin import pinyin_keys


def test_valid_id_gives_birth_date_and_gender() -> None:
    check = parse_id_number("140802194803050112")
    assert check.number == "140802194803050112"
    assert check.birth_date == date(1948, 3, 5) and check.gender == "male"
    assert parse_id_number("140802195207140220").gender == "female"


def test_x_check_digit_and_spaces() -> None:
    assert parse_id_number("14080219730919013x").number == "14080219730919013X"
    assert parse_id_number("140802 19690830 0551").number == "140802196908300551"
    assert check_digit("14080219730919013") == "X"


@pytest.mark.parametrize(("raw", "problem"), [
    ("140802199906100351", "id_checksum"),
    ("14080219880808", "id_length"),
    ("1.4080219580402E+17", "id_lost_digits"),
    ("140802199902300351", "id_birth_date"),
    ("abc", "id_length"),
])
def test_invalid_ids(raw: str, problem: str) -> None:
    check = parse_id_number(raw)
    assert check.number is None and check.problem == problem


def test_fifteen_digit_legacy_numbers_are_converted() -> None:
    check = parse_id_number("140802480305011")
    assert check.number == "14080219480305011" + check_digit("14080219480305011")
    assert check.birth_date == date(1948, 3, 5) and check.gender == "male"


@pytest.mark.parametrize(("name", "full", "initials"), [
    ("张伟", "zhangwei", "zw"),
    ("单志刚", "shanzhigang", "szg"),
    ("曾凤英", "zengfengying", "zfy"),
    ("解明", "xieming", "xm"),
    ("仇丽", "qiuli", "ql"),
    ("欧阳娜娜", "ouyangnana", "oynn"),
    ("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"),
])
def test_pinyin_keys_with_surname_readings(name: str, full: str, initials: str) -> None:
    assert pinyin_keys(name) == (full, initials)


def test_masking() -> None:
    assert mask_id("14080219730919123X") == "1408**********123X"
    assert mask_phone("13903590001") == "139****0001"
    assert mask_id(None) == "" and mask_phone("") == ""


@pytest.mark.parametrize(("cell", "expected"), [
    (datetime(1948, 3, 5), "1948-03-05"),
    ("1952.07.14", "1952-07-14"),
    ("1987年1月12日", "1987-01-12"),
    ("1951.02", "1951-02"),
    (1951.02, "1951-02"),
    ("1951年2月", "1951-02"),
    ("19520714", "1952-07-14"),
    ("1952/7/14", "1952-07-14"),
    (19432, "1953-03-14"),
    (None, None),
])
def test_dates_as_registers_write_them(cell: object, expected: str | None) -> None:
    assert parse_date(cell) == (expected, True)


def test_unreadable_date() -> None:
    assert parse_date("去年春天") == (None, False)
    assert parse_date("1952.13.01") == (None, False)


def test_categories_split_on_every_separator() -> None:
    assert split_categories("空巢、丧偶") == ["空巢", "丧偶"]
    assert split_categories("留守儿童,困境儿童；孤儿 残疾儿童/流动儿童") == [
        "留守儿童", "困境儿童", "孤儿", "残疾儿童", "流动儿童"]


def test_phone_forms() -> None:
    assert normalise_phone(13903590001) == ("13903590001", None)
    assert normalise_phone("0359-2661234") == ("0359-2661234", None)
    assert normalise_phone("1390359001") == (None, "phone_invalid")
    assert normalise_phone(None) == (None, None)


def test_year_month_birth_checked_against_id() -> None:
    ok, problems = check_fields(ResidentFields(name="甲", birth_date="1948-03",
                                               id_number="140802194803050112"))
    assert problems == [] and ok.birth_date == "1948-03-05"
    _, problems = check_fields(ResidentFields(name="甲", birth_date="1948-04",
                                              id_number="140802194803050112"))
    assert [p.code for p in problems] == ["id_birth_mismatch"]


def test_minor_without_guardian_is_a_warning() -> None:
    _, problems = check_fields(ResidentFields(name="小明", birth_date="2015-01-01"),
                               today=date(2026, 1, 1))
    assert [(p.code, p.error) for p in problems] == [("minor_without_guardian", False)]


def test_guardian_phone_and_dates_are_checked() -> None:
    _, problems = check_fields(ResidentFields(name="小明", guardian_name="张富贵",
                                              guardian_phone="12345", consent_date="2026/13/40",
                                              smd_registered_on="2026-02-30"))
    assert {(p.code, p.field, p.error) for p in problems} == {
        ("guardian_phone_invalid", "guardian_phone", False),
        ("date_invalid", "consent_date", True),
        ("date_invalid", "smd_registered_on", True)}
