"""Severe-mental-disorder follow-ups (随访) on 表1-8, the actions a dangerous one opens, and
the printed form, hand-off and due list."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from psyroom import ownership, timeline
from psyroom.clock import utc_now_iso
from psyroom.errors import InvalidInput
from psyroom.followups.form import CLASSES, RISK, VISIT_FORM
from psyroom.followups.model import Drug, FollowupInput, to_row, validate
from psyroom.followups.rules import needs_action, next_followup_date
from psyroom.records import fetch_all, fetch_one, insert_record, update_record
from psyroom.residents import repository as resident_repo
from psyroom.security.roles import Permission

if TYPE_CHECKING:
    from psyroom.session import Session

__all__ = ["Drug", "FollowupInput", "Followups"]


def period(start: str, end: str) -> tuple[str, str]:
    try:
        a, b = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError:
        raise InvalidInput("followup_bad_period") from None
    if a > b:
        raise InvalidInput("followup_bad_period")
    return a.isoformat(), b.isoformat()


def linked_referral(conn: Connection, referral_id: str, resident_id: str) -> dict[str, Any]:
    """The referral a follow-up's 是否转诊 links to: the same resident's, and not cancelled."""
    row = fetch_one(conn, "SELECT r.id, r.resident_id, r.reason, r.status, r.serial, "
                    "i.name AS institution_name FROM referrals r LEFT JOIN institutions i ON "
                    "i.id = r.institution_id WHERE r.id = :i", i=referral_id)
    if row is None or row["resident_id"] != resident_id:
        raise InvalidInput("referral_unknown")
    if row["status"] == "cancelled":
        raise InvalidInput("followup_referral_cancelled")
    return row


# The archives whose latest follow-up recorded a reason for loss (若失访原因) and are still
# marked at home: what record() would have made them (the demo writes rows in bulk).
MARK_LOST_SQL = (
    "UPDATE residents SET status = 'lost', version = version + 1 WHERE status = 'active' AND "
    "smd_registered = 1 AND (SELECT f.lost_reason FROM followups f WHERE f.resident_id = "
    "residents.id ORDER BY f.followup_date DESC, f.created_at DESC LIMIT 1) IS NOT NULL")


def _set_status(session: Session, conn: Connection, resident_id: str, status: str) -> None:
    update_record(conn, "residents", resident_id, {"status": status})
    resident_repo.add_history(
        conn, resident_id, "edited", site_id=session.site.id, actor_id=session.user.id,
        actor_name=session.user.username, detail={"fields": ["status"], "source": "followup"})


def status_after(current: str, data: FollowupInput) -> str:
    """The archive's status once this follow-up is recorded: a death marks it deceased; a
    visit that records why the patient is lost (若失访原因) marks it lost (失访); a visit that
    reaches a lost patient brings them back under management. Moved archives stay moved."""
    if data.deceased:
        return "deceased"
    if current == "active" and data.lost_reason is not None:
        return "lost"
    if current == "lost" and data.reached:
        return "active"
    return current


class Followups:
    def __init__(self, session: Session) -> None:
        self._s = session

    @staticmethod
    def proposed_next_date(class_code: int, visit: date) -> date:
        return next_followup_date(class_code, visit)

    def record(self, data: FollowupInput) -> str:
        self._s.require(Permission.RECORD_FOLLOWUPS)
        verdict, kept, nxt = validate(data)
        row = to_row(data, verdict, kept, nxt, recorded_by=self._s.user.display_name)
        row["action_required"] = needs_action(kept)

        def work(conn: Connection) -> str:
            res = fetch_one(conn, "SELECT smd_registered, status FROM residents WHERE id = :r",
                            r=data.resident_id)
            if res is None:
                raise InvalidInput("resident_unknown")
            ownership.check_residents(conn, self._s.site, [data.resident_id])
            if not res["smd_registered"]:
                raise InvalidInput("not_smd_patient")
            if res["status"] == "deceased":
                raise InvalidInput("followup_deceased")
            if data.referral_id is not None:
                ref = linked_referral(conn, data.referral_id, data.resident_id)
                # Reason and institution as the referral says, where the form left them empty.
                row["referral_reason"] = row["referral_reason"].strip() or ref["reason"]
                row["referral_institution"] = (row["referral_institution"].strip()
                                               or ref["institution_name"] or "")
            later = fetch_one(conn, "SELECT id FROM followups WHERE resident_id = :r AND "
                              "followup_date > :d LIMIT 1", r=data.resident_id,
                              d=data.followup_date)
            fid = insert_record(conn, "followups", row, site_id=self._s.site.id)
            # A visit typed in late, older than one on file, says nothing about today.
            status = status_after(res["status"], data) if later is None or data.deceased \
                else res["status"]
            if status != res["status"]:
                # A death ends the follow-ups (the archive leaves every due list); a loss
                # marks the archive 失访 until a visit reaches the patient again.
                _set_status(self._s, conn, data.resident_id, status)
                changed.append(status)
            return fid

        changed: list[str] = []
        fid = self._s._write("followup_recorded", work, target_kind="followup", detail={
            "risk_level": data.risk_level, "classification": kept,
            "rule_classification": verdict.code if verdict else None,
            "deceased": data.deceased, "action": row["action_required"]})
        if changed:
            self._s.residents._after_bulk_change([data.resident_id])
        return fid

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
            ownership.check_record(conn, self._s.site, "followups", followup_id)
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
        self._s.require(Permission.READ_RISK_RECORDS)
        return self._s._read(open_action_rows)

    def overdue(self, today: date | None = None) -> list[dict[str, Any]]:
        """Registered patients whose next follow-up date has passed (or who never had one)."""
        self._s.require(Permission.READ_RISK_RECORDS)
        day = today or date.today()
        return self._s._read(lambda c: overdue_rows(c, day))

    def for_resident(self, resident_id: str) -> list[dict[str, Any]]:
        self._s.require(Permission.READ_RISK_RECORDS)
        return self._s._write("followups_listed", lambda c: fetch_all(
            c, "SELECT * FROM followups WHERE resident_id = :r ORDER BY followup_date DESC",
            r=resident_id), target_kind="resident", target_id=resident_id)

    def listing(self, *, limit: int = 1000) -> list[dict[str, Any]]:
        """Newest first: id, resident, date, class, next date (``psyroom followup list``)."""
        self._s.require(Permission.READ_RISK_RECORDS)
        return self._s._write("followups_listed", lambda c: fetch_all(
            c, "SELECT f.id, f.resident_id, r.name AS resident_name, f.followup_date, "
            "f.classification, f.next_date, f.death_date FROM followups f JOIN residents r "
            "ON r.id = f.resident_id ORDER BY f.followup_date DESC, f.created_at DESC "
            "LIMIT :n", n=limit), target_kind="followup")

    def get(self, followup_id: str) -> dict[str, Any]:
        self._s.require(Permission.READ_RISK_RECORDS)

        def work(conn: Connection) -> dict[str, Any]:
            row = fetch_one(conn, "SELECT f.*, r.name AS resident_name, r.smd_national_id FROM "
                            "followups f JOIN residents r ON r.id = f.resident_id "
                            "WHERE f.id = :i", i=followup_id)
            if row is None:
                raise InvalidInput("record_unknown")
            return row

        return self._s._write("followup_opened", work, target_kind="followup",
                              target_id=followup_id)

    def print_form(self, followup_id: str | None, out: Path) -> Path:
        """表1-8 on A4 for the paper file; ``None`` prints a blank form for paper visits."""
        self._s.require(Permission.READ_RISK_RECORDS)
        from psyroom.followups.printout import write_form

        if followup_id is None:
            path = write_form(None, out)
            self._s._audit_only("followup_blank_printed", target_kind="followup")
            return path
        row = self._s._read(lambda c: fetch_one(
            c, "SELECT f.*, r.name AS resident_name, r.smd_national_id FROM followups f JOIN "
            "residents r ON r.id = f.resident_id WHERE f.id = :i", i=followup_id))
        if row is None:
            raise InvalidInput("record_unknown")
        path = write_form(row, out)
        self._s._audit_only("followup_printed", target_kind="followup", target_id=followup_id)
        return path

    def export(self, start: str, end: str, out: Path) -> int:
        """The hand-off to the national system: full ID numbers, so its own permission."""
        self._s.require(Permission.EXPORT_FOLLOWUPS)
        from psyroom.followups.export import HANDOFF_SQL, write_handoff

        first, last = period(start, end)
        rows = self._s._read(lambda c: fetch_all(c, HANDOFF_SQL, a=first, b=last))
        write_handoff(rows, out)
        self._s._audit_only("followups_exported", target_kind="followup", detail={
            "from": first, "to": last, "rows": len(rows)})
        return len(rows)

    def due(self, quarter: str, out: Path, *, today: date | None = None) -> int:
        """Who is due or overdue in a quarter, for the 精防 doctor's round."""
        self._s.require(Permission.EXPORT_FOLLOWUPS)
        from psyroom.followups.export import DUE_SQL, parse_quarter, write_due

        first, last = parse_quarter(quarter)
        rows = self._s._read(lambda c: fetch_all(c, DUE_SQL, b=last.isoformat()))
        n = write_due(rows, out, quarter=quarter, first=first, last=last,
                      today=today or date.today())
        self._s._audit_only("followups_due_exported", target_kind="followup",
                            detail={"quarter": quarter, "rows": n})
        return n


