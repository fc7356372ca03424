"""Password rules of GB/T 22239-2019 level 2: at least 8 characters of three kinds."""

from __future__ import annotations

import re
import unicodedata

from psyroom.errors import InvalidInput

MIN_LENGTH = 8
_USERNAME = re.compile(r"^[\w.\-]{2,32}$")


def password_problems(password: str) -> list[str]:
    """Codes of the rules a password breaks; empty when it is acceptable."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append("too_short")
    kinds = sum(
        [
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
    )
    if kinds < 3:
        problems.append("too_few_kinds")
    return problems


def check_password_policy(password: str) -> None:
    if password_problems(password):
        raise InvalidInput("password_too_weak")


def normalise_username(username: str) -> str:
    """User names compare case-insensitively and in one Unicode form."""
    name = unicodedata.normalize("NFKC", username).strip()
    if not _USERNAME.match(name):
        raise InvalidInput("username_invalid")
    return name.casefold()
