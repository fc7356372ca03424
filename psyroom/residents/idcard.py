"""Resident ID numbers (居民身份证号码), GB 11643-1999.

Decision on 15-digit numbers: the pre-1999 format is converted to 18 digits (birth year
prefixed with 19, check digit computed), because every such card was issued before 2000 and
the conversion is the one the standard defines; the resident keeps one canonical number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from psyroom.residents.typed import nfkc

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SEPARATORS = re.compile(r"[\s\-\u3000]")
_OLD_FORMAT = re.compile(r"\d{15}")
_EXCEL_NUMBER = re.compile(r"\d+(\.\d+)?E\+\d+")
_NEW_FORMAT = re.compile(r"\d{17}[\dX]")


@dataclass(frozen=True)
class IdCheck:
    number: str | None  # canonical 18 characters, or None when invalid
    problem: str | None  # code of what is wrong
    birth_date: date | None = None
    gender: str | None = None  # "male" | "female"


# Each position's weighted value of each ASCII digit, looked up: an import checks 50,000.
_WEIGHTED = tuple({str(d): d * w for d in range(10)} for w in _WEIGHTS)


def check_digit(first17: str) -> str:
    if len(first17) != len(_WEIGHTS):
        raise ValueError("an ID number's check digit is computed from 17 digits")
    try:
        total = sum(map(dict.__getitem__, _WEIGHTED, first17))
    except KeyError:  # a digit of another script (\d matches ١, ४ …), or not a digit
        total = sum(map(int.__mul__, map(int, first17), _WEIGHTS))
    return _CHECK[total % 11]


def _birth(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def parse_id_number(raw: str, *, today: date | None = None) -> IdCheck:
    """Normalise (spaces, lower-case x, 15 digits) and validate an ID number."""
    text = _SEPARATORS.sub("", nfkc(raw)).upper()
    if _OLD_FORMAT.fullmatch(text):
        text = text[:6] + "19" + text[6:]
        text += check_digit(text)
    if _EXCEL_NUMBER.fullmatch(text):
        return IdCheck(None, "id_lost_digits")
    if not _NEW_FORMAT.fullmatch(text):
        return IdCheck(None, "id_length")
    born = _birth(text)
    if born is None or born > (today or date.today()) or born.year < 1880:
        return IdCheck(None, "id_birth_date")
    if check_digit(text[:17]) != text[17]:
        return IdCheck(None, "id_checksum")
    gender = "male" if int(text[16]) % 2 else "female"
    return IdCheck(text, None, born, gender)


def mask_id(number: str | None) -> str:
    """1408**********123X: enough to tell people apart on a list, not enough to misuse."""
    if not number:
        return ""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    digits = phone
    if len(digits) <= 7:
        return digits[:2] + "*" * (len(digits) - 2)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
