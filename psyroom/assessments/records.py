"""Administered scales, stored against a resident.

An answer that signals self-harm (PHQ-9 item 9, EPDS item 10) cannot be saved until the
counsellor records what was done; that action also opens a crisis record, so the person is on
the high-risk list until a counsellor closes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from psyroom import ownership, timeline
from psyroom.assessments import get_scale, score
from psyroom.assessments.model import ScoreResult
from psyroom.clock import local_now_minute
from psyroom.errors import InvalidInput
from psyroom.records import fetch_all, insert_record
from psyroom.security.roles import Permission

if TYPE_CHECKING:
    from psyroom.session import Session


@dataclass(frozen=True)
class AssessmentRecord:
    id: str
    resident_id: str
    scale_code: str
    administered_at: str
    total: int
    standard_score: int | None
    band: str
    risk_flags: tuple[str, ...]
    answers: tuple[int, ...]
    crisis_action: str | None


def _record(row: dict[str, Any]) -> AssessmentRecord:
    return AssessmentRecord(row["id"], row["resident_id"], row["scale_code"],
                            row["administered_at"], row["total"], row["standard_score"],
                            row["band"], tuple(f for f in row["risk_flags"].split(",") if f),
                            tuple(json.loads(row["answers"])), row["crisis_action"])


class Assessments:
    def __init__(self, session: Session) -> None:
        self._s = session

    def preview(self, scale_code: str, answers: list[int]) -> ScoreResult:
        """Score without saving, for the form to show the band and any crisis prompt."""
        return score(get_scale(scale_code), answers)

    def record(self, resident_id: str, scale_code: str, answers: list[int], *,
               administered_at: str | None = None, consultation_id: str | None = None,
               crisis_action: str | None = None) -> tuple[AssessmentRecord, str | None]:
        """Save a scale; returns the record and the id of a crisis it opened, if any."""
        self._s.require(Permission.RUN_ASSESSMENTS)
        scale = get_scale(scale_code)
        result = score(scale, answers)
        if result.risk_flags and not (crisis_action or "").strip():
            raise InvalidInput("crisis_action_required")
        when = administered_at or local_now_minute()

        def work(conn: Connection) -> tuple[AssessmentRecord, str | None]:
            ownership.check_residents(conn, self._s.site, [resident_id])
            aid = insert_record(conn, "assessments", {
                "resident_id": resident_id, "scale_code": scale.code,
                "answers": json.dumps(list(answers)), "total": result.total,
                "standard_score": result.standard_score, "band": result.band,
                "risk_flags": ",".join(result.risk_flags), "administered_at": when,
                "administered_by": self._s.user.display_name,
                "consultation_id": consultation_id,
                "crisis_action": crisis_action.strip() if crisis_action else None,
            }, site_id=self._s.site.id)
            crisis_id = None
            if result.risk_flags:
                from psyroom.crisis.service import open_from_assessment

                crisis_id = open_from_assessment(
                    conn, site_id=self._s.site.id, resident_id=resident_id, assessment_id=aid,
                    scale=scale.short_name, action=str(crisis_action), when=when,
                    recorded_by=self._s.user.display_name)
            rows = fetch_all(conn, "SELECT * FROM assessments WHERE id = :id", id=aid)
            return _record(rows[0]), crisis_id

        return self._s._write("assessment_recorded", work, target_kind="assessment",
                              detail={"scale": scale.code, "flagged": bool(result.risk_flags)})

    def note_crisis_prompt(self, resident_id: str, scale_code: str, *, event: str) -> None:
        """Audit the crisis prompt: it was shown ("shown"), or the counsellor went back from
        it to change the answers ("answers_changed"). A mis-click may be corrected, but the
        log keeps that the prompt was raised and what was done about it."""
        self._s.require(Permission.RUN_ASSESSMENTS)
        if event not in ("shown", "answers_changed"):
            raise InvalidInput("record_unknown")
        self._s._audit_only(f"crisis_prompt_{event}", target_kind="resident",
                            target_id=resident_id, detail={"scale": get_scale(scale_code).code})

    def for_resident(self, resident_id: str) -> list[AssessmentRecord]:
        self._s.require(Permission.READ_ASSESSMENTS)
        return self._s._write("assessments_listed", lambda c: [_record(r) for r in fetch_all(
            c, "SELECT * FROM assessments WHERE resident_id = :r ORDER BY administered_at",
            r=resident_id)], target_kind="resident", target_id=resident_id)

    def series(self, resident_id: str) -> dict[str, list[tuple[str, int]]]:
        """Each scale's scores over time (standard score where the scale has one)."""
        out: dict[str, list[tuple[str, int]]] = {}
        for rec in self.for_resident(resident_id):
            value = rec.standard_score if rec.standard_score is not None else rec.total
            out.setdefault(rec.scale_code, []).append((rec.administered_at, value))
        return out


def timeline_entries(conn: Connection, resident_id: str) -> list[timeline.TimelineEntry]:
    out = []
    for r in fetch_all(conn, "SELECT id, scale_code, administered_at, total, standard_score, "
                       "band, risk_flags, administered_by FROM assessments WHERE "
                       "resident_id = :r", r=resident_id):
        scale = get_scale(r["scale_code"])
        band = next((b for b in scale.bands if b.code == r["band"]), None)
        shown = r["standard_score"] if r["standard_score"] is not None else r["total"]
        flag_zh = "，提示自伤风险" if r["risk_flags"] else ""
        flag_en = ", self-harm risk" if r["risk_flags"] else ""
        out.append(timeline.TimelineEntry(
            at=r["administered_at"], kind="assessment",
            title_zh=f"{scale.short_name} 测评：{shown} 分，{band.label_zh if band else ''}"
                     f"{flag_zh}",
            title_en=f"{scale.short_name}: {shown}, {band.label_en if band else ''}{flag_en}",
            actor_name=r["administered_by"], record_kind="assessment", record_id=r["id"]))
    return out
