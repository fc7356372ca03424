"""Writing rows that carry the standard record columns (uuid, origin site, version, times).

Read-side queries stay plain SQL in each capability; these two helpers keep every record
kind stamped the same way so bundles can merge them later.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from psyroom.clock import new_id, utc_now_iso


def insert_record(conn: Connection, table: str, values: dict[str, Any], *, site_id: str,
                  at: str | None = None) -> str:
    now = at or utc_now_iso()
    row = {"id": new_id(), "origin_site": site_id, "version": 1, "created_at": now,
           "updated_at": now, **values}
    cols = ", ".join(row)
    params = ", ".join(f":{c}" for c in row)
    conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({params})"), row)
    return str(row["id"])


def insert_records(conn: Connection, table: str, rows: list[dict[str, Any]], *,
                   site_id: str) -> list[str]:
    if not rows:
        return []
    now = utc_now_iso()
    full = [{"id": new_id(), "origin_site": site_id, "version": 1, "created_at": now,
             "updated_at": now, **r} for r in rows]
    cols = ", ".join(full[0])
    params = ", ".join(f":{c}" for c in full[0])
    conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({params})"), full)
    return [str(r["id"]) for r in full]


def update_record(conn: Connection, table: str, record_id: str, values: dict[str, Any]) -> None:
    sets = ", ".join(f"{c} = :{c}" for c in values)
    conn.execute(text(f"UPDATE {table} SET {sets}, version = version + 1, "
                      f"updated_at = :_now WHERE id = :_id"),
                 {**values, "_now": utc_now_iso(), "_id": record_id})


def fetch_one(conn: Connection, sql: str, **params: Any) -> dict[str, Any] | None:
    row = conn.execute(text(sql), params).mappings().first()
    return None if row is None else dict(row)


def fetch_all(conn: Connection, sql: str, **params: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(text(sql), params).mappings()]
