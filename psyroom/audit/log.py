"""The append-only, hash-chained audit log.

Each event's hash covers its own fields and the previous event's hash, so editing or
removing a row in the middle breaks the chain from there on; `psyroom verify` walks it.
Details hold ids and codes, never names or note text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from psyroom.clock import new_id, utc_now_iso
from psyroom.storage.schema import audit_events

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    id: str
    at: str
    site_id: str
    actor_id: str | None
    actor_name: str | None
    action: str
    target_kind: str | None
    target_id: str | None
    detail: dict[str, Any]


def _digest(prev_hash: str, fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _hashed_fields(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "at", "site_id", "actor_id", "actor_name", "action", "target_kind",
            "target_id", "detail")
    return {k: row[k] for k in keys}


def append(
    conn: Connection,
    *,
    site_id: str,
    action: str,
    actor_id: str | None = None,
    actor_name: str | None = None,
    target_kind: str | None = None,
    target_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: float | None = None,
) -> str:
    """Add one event inside the caller's unit of work; returns its hash."""
    last = conn.execute(
        select(audit_events.c.hash).order_by(audit_events.c.seq.desc()).limit(1)
    ).scalar()
    prev_hash = last or GENESIS
    row: dict[str, Any] = {
        "id": new_id(),
        "at": utc_now_iso(at),
        "site_id": site_id,
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "target_kind": target_kind,
        "target_id": target_id,
        "detail": json.dumps(detail or {}, sort_keys=True, ensure_ascii=False),
    }
    row["prev_hash"] = prev_hash
    row["hash"] = _digest(prev_hash, _hashed_fields(row))
    conn.execute(insert(audit_events).values(**row))
    return str(row["hash"])


def chain_problems(conn: Connection) -> list[str]:
    """Every place where the chain does not hold, as 'audit event #seq: reason'."""
    problems: list[str] = []
    prev_hash = GENESIS
    prev_seq = 0
    result = conn.execute(select(audit_events).order_by(audit_events.c.seq))
    for row in result.mappings():
        seq = int(row["seq"])
        if seq != prev_seq + 1:
            problems.append(f"audit event #{prev_seq + 1}–#{seq - 1}: missing")
        if row["prev_hash"] != prev_hash:
            problems.append(f"audit event #{seq}: does not follow the event before it")
        if _digest(str(row["prev_hash"]), _hashed_fields(dict(row))) != row["hash"]:
            problems.append(f"audit event #{seq}: content was changed after it was written")
        prev_hash = str(row["hash"])
        prev_seq = seq
    return problems


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(audit_events)).scalar() or 0)


def events(conn: Connection, *, since: datetime | None = None, limit: int = 500,
           offset: int = 0) -> list[AuditEvent]:
    query = select(audit_events).order_by(audit_events.c.seq.desc()).limit(limit).offset(offset)
    if since is not None:
        query = query.where(audit_events.c.at >= since.isoformat())
    out: list[AuditEvent] = []
    for row in conn.execute(query).mappings():
        out.append(
            AuditEvent(
                seq=int(row["seq"]),
                id=str(row["id"]),
                at=str(row["at"]),
                site_id=str(row["site_id"]),
                actor_id=row["actor_id"],
                actor_name=row["actor_name"],
                action=str(row["action"]),
                target_kind=row["target_kind"],
                target_id=row["target_id"],
                detail=json.loads(row["detail"] or "{}"),
            )
        )
    return out
