"""The slip's verification code: a keyed MAC over the serial and the printed fields.

The key is the site's own secret in its encrypted database, so only this room can make or
check a code; 8 base32 characters carry 40 bits, enough that a guessed code for a forged
slip is right about once in a trillion tries.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

SECRET_KEY = "referral_secret"
CODE_BYTES = 5  # 40 bits → exactly 8 base32 characters, no padding
QR_PREFIX = "PSYREF"


def site_secret(conn: Connection, *, create: bool) -> bytes | None:
    # Imported here: the slip's field names reach the command line's help, which must start
    # without the database stack.
    from sqlalchemy import text

    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": SECRET_KEY}).first()
    if row is not None:
        return bytes.fromhex(str(row[0]))
    if not create:
        return None
    value = secrets.token_bytes(32)
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v)"),
                 {"k": SECRET_KEY, "v": value.hex()})
    return value


def canonical(fields: dict[str, str]) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def make_code(secret: bytes, fields: dict[str, str]) -> str:
    mac = hmac.new(secret, canonical(fields), hashlib.sha256).digest()
    return base64.b32encode(mac[:CODE_BYTES]).decode("ascii")


def normalise(code: str) -> str:
    """What people type from paper: spaces, dashes, lower case, 0 for O and 1 for I."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.replace("0", "O").replace("1", "I").replace("8", "B")


def codes_match(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode("ascii"), normalise(given).encode("ascii"))


def shown(code: str) -> str:
    """Printed in two halves, easier to read aloud over the phone."""
    return f"{code[:4]}-{code[4:]}"


def qr_payload(serial: str, code: str) -> str:
    return f"{QR_PREFIX}:{serial}:{code}"


def parse_qr(payload: str) -> tuple[str, str] | None:
    parts = payload.strip().split(":")
    if len(parts) != 3 or parts[0] != QR_PREFIX:
        return None
    return parts[1], parts[2]
