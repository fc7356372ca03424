"""Crisis interventions (危机干预). An open crisis keeps the person on the high-risk list
until a counsellor closes it with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from psyroom import ownership, timeline
from psyroom.clock import utc_now_iso
from psyroom.errors import InvalidInput
from psyroom.records import fetch_all, fetch_one, insert_record, update_record
from psyroom.security.roles import Permission

if TYPE_CHECKING:
    from psyroom.session import Session

TYPES = {"suicide": ("自杀", "Suicide"), "self_harm": ("自伤", "Self-harm"),
         "violence": ("暴力", "Violence"), "other": ("其他", "Other")}
LEVELS = {"low": ("一般", "Low"), "medium": ("较重", "Medium"), "high": ("严重", "High"),
          "critical": ("紧急", "Critical")}
NOTIFIED = {"family": ("家属", "Family"), "police": ("派出所", "Police"),
            "hospital": ("医院", "Hospital"), "village": ("村委会", "Village committee"),
            "school": ("学校", "School"), "other": ("其他", "Other")}


@dataclass(frozen=True)
class CrisisInput:
    resident_id: str
    occurred_at: str
    crisis_type: str
    level: str
    description: str = ""
    actions: str = ""
    notified: tuple[str, ...] = ()
    outcome: str = ""
    followup_date: str | None = None


def _check(data: CrisisInput) -> None:
    for name, ok in (("crisis_type", data.crisis_type in TYPES), ("level", data.level in LEVELS),
                     ("notified", all(n in NOTIFIED for n in data.notified)),
                     ("actions", bool(data.actions.strip()))):
        if not ok:
            raise InvalidInput("crisis_invalid", field=name)


def open_from_assessment(conn: Connection, *, site_id: str, resident_id: str,
                         assessment_id: str, scale: str, action: str, when: str,
                         recorded_by: str) -> str:
    return insert_record(conn, "crisis_events", {
        "resident_id": resident_id, "occurred_at": when, "crisis_type": "suicide",
        "level": "high", "description": f"{scale} 测评提示自伤/自杀风险", "actions": action,
        "notified": "", "outcome": "", "status": "open", "source": assessment_id,
        "recorded_by": recorded_by}, site_id=site_id)


class Crises:
    def __init__(self, session: Session) -> None:
        self._s = session

    def record(self, data: CrisisInput) -> str:
        self._s.require(Permission.RECORD_CRISIS)
        _check(data)
        values: dict[str, Any] = {
            "resident_id": data.resident_id, "occurred_at": data.occurred_at,
            "crisis_type": data.crisis_type, "level": data.level,
            "description": data.description, "actions": data.actions,
            "notified": ",".join(data.notified), "outcome": data.outcome,
            "followup_date": data.followup_date, "status": "open",
            "recorded_by": self._s.user.display_name}

        def work(conn: Connection) -> str:
            ownership.check_residents(conn, self._s.site, [data.resident_id])
            return insert_record(conn, "crisis_events", values, site_id=self._s.site.id)

        return self._s._write("crisis_recorded", work, target_kind="crisis",
                              detail={"type": data.crisis_type, "level": data.level})

    def close(self, crisis_id: str, *, reason: str) -> None:
        self._s.require(Permission.CLOSE_CRISIS)
        if not reason.strip():
            raise InvalidInput("reason_required")

        def work(conn: Connection) -> None:
            if fetch_one(conn, "SELECT id FROM crisis_events WHERE id = :i", i=crisis_id) is None:
                raise InvalidInput("record_unknown")
            ownership.check_record(conn, self._s.site, "crisis_events", crisis_id)
            update_record(conn, "crisis_events", crisis_id, {
                "status": "closed", "closed_at": utc_now_iso(),
                "closed_by": self._s.user.display_name, "close_reason": reason.strip()})

        self._s._write("crisis_closed", work, target_kind="crisis", target_id=crisis_id)

    def open_crises(self) -> list[dict[str, Any]]:
        self._s.require(Permission.READ_RISK_RECORDS)
        return self._s._read(open_crisis_rows)

    def for_resident(self, resident_id: str) -> list[dict[str, Any]]:
        self._s.require(Permission.READ_RISK_RECORDS)
        return self._s._write("crises_listed", lambda c: fetch_all(
            c, "SELECT * FROM crisis_events WHERE resident_id = :r ORDER BY occurred_at DESC",
            r=resident_id), target_kind="resident", target_id=resident_id)


def open_crisis_rows(conn: Connection, _day: date | None = None) -> list[dict[str, Any]]:
    return fetch_all(
        conn, "SELECT c.*, r.name AS resident_name FROM crisis_events c JOIN residents r "
        "ON r.id = c.resident_id WHERE c.status = 'open' ORDER BY c.occurred_at DESC")


def timeline_entries(conn: Connection, resident_id: str) -> list[timeline.TimelineEntry]:
    out = []
    for r in fetch_all(conn, "SELECT * FROM crisis_events WHERE resident_id = :r",
                       r=resident_id):
        zh, en = TYPES[r["crisis_type"]]
        lz, le = LEVELS[r["level"]]
        state_zh = "（已结束）" if r["status"] == "closed" else "（进行中）"
        state_en = " (closed)" if r["status"] == "closed" else " (open)"
        out.append(timeline.TimelineEntry(
            at=r["occurred_at"], kind="crisis", title_zh=f"危机干预：{zh}，{lz}{state_zh}",
            title_en=f"Crisis: {en}, {le}{state_en}", actor_name=r["recorded_by"],
            record_kind="crisis", record_id=r["id"]))
    return out
