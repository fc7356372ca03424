"""What people type, made comparable: full-width digits, traditional characters, middle dots.

Registers and keyboards produce ０５５１ (full width), ＺＸＪ, 張小軍 (a Hong Kong or Taiwan
input method, or an old register) and 阿依古丽·买买提 with any of several dots. Identifiers are
stored NFKC-normalised, so duplicates are caught; search compares a folded form of names and
queries, so every way of typing finds the same person. The stored name is never changed.
"""

from __future__ import annotations

import unicodedata

# Dots people put between the parts of Uyghur, Tibetan and foreign names (after NFKC, which
# turns the full-width ones into these), and the spaces some registers keep.
NAME_DOTS = "·•・‧∙⋅.．-— "


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


class _Fold(dict[int, str | None]):
    """Per-character folding for str.translate: traditional → simplified, dots dropped.

    Names are short and drawn from a few thousand characters, so each character is converted
    once (by zhconv's table, a maintained converter's) and remembered; a whole-phrase
    conversion would change nothing for names and costs ~20× more on 200,000 of them.
    """

    def __init__(self) -> None:
        super().__init__({ord(ch): None for ch in NAME_DOTS})

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        folded: str | None = ch.lower()
        if code >= 0x3400:  # CJK: only these can be traditional forms
            simple = _simplified(ch)
            folded = simple if len(simple) == 1 else ch
        self[code] = folded
        return folded


_ZH_CN: dict[str, str] | None = None


def _simplified(ch: str) -> str:
    """zhconv's ``convert(ch, "zh-cn")`` of one character.

    For a single character that is the entry of zhconv's zh-cn table (its zh2Hans table
    updated by zh2CN), or the character itself. The table is read straight from zhconv's
    data file: importing zhconv costs ~0.35 s (it imports pkg_resources to find that file)
    and its first conversion builds a prefix set for whole phrases, all of which the first
    search of a session waited for. When the file is not where zhconv keeps it, zhconv is
    asked as before.
    """
    global _ZH_CN
    if _ZH_CN is None:
        _ZH_CN = _read_zh_cn() or {}
    if _ZH_CN:
        return _ZH_CN.get(ch, ch)
    from zhconv import convert

    return str(convert(ch, "zh-cn"))


def _read_zh_cn() -> dict[str, str] | None:
    import json
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("zhconv")  # finds the package without running it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            tables = json.loads((Path(folder) / "zhcdict.json").read_bytes())
            table = {k: v for k, v in tables["zh2Hans"].items() if len(k) == 1}
            table.update((k, v) for k, v in tables["zh2CN"].items() if len(k) == 1)
        except (OSError, ValueError, KeyError, AttributeError):
            continue
        return table
    return None


_FOLD = _Fold()


def fold(text: str) -> str:
    """A name or query as search compares it: NFKC, lower case, simplified, no dots/spaces."""
    if not text.isascii():
        text = nfkc(text)
    return "".join(text.split()).translate(_FOLD)


def is_cjk(ch: str) -> bool:
    return ch >= "\u3400"
