"""Password, user-name and recovery-code rules at their edges (no database needed)."""

from __future__ import annotations

import pytest

from psyroom.errors import InvalidInput
from psyroom.security.passwords import (
    check_password_policy,
    normalise_username,
    password_problems,
)
from psyroom.security.recovery import ALPHABET, new_recovery_code, normalise_recovery_code


@pytest.mark.parametrize(("password", "problems"), [
    ("Abcdef12", []),            # exactly 8, three kinds
    ("Abcde12", ["too_short"]),  # 7
    ("abcdefg1!", []),           # lower, digit, symbol
    ("ABCDEFG1!", []),           # upper, digit, symbol
    ("Abcdefgh!", []),           # upper, lower, symbol
    ("abcdefgh12", ["too_few_kinds"]),
    ("ABCDEFGH!!", ["too_few_kinds"]),
    ("Ab1", ["too_short"]),
    ("abc", ["too_short", "too_few_kinds"]),
    ("密码密码密码Ab1", []),       # Chinese characters count as letters, not symbols
])
def test_password_rules(password: str, problems: list[str]) -> None:
    assert password_problems(password) == problems


def test_policy_raises_with_its_code() -> None:
    check_password_policy("Abcdef12")
    with pytest.raises(InvalidInput) as err:
        check_password_policy("abcdefgh")
    assert err.value.code == "password_too_weak"


@pytest.mark.parametrize(("raw", "name"), [
    ("Wang.Fang", "wang.fang"), ("  li_si  ", "li_si"), ("王芳", "王芳"), ("ＡＢ", "ab"),
    ("ab", "ab"), ("a" * 32, "a" * 32), ("x-y", "x-y"),
])
def test_user_names_normalised(raw: str, name: str) -> None:
    assert normalise_username(raw) == name


@pytest.mark.parametrize("raw", ["a", "a" * 33, "wang fang", "wang/fang", "", "wang\nfang"])
def test_bad_user_names(raw: str) -> None:
    with pytest.raises(InvalidInput) as err:
        normalise_username(raw)
    assert err.value.code == "username_invalid"


def test_recovery_codes() -> None:
    codes = {new_recovery_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        groups = code.split("-")
        assert len(groups) == 5 and all(len(g) == 5 for g in groups)
        assert set(code.replace("-", "")) <= set(ALPHABET)
    assert not set("01ILO") & set(ALPHABET)
    assert normalise_recovery_code(" abcde fghjk-mnpqr\tstuvw xyz23 ") == \
        "ABCDE-FGHJK-MNPQR-STUVW-XYZ23"
    assert normalise_recovery_code("abcdefg") == "ABCDE-FG"
