"""Call recipes for the referral and institution-directory methods (see the package doc)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from tempfile import gettempdir

from psyroom.referrals.model import InstitutionInput, ReferralInput
from psyroom.session import Session

MISSING = "00000000-0000-0000-0000-000000000000"
_DRAFT = ReferralInput(resident_id=MISSING, institution_id=MISSING, reason="x")
_PLACE = InstitutionInput(name="x", kind="other")

CALLS: dict[str, Callable[[Session], object]] = {
    "Referrals.get": lambda s: s.referrals.get(MISSING),
    "Referrals.find_serial": lambda s: s.referrals.find_serial("NONE-2026-0001"),
    "Referrals.list": lambda s: s.referrals.list(),
    "Referrals.overdue": lambda s: s.referrals.overdue(),
    "Referrals.urgent_not_issued": lambda s: s.referrals.urgent_not_issued(),
    "Referrals.notes": lambda s: s.referrals.notes(MISSING),
    "Referrals.verify": lambda s: s.referrals.verify("NONE-2026-0001", "AAAAAAAA"),
    "Referrals.settings": lambda s: s.referrals.settings(),
    "Referrals.create": lambda s: s.referrals.create(_DRAFT),
    "Referrals.update_draft": lambda s: s.referrals.update_draft(MISSING, _DRAFT),
    "Referrals.issue": lambda s: s.referrals.issue(MISSING),
    # A missing referral fails before anything is written, so the path is never used.
    "Referrals.write_slip": lambda s: s.referrals.write_slip(
        MISSING, Path(gettempdir()) / "never-written.pdf"),
    "Referrals.close": lambda s: s.referrals.close(MISSING),
    "Referrals.record_receipt": lambda s: s.referrals.record_receipt(
        MISSING, received_on="2026-01-01", receiver="x"),
    "Referrals.record_feedback": lambda s: s.referrals.record_feedback(
        MISSING, feedback="x", on="2026-01-01"),
    "Referrals.cancel": lambda s: s.referrals.cancel(MISSING, reason="x"),
    "Referrals.save_settings": lambda s: s.referrals.save_settings(
        address="", phone="", overdue_days=14),
    "Institutions.list": lambda s: s.institutions.list(),
    "Institutions.get": lambda s: s.institutions.get(MISSING),
    "Institutions.add": lambda s: s.institutions.add(_PLACE),
    "Institutions.update": lambda s: s.institutions.update(MISSING, _PLACE),
}
