"""Migration 0010 on a real SQLCipher file at 0009: the archive gains the national patient
number, and a registered patient whose latest follow-up recorded a reason for loss becomes
失访 (lost); nobody else changes status, and the records stay as they were."""

from __future__ import annotations

from typing import Any

from psyroom.followups.model import FollowupInput
from psyroom.residents.model import FIELD_NAMES, ResidentFields
from psyroom.storage import migrate
from tests.core.conftest import ADMIN, ADMIN_PASSWORD, Room
from tests.core.test_followups import patient, visit
from tests.core.test_storage import keyed, undo_import_digests


def lost(rid: str, on: str) -> FollowupInput:
    return FollowupInput(resident_id=rid, followup_date=on, reached=False, visit_form=3,
                         lost_reason=3)


def test_a_database_at_0009_upgrades_and_the_lost_are_marked_lost(room: Room) -> None:
    s = room.session
    gone = patient(room, "失访甲")
    back = patient(room, "失访后访到")
    seen = patient(room, "在管乙")
    moved = patient(room, "迁出丙", status="moved")
    s.followups.record(visit(gone, "2026-03-01"))
    s.followups.record(lost(gone, "2026-06-01"))
    s.followups.record(lost(back, "2026-03-01"))
    s.followups.record(visit(back, "2026-06-01"))
    s.followups.record(visit(seen, "2026-06-01"))
    s.followups.record(lost(moved, "2026-06-01"))
    key = s._key
    s.close()
    # What 0009 left: no number column, and no archive ever "lost".
    conn = keyed(room.dir / "psyroom.db", key)
    conn.execute("UPDATE residents SET status = 'active' WHERE status = 'lost'")
    conn.execute("ALTER TABLE residents DROP COLUMN smd_national_id")
    undo_import_digests(conn)  # 0011 comes after
    conn.execute("UPDATE alembic_version SET version_num = '0009'")
    versions = dict(conn.execute("SELECT id, version FROM residents").fetchall())
    conn.close()

    s = room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert migrate.current_revision(s.db) == migrate.HEAD_REVISION
    status = {r.name: r.status for r in (s.residents.open(x) for x in (gone, back, seen, moved))}
    assert status == {"失访甲": "lost", "失访后访到": "active", "在管乙": "active",
                      "迁出丙": "moved"}
    # The changed archive carries a new version, so a bundle takes the change to the office.
    assert s.residents.open(gone).version == versions[gone] + 1
    assert s.residents.open(seen).version == versions[seen]
    assert s.residents.open(gone).smd_national_id is None
    assert len(s.followups.for_resident(gone)) == 2
    edited = s.residents.update(seen, ResidentFields(
        **{**_fields(s.residents.open(seen)), "smd_national_id": "110105-0042"})).resident
    assert edited.smd_national_id == "110105-0042"
    assert s.verify().ok


def _fields(resident: object) -> dict[str, Any]:
    return {f: getattr(resident, f) for f in (*FIELD_NAMES, "tags")}
