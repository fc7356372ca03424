"""ID numbers and masks at their edges (written against the mutants mutmut left alive)."""

from __future__ import annotations

from datetime import date

import pytest

from psyroom.residents.idcard import check_digit, mask_id, mask_phone, parse_id_number

TODAY = date(2026, 11, 26)


def with_check(first17: str) -> str:
    return first17 + check_digit(first17)


def test_check_digit_needs_exactly_17_digits() -> None:
    with pytest.raises(ValueError):
        check_digit("1101051949123")
    with pytest.raises(ValueError):
        check_digit("1" * 18)


def test_december_birth_date_is_read_whole() -> None:
    result = parse_id_number(with_check("11010519491231002"), today=TODAY)
    assert result.problem is None and result.birth_date == date(1949, 12, 31)


@pytest.mark.parametrize(("born", "ok"), [
    ("20261126", True),   # born today: a newborn's card
    ("20261127", False),  # tomorrow
    ("20300101", False),
    ("18800101", True),
    ("18791231", False),
])
def test_birth_date_bounds(born: str, ok: bool) -> None:
    result = parse_id_number(with_check(f"110105{born}002"), today=TODAY)
    assert (result.problem is None) is ok
    if not ok:
        assert result.problem == "id_birth_date"


def test_future_birth_date_is_refused_even_when_the_year_is_plausible() -> None:
    assert parse_id_number(with_check("11010520271010002"), today=TODAY).problem == \
        "id_birth_date"


@pytest.mark.parametrize(("number", "masked"), [
    ("1234567", "*******"),
    ("12345678", "********"),
    ("123456789", "1234*6789"),
    ("11010519491231002X", "1101**********002X"),
])
def test_mask_id(number: str, masked: str) -> None:
    assert mask_id(number) == masked


@pytest.mark.parametrize(("phone", "masked"), [
    ("123456", "12****"),
    ("1234567", "12*****"),
    ("12345678", "123*5678"),
    ("13812345678", "138****5678"),
])
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_check_digit_is_the_standard_weighted_sum_for_any_digits() -> None:
    import random

    from psyroom.residents.idcard import _CHECK, _WEIGHTS

    rng = random.Random(11643)
    for _ in range(2000):
        body = "".join(rng.choice("0123456789") for _ in range(17))
        expected = _CHECK[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]
        assert check_digit(body) == expected
        # The same digits in another script (\d matches them) weigh the same.
        assert check_digit(body.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))) == \
            expected
