"""Every policy rate of DESIGN.md §4 with its numerator, denominator, period and target, and
the people (or rooms) in the denominator but not the numerator: the work list behind it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Connection

from psyroom.reports import smd
from psyroom.reports.counts import served_people
from psyroom.reports.model import Rate
from psyroom.reports.period import Month, add_months
from psyroom.reports.scope import Scope
from psyroom.reports.settings import ReportSettings

# key: (zh, en, unit, target)
RATES: dict[str, tuple[str, str, str, float | None]] = {
    "rooms_village": ("村（社区）心理咨询室建成率", "Village/community rooms built", "%", 80),
    "rooms_school": ("学校心理辅导室建成率", "School rooms built", "%", 80),
    "special_groups_counselled": ("特殊人群个性化心理疏导覆盖率",
                                  "Special groups given personal counselling", "%", 60),
    "smd_prevalence": ("严重精神障碍报告患病率", "SMD reported prevalence", "‰", 4.7),
    "smd_managed": ("严重精神障碍患者管理率", "SMD patients managed", "%", None),
    "smd_standard": ("严重精神障碍患者规范管理率", "SMD standard management", "%", 80),
    "smd_medicated": ("服药率（治疗率）", "On medication (treatment rate)", "%", 80),
    "smd_schizo_medicated": ("精神分裂症患者服药率", "Schizophrenia patients on medication",
                             "%", 80),
    "smd_regular": ("规律服药率", "Regular medication", "%", 50),
    "smd_face": ("面访率", "Seen face to face", "%", 80),
    "smd_stable": ("病情稳定率", "Stable at last follow-up", "%", None),
    "smd_home_rehab": ("居家康复参与率", "Home rehabilitation participation", "%", 60),
    "smd_counselled": ("居家患者及家属心理疏导率", "Home patients and families counselled",
                       "%", 50),
    "awareness": ("心理健康核心知识知晓率", "Core knowledge awareness", "%", 50),
    "staff_trained": ("社工及心理服务人员年培训≥2次比例", "Staff trained twice a year", "%",
                      100),
    "supervision": ("咨询室年督导≥2次比例", "Rooms supervised twice a year", "%", 100),
}
REASONS = {
    "setting_missing": "缺少办公室设置：{what}",
    "no_denominator": "分母为0（本期没有可计的对象）",
    "rooms_only": "各咨询室的工作人员名单不随数据包上报，街道无法得知分母；分子为本年参加培训"
                  "≥2次的人数，比率见各咨询室月报",
}


class RateBuilder:
    def __init__(self, month: Month, as_of: date) -> None:
        self.month = month
        self.as_of = as_of
        self.ytd = (month.year_first.isoformat(), as_of.isoformat(), "年初至统计日")
        self.stock = (as_of.isoformat(), as_of.isoformat(), "截至统计日")

    def make(self, key: str, *, members: list[dict[str, Any]],
             counted: Callable[[dict[str, Any]], bool], period: tuple[str, str, str],
             behind_kind: str = "resident") -> Rate:
        zh, en, unit, target = RATES[key]
        hits = [m for m in members if counted(m)]
        misses = [{k: v for k, v in m.items() if not k.startswith("_")}
                  for m in members if not counted(m)]
        reason = None if members else "no_denominator"
        return Rate(key, zh, en, len(hits), len(members), unit, period[0], period[1],
                    period[2], target, reason, REASONS[reason] if reason else None,
                    behind_kind, misses)

    def counted(self, key: str, *, numerator: int, denominator: int | None, missing: str,
                period: tuple[str, str, str]) -> Rate:
        zh, en, unit, target = RATES[key]
        reason = None
        if denominator is None:
            reason = "setting_missing"
        elif denominator == 0:
            reason = "no_denominator"
        text = REASONS[reason].format(what=missing) if reason else None
        return Rate(key, zh, en, numerator, denominator, unit, period[0], period[1],
                    period[2], target, reason, text, "site")


def _rooms(conn: Connection, scope: Scope) -> list[dict[str, Any]]:
    return scope.rows(conn, "SELECT s.id, s.code, s.name, s.room_type FROM sites s WHERE "
                      "s.kind = 'room' AND (:site IS NULL OR s.id = :site) ORDER BY s.code")


def room_rates(conn: Connection, scope: Scope, b: RateBuilder) -> list[Rate]:
    rooms = _rooms(conn, scope)
    village = sum(1 for r in rooms if r["room_type"] in ("village", "community"))
    school = sum(1 for r in rooms if r["room_type"] == "school")
    settings = _settings(conn)
    return [
        b.counted("rooms_village", numerator=village, denominator=settings.villages_total,
                  missing="街道村（社区）总数", period=b.stock),
        b.counted("rooms_school", numerator=school, denominator=settings.schools_total,
                  missing="街道学校总数", period=b.stock),
    ]


def _settings(conn: Connection) -> ReportSettings:
    from psyroom.reports.settings import load

    return load(conn)


def special_groups(conn: Connection, scope: Scope, b: RateBuilder,
                   site_names: dict[str, str]) -> Rate:
    # Driven from the tag index (a scan of every archive by name took seconds at street scale).
    people = scope.rows(
        conn, f"SELECT {scope.person_key} AS person, r.name, r.village, r.origin_site "
        "FROM resident_tags t CROSS JOIN residents r ON r.id = t.resident_id"
        f"{scope.person_join}WHERE t.tag_code IN (SELECT code FROM population_tags WHERE "
        "group_zh = '特殊人群' AND active = 1) AND r.merged_into IS NULL AND "
        f"r.status = 'active' AND {scope.site('r')}")
    people.sort(key=lambda p: (str(p["name"]), str(p["person"])))
    seen = served_people(conn, scope.__class__(None, scope.tables, scope.columns),
                         b.ytd[0], b.month.next_first.isoformat())
    members: dict[str, dict[str, Any]] = {}
    for p in people:
        members.setdefault(str(p["person"]), {
            "id": p["person"], "name": p["name"], "village": p["village"] or "",
            "site": site_names.get(p["origin_site"], ""), "detail": "本年未接受个体咨询"})
    return b.make("special_groups_counselled", members=list(members.values()),
                  counted=lambda m: m["id"] in seen, period=b.ytd)


def smd_rates(conn: Connection, b: RateBuilder, group: list[smd.Patient],
              villages: list[str]) -> list[Rate]:
    year_first = b.month.year_first

    def entry(p: smd.Patient) -> dict[str, Any]:
        return {**p.entry(year_first), "_p": p}

    def ytd(p: smd.Patient) -> list[smd.Visit]:
        return [v for v in p.visits if v.day >= year_first and v.reached]

    def last(p: smd.Patient) -> smd.Visit | None:
        visits = ytd(p)
        return visits[-1] if visits else None

    everyone = [entry(p) for p in group]
    at_home = [entry(p) for p in group if p.status == "active"]
    schizo = [entry(p) for p in group if "精神分裂" in p.diagnosis]
    recent = add_months(b.as_of, -3)

    def medicated(m: dict[str, Any]) -> bool:
        v = last(m["_p"])
        return v is not None and v.medication in smd.MEDICATED

    def regular(m: dict[str, Any]) -> bool:
        v = last(m["_p"])
        return v is not None and v.medication == "regular"

    def stable(m: dict[str, Any]) -> bool:
        v = last(m["_p"])
        return v is not None and v.day >= recent and v.condition == "stable"

    settings = _settings(conn)
    missing = [v for v in villages if v not in settings.population]
    denominator = None if missing or not villages else sum(
        settings.population[v] for v in villages)
    prevalence = b.counted("smd_prevalence", numerator=len(group), denominator=denominator,
                           missing="常住人口（" + "、".join(missing or ["各村"]) + "）",
                           period=b.stock)
    return [
        prevalence,
        b.make("smd_managed", members=everyone, counted=lambda m: bool(ytd(m["_p"])),
               period=b.ytd),
        b.make("smd_standard", members=everyone, counted=lambda m: smd.
               never_more_than_3_months_apart(m["_p"], year_first, b.as_of), period=b.ytd),
        b.make("smd_medicated", members=everyone, counted=medicated, period=b.ytd),
        b.make("smd_schizo_medicated", members=schizo, counted=medicated, period=b.ytd),
        b.make("smd_regular", members=everyone, counted=regular, period=b.ytd),
        b.make("smd_face", members=everyone,
               counted=lambda m: any(v.face for v in ytd(m["_p"])), period=b.ytd),
        b.make("smd_stable", members=at_home, counted=stable, period=b.ytd),
        b.make("smd_home_rehab", members=at_home,
               counted=lambda m: any(v.home_rehab for v in ytd(m["_p"])), period=b.ytd),
        b.make("smd_counselled", members=at_home,
               counted=lambda m: any(v.counselled for v in ytd(m["_p"])), period=b.ytd),
    ]


def awareness(conn: Connection, scope: Scope, b: RateBuilder) -> Rate:
    row = scope.rows(conn, "SELECT coalesce(sum(a.passed), 0) AS p, coalesce(sum(a.surveyed), "
                     "0) AS s FROM activities a WHERE a.surveyed IS NOT NULL AND "
                     f"a.activity_date >= :s AND a.activity_date <= :e AND {scope.site('a')}",
                     s=b.ytd[0], e=b.ytd[1])[0]
    zh, en, unit, target = RATES["awareness"]
    surveyed = int(row["s"])
    return Rate("awareness", zh, en, int(row["p"]), surveyed, unit, b.ytd[0], b.ytd[1],
                b.ytd[2], target, None if surveyed else "no_denominator",
                None if surveyed else REASONS["no_denominator"], "site")


def staff_trained(conn: Connection, scope: Scope, b: RateBuilder,
                  site_names: dict[str, str], *, at_office: bool = False) -> Rate:
    if at_office:
        return _staff_trained_at_office(conn, scope, b)
    users = scope.rows(conn, "SELECT u.id, u.display_name, u.roles, u.origin_site FROM users "
                       f"u WHERE u.disabled = 0 AND {scope.site('u')} ORDER BY u.display_name")
    staff = [u for u in users if {"counsellor", "social_worker"} & set(
        str(u["roles"]).replace(",", " ").split())]
    attended = scope.rows(
        conn, "SELECT p.user_id, count(DISTINCT a.id) AS n FROM activity_participants p JOIN "
        "activities a ON a.id = p.activity_id WHERE a.kind = 'training' AND p.user_id IS NOT "
        "NULL AND a.activity_date >= :s AND a.activity_date <= :e GROUP BY p.user_id",
        s=b.ytd[0], e=b.ytd[1])
    times = {str(r["user_id"]): int(r["n"]) for r in attended}
    members = [{"id": u["id"], "name": u["display_name"], "village": "",
                "site": site_names.get(u["origin_site"], ""),
                "detail": f"本年参加培训 {times.get(str(u['id']), 0)} 次"} for u in staff]
    return b.make("staff_trained", members=members,
                  counted=lambda m: times.get(str(m["id"]), 0) >= 2, period=b.ytd,
                  behind_kind="user")


def _staff_trained_at_office(conn: Connection, scope: Scope, b: RateBuilder) -> Rate:
    """The rooms' training lists name their staff by user id, but the staff lists themselves
    (the users tables) never leave a room: the office knows who trained twice, not of how
    many. It gives that count and says why there is no rate, rather than 0 of its own clerks.
    """
    twice = scope.scalar(
        conn, "SELECT count(*) FROM (SELECT p.user_id FROM activity_participants p JOIN "
        "activities a ON a.id = p.activity_id WHERE a.kind = 'training' AND p.user_id IS NOT "
        f"NULL AND a.activity_date >= :s AND a.activity_date <= :e AND {scope.site('a')} "
        "GROUP BY p.user_id HAVING count(DISTINCT a.id) >= 2)", s=b.ytd[0], e=b.ytd[1])
    zh, en, unit, target = RATES["staff_trained"]
    return Rate("staff_trained", zh, en, twice, None, unit, b.ytd[0], b.ytd[1], b.ytd[2],
                target, "rooms_only", REASONS["rooms_only"], "user")


def supervision(conn: Connection, scope: Scope, b: RateBuilder, self_site: dict[str, str]
                ) -> Rate:
    rooms = _rooms(conn, scope) if self_site["kind"] == "office" else [
        {"id": self_site["id"], "code": self_site["code"], "name": self_site["name"]}]
    done = {str(r["origin_site"]): int(r["n"]) for r in scope.rows(
        conn, "SELECT a.origin_site, count(*) AS n FROM activities a WHERE a.kind = "
        "'supervision' AND a.activity_date >= :s AND a.activity_date <= :e GROUP BY "
        "a.origin_site", s=b.ytd[0], e=b.ytd[1])}
    members = [{"id": r["id"], "name": r["name"], "village": "", "site": r["code"],
                "detail": f"本年督导 {done.get(str(r['id']), 0)} 次"} for r in rooms]
    return b.make("supervision", members=members,
                  counted=lambda m: done.get(str(m["id"]), 0) >= 2, period=b.ytd,
                  behind_kind="site")
