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
    once (with zhconv, a maintained converter) and remembered; a whole-phrase conversion would
    change nothing for names and costs ~20× more on 200,000 of them.
    """

    def __init__(self) -> None:
        super().__init__({ord(ch): None for ch in NAME_DOTS})

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        folded: str | None = ch.lower()
        if code >= 0x3400:  # CJK: only these can be traditional forms
            from zhconv import convert  # loaded on the first Chinese character only

            simple = convert(ch, "zh-cn")
            folded = simple if len(simple) == 1 else ch
        self[code] = folded
        return folded


_FOLD = _Fold()


def fold(text: str) -> str:
    """A name or query as search compares it: NFKC, lower case, simplified, no dots/spaces."""
    if not text.isascii():
        text = nfkc(text)
    return "".join(text.split()).translate(_FOLD)


def is_cjk(ch: str) -> bool:
    return ch >= "\u3400"
