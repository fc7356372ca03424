"""The office report's own parts: a line per room, 12-month trends, data freshness and the
per-village early warning (社会心态预测预警)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from psyroom.errors import Cancelled
from psyroom.progress import CancelCheck, Progress
from psyroom.records import fetch_all
from psyroom.reports import smd
from psyroom.reports.counts import lowest_bands
from psyroom.reports.model import MonthlyReport, Table
from psyroom.reports.period import Month
from psyroom.reports.scope import Scope
from psyroom.reports.settings import ReportSettings

# Per-room lines: (key, zh header, table, date column, extra condition)
ROOM_COUNTS = (
    ("consultations", "咨询人次", "consultations", "started_at", "1 = 1"),
    ("assessments", "测评人次", "assessments", "administered_at", "1 = 1"),
    ("crisis_events", "危机干预", "crisis_events", "occurred_at", "1 = 1"),
    ("followups", "随访人次", "followups", "followup_date", "1 = 1"),
    ("activities", "活动场次", "activities", "activity_date", "1 = 1"),
)
LATE_DAY = 5  # psyroom.sync.office.DEFAULT_LATE_DAY
TREND_COUNTS = (
    ("consultations", "咨询人次", "consultations", "started_at"),
    ("crisis_events", "危机干预", "crisis_events", "occurred_at"),
    ("followups", "严重精神障碍随访人次", "followups", "followup_date"),
)


def _by_site(conn: Connection, table: str, column: str, start: str, end: str) -> dict[str, int]:
    return {str(r["s"]): int(r["n"]) for r in fetch_all(
        conn, f"SELECT origin_site AS s, count(*) AS n FROM {table} WHERE {column} >= :a AND "
        f"{column} < :b GROUP BY origin_site", a=start, b=end)}


def room_lines(conn: Connection, scope: Scope, month: Month) -> list[dict[str, Any]]:
    start, end = month.bounds()
    rooms = fetch_all(conn, "SELECT id, code, name, room_type FROM sites WHERE kind = 'room' "
                      "ORDER BY code")
    counts = {key: _by_site(conn, table, column, start, end)
              for key, _zh, table, column, _c in ROOM_COUNTS}
    archives = _by_site(conn, "residents", "created_at", start, end)
    headcount = {str(r["s"]): int(r["n"] or 0) for r in fetch_all(
        conn, "SELECT origin_site AS s, sum(headcount) AS n FROM activities WHERE "
        "activity_date >= :a AND activity_date < :b GROUP BY origin_site", a=start, b=end)}
    lowest = lowest_bands()
    positive: dict[str, int] = {}
    for r in fetch_all(conn, "SELECT origin_site AS s, scale_code, band FROM assessments WHERE "
                       "administered_at >= :a AND administered_at < :b", a=start, b=end):
        if r["band"] != lowest.get(r["scale_code"]):
            positive[str(r["s"])] = positive.get(str(r["s"]), 0) + 1
    referrals = (_by_site(conn, "referrals", "issued_on", start, end)
                 if scope.has("referrals", "issued_on") else None)
    out = []
    for room in rooms:
        sid = str(room["id"])
        line: dict[str, Any] = {"code": room["code"], "name": room["name"],
                                "room_type": room["room_type"],
                                "new_archives": archives.get(sid, 0),
                                "positive_screens": positive.get(sid, 0),
                                "headcount": headcount.get(sid, 0),
                                "referrals_issued": None if referrals is None
                                else referrals.get(sid, 0)}
        for key, *_rest in ROOM_COUNTS:
            line[key] = counts[key].get(sid, 0)
        out.append(line)
    return out


def trends(conn: Connection, scope: Scope, month: Month, day: date,
           group: list[smd.Patient]) -> dict[str, list[list[Any]]]:
    months = [month.shifted(-k) for k in range(11, -1, -1)]
    start, end = months[0].first.isoformat(), month.next_first.isoformat()

    def monthly(table: str, column: str, where: str = "1 = 1") -> list[list[Any]]:
        found = {str(r["m"]): int(r["n"]) for r in fetch_all(
            conn, f"SELECT substr({column}, 1, 7) AS m, count(*) AS n FROM {table} WHERE "
            f"{column} >= :a AND {column} < :b AND {where} GROUP BY m", a=start, b=end)}
        return [[m.label, found.get(m.label, 0)] for m in months]

    out = {key: monthly(table, column) for key, _zh, table, column in TREND_COUNTS}
    out["new_archives"] = monthly("residents", "created_at", "merged_into IS NULL")
    if scope.has("referrals", "issued_on"):
        out["referrals_issued"] = monthly("referrals", "issued_on")
    managed, standard = [], []
    for m in months:
        as_of = smd.as_of_day(m, day)
        then = smd.as_of_earlier(group, as_of)
        n = len(then)
        ok_managed = sum(1 for p in then if any(
            v.reached and v.day >= m.year_first for v in p.visits))
        ok_standard = sum(1 for p in then if smd.never_more_than_3_months_apart(
            p, m.year_first, as_of))
        managed.append([m.label, round(ok_managed * 100 / n, 2) if n else None])
        standard.append([m.label, round(ok_standard * 100 / n, 2) if n else None])
    out["smd_managed_rate"] = managed
    out["smd_standard_rate"] = standard
    return out


TREND_LABELS = {"consultations": "咨询人次", "new_archives": "新建档案",
                "referrals_issued": "开具转介", "crisis_events": "危机干预",
                "followups": "严重精神障碍随访人次", "smd_managed_rate": "管理率（%）",
                "smd_standard_rate": "规范管理率（%）"}


def freshness(conn: Connection, scope: Scope, month: Month, day: date) -> list[dict[str, Any]]:
    """Which rooms' bundles cover the month (bundles contract: ``sync_received``)."""
    rooms = fetch_all(conn, "SELECT id, code, name FROM sites WHERE kind = 'room' ORDER BY code")
    received: dict[str, dict[str, Any]] = {}
    if "sync_received" in scope.tables:
        received = {str(r["site_id"]): r for r in fetch_all(
            conn, "SELECT site_id, min(seq) AS seq_from, max(seq) AS seq_to, "
            "max(period_end) AS period_end, max(imported_at) AS imported_at FROM sync_received "
            "GROUP BY site_id")}
    # As the bundles' room status counts it: a bundle made on or after the 1st covers the
    # month before, and a room is late once the 5th of the next month has come without one.
    due = month.next_first.replace(day=LATE_DAY) <= day
    out = []
    for room in rooms:
        r = received.get(str(room["id"]))
        period_end = str(r["period_end"])[:10] if r and r["period_end"] else None
        covered = period_end is not None and period_end >= month.next_first.isoformat()
        out.append({"code": room["code"], "name": room["name"], "covered": covered,
                    "late": due and not covered, "period_end": period_end,
                    "seq_from": r["seq_from"] if r else None,
                    "seq_to": r["seq_to"] if r else None,
                    "imported_at": r["imported_at"] if r else None})
    return out


