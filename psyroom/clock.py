"""Time and ids in one place, so tests can move the clock."""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime


def new_id() -> str:
    return str(uuid.uuid4())


def new_ids(count: int) -> list[str]:
    """``count`` ids for rows written together (an import), in ascending order.

    Time-ordered UUIDs (RFC 9562 version 7: the millisecond, a counter, 62 random bits), so
    a bulk insert appends to the primary-key and change-log indexes instead of writing all
    over them: random version-4 ids made every index page of a 50,000-row import dirty many
    times. They stay unique across sites like version 4 (the random part), and say no more
    about a row than its created_at column already does.
    """
    start_ms = int(time.time() * 1000)
    random_bits = os.urandom(8 * count)
    out = []
    for i in range(count):
        # 4096 ids per millisecond step, so the order holds for any count.
        ms, seq = start_ms + (i >> 12), i & 0xFFF
        rand = int.from_bytes(random_bits[8 * i:8 * i + 8], "big") & ((1 << 62) - 1)
        h = f"{(ms << 80) | (0x7 << 76) | (seq << 64) | (0b10 << 62) | rand:032x}"
        # uuid.UUID's own str(), written out: building 100,000 UUID objects cost more than
        # the rest of making the ids (tests/core/test_import_bulk.py checks the form).
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def utc_now_iso(now: float | None = None) -> str:
    moment = datetime.fromtimestamp(time.time() if now is None else now, tz=UTC)
    return moment.isoformat(timespec="microseconds")


def local_display(iso: str) -> str:
    """A stored UTC time as the room's clock shows it: 2026-11-25 14:19."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso[:16].replace("T", " ")


def local_now_minute() -> str:
    """What people type and read: local wall-clock time, to the minute, no zone."""
    return datetime.now().strftime("%Y-%m-%dT%H:%M")


def sort_key(moment: str) -> str:
    """Stored UTC times and typed local times, made comparable (as local wall-clock)."""
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        return moment
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone().replace(tzinfo=None)
    return parsed.isoformat()
