"""Cleaning typed text: runs of any Unicode whitespace become one space, ends trimmed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from psyroom.residents.model import _clean

SPACES = re.compile(r"\s+")
WHITESPACE = [chr(c) for c in range(0x3100) if chr(c).isspace()] + ["\u200b", "\ufeff"]


@given(st.lists(st.sampled_from([*WHITESPACE, "a", "张", "·", "1"]), max_size=12).map("".join))
def test_clean_is_the_regex_rule(text: str) -> None:
    assert _clean(text) == (SPACES.sub(" ", text).strip() or None)


def test_clean_examples() -> None:
    assert _clean("  东关村\u3000 5组\t\n") == "东关村 5组"
    assert _clean(" \u3000 ") is None and _clean(None) is None
    assert _clean(13912345678) == "13912345678"  # type: ignore[arg-type]
