"""Pinyin keys for search-as-you-type: 张伟 → ("zhangwei", "zw").

Converting character by character with a cache is ~20× faster than whole names
(DESIGN.md §9) and only differs for polyphonic characters; the ones that matter most are
surnames, which read differently as a surname (单 Shàn, 曾 Zēng, 解 Xiè, 仇 Qiú …).
"""

from __future__ import annotations

import os

SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha",
    "朴": "piao", "盖": "ge", "尉": "yu", "乐": "yue", "缪": "miao", "翟": "zhai",
    "长": "chang", "召": "shao", "覃": "qin", "繁": "po", "员": "yun", "宓": "mi",
    "种": "chong", "秘": "bi", "燕": "yan", "应": "ying", "任": "ren", "华": "hua",
    "葛": "ge", "蕃": "pi", "那": "na", "折": "she", "隗": "wei", "便": "pian",
    "沈": "shen", "莘": "shen", "訾": "zi", "冼": "xian", "句": "gou", "阚": "kan",
}
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
                     "令狐", "宇文", "长孙", "夏侯", "轩辕", "端木", "澹台", "单于")
COMPOUND_READINGS = {"尉迟": ("yu", "chi"), "长孙": ("zhang", "sun"), "单于": ("chan", "yu")}


class _Readings(dict[str, str]):
    """Each character's reading, looked up once and remembered (a plain dict: an import asks
    for ~180,000 characters drawn from a few thousand)."""

    def __missing__(self, ch: str) -> str:
        reading = (ch.lower() if ch.isalnum() else "") if ch.isascii() else _lookup(ch)
        self[ch] = reading
        return reading


def _lookup(ch: str) -> str:
    # Imported on first use. One character at a time never consults pypinyin's phrase
    # dictionary (its documented PYPINYIN_NO_PHRASES switch skips loading it: ~150 ms, and
    # the same reading for every character it knows, tests/core/test_pinyin_readings.py).
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    from pypinyin import Style, lazy_pinyin

    reading = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
    return reading[0] if reading else ""


_READINGS = _Readings()


def char_reading(ch: str) -> str:
    """One character's everyday reading ('' for punctuation)."""
    return _READINGS[ch]


_COMPOUNDS = {c: COMPOUND_READINGS.get(c) for c in COMPOUND_SURNAMES}


def name_syllables(name: str) -> list[str]:
    name = name.strip()
    readings = _READINGS
    head = name[:2]
    if head in _COMPOUNDS:
        syllables = list(_COMPOUNDS[head] or (readings[c] for c in head))
        rest = name[2:]
    elif name[:1] in SURNAME_READINGS:
        syllables = [SURNAME_READINGS[name[0]]]
        rest = name[1:]
    else:
        syllables = []
        rest = name
    syllables += [readings[c] for c in rest]
    return [s for s in syllables if s]


def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin without spaces, initials), both lower case."""
    syllables = name_syllables(name)
    return "".join(syllables), "".join([s[0] for s in syllables])
