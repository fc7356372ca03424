"""The month's activity counts: one query set for the room report and the office's totals."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Connection

from psyroom.assessments import load_scales
from psyroom.reports.period import Month
from psyroom.reports.scope import Scope


def lowest_bands() -> dict[str, str]:
    """A screen is positive when its band is above the scale's lowest (no symptoms) band."""
    return {code: scale.bands[0].code for code, scale in load_scales().items()}


def _counter(values: list[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def consultations(conn: Connection, scope: Scope, month: Month) -> dict[str, Any]:
    start, end = month.bounds()
    rows = scope.rows(conn, "SELECT c.mode, c.subject_kind, c.issues, c.duration_min FROM "
                      f"consultations c WHERE c.started_at >= :s AND c.started_at < :e AND "
                      f"{scope.site('c')}", s=start, e=end)
    issues = [i for r in rows for i in (r["issues"] or "").split(",") if i]
    return {"total": len(rows), "by_mode": _counter([r["mode"] for r in rows]),
            "by_kind": _counter([r["subject_kind"] for r in rows]),
            "by_issue": _counter(issues),
            "minutes": sum(int(r["duration_min"] or 0) for r in rows)}


def person_map(conn: Connection, scope: Scope) -> dict[str, str]:
    """Archive id → person id where they differ (office: ``person_links`` of the bundles)."""
    if "person_links" not in scope.tables:
        return {}
    return {str(a): str(b) for a, b in conn.exec_driver_sql(
        "SELECT resident_id, person_id FROM person_links WHERE resident_id != person_id")}


def served_people(conn: Connection, scope: Scope, start: str, end: str) -> set[str]:
    """People seen in consultations in [start, end): the named resident and participants.

    Read from the report index alone (no consultation row, which holds the note, is read)
    except for couples, families and groups, whose participant list is in the row.
    """
    named = scope.rows(conn, "SELECT DISTINCT c.resident_id AS r FROM consultations c WHERE "
                       "c.started_at >= :s AND c.started_at < :e AND c.resident_id IS NOT "
                       f"NULL AND {scope.site('c')}", s=start, e=end)
    joined = scope.rows(conn, "SELECT DISTINCT j.value AS r FROM consultations c, "
                        "json_each(c.participants) j WHERE c.started_at >= :s AND "
                        "c.started_at < :e AND c.subject_kind != 'individual' AND "
                        f"{scope.site('c')}", s=start, e=end)
    links = person_map(conn, scope)
    return {links.get(str(r["r"]), str(r["r"])) for r in (*named, *joined)}


def served(conn: Connection, scope: Scope, month: Month) -> dict[str, Any]:
    start, end = month.bounds()
    people = served_people(conn, scope, start, end)
    links = person_map(conn, scope)
    by_person: dict[str, set[str]] = {}
    for resident, tag in conn.exec_driver_sql("SELECT resident_id, tag_code FROM resident_tags"):
        person = links.get(str(resident), str(resident))
        if person in people:
            by_person.setdefault(person, set()).add(str(tag))
    by_tag = Counter(t for codes in by_person.values() for t in codes)
    return {"total": len(people), "key_population": len(by_person),
            "by_tag": dict(sorted(by_tag.items()))}


def new_archives(conn: Connection, scope: Scope, month: Month) -> int:
    """People whose first archive (in any room in scope) was made this month."""
    start, end = month.bounds()
    earlier = ""
    if "person_links" in scope.tables:
        earlier = ("AND NOT EXISTS (SELECT 1 FROM person_links l2 JOIN residents r2 ON r2.id = "
                   "l2.resident_id WHERE l2.person_id = pl.person_id AND r2.created_at < :s "
                   f"AND r2.merged_into IS NULL AND {scope.site('r2')})")
    return scope.scalar(
        conn, f"SELECT count(DISTINCT {scope.person_key}) FROM residents r{scope.person_join}"
        f"WHERE r.merged_into IS NULL AND r.created_at >= :s AND r.created_at < :e AND "
        f"{scope.site('r')} {earlier}", s=start, e=end)


def assessments(conn: Connection, scope: Scope, month: Month) -> dict[str, Any]:
    start, end = month.bounds()
    lowest = lowest_bands()
    rows = scope.rows(conn, "SELECT a.scale_code, a.band FROM assessments a WHERE "
                      f"a.administered_at >= :s AND a.administered_at < :e AND "
                      f"{scope.site('a')}", s=start, e=end)
    by_band: dict[str, dict[str, int]] = {}
    positive: Counter[str] = Counter()
    for r in rows:
        bands = by_band.setdefault(r["scale_code"], {})
        bands[r["band"]] = bands.get(r["band"], 0) + 1
        if r["band"] != lowest.get(r["scale_code"]):
            positive[r["scale_code"]] += 1
    return {"total": len(rows), "by_scale": _counter([r["scale_code"] for r in rows]),
            "positive": sum(positive.values()), "positive_by_scale": dict(sorted(
                positive.items())), "by_band": dict(sorted(by_band.items()))}


def referrals(conn: Connection, scope: Scope, month: Month) -> dict[str, Any] | None:
    if not scope.has("referrals", "issued_on"):
        return None
    start, end = month.bounds()
    issued = scope.scalar(conn, "SELECT count(*) FROM referrals f WHERE f.issued_on >= :s AND "
                          f"f.issued_on < :e AND {scope.site('f')}", s=start, e=end)
    received = scope.scalar(conn, "SELECT count(*) FROM referrals f WHERE f.received_on >= :s "
                            f"AND f.received_on < :e AND {scope.site('f')}", s=start, e=end)
    waiting = scope.rows(conn, "SELECT f.issued_on, f.urgency, f.received_on, f.status FROM "
                         "referrals f WHERE f.issued_on IS NOT NULL AND f.issued_on < :e AND "
                         "f.status NOT IN ('cancelled', 'draft') AND (f.received_on IS NULL "
                         f"OR f.received_on >= :e) AND {scope.site('f')}", e=end)
    # The referrals capability's own rule and setting (default 14 days), as on the dashboard.
    from psyroom.referrals.queries import overdue_days
    from psyroom.referrals.rules import overdue_cutoff

    cutoff = overdue_cutoff(month.last, overdue_days(conn))
    overdue = sum(1 for r in waiting if str(r["issued_on"])[:10] < cutoff)
    return {"issued": issued, "received": received, "overdue": overdue}


def crises(conn: Connection, scope: Scope, month: Month) -> dict[str, Any]:
    start, end = month.bounds()
    rows = scope.rows(conn, "SELECT x.crisis_type, x.level FROM crisis_events x WHERE "
                      f"x.occurred_at >= :s AND x.occurred_at < :e AND {scope.site('x')}",
                      s=start, e=end)
    return {"total": len(rows), "by_type": _counter([r["crisis_type"] for r in rows]),
            "by_level": _counter([r["level"] for r in rows])}


def activities(conn: Connection, scope: Scope, month: Month) -> dict[str, Any]:
    start, end = month.bounds()
    rows = scope.rows(conn, "SELECT a.kind, a.headcount FROM activities a WHERE "
                      f"a.activity_date >= :s AND a.activity_date < :e AND {scope.site('a')}",
                      s=start, e=end)
    by_kind: dict[str, dict[str, int]] = {}
    for r in rows:
        k = by_kind.setdefault(r["kind"], {"count": 0, "headcount": 0})
        k["count"] += 1
        k["headcount"] += int(r["headcount"] or 0)
    return {"total": len(rows), "headcount": sum(int(r["headcount"] or 0) for r in rows),
            "by_kind": dict(sorted(by_kind.items()))}


def month_figures(conn: Connection, scope: Scope, month: Month, smd_figures: dict[str, Any]
                  ) -> dict[str, Any]:
    return {
        "consultations": consultations(conn, scope, month),
        "new_archives": new_archives(conn, scope, month),
        "residents_served": served(conn, scope, month),
        "assessments": assessments(conn, scope, month),
        "referrals": referrals(conn, scope, month),
        "crisis_events": crises(conn, scope, month),
        "smd_followups": smd_figures,
        "activities": activities(conn, scope, month),
    }
