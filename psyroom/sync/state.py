"""Small facts about this database that every bundle states: generation, audit head."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from psyroom.clock import new_id, utc_now_iso
from psyroom.storage.schema import audit_events, meta, sync_generations, sync_outbox

VERSION_STEP_AFTER_RESTORE = 1_000_000


def meta_value(conn: Connection, key: str) -> str | None:
    value = conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
    return None if value is None else str(value)


def set_meta(conn: Connection, key: str, value: str) -> None:
    if meta_value(conn, key) is None:
        conn.execute(meta.insert().values(key=key, value=value))
    else:
        conn.execute(meta.update().where(meta.c.key == key).values(value=value))


def generation(conn: Connection) -> dict[str, Any]:
    gen = meta_value(conn, "sync_generation")
    row = conn.execute(select(sync_generations).where(
        sync_generations.c.generation == gen)).mappings().first()
    assert row is not None, "migration 0005 creates the first generation"
    return dict(row)


def audit_head(conn: Connection) -> tuple[int, str]:
    count = int(conn.execute(select(func.count()).select_from(audit_events)).scalar() or 0)
    head = conn.execute(select(audit_events.c.hash).order_by(audit_events.c.seq.desc())
                        .limit(1)).scalar()
    return count, str(head or "")


def audit_checkpoints(conn: Connection) -> dict[str, str | None]:
    """The chain's hash now at each length this room reported before: the office compares
    the one it last saw, so rows deleted or rewritten since show up."""
    counts = {int(c) for (c,) in conn.execute(select(sync_outbox.c.audit_count))}
    out: dict[str, str | None] = {}
    for c in sorted(counts):
        h = conn.execute(select(audit_events.c.hash).order_by(audit_events.c.seq)
                         .offset(c - 1).limit(1)).scalar() if c > 0 else ""
        out[str(c)] = None if h is None else str(h)
    return out


def renew_generation(conn: Connection) -> str:
    """Called when a backup has been restored: later bundles say so, never reuse a
    (generation, sequence) pair, and the room's later edits outrank what it sent before."""
    old = generation(conn)
    base_seq = int(conn.execute(select(func.max(sync_outbox.c.seq))).scalar() or 0)
    count, head = audit_head(conn)
    new = new_id()
    conn.execute(sync_generations.insert().values(
        generation=new, parent=old["generation"], base_seq=base_seq, base_audit_count=count,
        base_audit_head=head, started_at=utc_now_iso()))
    set_meta(conn, "sync_generation", new)
    floor = int(meta_value(conn, "sync_version_floor") or 0)
    set_meta(conn, "sync_version_floor", str(floor + VERSION_STEP_AFTER_RESTORE))
    return new