def _village_counts(conn: Connection, month: Month) -> dict[str, dict[str, int]]:
    start, end = month.bounds()
    lowest = lowest_bands()
    out: dict[str, dict[str, int]] = {}

    def bump(village: str | None, key: str, n: int = 1) -> None:
        if village:
            out.setdefault(village, {"high_risk": 0, "crisis_events": 0,
                                     "positive_screens": 0})[key] += n

    # High risk this month: people a consultation screened high or a scale flagged for risk.
    for r in fetch_all(
            conn, "SELECT r.village, count(DISTINCT r.id) AS n FROM residents r WHERE r.id IN ("
            "SELECT resident_id FROM consultations WHERE risk_screening = 'high' AND "
            "started_at >= :a AND started_at < :b UNION SELECT resident_id FROM assessments "
            "WHERE risk_flags != '' AND administered_at >= :a AND administered_at < :b) "
            "GROUP BY r.village", a=start, b=end):
        bump(r["village"], "high_risk", int(r["n"]))
    for r in fetch_all(conn, "SELECT r.village, count(*) AS n FROM crisis_events x JOIN "
                       "residents r ON r.id = x.resident_id WHERE x.occurred_at >= :a AND "
                       "x.occurred_at < :b GROUP BY r.village", a=start, b=end):
        bump(r["village"], "crisis_events", int(r["n"]))
    for r in fetch_all(conn, "SELECT r.village, a.scale_code, a.band FROM assessments a JOIN "
                       "residents r ON r.id = a.resident_id WHERE a.administered_at >= :a AND "
                       "a.administered_at < :b", a=start, b=end):
        if r["band"] != lowest.get(r["scale_code"]):
            bump(r["village"], "positive_screens")
    return out


def early_warning(conn: Connection, month: Month, settings: ReportSettings
                  ) -> list[dict[str, Any]]:
    now = _village_counts(conn, month)
    before = [_village_counts(conn, month.shifted(-k)) for k in (1, 2, 3)]
    villages = sorted(set(now) | {v for b in before for v in b})
    out = []
    for village in villages:
        line: dict[str, Any] = {"village": village, "rising": []}
        for key in ("high_risk", "crisis_events", "positive_screens"):
            value = now.get(village, {}).get(key, 0)
            average = round(sum(b.get(village, {}).get(key, 0) for b in before) / 3, 2)
            rising = (value >= settings.warn_ratio * average
                      and value - average >= settings.warn_min_increase)
            line[key] = {"month": value, "average_3m": average, "rising": rising}
            if rising:
                line["rising"].append(key)
        out.append(line)
    return out


def add_office_parts(conn: Connection, report: MonthlyReport, month: Month, day: date,
                     settings: ReportSettings, group: list[smd.Patient],
                     progress: Progress | None,
                     cancel: CancelCheck | None) -> None:
    scope = Scope.of(conn, None)
    steps = (
        ("rooms", lambda: room_lines(conn, scope, month)),
        ("trends", lambda: trends(conn, scope, month, day, group)),
        ("freshness", lambda: freshness(conn, scope, month, day)),
        ("early_warning", lambda: early_warning(conn, month, settings)),
    )
    for done, (name, step) in enumerate(steps):
        if cancel is not None and cancel():
            raise Cancelled()
        setattr(report, name, step())
        if progress is not None:
            progress(done + 1, len(steps))
    report.tables.insert(0, Table(
        "rooms", "各咨询室本月工作量", ["咨询室", "咨询", "新建档案", "测评", "阳性", "危机",
                                      "随访", "活动", "参加人次", "转介"],
        [[r["name"], r["consultations"], r["new_archives"], r["assessments"],
          r["positive_screens"], r["crisis_events"], r["followups"], r["activities"],
          r["headcount"], r["referrals_issued"]] for r in report.rooms]))
