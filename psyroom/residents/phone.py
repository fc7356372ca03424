"""Phone numbers as registers hold them: mobiles, landlines with area code, numbers typed as
numbers by Excel."""

from __future__ import annotations

import re

from psyroom.residents.typed import nfkc

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_LOCAL = re.compile(r"^\d{7,8}$")


def normalise_phone(raw: object) -> tuple[str | None, str | None]:
    """(phone, problem code). Empty input is (None, None)."""
    if raw is None:
        return None, None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = re.sub(r"[\s()]", "", nfkc(str(raw)))
    if text.startswith("+86"):
        text = text[3:]
    if not text:
        return None, None
    if _MOBILE.match(text) or _LANDLINE.match(text) or _LOCAL.match(text):
        return text, None
    return None, "phone_invalid"
