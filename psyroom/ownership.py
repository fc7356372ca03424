"""Whose record is this, and may this installation change it? The one rule, used by every
service that writes.

A record belongs to the site that made it (its ``origin_site``). At the street office, a
room's records arrive by bundle and are the room's: the office reads them, annotates them
beside (referral receipts), but never changes them, nor records new work against a room's
resident. Otherwise the room's next bundle would overwrite the change (or conflict with it)
and the room would never learn of it. A PIPL deletion or anonymisation is done at the room,
whose erasure then reaches the office as a tombstone.

A room keeps the rule too, trivially: everything it holds about residents is its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select, text

from psyroom.errors import InvalidInput
from psyroom.sites.service import SiteInfo
from psyroom.storage.schema import sites

# Tables whose rows a service changes in place after they were made (the guard reads their
# origin); anything else is refused as a programming error rather than guessed at.
GUARDED_TABLES = frozenset({"residents", "consultations", "assessments", "crisis_events",
                            "followups", "activities", "referrals"})


class OtherSitesRecord(InvalidInput):
    """A write refused because the record belongs to another site (named in the message)."""

    code = "record_other_site"


def refusal(conn: Connection, site: SiteInfo, origin: str | None, *,
            what: str = "record") -> OtherSitesRecord | None:
    """None if ``site`` may change a record made at ``origin``; else the refusal to raise.

    ``what``: "archive" (a resident's archive), "erasure" (deleting or anonymising one, which
    the message says to do at the room) or "record" (anything else).
    """
    if site.kind != "office" or not origin or origin == site.id:
        return None
    row = conn.execute(select(sites.c.code, sites.c.name).where(sites.c.id == origin)).first()
    code, name = (str(row.code), str(row.name)) if row is not None else (origin[:8], "")
    return OtherSitesRecord(f"{what}_other_site", site_name=name or code, site_code=code)


def origin_of(conn: Connection, table: str, record_id: str) -> str | None:
    if table not in GUARDED_TABLES:
        raise ValueError(f"not a guarded table: {table}")
    row = conn.execute(text(f"SELECT origin_site FROM {table} WHERE id = :i"),
                       {"i": record_id}).first()
    return None if row is None else str(row[0])


def check_record(conn: Connection, site: SiteInfo, table: str, record_id: str) -> None:
    """Refuse changing another site's row (an unknown id is left to the caller's check)."""
    if site.kind != "office":
        return
    what = "archive" if table == "residents" else "record"
    refused = refusal(conn, site, origin_of(conn, table, record_id), what=what)
    if refused is not None:
        raise refused


def check_residents(conn: Connection, site: SiteInfo, resident_ids: Iterable[str | None], *,
                    erasure: bool = False) -> None:
    """Refuse changing, or recording anything new against, another site's residents."""
    if site.kind != "office":  # a room owns every row it holds: no query needed
        return
    for resident_id in resident_ids:
        if not resident_id:
            continue
        origin = origin_of(conn, "residents", resident_id)
        refused = refusal(conn, site, origin, what="erasure" if erasure else "archive")
        if refused is not None:
            raise refused
