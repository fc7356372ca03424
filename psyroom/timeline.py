"""The resident timeline: every record kind plugs a provider in here.

A provider returns the entries of one kind for one resident; the archive page shows them
all, newest first. Providers, merge and erase hooks are registered in one place,
``psyroom.capabilities.register_all()``, which every session runs at start, so a timeline
read never depends on which service module happened to be imported first.

A provider names the permission its entries' content needs. A reader without it sees that
something of that kind happened and when, never what (no scale, score, band, crisis kind).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from psyroom.clock import sort_key
from psyroom.security.roles import Permission


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
CanRead = Callable[[Permission], bool]


@dataclass(frozen=True)
class _Registered:
    provider: Provider
    permission: Permission | None
    hidden_zh: str
    hidden_en: str


_PROVIDERS: dict[str, _Registered] = {}


def register(kind: str, provider: Provider, *, permission: Permission | None = None,
             hidden_title: tuple[str, str] = ("记录", "Record")) -> None:
    """``permission``: what reading the entries' content needs; ``hidden_title``: the
    (zh, en) title shown instead to a reader without it (names the kind, nothing more)."""
    _PROVIDERS[kind] = _Registered(provider, permission, *hidden_title)


def registered_kinds() -> list[str]:
    return list(_PROVIDERS)


def _hidden(entry: TimelineEntry, reg: _Registered) -> TimelineEntry:
    # No record id either: the record itself would be refused, so nothing to open.
    return TimelineEntry(at=entry.at, kind=entry.kind,
                         title_zh=f"{reg.hidden_zh}（内容仅限有权限的人员查看）",
                         title_en=f"{reg.hidden_en} (content restricted to authorised roles)",
                         actor_name=entry.actor_name, record_kind=entry.record_kind)


def entries_for(conn: Connection, resident_id: str, can: CanRead) -> list[TimelineEntry]:
    """Every kind's entries for one resident, newest first, as the reader may see them."""
    out: list[TimelineEntry] = []
    for reg in _PROVIDERS.values():
        entries = reg.provider(conn, resident_id)
        if reg.permission is not None and not can(reg.permission):
            entries = [_hidden(e, reg) for e in entries]
        out += entries
    out.sort(key=lambda e: sort_key(e.at), reverse=True)
    return out


# Record kinds that hang off a resident move with a merge and go with an erase. Keyed, so
# registering twice (a second session in one process) does not run a hook twice.
MergeHook = Callable[[Connection, str, str], None]
EraseHook = Callable[[Connection, str], None]
_MERGE_HOOKS: dict[str, MergeHook] = {}
_ERASE_HOOKS: dict[str, EraseHook] = {}


def on_merge(kind: str, hook: MergeHook) -> None:
    _MERGE_HOOKS[kind] = hook


def on_erase(kind: str, hook: EraseHook) -> None:
    _ERASE_HOOKS[kind] = hook


def merge_hooks() -> list[MergeHook]:
    return list(_MERGE_HOOKS.values())


def erase_hooks() -> list[EraseHook]:
    return list(_ERASE_HOOKS.values())


def follows_resident(table: str) -> None:
    """A record kind whose rows hang off one resident: moved by a merge, gone with an erase."""

    def merge(conn: Connection, old: str, new: str) -> None:
        conn.exec_driver_sql(f"UPDATE {table} SET resident_id = ? WHERE resident_id = ?",
                             (new, old))

    def erase(conn: Connection, resident_id: str) -> None:
        conn.exec_driver_sql(f"DELETE FROM {table} WHERE resident_id = ?", (resident_id,))

    on_merge(table, merge)
    on_erase(table, erase)
