"""Time and ids in one place, so tests can move the clock."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime


def new_id() -> str:
    return str(uuid.uuid4())


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
