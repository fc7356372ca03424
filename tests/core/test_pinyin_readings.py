"""Readings one character at a time, without pypinyin's phrase dictionary, are the readings
pypinyin gives with it, for every character it knows (psyroom/residents/pinyin.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import REPO

READ_ALL = """
import json, sys
from pypinyin import pinyin_dict
chars = [chr(c) for c in pinyin_dict.pinyin_dict]
if sys.argv[1] == "app":
    from psyroom.residents.pinyin import char_reading
    print(json.dumps({c: char_reading(c) for c in chars}))
else:
    from pypinyin import Style, lazy_pinyin
    print(json.dumps({c: (lazy_pinyin(c, style=Style.NORMAL, errors="ignore") or [""])[0]
                      for c in chars}))
"""


def _readings(which: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYPINYIN_")}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run([sys.executable, "-c", READ_ALL, which], capture_output=True,
                          text=True, env=env, check=True)
    readings: dict[str, str] = json.loads(done.stdout)
    return readings


def test_every_character_reads_as_pypinyin_with_its_phrases_reads_it() -> None:
    app, pypinyin = _readings("app"), _readings("pypinyin")
    assert len(app) > 40_000
    assert app == pypinyin


def test_the_phrase_dictionary_is_left_unloaded() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYPINYIN_")}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run([sys.executable, "-c", (
        "import sys\nfrom psyroom.residents.pinyin import pinyin_keys\n"
        "assert pinyin_keys('单志刚') == ('shanzhigang', 'szg')\n"
        "from pypinyin import constants\nprint(len(constants.PHRASES_DICT))")],
        capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "0"
