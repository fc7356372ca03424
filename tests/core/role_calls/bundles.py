"""Role-by-method recipes for the bundle service (issue 10)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from psyroom.session import Session

NOWHERE = Path("/nonexistent-psyroom-bundles")

CALLS: dict[str, Callable[[Session], object]] = {
    "Bundles.enrol_room": lambda s: s.bundles.enrol_room("ZZ-99", "无", out=NOWHERE / "e"),
    "Bundles.join": lambda s: s.bundles.join(NOWHERE / "e.json"),
    "Bundles.enrolment": lambda s: s.bundles.enrolment(),
    "Bundles.export_bundle": lambda s: s.bundles.export_bundle(NOWHERE),
    "Bundles.unacknowledged": lambda s: s.bundles.unacknowledged(),
    "Bundles.import_bundles": lambda s: s.bundles.import_bundles([NOWHERE / "b.psybundle"]),
    "Bundles.room_status": lambda s: s.bundles.room_status(),
    "Bundles.set_late_day": lambda s: s.bundles.set_late_day(5),
    "Bundles.late_day": lambda s: s.bundles.late_day(),
    "Bundles.browse_room": lambda s: s.bundles.browse_room("no-such-room"),
}
