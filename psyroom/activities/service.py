"""Outreach and group work (科普宣传与团体活动); awareness surveys feed the 知晓率."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from psyroom import ownership
from psyroom.errors import InvalidInput
from psyroom.records import fetch_all, insert_record
from psyroom.security.roles import Permission

if TYPE_CHECKING:
    from psyroom.session import Session

KINDS = {"lecture": ("讲座", "Lecture"), "campaign": ("宣传活动", "Campaign"),
         "group": ("团体辅导", "Group session"), "training": ("培训", "Training"),
         "supervision": ("督导", "Supervision")}


@dataclass(frozen=True)
class ActivityInput:
    activity_date: str
    kind: str
    topic: str
    headcount: int
    target_group: str = ""
    village: str | None = None
    surveyed: int | None = None
    passed: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class Participant:
    """Someone who attended (training twice a year is counted per person): a staff user or a
    resident with an archive; ``name`` is kept so the list reads the same at the office."""

    name: str
    user_id: str | None = None
    resident_id: str | None = None


def _check(a: ActivityInput) -> None:
    try:
        date.fromisoformat(a.activity_date)
    except ValueError:
        raise InvalidInput("activity_invalid", field="activity_date") from None
    checks = (("kind", a.kind in KINDS), ("topic", bool(a.topic.strip())),
              ("headcount", 0 <= a.headcount <= 100_000),
              ("surveyed", a.surveyed is None or 0 <= a.surveyed <= max(a.headcount, 0)),
              ("passed", a.passed is None or (a.surveyed is not None
                                              and 0 <= a.passed <= a.surveyed)))
    for name, ok in checks:
        if not ok:
            raise InvalidInput("activity_invalid", field=name)


def _check_people(people: list[Participant]) -> None:
    for p in people:
        if not p.name.strip() or (p.user_id is None) == (p.resident_id is None):
            raise InvalidInput("activity_invalid", field="participants")


def _insert_people(conn: Connection, activity_id: str, people: list[Participant],
                   site_id: str) -> int:
    """Adds who attended, once each; returns how many were new."""
    known = {(r["user_id"], r["resident_id"]) for r in fetch_all(
        conn, "SELECT user_id, resident_id FROM activity_participants WHERE activity_id = :i",
        i=activity_id)}
    added = 0
    for p in people:
        if (p.user_id, p.resident_id) in known:
            continue
        known.add((p.user_id, p.resident_id))
        insert_record(conn, "activity_participants", {
            "activity_id": activity_id, "participant_kind": "staff" if p.user_id else "resident",
            "user_id": p.user_id, "resident_id": p.resident_id, "name": p.name.strip()},
            site_id=site_id)
        added += 1
    return added


class Activities:
    def __init__(self, session: Session) -> None:
        self._s = session

    def record(self, a: ActivityInput, participants: list[Participant] | None = None) -> str:
        """Record an activity; ``participants`` (who attended) are saved with it or not at all."""
        self._s.require(Permission.RECORD_ACTIVITIES)
        _check(a)
        people = participants or []
        _check_people(people)
        values: dict[str, Any] = {
            "activity_date": a.activity_date, "kind": a.kind, "topic": a.topic.strip(),
            "target_group": a.target_group, "village": a.village, "headcount": a.headcount,
            "surveyed": a.surveyed, "passed": a.passed, "notes": a.notes,
            "recorded_by": self._s.user.display_name}

        def work(conn: Connection) -> str:
            ownership.check_residents(conn, self._s.site, [p.resident_id for p in people])
            activity_id = insert_record(conn, "activities", values, site_id=self._s.site.id)
            _insert_people(conn, activity_id, people, self._s.site.id)
            return activity_id

        return self._s._write("activity_recorded", work, target_kind="activity",
                              detail={"kind": a.kind, "headcount": a.headcount,
                                      "participants": len(people)})

    def staff(self) -> list[tuple[str, str]]:
        """(user id, display name) of the counsellors and social workers, to tick who attended."""
        self._s.require(Permission.RECORD_ACTIVITIES)
        rows = self._s._read(lambda c: fetch_all(
            c, "SELECT id, display_name, roles FROM users WHERE disabled = 0 ORDER BY "
            "display_name"))
        return [(str(r["id"]), str(r["display_name"])) for r in rows
                if {"counsellor", "social_worker"} & set(str(r["roles"]).replace(",", " ")
                                                         .split())]

    def between(self, start: str, end: str) -> list[dict[str, Any]]:
        self._s.require(Permission.READ_STATS)
        return self._s._read(lambda c: fetch_all(
            c, "SELECT * FROM activities WHERE activity_date >= :s AND activity_date < :e "
            "ORDER BY activity_date DESC", s=start, e=end))

    def awareness(self, start: str, end: str) -> tuple[int, int]:
        """(passed, surveyed) over a period: the core-knowledge awareness rate's parts."""
        rows = self.between(start, end)
        return (sum(r["passed"] or 0 for r in rows if r["surveyed"]),
                sum(r["surveyed"] or 0 for r in rows if r["surveyed"]))

    def add_participants(self, activity_id: str, people: list[Participant]) -> int:
        self._s.require(Permission.RECORD_ACTIVITIES)
        _check_people(people)

        def work(conn: Connection) -> int:
            if not fetch_all(conn, "SELECT id FROM activities WHERE id = :i", i=activity_id):
                raise InvalidInput("record_unknown")
            ownership.check_record(conn, self._s.site, "activities", activity_id)
            ownership.check_residents(conn, self._s.site, [p.resident_id for p in people])
            return _insert_people(conn, activity_id, people, self._s.site.id)

        return self._s._write("activity_participants_added", work, target_kind="activity",
                              target_id=activity_id, detail={"count": len(people)})

    def participants(self, activity_id: str) -> list[dict[str, Any]]:
        self._s.require(Permission.READ_STATS)
        return self._s._read(lambda c: fetch_all(
            c, "SELECT participant_kind, user_id, resident_id, name FROM activity_participants "
            "WHERE activity_id = :i ORDER BY name", i=activity_id))