def summary(row: dict[str, Any]) -> tuple[str, str]:
    """One line for the timeline and the lists, in both languages."""
    if row.get("death_date"):
        return (f"严重精神障碍随访：死亡（{row['death_date']}）",
                f"SMD follow-up: died ({row['death_date']})")
    cls = CLASSES.get(row.get("classification") or 0, ("未分类", "unclassified"))
    how = VISIT_FORM.get(row.get("visit_form") or 0)
    risk = RISK.get(row["risk_level"]) if row.get("risk_level") is not None else None
    zh = "严重精神障碍随访" + (f"（{how[0]}）" if how else "") + "：" + (
        f"危险性 {risk[0]}，" if risk else "") + cls[0]
    en = "SMD follow-up" + (f" ({how[1].lower()})" if how else "") + ": " + (
        f"risk {risk[1].lower()}, " if risk else "") + cls[1].lower()
    if row.get("before_form"):
        zh, en = zh + "（录入于采用表1-8之前）", en + " (recorded before the form)"
    return zh, en


def open_action_rows(conn: Connection, _day: date | None = None) -> list[dict[str, Any]]:
    return fetch_all(
        conn, "SELECT f.*, r.name AS resident_name FROM followups f JOIN residents r ON "
        "r.id = f.resident_id WHERE f.action_required = 1 AND f.action_recorded_at IS NULL "
        # A death ends the follow-ups, and the actions they left open with them.
        "AND r.status != 'deceased' ORDER BY f.followup_date")


def overdue_rows(conn: Connection, day: date) -> list[dict[str, Any]]:
    return fetch_all(
        conn, "SELECT r.id AS resident_id, r.name AS resident_name, r.village, "
        "last.next_date AS due_date, last.followup_date AS last_date FROM residents r "
        "LEFT JOIN (SELECT resident_id, max(followup_date) AS followup_date, next_date "
        "FROM followups GROUP BY resident_id) last ON last.resident_id = r.id "
        "WHERE r.smd_registered = 1 AND r.status = 'active' AND r.merged_into IS NULL "
        "AND (last.next_date IS NULL OR last.next_date < :day) "
        "ORDER BY coalesce(last.next_date, r.smd_registered_on, '')", day=day.isoformat())


def timeline_entries(conn: Connection, resident_id: str) -> list[timeline.TimelineEntry]:
    out = []
    for r in fetch_all(conn, "SELECT * FROM followups WHERE resident_id = :r", r=resident_id):
        zh, en = summary(r)
        out.append(timeline.TimelineEntry(
            at=r["followup_date"], kind="followup", title_zh=zh, title_en=en,
            actor_name=r["recorded_by"], record_kind="followup", record_id=r["id"]))
    return out
