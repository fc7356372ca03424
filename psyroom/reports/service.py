"""``session.reports``: the monthly report, audited and permission-checked."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from psyroom.clock import utc_now_iso
from psyroom.errors import InvalidInput
from psyroom.progress import CancelCheck, Progress
from psyroom.records import fetch_all, fetch_one
from psyroom.reports import rates as R
from psyroom.reports import settings as report_settings
from psyroom.reports.counts import month_figures
from psyroom.reports.model import MonthlyReport
from psyroom.reports.period import Month
from psyroom.reports.scope import Scope
from psyroom.reports.smd import as_of_day
from psyroom.reports.tables import month_tables
from psyroom.security.roles import Permission
from psyroom.sites.service import SiteInfo

if TYPE_CHECKING:
    from psyroom.session import Session


def high_risk(conn: Connection, scope: Scope, site_names: dict[str, str]) -> list[dict[str, Any]]:
    """High risk level, or an open crisis: the dashboard's list, limited to the scope."""
    rows = scope.rows(
        conn, "SELECT r.id, r.name, r.village, r.risk_level, r.origin_site, coalesce(o.n, 0) "
        "AS open_crises FROM residents r LEFT JOIN (SELECT resident_id, count(*) AS n FROM "
        "crisis_events WHERE status = 'open' GROUP BY resident_id) o ON o.resident_id = r.id "
        "WHERE r.id IN (SELECT id FROM residents WHERE risk_level = 'high' UNION SELECT "
        "resident_id FROM crisis_events WHERE status = 'open') AND r.merged_into IS NULL AND "
        f"r.status IN ('active', 'lost') AND {scope.site('r')} ORDER BY r.village, r.name")
    return [{"id": r["id"], "name": r["name"], "village": r["village"] or "",
             "risk_level": r["risk_level"], "open_crises": int(r["open_crises"]),
             "site": site_names.get(r["origin_site"], "")} for r in rows]


def audit_head(conn: Connection) -> str:
    row = fetch_one(conn, "SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1")
    return str(row["hash"]) if row else ""


class Reports:
    def __init__(self, session: Session) -> None:
        self._s = session

    def monthly(self, month: str, *, site_code: str | None = None, today: date | None = None,
                progress: Progress | None = None, cancel: CancelCheck | None = None
                ) -> MonthlyReport:
        self._s.require(Permission.GENERATE_REPORTS)
        period = Month.parse(month)
        me = self._s.site
        if site_code and me.kind != "office":
            raise InvalidInput("report_site_at_room")
        annex = self._s.can(Permission.READ_REPORT_ANNEX)
        day = today or date.today()

        def work(conn: Connection) -> MonthlyReport:
            site_id = None
            scope_info = None
            if site_code:
                row = fetch_one(conn, "SELECT id, code, name FROM sites WHERE code = :c AND "
                                "kind = 'room'", c=site_code.strip())
                if row is None:
                    raise InvalidInput("report_site_unknown", site=site_code)
                site_id = str(row["id"])
                scope_info = {"code": row["code"], "name": row["name"]}
            scope = Scope.of(conn, site_id)
            return self._build(conn, scope, period, day, scope_info, annex, progress, cancel)

        report = self._s._read(work)
        self._s._write("report_generated", lambda c: None, target_kind="report", detail={
            "month": period.label, "kind": report.kind, "site": site_code or "",
            "annex": annex})
        report.audit_head = self._s._read(audit_head)
        return report

    def _build(self, conn: Connection, scope: Scope, period: Month, day: date,
               scope_info: dict[str, str] | None, annex: bool, progress: Progress | None,
               cancel: CancelCheck | None) -> MonthlyReport:
        from psyroom.reports import office

        me = self._s.site
        office_wide = me.kind == "office" and scope.site_id is None
        names = {str(r["id"]): str(r["name"]) for r in fetch_all(
            conn, "SELECT id, name FROM sites")}
        tags = {str(r["code"]): str(r["name_zh"]) for r in fetch_all(
            conn, "SELECT code, name_zh FROM population_tags")}
        as_of = as_of_day(period, day)
        group = R.smd.patients(conn, scope, as_of, names)
        figures = month_figures(conn, scope, period, R.smd.month_followups(
            conn, scope, period, group, as_of))
        risky = high_risk(conn, scope, names)
        figures["high_risk_count"] = len(risky)
        b = R.RateBuilder(period, as_of)
        villages = sorted({str(r["village"]) for r in scope.rows(
            conn, "SELECT DISTINCT r.village FROM residents r WHERE r.village IS NOT NULL AND "
            f"r.village != '' AND {scope.site('r')}")})
        rates = R.room_rates(conn, scope, b) if office_wide else []
        rates += [R.special_groups(conn, scope, b, names),
                  *R.smd_rates(conn, b, group, villages),
                  R.awareness(conn, scope, b), R.staff_trained(conn, scope, b, names,
                                                   at_office=me.kind == "office"),
                  R.supervision(conn, scope, b, {"id": me.id, "code": me.code,
                                                 "name": me.name, "kind": me.kind})]
        report = MonthlyReport(
            kind="office" if me.kind == "office" else "room", month=period.label,
            site={"code": me.code, "name": me.name, "kind": me.kind}, scope=scope_info,
            generated_at=utc_now_iso(), generated_by=self._s.user.display_name,
            figures=figures, tables=month_tables(figures, tags), rates=rates,
            annex_included=annex, high_risk=risky if annex else [])
        if office_wide:
            settings = report_settings.load(conn)
            office.add_office_parts(conn, report, period, day, settings, group, progress,
                                    cancel)
        return report

    def rooms(self) -> list[SiteInfo]:
        """The rooms the office can report on one by one (none at a room)."""
        self._s.require(Permission.GENERATE_REPORTS)
        return self._s._read(lambda c: [SiteInfo(
            str(r["id"]), str(r["code"]), str(r["name"]), str(r["kind"]), str(r["room_type"]))
            for r in fetch_all(c, "SELECT id, code, name, kind, room_type FROM sites WHERE "
                               "kind = 'room' AND is_self = 0 ORDER BY code")])

    # -- office settings -----------------------------------------------------------------
    def settings(self) -> report_settings.ReportSettings:
        self._s.require(Permission.GENERATE_REPORTS)
        return self._s._read(report_settings.load)

    def villages(self) -> list[str]:
        """Villages the records name: the rows of the per-village population setting."""
        self._s.require(Permission.GENERATE_REPORTS)
        return self._s._read(lambda c: [str(r["village"]) for r in fetch_all(
            c, "SELECT DISTINCT village FROM residents WHERE village IS NOT NULL AND "
            "village != '' UNION SELECT scope FROM report_settings WHERE key = 'population' "
            "ORDER BY 1")])

    def set_setting(self, key: str, value: str | None, *, village: str = "") -> None:
        self._s.require(Permission.EDIT_REPORT_SETTINGS)
        report_settings.check(key, village, value)
        self._s._write("report_setting_changed", lambda c: report_settings.put(
            c, key=key, scope=village, value=value, site_id=self._s.site.id),
            target_kind="report_setting", detail={"key": key, "village": village,
                                                  "value": value or None})
