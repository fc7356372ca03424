"""The home dashboard: what needs doing today, and this month's counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, inspect

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
}


@dataclass(frozen=True)
class Dashboard:
    today: str
    appointments: list[dict[str, Any]]
    overdue_followups: list[dict[str, Any]]
    followup_actions: list[dict[str, Any]]
    open_crises: list[dict[str, Any]]
    high_risk: list[dict[str, Any]]
    open_referrals: list[dict[str, Any]] = field(default_factory=list)
    month_counts: dict[str, int] = field(default_factory=dict)


def month_bounds(day: date) -> tuple[str, str]:
    start = day.replace(day=1)
    end = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start.isoformat(), end.isoformat()


def high_risk_residents(conn: Connection) -> list[dict[str, Any]]:
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
        "AND r.merged_into IS NULL AND r.status = 'active' ORDER BY r.name")
    crises = open_crisis_levels(conn, [r["id"] for r in rows])
    return [r | {"shown_risk": shown_risk(r["risk_level"], [crises.get(r["id"])])}
            for r in rows]


def build(session: Session, today: date | None = None) -> Dashboard:
    session.require(Permission.READ_RESIDENTS)
    day = today or date.today()
    start, end = month_bounds(day)

    def work(conn: Connection) -> Dashboard:
        tables = set(inspect(conn).get_table_names())
        counts = {}
        for key, (table, column) in MONTH_COUNTS.items():
            counts[key] = int(conn.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE {column} >= ? AND {column} < ?"
                + (f" AND {NOT_EMPTY_DRAFT_SQL}" if table == "consultations" else ""),
                (start, end)).scalar() or 0)
        referrals: list[dict[str, Any]] = []
        if "referrals" in tables:
            referrals = fetch_all(conn, "SELECT * FROM referrals WHERE status NOT IN "
                                  "('closed', 'cancelled')")
        tomorrow = date.fromordinal(day.toordinal() + 1).isoformat()
        appointments = fetch_all(
            conn, "SELECT c.id, c.next_appointment, c.counsellor_name, r.name AS "
            "resident_name, c.resident_id FROM consultations c LEFT JOIN residents r ON "
            "r.id = c.resident_id WHERE c.next_appointment >= :d AND c.next_appointment < :t "
            "ORDER BY c.next_appointment", d=day.isoformat(), t=tomorrow)
        return Dashboard(
            today=day.isoformat(), appointments=appointments, overdue_followups=[],
            followup_actions=[], open_crises=[], high_risk=high_risk_residents(conn),
            open_referrals=referrals, month_counts=counts)

    # The dashboard names people at risk, so looking at it is audited: once a session, not
    # at every refresh, or the log would drown in it.
    if session.mark_first("dashboard_viewed"):
        board = session._write("dashboard_viewed", work)
    else:
        board = session._read(work)
    return Dashboard(
        today=board.today, appointments=board.appointments,
        overdue_followups=session.followups.overdue(day),
        followup_actions=session.followups.open_actions(),
        open_crises=session.crises.open_crises(), high_risk=board.high_risk,
        open_referrals=board.open_referrals, month_counts=board.month_counts)
