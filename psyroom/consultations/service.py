"""Consultations: drafts saved as typed, signing locks the note, addenda after that.

Private process notes live in their own table and are read only by their author; no export,
bundle, report or audit detail ever includes them.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from psyroom import ownership, timeline
from psyroom.clock import new_id, utc_now_iso
from psyroom.consultations.model import (
    AGE_BANDS,
    ISSUES,
    LABELS,
    MODES,
    NOT_EMPTY_DRAFT_SQL,
    OUTCOMES,
    RISK_SCREENING,
    SUBJECT_KINDS,
    Addendum,
    Consultation,
    ConsultationInput,
)
from psyroom.consultations.templates import SEED_TEMPLATES
from psyroom.errors import InvalidInput, PsyroomError
from psyroom.records import fetch_all, fetch_one, insert_record, update_record
from psyroom.security.roles import Permission

if TYPE_CHECKING:
    from psyroom.session import Session


def _validate(data: ConsultationInput) -> None:
    bad = (data.subject_kind not in SUBJECT_KINDS or data.mode not in MODES
           or data.risk_screening not in RISK_SCREENING or data.outcome not in OUTCOMES
           or any(i not in ISSUES for i in data.issues)
           or not 1 <= data.duration_min <= 600)
    if data.subject_kind == "anonymous":
        bad = bad or data.resident_id is not None or (
            data.anon_age_band is not None and data.anon_age_band not in AGE_BANDS)
    elif not data.resident_id:
        raise InvalidInput("consultation_needs_resident")
    if bad:
        raise InvalidInput("consultation_invalid")


def _columns(data: ConsultationInput) -> dict[str, Any]:
    return {
        "resident_id": data.resident_id, "subject_kind": data.subject_kind,
        "participants": json.dumps(list(data.participants)),
        "anon_gender": data.anon_gender, "anon_age_band": data.anon_age_band,
        "anon_village": data.anon_village, "started_at": data.started_at,
        "duration_min": data.duration_min, "mode": data.mode, "issues": ",".join(data.issues),
        "complaint": data.complaint, "assessment": data.assessment,
        "intervention": data.intervention, "plan": data.plan,
        "risk_screening": data.risk_screening, "outcome": data.outcome,
        "next_appointment": data.next_appointment,
    }


def _signature(row: dict[str, Any], signer: str, at: str) -> str:
    content = {k: row[k] for k in ("id", "resident_id", "started_at", "complaint", "assessment",
                                   "intervention", "plan", "risk_screening", "outcome")}
    canonical = json.dumps({**content, "signer": signer, "at": at}, sort_keys=True,
                           ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Consultations:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _row(self, conn: Connection, consultation_id: str) -> dict[str, Any]:
        row = fetch_one(conn, "SELECT * FROM consultations WHERE id = :id", id=consultation_id)
        if row is None:
            raise InvalidInput("record_unknown")
        return row

    def _own_draft(self, conn: Connection, consultation_id: str) -> dict[str, Any]:
        """A draft may change only while unsigned, and only by the counsellor who wrote it."""
        row = self._row(conn, consultation_id)
        ownership.check_record(conn, self._s.site, "consultations", consultation_id)
        if row["status"] != "draft":
            raise PsyroomError("consultation_signed")
        if row["counsellor_id"] != self._s.user.id:
            raise PsyroomError("consultation_not_yours")
        return row

    def _to_model(self, conn: Connection, row: dict[str, Any]) -> Consultation:
        visible = self._s.can(Permission.READ_CONSULTATION_NOTES)
        data = ConsultationInput(
            subject_kind=row["subject_kind"], started_at=row["started_at"], mode=row["mode"],
            resident_id=row["resident_id"], participants=tuple(json.loads(row["participants"])),
            anon_gender=row["anon_gender"], anon_age_band=row["anon_age_band"],
            anon_village=row["anon_village"], duration_min=row["duration_min"],
            issues=tuple(i for i in row["issues"].split(",") if i),
            complaint=row["complaint"] if visible else "",
            assessment=row["assessment"] if visible else "",
            intervention=row["intervention"] if visible else "",
            plan=row["plan"] if visible else "",
            risk_screening=row["risk_screening"], outcome=row["outcome"],
            next_appointment=row["next_appointment"])
        addenda = [Addendum(a["id"], a["at"], a["author_name"], a["text"] if visible else "")
                   for a in fetch_all(conn, "SELECT * FROM consultation_addenda WHERE "
                                      "consultation_id = :id ORDER BY at", id=row["id"])]
        return Consultation(row["id"], row["version"], row["status"], data,
                            row["counsellor_id"], row["counsellor_name"], row["signed_at"],
                            visible, addenda)

    # -- writing -------------------------------------------------------------------------
    def start_draft(self, data: ConsultationInput) -> Consultation:
        self._s.require(Permission.WRITE_CONSULTATIONS)
        _validate(data)
        values = _columns(data) | {"counsellor_id": self._s.user.id,
                                   "counsellor_name": self._s.user.display_name,
                                   "status": "draft"}

        def work(conn: Connection) -> Consultation:
            ownership.check_residents(conn, self._s.site, [data.resident_id, *data.participants])
            cid = insert_record(conn, "consultations", values, site_id=self._s.site.id)
            return self._to_model(conn, self._row(conn, cid))

        return self._s._write("consultation_started", work, target_kind="consultation")

    def save_draft(self, consultation_id: str, data: ConsultationInput) -> Consultation:
        """Called every few seconds while typing; a crash loses at most that much."""
        self._s.require(Permission.WRITE_CONSULTATIONS)
        _validate(data)

        def work(conn: Connection) -> Consultation:
            self._own_draft(conn, consultation_id)
            ownership.check_residents(conn, self._s.site, [data.resident_id, *data.participants])
            update_record(conn, "consultations", consultation_id, _columns(data))
            return self._to_model(conn, self._row(conn, consultation_id))

        return self._s._write("consultation_draft_saved", work, target_kind="consultation",
                              target_id=consultation_id)

    def sign(self, consultation_id: str) -> Consultation:
        self._s.require(Permission.WRITE_CONSULTATIONS)

        def work(conn: Connection) -> Consultation:
            row = self._own_draft(conn, consultation_id)
            if not row["complaint"].strip():
                raise InvalidInput("consultation_note_empty")
            at = utc_now_iso()
            update_record(conn, "consultations", consultation_id, {
                "status": "signed", "signed_at": at, "signed_by": self._s.user.id,
                "signature": _signature(row, self._s.user.id, at)})
            return self._to_model(conn, self._row(conn, consultation_id))

        return self._s._write("consultation_signed", work, target_kind="consultation",
                              target_id=consultation_id)

    def add_addendum(self, consultation_id: str, text: str) -> Consultation:
        """The only change a signed note accepts: dated, signed, appended."""
        self._s.require(Permission.WRITE_CONSULTATIONS)
        if not text.strip():
            raise InvalidInput("reason_required")

        def work(conn: Connection) -> Consultation:
            row = self._row(conn, consultation_id)
            ownership.check_record(conn, self._s.site, "consultations", consultation_id)
            if row["status"] != "signed":
                raise PsyroomError("consultation_not_signed")
            at = utc_now_iso()
            sig = hashlib.sha256(json.dumps([row["signature"], text, self._s.user.id, at],
                                            ensure_ascii=False).encode()).hexdigest()
            conn.exec_driver_sql(
                "INSERT INTO consultation_addenda (id, consultation_id, origin_site, at, "
                "author_id, author_name, text, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (new_id(), consultation_id, self._s.site.id, at, self._s.user.id,
                 self._s.user.display_name, text.strip(), sig))
            return self._to_model(conn, row)

        return self._s._write("consultation_addendum", work, target_kind="consultation",
                              target_id=consultation_id)

    def discard_draft(self, consultation_id: str) -> None:
        self._s.require(Permission.WRITE_CONSULTATIONS)

        def work(conn: Connection) -> None:
            self._own_draft(conn, consultation_id)
            conn.exec_driver_sql("DELETE FROM private_notes WHERE consultation_id = ?",
                                 (consultation_id,))
            conn.exec_driver_sql("DELETE FROM consultations WHERE id = ?", (consultation_id,))

        self._s._write("consultation_draft_discarded", work, target_kind="consultation",
                       target_id=consultation_id)

    # -- private process notes -----------------------------------------------------------
    def save_private_note(self, consultation_id: str, text: str) -> None:
        self._s.require(Permission.WRITE_CONSULTATIONS)

        def work(conn: Connection) -> None:
            row = self._row(conn, consultation_id)
            ownership.check_record(conn, self._s.site, "consultations", consultation_id)
            if row["counsellor_id"] != self._s.user.id:
                raise PsyroomError("consultation_not_yours")
            now = utc_now_iso()
            conn.exec_driver_sql(
                "INSERT INTO private_notes (id, consultation_id, author_id, created_at, "
                "updated_at, text) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(consultation_id) "
                "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (new_id(), consultation_id, self._s.user.id, now, now, text))

        self._s._write("private_note_saved", work, target_kind="consultation",
                       target_id=consultation_id)

    def private_note(self, consultation_id: str) -> str | None:
        """Only the author gets the text; anyone else gets None, whatever their role."""
        def work(conn: Connection) -> str | None:
            row = fetch_one(conn, "SELECT author_id, text FROM private_notes WHERE "
                            "consultation_id = :id", id=consultation_id)
            if row is None or row["author_id"] != self._s.user.id:
                return None
            return str(row["text"])

        return self._s._write("private_note_read", work, target_kind="consultation",
                              target_id=consultation_id)

    # -- reading -------------------------------------------------------------------------
    def get(self, consultation_id: str) -> Consultation:
        self._s.require(Permission.READ_CONSULTATIONS)
        return self._s._write("consultation_read",
                              lambda c: self._to_model(c, self._row(c, consultation_id)),
                              target_kind="consultation", target_id=consultation_id)

    def for_resident(self, resident_id: str) -> list[Consultation]:
        self._s.require(Permission.READ_CONSULTATIONS)

        def work(conn: Connection) -> list[Consultation]:
            rows = fetch_all(conn, "SELECT * FROM consultations WHERE (resident_id = :r OR "
                             f"participants LIKE :p) AND {NOT_EMPTY_DRAFT_SQL} "
                             "ORDER BY started_at DESC", r=resident_id,
                             p=f'%"{resident_id}"%')
            return [self._to_model(conn, r) for r in rows]

        return self._s._write("consultations_listed", work, target_kind="resident",
                              target_id=resident_id)

    def my_drafts(self) -> list[Consultation]:
        self._s.require(Permission.WRITE_CONSULTATIONS)
        return self._s._read(lambda c: [self._to_model(c, r) for r in fetch_all(
            c, "SELECT * FROM consultations WHERE status = 'draft' AND counsellor_id = :u "
            f"AND {NOT_EMPTY_DRAFT_SQL} ORDER BY updated_at DESC", u=self._s.user.id)])

    def templates(self) -> list[dict[str, str]]:
        self._s.require(Permission.WRITE_CONSULTATIONS)
        saved = self._s._read(lambda c: fetch_all(
            c, "SELECT name, complaint, assessment, intervention, plan FROM note_templates "
            "ORDER BY name"))
        return [dict(t) for t in SEED_TEMPLATES] + saved

    def save_template(self, name: str, fields: dict[str, str]) -> None:
        self._s.require(Permission.WRITE_CONSULTATIONS)
        if not name.strip():
            raise InvalidInput("reason_required")
        values = {"name": name.strip(), **{k: fields.get(k, "") for k in
                                           ("complaint", "assessment", "intervention", "plan")}}
        self._s._write("note_template_saved", lambda c: insert_record(
            c, "note_templates", values, site_id=self._s.site.id), target_kind="template")


def timeline_entries(conn: Connection, resident_id: str) -> list[timeline.TimelineEntry]:
    rows = fetch_all(conn, "SELECT id, started_at, mode, duration_min, status, "
                     "counsellor_name, subject_kind FROM consultations WHERE (resident_id = :r "
                     f"OR participants LIKE :p) AND {NOT_EMPTY_DRAFT_SQL}", r=resident_id,
                     p=f'%"{resident_id}"%')
    out = []
    for r in rows:
        mode_zh, mode_en = LABELS["mode"][r["mode"]]
        draft = r["status"] == "draft"
        out.append(timeline.TimelineEntry(
            at=r["started_at"], kind="consultation",
            title_zh=f"心理咨询（{mode_zh}，{r['duration_min']} 分钟）" + ("（草稿）" if draft
                                                                      else ""),
            title_en=f"Consultation ({mode_en}, {r['duration_min']} min)" + (" (draft)" if draft
                                                                         else ""),
            actor_name=r["counsellor_name"], record_kind="consultation", record_id=r["id"]))
    return out


def merge_records(conn: Connection, old: str, new: str) -> None:
    conn.exec_driver_sql("UPDATE consultations SET resident_id = ? WHERE resident_id = ?",
                         (new, old))


def erase_records(conn: Connection, resident_id: str) -> None:
    ids = [r[0] for r in conn.exec_driver_sql(
        "SELECT id FROM consultations WHERE resident_id = ?", (resident_id,))]
    for cid in ids:
        for table, col in (("private_notes", "consultation_id"),
                           ("consultation_addenda", "consultation_id"), ("consultations", "id")):
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE {col} = ?", (cid,))
