"""Recovery codes: 25 random characters from an alphabet without look-alikes (0/O, 1/I/L)."""

from __future__ import annotations

import secrets

RECOVERY_NAME = "recovery"  # the name the recovery slot is keyed by in keyslots.json
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS = 5
GROUP_LEN = 5


def new_recovery_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LEN)) for _ in range(GROUPS))
    return "-".join(groups)


def normalise_recovery_code(code: str) -> str:
    """Accept what people type from paper: spaces, dashes and lower case."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(cleaned[i : i + GROUP_LEN] for i in range(0, len(cleaned), GROUP_LEN))
