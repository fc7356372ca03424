"""The resident timeline: every record kind plugs a provider in here.

A provider returns the entries of one kind for one resident; the archive page shows them
all, newest first. Consultations, scales, referrals … register their own providers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from psyroom.clock import sort_key


@dataclass(frozen=True)
class TimelineEntry:
    at: str
    kind: str  # e.g. "created", "edited", "tags_changed", "merged", "consultation"
    title_zh: str
    title_en: str
    actor_name: str | None = None
    record_kind: str | None = None
    record_id: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[Connection, str], list[TimelineEntry]]
_PROVIDERS: dict[str, Provider] = {}


def register(kind: str, provider: Provider) -> None:
    _PROVIDERS[kind] = provider


def entries_for(conn: Connection, resident_id: str) -> list[TimelineEntry]:
    out: list[TimelineEntry] = []
    for provider in _PROVIDERS.values():
        out += provider(conn, resident_id)
    out.sort(key=lambda e: sort_key(e.at), reverse=True)
    return out


# Record kinds that hang off a resident move with a merge and go with an erase.
MergeHook = Callable[[Connection, str, str], None]
EraseHook = Callable[[Connection, str], None]
_MERGE_HOOKS: list[MergeHook] = []
_ERASE_HOOKS: list[EraseHook] = []


def on_merge(hook: MergeHook) -> None:
    _MERGE_HOOKS.append(hook)


def on_erase(hook: EraseHook) -> None:
    _ERASE_HOOKS.append(hook)


def merge_hooks() -> list[MergeHook]:
    return list(_MERGE_HOOKS)


def erase_hooks() -> list[EraseHook]:
    return list(_ERASE_HOOKS)


def follows_resident(table: str) -> None:
    """A record kind whose rows hang off one resident: moved by a merge, gone with an erase."""

    def merge(conn: Connection, old: str, new: str) -> None:
        conn.exec_driver_sql(f"UPDATE {table} SET resident_id = ? WHERE resident_id = ?",
                             (new, old))

    def erase(conn: Connection, resident_id: str) -> None:
        conn.exec_driver_sql(f"DELETE FROM {table} WHERE resident_id = ?", (resident_id,))

    on_merge(merge)
    on_erase(erase)
