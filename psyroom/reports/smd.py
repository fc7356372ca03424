"""Severe-mental-disorder follow-ups and their rates, year to date (DESIGN.md §10).

Reads follow-ups in either shape: today's columns (method, condition, medication) or the
national form's codes (visit_form, classification, adherence, hospital) once migration 0007
has replaced them, so the rates keep their meaning across the upgrade.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from psyroom.reports.period import Month, add_months
from psyroom.reports.scope import Scope

CONDITION_ZH = {"stable": "稳定", "basic": "基本稳定", "unstable": "不稳定",
                "not_reached": "未访到"}
MEDICATION_ZH = {"regular": "规律服药", "intermittent": "间断服药", "none": "未服药",
                 "hospital": "住院"}
MEDICATED = ("regular", "intermittent", "hospital")
# National form codes (表1-8), used once the follow-up form has landed.
_ADHERENCE = {1: "regular", 2: "intermittent", 3: "none"}
_CLASS = {1: "unstable", 2: "basic", 3: "stable", 4: "not_reached"}


@dataclass(frozen=True)
class Visit:
    day: date
    face: bool
    reached: bool
    condition: str
    medication: str | None
    home_rehab: bool
    counselled: bool
    next_date: str | None


@dataclass
class Patient:
    person: str
    name: str
    village: str
    site: str
    status: str
    diagnosis: str
    registered_on: str | None
    visits: list[Visit]

    def entry(self, year_first: date) -> dict[str, Any]:
        last = self.visits[-1] if self.visits else None
        this_year = sum(1 for v in self.visits if v.day >= year_first and v.reached)
        detail = f"本年随访 {this_year} 次"
        if last is not None:
            detail += f"；末次：{CONDITION_ZH.get(last.condition, last.condition)}，" \
                      f"{MEDICATION_ZH.get(last.medication or '', '未填用药')}"
        return {"id": self.person, "name": self.name, "village": self.village,
                "site": self.site, "last_followup": last.day.isoformat() if last else "",
                "detail": detail}


def _visit(row: dict[str, Any], form: bool) -> Visit:
    if form:
        klass = _CLASS.get(int(row["classification"] or 0), "")
        medication = "hospital" if row["hospital"] == 1 else _ADHERENCE.get(
            int(row["adherence"] or 0))
        face = row["visit_form"] in (1, 2)
    else:
        klass, medication = str(row["condition"]), str(row["medication"])
        face = row["method"] == "face"
    return Visit(day=date.fromisoformat(str(row["followup_date"])[:10]), face=face,
                 reached=klass != "not_reached", condition=klass, medication=medication,
                 home_rehab=bool(row["home_rehab"]),
                 counselled=bool(row["counselled_patient"] or row["counselled_family"]),
                 next_date=row["next_date"])


def patients(conn: Connection, scope: Scope, as_of: date,
             site_names: dict[str, str]) -> list[Patient]:
    """Registered patients (在册: registered and not deceased) on ``as_of``, with every
    follow-up up to that day, oldest first. A person archived in several rooms is one."""
    found = scope.rows(
        conn, f"SELECT {scope.person_key} AS person, r.name, r.village, r.origin_site, "
        f"r.status, r.smd_diagnosis, r.smd_registered_on FROM residents r{scope.person_join}"
        "WHERE r.smd_registered = 1 AND "
        "r.merged_into IS NULL AND r.status != 'deceased' AND (r.smd_registered_on IS NULL OR "
        f"r.smd_registered_on <= :d) AND {scope.site('r')} ORDER BY r.name", d=as_of.isoformat())
    people = {str(r["person"]): Patient(
        str(r["person"]), str(r["name"]), r["village"] or "", site_names.get(
            r["origin_site"], ""), str(r["status"]), r["smd_diagnosis"] or "",
        r["smd_registered_on"], []) for r in found}
    form = scope.has("followups", "classification")
    cols = ("f.visit_form, f.classification, f.adherence, f.hospital" if form
            else "f.method, f.condition, f.medication")
    # Follow-ups from any room count for the person, whoever archived them.
    rows = scope.rows(
        conn, f"SELECT {scope.person_key} AS person, f.followup_date, {cols}, "
        "f.home_rehab, f.counselled_patient, f.counselled_family, f.next_date FROM followups f "
        f"JOIN residents r ON r.id = f.resident_id{scope.person_join}"
        "WHERE r.smd_registered = 1 AND f.followup_date <= :d ORDER BY f.followup_date",
        d=as_of.isoformat())
    for row in rows:
        patient = people.get(str(row["person"]))
        if patient is not None:
            patient.visits.append(_visit(row, form))
    return list(people.values())


def as_of_day(month: Month, today: date) -> date:
    return min(month.last, max(today, month.first))


def month_followups(conn: Connection, scope: Scope, month: Month, group: list[Patient],
                    as_of: date) -> dict[str, Any]:
    start, end = month.bounds()
    done = scope.rows(conn, "SELECT f.resident_id FROM followups f WHERE f.followup_date >= :s "
                      f"AND f.followup_date < :e AND {scope.site('f')}", s=start, e=end)
    return {"done": len(done), "patients_seen": len({r["resident_id"] for r in done}),
            "registered": len(group), "overdue": len(overdue(group, as_of)),
            # 失访: registered (in every 在册 denominator) but no longer reached.
            "lost": sum(1 for p in group if p.status == "lost"),
            "as_of": as_of.isoformat()}


def as_of_earlier(group: list[Patient], as_of: date) -> list[Patient]:
    """The same patients as they stood on an earlier day: registered by then, visits up to
    then (a past month's rates for the trend, without reading the follow-ups again)."""
    day = as_of.isoformat()
    return [Patient(p.person, p.name, p.village, p.site, p.status, p.diagnosis,
                    p.registered_on, [v for v in p.visits if v.day <= as_of])
            for p in group if not p.registered_on or p.registered_on[:10] <= day]


def overdue(group: list[Patient], as_of: date) -> list[Patient]:
    """Living at home and past the next date the last follow-up set (or never followed up).
    A lost patient (失访) is counted as lost, not as overdue."""
    out = []
    for p in group:
        if p.status != "active":
            continue
        last = p.visits[-1] if p.visits else None
        if last is None or not last.next_date or last.next_date[:10] < as_of.isoformat():
            out.append(p)
    return out


def never_more_than_3_months_apart(p: Patient, year_first: date, as_of: date) -> bool:
    this_year = [v.day for v in p.visits if v.day >= year_first and v.reached]
    if not this_year:
        return False
    before = [v.day for v in p.visits if v.day < year_first and v.reached]
    registered = date.fromisoformat(p.registered_on[:10]) if p.registered_on else year_first
    start = before[-1] if before else max(year_first, registered)
    points = [start, *this_year, as_of]
    return all(b <= add_months(a, 3) for a, b in itertools.pairwise(points))
