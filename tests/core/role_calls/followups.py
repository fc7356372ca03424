"""Role-call recipes for the follow-up service (表1-8, its printout and hand-offs)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from psyroom.followups.model import FollowupInput
from psyroom.session import Session


def _out(name: str) -> Path:
    # A throwaway folder per call: a permitted call really writes its file.
    return Path(tempfile.mkdtemp(prefix="psyroom-role-calls-")) / name


CALLS: dict[str, Callable[[Session], object]] = {
    "Followups.proposed_next_date": lambda s: s.followups.proposed_next_date(3, date(2026, 1, 1)),
    "Followups.record": lambda s: s.followups.record(FollowupInput(
        resident_id="missing", followup_date="2026-01-05", reached=False)),
    "Followups.record_action": lambda s: s.followups.record_action(
        "missing", referral="x", care_team="y"),
    "Followups.open_actions": lambda s: s.followups.open_actions(),
    "Followups.overdue": lambda s: s.followups.overdue(),
    "Followups.for_resident": lambda s: s.followups.for_resident("missing"),
    "Followups.listing": lambda s: s.followups.listing(limit=1),
    "Followups.get": lambda s: s.followups.get("missing"),
    "Followups.print_form": lambda s: s.followups.print_form(None, _out("blank.pdf")),
    "Followups.export": lambda s: s.followups.export("2026-01-01", "2026-01-31",
                                                     _out("handoff.xlsx")),
    "Followups.due": lambda s: s.followups.due("2026-Q1", _out("due.xlsx")),
}
