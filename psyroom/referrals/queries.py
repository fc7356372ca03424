"""Read-side SQL for referrals: the rows with names joined, the dashboard lists, the timeline.

Imported by the dashboard and by the service, which registers the timeline provider and the
merge/erase hooks here (as every record kind does until one registration place exists).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, text

from psyroom import timeline
from psyroom.records import fetch_all, fetch_one
from psyroom.referrals.model import DEFAULT_OVERDUE_DAYS, STATUSES, URGENCY
from psyroom.referrals.rules import overdue_cutoff

OVERDUE_DAYS_KEY = "referral_overdue_days"
SITE_ADDRESS_KEY = "site_address"
SITE_PHONE_KEY = "site_phone"

SELECT = ("SELECT f.*, r.name AS resident_name, i.name AS institution_name FROM referrals f "
          "LEFT JOIN residents r ON r.id = f.resident_id "
          "LEFT JOIN institutions i ON i.id = f.institution_id")


def meta_value(conn: Connection, key: str) -> str | None:
    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": key}).first()
    return None if row is None else str(row[0])


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                 {"k": key, "v": value})


def overdue_days(conn: Connection) -> int:
    raw = meta_value(conn, OVERDUE_DAYS_KEY)
    return int(raw) if raw and raw.isdigit() else DEFAULT_OVERDUE_DAYS


def one(conn: Connection, referral_id: str) -> dict[str, Any] | None:
    return fetch_one(conn, f"{SELECT} WHERE f.id = :i", i=referral_id)


def by_serial(conn: Connection, serial: str) -> dict[str, Any] | None:
    return fetch_one(conn, f"{SELECT} WHERE f.serial = :s", s=serial.strip().upper())


def room_of_serial(conn: Connection, serial: str,
                   origin_site: str | None) -> dict[str, Any] | None:
    """At the office: the enrolled room a referral came from, or whose code begins the serial
    (SITECODE-YEAR-NNNN) when no bundle has brought that referral yet."""
    if origin_site is not None:
        return fetch_one(conn, "SELECT code, last_period_end FROM sync_rooms "
                         "WHERE site_id = :s", s=origin_site)
    parts = serial.rsplit("-", 2)
    if len(parts) != 3:
        return None
    return fetch_one(conn, "SELECT code, last_period_end FROM sync_rooms WHERE upper(code) = :c",
                     c=parts[0].upper())


def listed(conn: Connection, *, status: str | None,
           resident_id: str | None) -> list[dict[str, Any]]:
    where, params = [], {}
    if status:
        where.append("f.status = :st")
        params["st"] = status
    if resident_id:
        where.append("f.resident_id = :r")
        params["r"] = resident_id
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return fetch_all(conn, f"{SELECT}{clause} ORDER BY f.created_at DESC", **params)


def overdue_rows(conn: Connection, today: date) -> list[dict[str, Any]]:
    cutoff = overdue_cutoff(today, overdue_days(conn))
    return fetch_all(conn, f"{SELECT} WHERE f.status = 'issued' AND f.issued_on < :c "
                     "ORDER BY f.issued_on", c=cutoff)


def urgent_unissued_rows(conn: Connection) -> list[dict[str, Any]]:
    return fetch_all(conn, f"{SELECT} WHERE f.status = 'draft' AND f.urgency = 'urgent' "
                     "ORDER BY f.created_at")


def next_serial(conn: Connection, site_code: str, year: int) -> str:
    """SITECODE-YEAR-NNNN, counting up per site and year (the one writer holds the lock)."""
    prefix = f"{site_code.upper()}-{year}-"
    taken = [r["serial"][len(prefix):] for r in fetch_all(
        conn, "SELECT serial FROM referrals WHERE serial LIKE :p", p=prefix + "%")]
    number = max((int(t) for t in taken if t.isdigit()), default=0) + 1
    return f"{prefix}{number:04d}"


def timeline_entries(conn: Connection, resident_id: str) -> list[timeline.TimelineEntry]:
    # The title names no institution and no reason: those are for readers of referrals,
    # who open the referral itself; the archive shows only that one was made, and its state.
    out = []
    for r in fetch_all(conn, "SELECT id, serial, status, urgency, created_at, "
                       "created_by_name FROM referrals WHERE resident_id = :r", r=resident_id):
        sz, se = STATUSES[r["status"]]
        uz, ue = URGENCY[r["urgency"]]
        out.append(timeline.TimelineEntry(
            at=r["created_at"], kind="referral", title_zh=f"转介 {r['serial']}（{uz}，{sz}）",
            title_en=f"Referral {r['serial']} ({ue}, {se})", actor_name=r["created_by_name"],
            record_kind="referral", record_id=r["id"]))
    return out


def erase_notes(conn: Connection, resident_id: str) -> None:
    conn.exec_driver_sql("DELETE FROM referral_notes WHERE referral_id IN (SELECT id FROM "
                         "referrals WHERE resident_id = ?)", (resident_id,))
