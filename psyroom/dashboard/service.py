"""The home dashboard: what needs doing today, and this month's counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from psyroom.consultations.model import NOT_EMPTY_DRAFT_SQL
from psyroom.records import fetch_all
from psyroom.residents.risk import open_crisis_levels, shown_risk
from psyroom.security.roles import Permission

if TYPE_CHECKING:
    from psyroom.session import Session

MONTH_COUNTS = {
    "consultations": ("consultations", "started_at"),
    "assessments": ("assessments", "administered_at"),
    "crisis_events": ("crisis_events", "occurred_at"),
    "followups": ("followups", "followup_date"),
    "activities": ("activities", "activity_date"),
    "referrals": ("referrals", "created_at"),
}


@dataclass(frozen=True)
class Dashboard:
    today: str
    appointments: list[dict[str, Any]]
    overdue_followups: list[dict[str, Any]]
    followup_actions: list[dict[str, Any]]
    open_crises: list[dict[str, Any]]
    high_risk: list[dict[str, Any]]
    # Slips out longer than the set number of days with no receipt; urgent ones not yet out.
    overdue_referrals: list[dict[str, Any]] = field(default_factory=list)
    urgent_referrals: list[dict[str, Any]] = field(default_factory=list)
    month_counts: dict[str, int] = field(default_factory=dict)
    # Sections registered by later capabilities, by key.
    more: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Sections this reader's roles may not see: left empty, named here so the UI can say so.
    hidden: frozenset[str] = frozenset()


SectionRows = Callable[[Connection, date], list[dict[str, Any]]]


@dataclass(frozen=True)
class Section:
    key: str
    permission: Permission | None  # what seeing its rows needs, beyond READ_RESIDENTS
    rows: SectionRows


_SECTIONS: dict[str, Section] = {}
BUILT_IN = ("appointments", "overdue_followups", "followup_actions", "open_crises",
            "high_risk", "overdue_referrals", "urgent_referrals")


def register_section(key: str, permission: Permission | None, rows: SectionRows) -> None:
    """A list on the home page. Registered in psyroom.capabilities.register_all()."""
    _SECTIONS[key] = Section(key, permission, rows)


def month_bounds(day: date) -> tuple[str, str]:
    start = day.replace(day=1)
    end = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start.isoformat(), end.isoformat()


def high_risk_residents(conn: Connection, _day: date | None = None) -> list[dict[str, Any]]:
    """High risk level, or an open crisis, until a counsellor closes it.

    Each row's ``shown_risk`` is the level screens show: the higher of the recorded level and
    its open crises (see psyroom.residents.risk); ``risk_level`` stays what was recorded.
    """
    # Two indexed lookups joined, rather than a test of every resident.
    rows = fetch_all(
        conn, "SELECT r.id, r.name, r.village, r.risk_level, coalesce(o.n, 0) AS open_crises "
        "FROM residents r LEFT JOIN (SELECT resident_id, count(*) AS n FROM crisis_events "
        "WHERE status = 'open' GROUP BY resident_id) o ON o.resident_id = r.id "
        "WHERE r.id IN (SELECT id FROM residents WHERE risk_level = 'high' "
        "UNION SELECT resident_id FROM crisis_events WHERE status = 'open') "
        # A lost patient (失访) is still one to look for: only moved and deceased leave.
        "AND r.merged_into IS NULL AND r.status IN ('active', 'lost') ORDER BY r.name")
    crises = open_crisis_levels(conn, [r["id"] for r in rows])
    return [r | {"shown_risk": shown_risk(r["risk_level"], [crises.get(r["id"])])}
            for r in rows]


def appointments_on(conn: Connection, day: date) -> list[dict[str, Any]]:
    tomorrow = date.fromordinal(day.toordinal() + 1).isoformat()
    return fetch_all(
        conn, "SELECT c.id, c.next_appointment, c.counsellor_name, r.name AS "
        "resident_name, c.resident_id FROM consultations c LEFT JOIN residents r ON "
        "r.id = c.resident_id WHERE c.next_appointment >= :d AND c.next_appointment < :t "
        "ORDER BY c.next_appointment", d=day.isoformat(), t=tomorrow)


def month_counts(conn: Connection, day: date) -> dict[str, int]:
    start, end = month_bounds(day)
    counts = {}
    for key, (table, column) in MONTH_COUNTS.items():
        counts[key] = int(conn.exec_driver_sql(
            f"SELECT count(*) FROM {table} WHERE {column} >= ? AND {column} < ?"
            # A draft nobody typed into is not a consultation.
            + (f" AND {NOT_EMPTY_DRAFT_SQL}" if table == "consultations" else ""),
            (start, end)).scalar() or 0)
    return counts


def build(session: Session, today: date | None = None) -> Dashboard:
    """Every section the reader's roles allow; the others empty and listed in ``hidden``."""
    session.require(Permission.READ_RESIDENTS)
    day = today or date.today()

    def work(conn: Connection) -> Dashboard:
        lists: dict[str, list[dict[str, Any]]] = {key: [] for key in BUILT_IN}
        hidden = set()
        for section in _SECTIONS.values():
            if section.permission is None or session.can(section.permission):
                lists[section.key] = section.rows(conn, day)
            else:
                hidden.add(section.key)
        counts = month_counts(conn, day) if session.can(Permission.READ_STATS) else {}
        return Dashboard(
            today=day.isoformat(), appointments=lists.pop("appointments"),
            overdue_followups=lists.pop("overdue_followups"),
            followup_actions=lists.pop("followup_actions"),
            open_crises=lists.pop("open_crises"), high_risk=lists.pop("high_risk"),
            overdue_referrals=lists.pop("overdue_referrals"),
            urgent_referrals=lists.pop("urgent_referrals"), month_counts=counts, more=lists,
            hidden=frozenset(hidden))

    # The dashboard names people at risk, so looking at it is audited: once a session, not
    # at every refresh, or the log would drown in it.
    if session.mark_first("dashboard_viewed"):
        return session._write("dashboard_viewed", work)
    return session._read(work)
