"""The audit chain's head: its row count and newest hash, written into every backup.

Within one installation nothing stops a key holder from deleting the newest events or
rewriting the unkeyed chain from some point on. What can be done is to keep the head outside
the database: every backup records it, the audit view shows it (to print or write down),
and ``psyroom verify --against BACKUP`` / ``--head HASH`` tell whether the live chain still
contains it. A chain that no longer holds an earlier head was truncated or forked.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainHead:
    count: int
    hash: str


@dataclass(frozen=True)
class ChainComparison:
    """How the live chain relates to an earlier head (from a backup or a printout)."""

    status: str  # "ok", "truncated", "forked", "no_head"
    earlier: ChainHead | None
    live: ChainHead

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def head(conn: Connection) -> ChainHead:
    row = conn.exec_driver_sql(
        "SELECT (SELECT count(*) FROM audit_events), "
        "(SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1)").one()
    return ChainHead(int(row[0] or 0), str(row[1] or GENESIS))


def seq_of(conn: Connection, event_hash: str) -> int | None:
    """Where a hash stands in the live chain (None: it is not there any more)."""
    seq = conn.exec_driver_sql("SELECT seq FROM audit_events WHERE hash = ?",
                               (event_hash.strip().lower(),)).scalar()
    return int(seq) if seq is not None else None


def compare(conn: Connection, earlier: ChainHead | None) -> ChainComparison:
    live = head(conn)
    if earlier is None:
        return ChainComparison("no_head", None, live)
    if earlier.count == 0:
        return ChainComparison("ok", earlier, live)
    # Events are numbered from 1 without gaps (verify checks that), so the earlier head must
    # be event #count, with the same hash.
    at = conn.exec_driver_sql("SELECT hash FROM audit_events WHERE seq = ?",
                              (earlier.count,)).scalar()
    if at is None or live.count < earlier.count:
        return ChainComparison("truncated", earlier, live)
    if at != earlier.hash:
        return ChainComparison("forked", earlier, live)
    return ChainComparison("ok", earlier, live)
