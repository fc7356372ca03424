"""A referral in words, for the list page's detail box and the archive's timeline."""

from __future__ import annotations

from psyroom.referrals.model import Referral, ReferralNote
from ui.counselling.labels import english, text_of
from ui.qt import QCoreApplication
from ui.referrals.labels import STATUSES, URGENCY


def describe(r: Referral) -> str:
    tr = QCoreApplication
    sep = ": " if english() else "："
    lines = [f"{r.serial} · {r.resident_name} → {r.institution_name} · "
             f"{text_of(URGENCY, r.urgency)} · {text_of(STATUSES, r.status)}",
             tr.translate("ReferralText", "Reason") + sep + r.reason]
    if r.consent_by:
        lines.append(tr.translate("ReferralText", "Consent") + sep
                     + f"{r.consent_date} · {r.consent_scope}")
    elif r.no_consent_reason:
        lines.append(tr.translate("ReferralText", "No consent because") + sep
                     + r.no_consent_reason)
    if r.received_on:
        lines.append(tr.translate("ReferralText", "Received") + sep
                     + f"{r.received_on} · {r.receiver}")
    if r.feedback:
        lines.append(tr.translate("ReferralText", "Feedback") + sep
                     + f"{r.feedback_on} · {r.feedback}")
    if r.cancel_reason:
        lines.append(tr.translate("ReferralText", "Cancelled") + sep + r.cancel_reason)
    return "\n".join(lines)


def describe_notes(notes: list[ReferralNote]) -> str:
    """The office's notes: shown beside the referral, never merged into it."""
    if not notes:
        return ""
    tr = QCoreApplication
    out = [tr.translate("ReferralText",
                        "Notes from the street office (not part of this record):")]
    for n in notes:
        what = (tr.translate("ReferralText", "receipt: received on %1 by %2").replace(
            "%1", n.received_on or "").replace("%2", n.receiver or "")
            if n.kind == "receipt" else n.text)
        out.append(f"· {what} ({n.author_name})")
    return "\n".join(out)
