"""The referral's workflow, the consent rule and the overdue rule: plain functions, no I/O."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NoReturn

from psyroom.errors import MESSAGES, InvalidInput
from psyroom.referrals.model import (
    CONSENT_BY,
    SOURCES,
    STATUSES,
    URGENCY,
    ReferralInput,
)

# draft → issued → received → feedback → closed; cancelled from draft or issued. A receipt
# that never brings a finding may still be closed.
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"issued", "cancelled"}),
    "issued": frozenset({"received", "cancelled"}),
    "received": frozenset({"feedback", "closed"}),
    "feedback": frozenset({"closed"}),
    "closed": frozenset(),
    "cancelled": frozenset(),
}
STEP_WORDS = {"issued": ("开具", "issued"), "received": ("登记回执", "marked received"),
              "feedback": ("登记反馈", "given feedback"), "closed": ("结案", "closed"),
              "cancelled": ("作废", "cancelled"), "edited": ("修改", "edited")}
MAX_TEXT = 2000
# What the slip prints in full (the 转介联 gives the reason four lines, the consent three):
# a longer text would be cut on paper while the verification code covers all of it.
SLIP_LIMITS = {"reason": 150, "consent_scope": 80, "no_consent_reason": 80}
# The room's address and phone, printed on one line where the receipt goes back to.
SITE_LIMITS = {"address": 36, "phone": 20}
FIELD_WORDS = {"reason": ("转介原因", "The reason"),
               "consent_scope": ("同意提供的信息", "What may be shared"),
               "no_consent_reason": ("未取得同意的原因", "The reason for no consent")}


class StepRefused(InvalidInput):
    """Names the state and the step in the reader's language (the params are codes)."""

    def __init__(self, current: str, step: str) -> None:
        self.current, self.step = current, step
        super().__init__("referral_step_refused", status=current, step=step)

    def message(self, language: str = "zh_CN") -> str:
        zh, en = MESSAGES["referral_step_refused"]
        i = 1 if language.startswith("en") else 0
        return (en if i else zh).format(status=STATUSES[self.current][i],
                                        step=STEP_WORDS[self.step][i])


class TooLongForSlip(InvalidInput):
    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__("referral_too_long", limit=SLIP_LIMITS[field])

    def message(self, language: str = "zh_CN") -> str:
        zh, en = MESSAGES["referral_too_long"]
        i = 1 if language.startswith("en") else 0
        return (en if i else zh).format(what=FIELD_WORDS[self.field][i],
                                        limit=SLIP_LIMITS[self.field])


def refuse(current: str, step: str) -> NoReturn:
    raise StepRefused(current, step)


def check_step(current: str, target: str) -> None:
    """Refuse any step the workflow does not allow, with both ends named."""
    if target not in TRANSITIONS.get(current, frozenset()):
        refuse(current, target)


def check_day(value: str | None, field: str) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("referral_invalid", field=field) from None


def check_input(data: ReferralInput) -> None:
    for name, limit in SLIP_LIMITS.items():
        if len(getattr(data, name).strip()) > limit:
            raise TooLongForSlip(name)
    for name, ok in (("reason", bool(data.reason.strip())),
                     ("urgency", data.urgency in URGENCY),
                     ("source_kind", data.source_kind in SOURCES),
                     ("source_id", (data.source_kind == "resident") == (not data.source_id)),
                     ("consent_by", data.consent_by is None or data.consent_by in CONSENT_BY),
                     ("institution", bool(data.institution_id))):
        if not ok:
            raise InvalidInput("referral_invalid", field=name)
    check_day(data.consent_date, "consent_date")


def has_consent(data: ReferralInput) -> bool:
    return (data.consent_by is not None and bool(data.consent_scope.strip())
            and data.consent_date is not None)


def check_can_issue(data: ReferralInput, *, in_crisis: bool, needs_guardian: bool) -> None:
    """Consent first; the one exception is an urgent referral during a crisis, with a reason.
    A minor, or a patient under guardianship, consents through the guardian."""
    if has_consent(data):
        if needs_guardian and data.consent_by != "guardian":
            raise InvalidInput("referral_guardian_consent")
        return
    if data.urgency == "urgent" and in_crisis and data.no_consent_reason.strip():
        return
    raise InvalidInput("referral_needs_consent")


def age_on(birth_date: str | None, day: date) -> int | None:
    if not birth_date:
        return None
    try:
        # Only the month is known for some people (an import said 1968-03).
        born = date.fromisoformat(birth_date if len(birth_date) > 7 else birth_date + "-01")
    except ValueError:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_overdue(status: str, issued_on: str | None, today: date, days: int) -> bool:
    """Issued, no receipt yet, and more than ``days`` days since the slip went out."""
    if status != "issued" or not issued_on:
        return False
    return date.fromisoformat(issued_on) + timedelta(days=days) < today


def overdue_cutoff(today: date, days: int) -> str:
    """Issued before this day (exclusive) means overdue today."""
    return (today - timedelta(days=days)).isoformat()
