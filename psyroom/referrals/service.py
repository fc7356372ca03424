"""The referral service: create, issue (the slip), receipt, feedback, close or cancel.

Every step checks its permission first and the workflow second; a step the workflow does not
allow is refused here, whatever a screen offers. A referral made at another site (a room's,
seen at the office) is never edited here: a receipt recorded for it becomes a note beside it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from psyroom import ownership
from psyroom.clock import utc_now_iso
from psyroom.errors import InvalidInput
from psyroom.records import fetch_all, fetch_one, insert_record, update_record
from psyroom.referrals import codes, queries, rules
from psyroom.referrals.model import (
    Referral,
    ReferralInput,
    ReferralNote,
    VerifyResult,
)
from psyroom.referrals.slip import slip_fields
from psyroom.security.roles import Permission

if TYPE_CHECKING:
    from psyroom.session import Session

# ``Referrals.list`` hides the builtin inside the class body.
ReferralList = list[Referral]
NoteList = list[ReferralNote]

SOURCE_TABLES = {"consultation": "consultations", "crisis": "crisis_events",
                 "followup": "followups"}


def _as_input(row: dict[str, Any]) -> ReferralInput:
    return ReferralInput(
        resident_id=row["resident_id"], institution_id=row["institution_id"],
        reason=row["reason"], urgency=row["urgency"], source_kind=row["source_kind"],
        source_id=row["source_id"], consent_by=row["consent_by"],
        consent_scope=row["consent_scope"] or "", consent_date=row["consent_date"],
        no_consent_reason=row["no_consent_reason"] or "")


def _values(data: ReferralInput) -> dict[str, Any]:
    return {"resident_id": data.resident_id, "institution_id": data.institution_id,
            "reason": data.reason.strip(), "urgency": data.urgency,
            "source_kind": data.source_kind, "source_id": data.source_id,
            "consent_by": data.consent_by, "consent_scope": data.consent_scope.strip(),
            "consent_date": data.consent_date,
            "no_consent_reason": data.no_consent_reason.strip() or None}


def _check_links(conn: Connection, data: ReferralInput) -> None:
    if fetch_one(conn, "SELECT id FROM residents WHERE id = :i AND merged_into IS NULL",
                 i=data.resident_id) is None:
        raise InvalidInput("resident_unknown")
    if fetch_one(conn, "SELECT id FROM institutions WHERE id = :i",
                 i=data.institution_id) is None:
        raise InvalidInput("institution_unknown")
    table = SOURCE_TABLES.get(data.source_kind)
    if table is not None:
        source = fetch_one(conn, f"SELECT resident_id FROM {table} WHERE id = :i",
                           i=data.source_id)
        if source is None or source["resident_id"] != data.resident_id:
            raise InvalidInput("referral_invalid", field="source_id")


def _checked(wanted: str, row: dict[str, Any], fields: dict[str, str], *,
             room_code: str | None = None, bundle_upto: str | None = None) -> VerifyResult:
    """A code that matched: genuine unless the referral was cancelled since."""
    genuine = row["status"] != "cancelled"
    return VerifyResult(genuine, "ok" if genuine else "cancelled", wanted, row["status"],
                        fields, room_code=room_code, bundle_upto=bundle_upto)


class Referrals:
    def __init__(self, session: Session) -> None:
        self._s = session

    # -- reading -------------------------------------------------------------------------
    def _load(self, conn: Connection, referral_id: str) -> dict[str, Any]:
        row = queries.one(conn, referral_id)
        if row is None:
            raise InvalidInput("referral_unknown")
        return row

    def _referral(self, conn: Connection, row: dict[str, Any], today: date) -> Referral:
        late = rules.is_overdue(row["status"], row["issued_on"], today,
                                queries.overdue_days(conn))
        return Referral.from_row(row, overdue=late)

    def get(self, referral_id: str, *, today: date | None = None) -> Referral:
        self._s.require(Permission.READ_REFERRALS)
        day = today or date.today()
        return self._s._write("referral_viewed", lambda c: self._referral(
            c, self._load(c, referral_id), day), target_kind="referral", target_id=referral_id)

    def find_serial(self, serial: str) -> Referral:
        self._s.require(Permission.READ_REFERRALS)

        def work(conn: Connection) -> Referral:
            row = queries.by_serial(conn, serial)
            if row is None:
                raise InvalidInput("referral_unknown")
            return self._referral(conn, row, date.today())

        return self._s._write("referral_viewed", work, target_kind="referral")

    def list(self, *, status: str | None = None, resident_id: str | None = None,
             today: date | None = None) -> ReferralList:
        self._s.require(Permission.READ_REFERRALS)
        if status is not None and status not in rules.TRANSITIONS:
            raise InvalidInput("referral_invalid", field="status")
        day = today or date.today()

        def work(conn: Connection) -> ReferralList:
            return [self._referral(conn, r, day)
                    for r in queries.listed(conn, status=status, resident_id=resident_id)]

        return self._s._write("referrals_listed", work, target_kind="resident" if resident_id
                              else None, target_id=resident_id, detail={"status": status})

    def overdue(self, today: date | None = None) -> ReferralList:
        self._s.require(Permission.READ_REFERRALS)
        day = today or date.today()
        return self._s._read(lambda c: [Referral.from_row(r, overdue=True)
                                        for r in queries.overdue_rows(c, day)])

    def urgent_not_issued(self) -> ReferralList:
        self._s.require(Permission.READ_REFERRALS)
        return self._s._read(lambda c: [Referral.from_row(r)
                                        for r in queries.urgent_unissued_rows(c)])

    def notes(self, referral_id: str) -> NoteList:
        self._s.require(Permission.READ_REFERRALS)
        rows = self._s._read(lambda c: fetch_all(
            c, "SELECT * FROM referral_notes WHERE referral_id = :i ORDER BY created_at",
            i=referral_id))
        return [ReferralNote(id=r["id"], referral_id=r["referral_id"], kind=r["kind"],
                             received_on=r["received_on"], receiver=r["receiver"],
                             text=r["text"], author_name=r["author_name"],
                             created_at=r["created_at"]) for r in rows]

    # -- the draft -----------------------------------------------------------------------
    def create(self, data: ReferralInput) -> Referral:
        self._s.require(Permission.CREATE_REFERRALS)
        rules.check_input(data)
        site, user = self._s.site, self._s.user

        def work(conn: Connection) -> Referral:
            ownership.check_residents(conn, site, [data.resident_id])
            _check_links(conn, data)
            serial = queries.next_serial(conn, site.code, date.today().year)
            rid = insert_record(conn, "referrals", {
                **_values(data), "serial": serial, "status": "draft",
                "created_by_id": user.id, "created_by_name": user.display_name},
                site_id=site.id)
            return Referral.from_row(self._load(conn, rid))

        return self._s._write("referral_created", work, target_kind="referral",
                              detail={"urgency": data.urgency, "source": data.source_kind})

    def update_draft(self, referral_id: str, data: ReferralInput) -> Referral:
        self._s.require(Permission.CREATE_REFERRALS)
        rules.check_input(data)

        def work(conn: Connection) -> Referral:
            row = self._own(conn, referral_id)
            if row["status"] != "draft":
                rules.refuse(row["status"], "edited")
            if data.resident_id != row["resident_id"]:
                raise InvalidInput("referral_invalid", field="resident")
            _check_links(conn, data)
            update_record(conn, "referrals", referral_id, _values(data))
            return Referral.from_row(self._load(conn, referral_id))

        return self._s._write("referral_edited", work, target_kind="referral",
                              target_id=referral_id)

    def _own(self, conn: Connection, referral_id: str) -> dict[str, Any]:
        """This site's referral, to change; another site's is only ever annotated."""
        row = self._load(conn, referral_id)
        ownership.check_record(conn, self._s.site, "referrals", referral_id)
        if row["origin_site"] != self._s.site.id:
            rules.refuse(row["status"], "edited")
        return row

    # -- issuing and the slip ------------------------------------------------------------
    def issue(self, referral_id: str) -> Referral:
        """Check consent, freeze what the slip prints and sign it with the site's secret."""
        self._s.require(Permission.ISSUE_REFERRALS)
        site, user = self._s.site, self._s.user
        today = date.today()

        def work(conn: Connection) -> Referral:
            row = self._own(conn, referral_id)
            rules.check_step(row["status"], "issued")
            data = _as_input(row)
            person = fetch_one(conn, "SELECT * FROM residents WHERE id = :i",
                               i=row["resident_id"])
            if person is None:
                raise InvalidInput("resident_unknown")
            age = rules.age_on(person["birth_date"], today)
            in_crisis = data.source_kind == "crisis" or fetch_one(
                conn, "SELECT id FROM crisis_events WHERE resident_id = :r AND status = 'open'",
                r=row["resident_id"]) is not None
            under_guardian = bool(person["smd_registered"] and person["smd_guardian"])
            rules.check_can_issue(data, in_crisis=in_crisis, needs_guardian=under_guardian
                                  or (age is not None and age < 18))
            institution = fetch_one(conn, "SELECT * FROM institutions WHERE id = :i",
                                    i=row["institution_id"])
            assert institution is not None  # checked when the draft was saved
            fields = slip_fields(
                serial=row["serial"], issued_on=today, site_code=site.code,
                site_name=site.name, site_address=queries.meta_value(
                    conn, queries.SITE_ADDRESS_KEY) or "",
                site_phone=queries.meta_value(conn, queries.SITE_PHONE_KEY) or "",
                resident=person, age=age, referral=row, institution=institution,
                worker=user.display_name)
            secret = codes.site_secret(conn, create=True)
            assert secret is not None
            update_record(conn, "referrals", referral_id, {
                "status": "issued", "issued_at": utc_now_iso(), "issued_on": today.isoformat(),
                "issued_by_name": user.display_name,
                "slip_fields": json.dumps(fields, ensure_ascii=False),
                "verify_code": codes.make_code(secret, fields)})
            return Referral.from_row(self._load(conn, referral_id))

        return self._s._write("referral_issued", work, target_kind="referral",
                              target_id=referral_id)

    def write_slip(self, referral_id: str, out: Path) -> Path:
        """The three-part A4 slip, written atomically where the user chose."""
        self._s.require(Permission.ISSUE_REFERRALS)
        from psyroom.referrals.slip import write_slip_pdf

        row = self._s._read(lambda c: self._load(c, referral_id))
        if row["status"] == "draft" or not row["slip_fields"]:
            raise InvalidInput("referral_not_issued")
        fields = json.loads(row["slip_fields"])
        path = write_slip_pdf(out, fields, row["verify_code"])
        self._s._audit_only("referral_printed", target_kind="referral", target_id=referral_id,
                            detail={"serial": row["serial"]})
        return path

    def verify(self, serial: str, code: str) -> VerifyResult:
        """Is a slip with this serial and code one this site issued (at the office: one of its
        rooms, as far as their imported bundles tell), and what did it say?"""
        self._s.require(Permission.READ_REFERRALS)
        wanted = serial.strip().upper()

        def work(conn: Connection) -> VerifyResult:
            row = queries.by_serial(conn, wanted)
            if row is not None and row["origin_site"] == self._s.site.id:
                return self._verify_own(conn, row, wanted, code)
            if self._s.site.kind == "office":
                return self._verify_rooms(conn, row, wanted, code)
            if row is None:
                return VerifyResult(False, "unknown_serial", wanted)
            # Only the issuing room holds the secret its codes are made with.
            return VerifyResult(False, "other_site", wanted, row["status"])

        result = self._s._read(work)
        self._s._audit_only("referral_verified", target_kind="referral",
                            detail={"serial": wanted, "result": result.reason})
        return result

    def _verify_own(self, conn: Connection, row: dict[str, Any], wanted: str,
                    code: str) -> VerifyResult:
        if not row["slip_fields"] or not row["verify_code"]:
            return VerifyResult(False, "not_issued", wanted, row["status"])
        fields = json.loads(row["slip_fields"])
        secret = codes.site_secret(conn, create=False)
        # Recomputed, not just compared with the stored code: an edited snapshot fails.
        expected = codes.make_code(secret, fields) if secret else ""
        if not (secret and codes.codes_match(expected, code)
                and codes.codes_match(row["verify_code"], code)):
            return VerifyResult(False, "code_mismatch", wanted, row["status"])
        return _checked(wanted, row, fields)

    def _verify_rooms(self, conn: Connection, row: dict[str, Any] | None, wanted: str,
                      code: str) -> VerifyResult:
        """At the office: a slip one of its rooms printed, checked against the code that room
        recorded when it issued the slip, as it arrived in the room's signed bundle. The
        office never holds a room's secret, so it can check a code but never make one."""
        room = queries.room_of_serial(conn, wanted, row["origin_site"] if row else None)
        if room is None:
            return VerifyResult(False, "unknown_room" if row is None else "other_site",
                                wanted, row["status"] if row else None)
        code_of_room, upto = room["code"], room["last_period_end"]
        if row is None or not row["slip_fields"] or not row["verify_code"]:
            return VerifyResult(False, "not_in_bundles", wanted, row["status"] if row else None,
                                room_code=code_of_room, bundle_upto=upto)
        fields = json.loads(row["slip_fields"])
        if fields.get("serial") != row["serial"] or not codes.codes_match(
                row["verify_code"], code):
            return VerifyResult(False, "code_mismatch", wanted, row["status"],
                                room_code=code_of_room, bundle_upto=upto)
        return _checked(wanted, row, fields, room_code=code_of_room, bundle_upto=upto)

    # -- after the slip went out ---------------------------------------------------------
    def _note(self, conn: Connection, row: dict[str, Any], kind: str, *,
              received_on: str | None = None, receiver: str | None = None,
              text: str = "") -> str:
        values = {"referral_id": row["id"], "kind": kind, "received_on": received_on,
                  "receiver": receiver, "text": text,
                  "author_name": self._s.user.display_name}
        note_id = insert_record(conn, "referral_notes", values, site_id=self._s.site.id)
        if self._s.site.kind == "office":
            # The room's referral is never edited here: the note goes down to the room in its
            # next downlink and is kept there beside the referral, under the same id.
            from psyroom.sync.downlink import add_note

            add_note(conn, site_id=row["origin_site"], kind="referral_note",
                     ref_id=row["id"], body={**values, "id": note_id})
        return note_id

    def record_receipt(self, referral_id: str, *, received_on: str, receiver: str) -> None:
        self._s.require(Permission.RECORD_REFERRAL_RECEIPTS)
        rules.check_day(received_on, "received_on")
        if not receiver.strip() or len(receiver) > 100:
            raise InvalidInput("referral_invalid", field="receiver")

        def work(conn: Connection) -> None:
            row = self._load(conn, referral_id)
            if row["origin_site"] != self._s.site.id:
                self._note(conn, row, "receipt", received_on=received_on,
                           receiver=receiver.strip())
                return
            rules.check_step(row["status"], "received")
            if row["issued_on"] and received_on < row["issued_on"]:
                raise InvalidInput("referral_invalid", field="received_on")
            update_record(conn, "referrals", referral_id, {
                "status": "received", "received_on": received_on,
                "receiver": receiver.strip()})

        self._s._write("referral_receipt_recorded", work, target_kind="referral",
                       target_id=referral_id)

    def record_feedback(self, referral_id: str, *, feedback: str, on: str) -> None:
        self._s.require(Permission.RECORD_REFERRAL_RECEIPTS)
        rules.check_day(on, "feedback_on")
        if not feedback.strip() or len(feedback) > rules.MAX_TEXT:
            raise InvalidInput("referral_invalid", field="feedback")

        def work(conn: Connection) -> None:
            row = self._load(conn, referral_id)
            if row["origin_site"] != self._s.site.id:
                self._note(conn, row, "feedback", received_on=on, text=feedback.strip())
                return
            rules.check_step(row["status"], "feedback")
            update_record(conn, "referrals", referral_id, {
                "status": "feedback", "feedback": feedback.strip(), "feedback_on": on})

        self._s._write("referral_feedback_recorded", work, target_kind="referral",
                       target_id=referral_id)

    def close(self, referral_id: str) -> None:
        self._s.require(Permission.ISSUE_REFERRALS)

        def work(conn: Connection) -> None:
            row = self._own(conn, referral_id)
            rules.check_step(row["status"], "closed")
            update_record(conn, "referrals", referral_id, {"status": "closed",
                                                           "closed_at": utc_now_iso()})

        self._s._write("referral_closed", work, target_kind="referral", target_id=referral_id)

    def cancel(self, referral_id: str, *, reason: str) -> None:
        self._s.require(Permission.CANCEL_REFERRALS)
        if not reason.strip():
            raise InvalidInput("reason_required")

        def work(conn: Connection) -> None:
            row = self._own(conn, referral_id)
            rules.check_step(row["status"], "cancelled")
            update_record(conn, "referrals", referral_id, {
                "status": "cancelled", "cancelled_at": utc_now_iso(),
                "cancel_reason": reason.strip()})

        self._s._write("referral_cancelled", work, target_kind="referral",
                       target_id=referral_id)

    # -- the site's referral settings ----------------------------------------------------
    def settings(self) -> dict[str, Any]:
        """Where receipts go back to (printed on the slip) and when one is overdue."""
        self._s.require(Permission.READ_REFERRALS)
        return self._s._read(lambda c: {
            "address": queries.meta_value(c, queries.SITE_ADDRESS_KEY) or "",
            "phone": queries.meta_value(c, queries.SITE_PHONE_KEY) or "",
            "overdue_days": queries.overdue_days(c)})

    def save_settings(self, *, address: str, phone: str, overdue_days: int) -> None:
        self._s.require(Permission.CHANGE_SETTINGS)
        if len(address.strip()) > rules.SITE_LIMITS["address"]:
            raise InvalidInput("referral_setting_invalid", field="address")
        if len(phone.strip()) > rules.SITE_LIMITS["phone"]:
            raise InvalidInput("referral_setting_invalid", field="phone")
        if not 1 <= overdue_days <= 365:
            raise InvalidInput("referral_setting_invalid", field="overdue_days")

        def work(conn: Connection) -> None:
            queries.set_meta(conn, queries.SITE_ADDRESS_KEY, address.strip())
            queries.set_meta(conn, queries.SITE_PHONE_KEY, phone.strip())
            queries.set_meta(conn, queries.OVERDUE_DAYS_KEY, str(overdue_days))

        self._s._write("referral_settings_changed", work,
                       detail={"overdue_days": overdue_days})

