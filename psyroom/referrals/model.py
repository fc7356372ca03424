"""The referral's words and shapes: kinds of institution, urgency, status, who consented."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

INSTITUTION_KINDS = {
    "mental_hospital": ("精神卫生医疗机构", "Mental health hospital"),
    "general_hospital": ("综合医院心理门诊", "General hospital psychology clinic"),
    "community_health": ("社区卫生服务中心", "Community health centre"),
    "justice": ("司法所", "Justice office"),
    "civil_affairs": ("民政", "Civil affairs"),
    "disability": ("残联", "Disabled persons' federation"),
    "school": ("学校", "School"),
    "other": ("其他", "Other"),
}
URGENCY = {"routine": ("常规", "Routine"), "urgent": ("紧急", "Urgent")}
STATUSES = {
    "draft": ("草稿", "Draft"),
    "issued": ("已开具", "Issued"),
    "received": ("已接收", "Received"),
    "feedback": ("已反馈", "Feedback received"),
    "closed": ("已结案", "Closed"),
    "cancelled": ("已作废", "Cancelled"),
}
# What a referral was started from; the id of that record is kept beside it.
SOURCES = {
    "resident": ("居民档案", "Resident archive"),
    "consultation": ("心理咨询", "Consultation"),
    "crisis": ("危机干预", "Crisis intervention"),
    "followup": ("随访处置", "Follow-up action"),
}
CONSENT_BY = {"resident": ("本人", "The resident"), "guardian": ("监护人", "The guardian")}
DEFAULT_OVERDUE_DAYS = 14


def text(table: dict[str, tuple[str, str]], code: str | None, language: str) -> str:
    pair = table.get(code or "")
    if pair is None:
        return code or ""
    return pair[1] if language == "en" else pair[0]


@dataclass(frozen=True)
class InstitutionInput:
    name: str
    kind: str
    address: str = ""
    phone: str = ""
    contact_person: str = ""
    active: bool = True


@dataclass(frozen=True)
class Institution:
    id: str
    name: str
    kind: str
    address: str
    phone: str
    contact_person: str
    source: str
    active: bool
    read_only: bool  # made elsewhere (the office): shown, never edited here

    @classmethod
    def from_row(cls, row: dict[str, Any], site_id: str) -> Institution:
        return cls(id=row["id"], name=row["name"], kind=row["kind"], address=row["address"],
                   phone=row["phone"], contact_person=row["contact_person"],
                   source=row["source"], active=bool(row["active"]),
                   read_only=row["origin_site"] != site_id)


@dataclass(frozen=True)
class ReferralInput:
    resident_id: str
    institution_id: str
    reason: str
    urgency: str = "routine"
    source_kind: str = "resident"
    source_id: str | None = None
    consent_by: str | None = None  # None: no consent recorded yet
    consent_scope: str = ""  # what may be shared with the institution
    consent_date: str | None = None  # YYYY-MM-DD
    no_consent_reason: str = ""  # only for an urgent referral during a crisis


@dataclass(frozen=True)
class Referral:
    id: str
    serial: str
    status: str
    resident_id: str
    resident_name: str
    institution_id: str
    institution_name: str
    reason: str
    urgency: str
    source_kind: str
    source_id: str | None
    consent_by: str | None
    consent_scope: str
    consent_date: str | None
    no_consent_reason: str
    created_at: str
    created_by_name: str
    issued_on: str | None
    issued_by_name: str | None
    verify_code: str | None
    received_on: str | None
    receiver: str | None
    feedback: str | None
    feedback_on: str | None
    cancel_reason: str | None
    origin_site: str
    overdue: bool = False

    @classmethod
    def from_row(cls, row: dict[str, Any], *, overdue: bool = False) -> Referral:
        return cls(
            id=row["id"], serial=row["serial"], status=row["status"],
            resident_id=row["resident_id"], resident_name=row.get("resident_name") or "",
            institution_id=row["institution_id"],
            institution_name=row.get("institution_name") or "", reason=row["reason"],
            urgency=row["urgency"], source_kind=row["source_kind"], source_id=row["source_id"],
            consent_by=row["consent_by"], consent_scope=row["consent_scope"] or "",
            consent_date=row["consent_date"], no_consent_reason=row["no_consent_reason"] or "",
            created_at=row["created_at"], created_by_name=row["created_by_name"],
            issued_on=row["issued_on"], issued_by_name=row["issued_by_name"],
            verify_code=row["verify_code"], received_on=row["received_on"],
            receiver=row["receiver"], feedback=row["feedback"], feedback_on=row["feedback_on"],
            cancel_reason=row["cancel_reason"], origin_site=row["origin_site"],
            overdue=overdue)


@dataclass(frozen=True)
class ReferralNote:
    """A receipt or remark recorded at the office; shown beside the referral, never merged."""

    id: str
    referral_id: str
    kind: str
    received_on: str | None
    receiver: str | None
    text: str
    author_name: str
    created_at: str


@dataclass(frozen=True)
class VerifyResult:
    genuine: bool
    # "ok", "unknown_serial", "not_issued", "other_site", "code_mismatch", "cancelled";
    # at the office also "unknown_room" (no room of this office has that serial's code) and
    # "not_in_bundles" (the room's imported bundles do not hold the slip yet).
    reason: str
    serial: str
    status: str | None = None
    fields: dict[str, str] | None = None
    # At the office: the room the serial belongs to, and the day its newest imported bundle
    # was made (a slip issued after that day cannot be checked until the next bundle).
    room_code: str | None = None
    bundle_upto: str | None = None
