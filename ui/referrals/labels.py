"""The core's referral label tables, re-exported for the screens."""

from __future__ import annotations

from psyroom.referrals.model import INSTITUTION_KINDS, SOURCES, STATUSES, URGENCY

__all__ = ["INSTITUTION_KINDS", "SOURCES", "STATUSES", "URGENCY"]
