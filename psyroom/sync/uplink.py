"""Building a room's bundle: every record created, changed or deleted since the last export
(or everything, with ``full``), plus the audit-chain head and the database generation."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, inspect, select

from psyroom.clock import utc_now_iso
from psyroom.errors import Cancelled, PsyroomError
from psyroom.progress import CancelCheck, Progress
from psyroom.sites.service import SiteInfo
from psyroom.storage.schema import sync_changes, sync_outbox, sync_tombstones
from psyroom.sync import crypto, keys, state
from psyroom.sync.enrolment import enrolment_of
from psyroom.sync.fileformat import FORMAT_VERSION, SUFFIX
from psyroom.sync.tables import NEVER_TRAVEL, UPLINK_TABLES

CHUNK = 500


@dataclass(frozen=True)
class UplinkPlan:
    header: dict[str, Any]
    body: dict[str, Any]
    file_name: str
    change_upto: int
    records: int


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _rows(conn: Connection, table: str, ids: list[str] | None) -> tuple[list[str], list[Any]]:
    if ids is None:
        result = conn.exec_driver_sql(f'SELECT * FROM "{table}" ORDER BY id')
        return [d[0] for d in result.cursor.description], [list(r) for r in result]
    columns: list[str] = []
    rows: list[Any] = []
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        result = conn.exec_driver_sql(f'SELECT * FROM "{table}" WHERE id IN ({marks})',
                                      tuple(chunk))
        columns = [d[0] for d in result.cursor.description]
        rows += [list(r) for r in result]
    return columns, rows


def plan_uplink(conn: Connection, site: SiteInfo, *, full: bool,
                progress: Progress | None = None, cancel: CancelCheck | None = None
                ) -> UplinkPlan:
    enrolment = enrolment_of(conn)
    if enrolment is None:
        raise PsyroomError("bundle_not_enrolled")
    gen = state.generation(conn)
    seq = int(conn.execute(select(func.max(sync_outbox.c.seq))).scalar() or 0) + 1
    # The change log only grows, and a restored database holds its backup's outbox: so
    # this also starts a restored generation where the backup's last export stopped.
    last = 0 if full else int(
        conn.execute(select(func.max(sync_outbox.c.change_upto))).scalar() or 0)
    upto = int(conn.execute(select(func.max(sync_changes.c.seq))).scalar() or 0)
    changed: dict[str, list[str]] = {}
    for tbl, row_id in conn.execute(select(sync_changes.c.tbl, sync_changes.c.row_id).where(
            sync_changes.c.seq > last, sync_changes.c.seq <= upto)):
        changed.setdefault(str(tbl), []).append(str(row_id))
    existing = set(inspect(conn).get_table_names())
    tables: dict[str, Any] = {}
    wanted = [t for t in UPLINK_TABLES if t.name in existing and t.name not in NEVER_TRAVEL]
    records = 0
    for done, t in enumerate(wanted):
        if cancel is not None and cancel():
            raise Cancelled()
        ids = None if full else changed.get(t.name, [])
        if ids == []:
            continue
        columns, rows = _rows(conn, t.name, ids)
        if rows:
            tables[t.name] = {"columns": columns, "rows": rows}
            records += len(rows)
        if progress is not None:
            progress(done + 1, len(wanted) + 1)
    changed_sets = {k: set(v) for k, v in changed.items()}
    tombstones = []
    for m in conn.execute(select(sync_tombstones)).mappings():
        if full or m["row_id"] in changed_sets.get(str(m["tbl"]), ()):
            tombstones.append([m["tbl"], m["row_id"], m["origin_site"], m["version"],
                               m["deleted_at"]])
    count, head = state.audit_head(conn)
    _, sign_pub = keys.get_or_create(conn, keys.ROOM_SIGN)
    _, enc_pub = keys.get_or_create(conn, keys.ROOM_ENC)
    today = date.today()
    header: dict[str, Any] = {
        "format": FORMAT_VERSION, "kind": "up", "office_id": enrolment["office_id"],
        "room_code": site.code, "sender": site.id, "seq": seq,
        "generation": gen["generation"], "parent": gen["parent"],
        "base_seq": gen["base_seq"], "created_at": utc_now_iso(),
        "period_end": today.isoformat(), "full": full,
        "sign_pub": _b64(sign_pub), "enc_pub": _b64(enc_pub),
    }
    if not enrolment["proven"]:
        header["proof"] = _b64(crypto.prove_secret(bytes(enrolment["secret"]), sign_pub,
                                                   site.id))
    body = {"tables": tables, "tombstones": tombstones,
            "audit": {"count": count, "head": head,
                      "checkpoints": state.audit_checkpoints(conn)}}
    name = f"{site.code}-{seq:05d}-{today.strftime('%Y%m%d')}{SUFFIX}"
    return UplinkPlan(header, body, name, upto, records + len(tombstones))
