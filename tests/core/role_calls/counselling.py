"""Recipes for consultations, scales, crises, follow-ups and activities."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from psyroom.session import Session

NONE = cast(Any, None)  # an input the method rejects only after its permission check

CALLS: dict[str, Callable[[Session], object]] = {
    "Consultations.start_draft": lambda s: s.consultations.start_draft(NONE),
    "Consultations.save_draft": lambda s: s.consultations.save_draft("missing", NONE),
    "Consultations.sign": lambda s: s.consultations.sign("missing"),
    "Consultations.add_addendum": lambda s: s.consultations.add_addendum("missing", ""),
    "Consultations.discard_draft": lambda s: s.consultations.discard_draft("missing"),
    "Consultations.save_private_note": lambda s: s.consultations.save_private_note(
        "missing", "x"),
    "Consultations.private_note": lambda s: s.consultations.private_note("missing"),
    "Consultations.get": lambda s: s.consultations.get("missing"),
    "Consultations.for_resident": lambda s: s.consultations.for_resident("missing"),
    "Consultations.my_drafts": lambda s: s.consultations.my_drafts(),
    "Consultations.templates": lambda s: s.consultations.templates(),
    "Consultations.save_template": lambda s: s.consultations.save_template("", {}),
    "Assessments.preview": lambda s: s.assessments.preview("no-such-scale", []),
    "Assessments.record": lambda s: s.assessments.record("missing", "no-such-scale", []),
    "Assessments.for_resident": lambda s: s.assessments.for_resident("missing"),
    "Assessments.series": lambda s: s.assessments.series("missing"),
    "Crises.record": lambda s: s.crises.record(NONE),
    "Crises.close": lambda s: s.crises.close("missing", reason=""),
    "Crises.open_crises": lambda s: s.crises.open_crises(),
    "Crises.for_resident": lambda s: s.crises.for_resident("missing"),
    # Follow-ups: role_calls/followups.py
    "Activities.record": lambda s: s.activities.record(NONE),
    "Activities.between": lambda s: s.activities.between("2026-01-01", "2026-02-01"),
    "Activities.awareness": lambda s: s.activities.awareness("2026-01-01", "2026-02-01"),
}
