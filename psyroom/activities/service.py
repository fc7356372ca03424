"""Outreach and group work (科普宣传与团体活动); awareness surveys feed the 知晓率."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

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


class Activities:
    def __init__(self, session: Session) -> None:
        self._s = session

    def record(self, a: ActivityInput) -> str:
        self._s.require(Permission.RECORD_ACTIVITIES)
        _check(a)
        values: dict[str, Any] = {
            "activity_date": a.activity_date, "kind": a.kind, "topic": a.topic.strip(),
            "target_group": a.target_group, "village": a.village, "headcount": a.headcount,
            "surveyed": a.surveyed, "passed": a.passed, "notes": a.notes,
            "recorded_by": self._s.user.display_name}
        return self._s._write("activity_recorded", lambda c: insert_record(
            c, "activities", values, site_id=self._s.site.id), target_kind="activity",
            detail={"kind": a.kind, "headcount": a.headcount})

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
