"""Call recipes for the reports service (see the package docstring)."""

from __future__ import annotations

from collections.abc import Callable

from psyroom.activities.service import Participant
from psyroom.session import Session

CALLS: dict[str, Callable[[Session], object]] = {
    "Reports.monthly": lambda s: s.reports.monthly("2026-10"),
    "Reports.settings": lambda s: s.reports.settings(),
    "Reports.villages": lambda s: s.reports.villages(),
    "Reports.rooms": lambda s: s.reports.rooms(),
    "Reports.set_setting": lambda s: s.reports.set_setting("villages_total", "12"),
    "Activities.add_participants": lambda s: s.activities.add_participants(
        "missing", [Participant("王芳", user_id="u")]),
    "Activities.participants": lambda s: s.activities.participants("missing"),
    "Activities.staff": lambda s: s.activities.staff(),
}
