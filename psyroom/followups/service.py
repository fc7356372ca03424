"""Severe-mental-disorder follow-ups (随访) and the actions a dangerous one opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from psyroom import timeline
from psyroom.clock import utc_now_iso
from psyroom.errors import InvalidInput
from psyroom.followups.rules import (
    CONDITIONS,
    MEDICATION,
    METHODS,
    SOCIAL_FUNCTION,
    needs_action,
    next_followup_date,
)
from psyroom.records import fetch_all, fetch_one, insert_record, update_record
from psyroom.security.roles import Permission

if TYPE_CHECKING:
    from psyroom.session import Session


@dataclass(frozen=True)
class FollowupInput:
    resident_id: str
    followup_date: str  # YYYY-MM-DD
    method: str
    risk_level: int
    condition: str
    medication: str
    social_function: str
    home_rehab: bool = False
    counselled_patient: bool = False
    counselled_family: bool = False
    notes: str = ""
    next_date: str | None = None  # None: proposed from the condition


def _check(data: FollowupInput) -> None:
    for name, ok in (("method", data.method in METHODS),
                     ("risk_level", 0 <= data.risk_level <= 5),
                     ("condition", data.condition in CONDITIONS),
                     ("medication", data.medication in MEDICATION),
                     ("social_function", data.social_function in SOCIAL_FUNCTION)):
        if not ok:
            raise InvalidInput("followup_invalid", field=name)
    try:
        date.fromisoformat(data.followup_date)
        if data.next_date:
            date.fromisoformat(data.next_date)
    except ValueError:
        raise InvalidInput("followup_invalid", field="date") from None


class Followups:
    def __init__(self, session: Session) -> None:
        self._s = session

    @staticmethod
    def proposed_next_date(condition: str, visit: date) -> date:
        return next_followup_date(condition, visit)

    def record(self, data: FollowupInput) -> str:
        self._s.require(Permission.RECORD_FOLLOWUPS)
        _check(data)
        visit = date.fromisoformat(data.followup_date)
        next_date = data.next_date or next_followup_date(data.condition, visit).isoformat()
        action = needs_action(data.risk_level, data.condition)

        def work(conn: Connection) -> str:
            row = fetch_one(conn, "SELECT smd_registered FROM residents WHERE id = :r",
                            r=data.resident_id)
            if row is None:
                raise InvalidInput("resident_unknown")
            if not row["smd_registered"]:
                raise InvalidInput("not_smd_patient")
            return insert_record(conn, "followups", {
                "resident_id": data.resident_id, "followup_date": data.followup_date,
                "method": data.method, "risk_level": data.risk_level,
                "condition": data.condition, "medication": data.medication,
                "social_function": data.social_function, "home_rehab": data.home_rehab,
                "counselled_patient": data.counselled_patient,
                "counselled_family": data.counselled_family, "notes": data.notes,
                "next_date": next_date, "action_required": action,
                "recorded_by": self._s.user.display_name}, site_id=self._s.site.id)

        return self._s._write("followup_recorded", work, target_kind="followup",
                              detail={"risk_level": data.risk_level, "action": action})

    def record_action(self, followup_id: str, *, referral: str = "", care_team: str,
                      referral_id: str | None = None) -> None:
        """Closes the dashboard action a dangerous follow-up opened: the referral made (a real
        referral record when ``referral_id`` is given) and the care team told."""
        self._s.require(Permission.RECORD_FOLLOWUPS)
        if not (referral.strip() or referral_id) or not care_team.strip():
            raise InvalidInput("reason_required")

        def work(conn: Connection) -> None:
            row = fetch_one(conn, "SELECT id, resident_id FROM followups WHERE id = :i",
                            i=followup_id)
            if row is None:
                raise InvalidInput("record_unknown")
            text = referral.strip()
            if referral_id is not None:
                linked = fetch_one(conn, "SELECT serial, resident_id FROM referrals "
                                   "WHERE id = :i", i=referral_id)
                if linked is None or linked["resident_id"] != row["resident_id"]:
                    raise InvalidInput("referral_unknown")
                text = text or f"转介单 {linked['serial']}"
            update_record(conn, "followups", followup_id, {
                "action_referral": text, "referral_id": referral_id,
                "action_care_team": care_team.strip(), "action_recorded_at": utc_now_iso()})

        self._s._write("followup_action_recorded", work, target_kind="followup",
                       target_id=followup_id,
                       detail={"referral_id": referral_id} if referral_id else None)

    def open_actions(self) -> list[dict[str, Any]]:
        self._s.require(Permission.READ_RESIDENTS)
        return self._s._read(lambda c: fetch_all(
            c, "SELECT f.*, r.name AS resident_name FROM followups f JOIN residents r ON "
            "r.id = f.resident_id WHERE f.action_required = 1 AND f.action_recorded_at IS NULL "
            "ORDER BY f.followup_date"))

    def overdue(self, today: date | None = None) -> list[dict[str, Any]]:
        """Registered patients whose next follow-up date has passed (or who never had one)."""
        self._s.require(Permission.READ_RESIDENTS)
        day = (today or date.today()).isoformat()
        return self._s._read(lambda c: fetch_all(
            c, "SELECT r.id AS resident_id, r.name AS resident_name, r.village, "
            "last.next_date AS due_date, last.followup_date AS last_date FROM residents r "
            "LEFT JOIN (SELECT resident_id, max(followup_date) AS followup_date, next_date "
            "FROM followups GROUP BY resident_id) last ON last.resident_id = r.id "
            "WHERE r.smd_registered = 1 AND r.status = 'active' AND r.merged_into IS NULL "
            "AND (last.next_date IS NULL OR last.next_date < :day) "
            "ORDER BY coalesce(last.next_date, r.smd_registered_on, '')", day=day))

    def for_resident(self, resident_id: str) -> list[dict[str, Any]]:
        self._s.require(Permission.READ_RESIDENTS)
        return self._s._write("followups_listed", lambda c: fetch_all(
            c, "SELECT * FROM followups WHERE resident_id = :r ORDER BY followup_date DESC",
            r=resident_id), target_kind="resident", target_id=resident_id)


def _timeline(conn: Connection, resident_id: str) -> list[timeline.TimelineEntry]:
    out = []
    for r in fetch_all(conn, "SELECT * FROM followups WHERE resident_id = :r", r=resident_id):
        mz, me = METHODS[r["method"]]
        cz, ce = CONDITIONS[r["condition"]]
        out.append(timeline.TimelineEntry(
            at=r["followup_date"], kind="followup",
            title_zh=f"严重精神障碍随访（{mz}）：危险性 {r['risk_level']} 级，{cz}",
            title_en=f"SMD follow-up ({me}): risk level {r['risk_level']}, {ce}",
            actor_name=r["recorded_by"], record_kind="followup", record_id=r["id"]))
    return out


timeline.register("followups", _timeline)
timeline.follows_resident("followups")
