"""Office demo data through the real path: enrol N demo rooms, fill each in its own
temporary room database (some residents known to two rooms), export and import their bundles.

``residents`` is the total across the rooms (street scale: about 60,000 in 40 rooms).
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from psyroom.demo.residents import make_residents
from psyroom.demo.service import fill_demo_data
from psyroom.errors import InvalidInput
from psyroom.installation import Installation
from psyroom.progress import CancelCheck, Progress
from psyroom.residents import repository as repo
from psyroom.residents.model import ResidentFields
from psyroom.security.roles import Permission
from psyroom.sync.join import initialise_joined
from psyroom.sync.service import ImportSummary

if TYPE_CHECKING:
    from psyroom.session import Session

SHARED_SHARE = 0.03
ROOM_TYPES_CYCLE = ("village", "village", "village", "community", "school", "workplace")


@dataclass(frozen=True)
class OfficeDemo:
    rooms: int
    residents: int
    summary: ImportSummary


def fill_office_demo(office: Session, *, rooms: int, residents: int, months: int = 12,
                     seed: int = 1, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> OfficeDemo:
    office.require(Permission.ENROL_ROOMS)
    office.require(Permission.IMPORT_BUNDLES)
    if office.site.kind != "office":
        raise InvalidInput("bundle_office_only")
    if not 1 <= rooms <= 200 or residents < 0 or not 0 <= months <= 120:
        raise InvalidInput("setting_invalid", name="rooms/residents/months")
    work = Path(tempfile.mkdtemp(prefix="demo-rooms-", dir=office.db.path.parent))
    try:
        bundles: list[Path] = []
        per_room = residents // rooms
        # The first room's own people (same seed, same name): some also registered elsewhere.
        first_people = make_residents(per_room, seed=seed, site_name="演示1村心理咨询室")
        password = "Demo-" + secrets.token_urlsafe(12)
        for i in range(rooms):
            code = f"DEMO-{i + 1:02d}"
            enrol = work / f"{code}.json"
            kind = ROOM_TYPES_CYCLE[i % len(ROOM_TYPES_CYCLE)]
            # A village room is named after its village, so its residents live there too
            # (the demo register takes its first village from the room's name).
            village = f"演示{i + 1}村" if kind == "village" else None
            office.bundles.enrol_room(code, f"{village or f'演示{i + 1}号'}心理咨询室",
                                      out=enrol, room_type=kind, village=village)
            inst = Installation(work / code)
            room = initialise_joined(inst, enrol, admin_name="demoadmin",
                                     admin_password=password).session
            try:
                fill_demo_data(room, residents=per_room, months=months, seed=seed + i)
                if i > 0 and per_room:
                    _share(room, first_people[:max(1, int(per_room * SHARED_SHARE))])
                bundles += room.bundles.export_bundle(work, full=True)
            finally:
                room.close()
            if progress is not None:
                progress(i + 1, rooms + 1)
            if cancel is not None and cancel():
                break
        summary = office.bundles.import_bundles(bundles, cancel=cancel)
        if progress is not None:
            progress(rooms + 1, rooms + 1)
        return OfficeDemo(rooms=len(bundles), residents=residents, summary=summary)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _share(room: Session, people: list[ResidentFields]) -> None:
    """The same (synthetic) people registered at a second room too."""

    def work(conn: Connection) -> None:
        have = repo.all_id_numbers(conn)
        fresh = [p for p in people if p.id_number not in have]
        repo.insert_many(conn, fresh, site_id=room.site.id)

    room._write("demo_data_shared", work, target_kind="site")
