"""A room's change tracking at open (issue 10): cheap when complete, never stale.

Real room installations on disk; the triggers are read back from ``sqlite_master``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.session import Session
from psyroom.storage.schema import referrals
from psyroom.sync import tracking

PASSWORD = "Bei-cheng2026"


@pytest.fixture
def room(tmp_path: Path) -> Installation:
    os.environ.setdefault("PSYROOM_KDF_PROFILE", "fast")
    inst = Installation(tmp_path / "room")
    inst.initialise(site_kind="room", site_code="BC-01", site_name="北城村心理咨询室",
                    admin_name="roomadmin", admin_password=PASSWORD).session.close()
    return inst


def _triggers(s: Session, table: str) -> dict[str, str]:
    return {name: sql for name, sql in s.db.raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
        "AND name LIKE 'sync%'", (table,))}


def _statements_of(s: Session, work: Any) -> list[str]:
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(s.db.engine, "before_cursor_execute", note)
    try:
        with s.db.unit_of_work() as conn:
            work(conn)
    finally:
        event.remove(s.db.engine, "before_cursor_execute", note)
    return seen


def test_opening_a_fully_tracked_room_reads_no_schema(room: Installation) -> None:
    s = room.unlock("roomadmin", PASSWORD)
    try:
        seen = [q for q in _statements_of(s, tracking.ensure_tracking) if q != "BEGIN IMMEDIATE"]
        assert seen, "the check itself runs"
        assert not [q for q in seen if "sqlite_master" in q.lower()], seen
        assert len(seen) == 1, seen
    finally:
        s.close()


def test_trigger_sql_from_an_older_program_is_replaced_at_open(room: Installation) -> None:
    s = room.unlock("roomadmin", PASSWORD)
    want = _triggers(s, "residents")
    # What an older program left: an update trigger that logs the change but never raises
    # the version.
    s.db.raw.execute("BEGIN")
    s.db.raw.execute("DROP TRIGGER sync_upd_residents")
    s.db.raw.execute("CREATE TRIGGER sync_upd_residents AFTER UPDATE ON residents BEGIN "
                     "INSERT OR REPLACE INTO sync_changes (tbl, row_id) "
                     "VALUES ('residents', NEW.id); END")
    s.db.raw.execute("COMMIT")
    s.close()
    s = room.unlock("roomadmin", PASSWORD)
    try:
        assert _triggers(s, "residents") == want
        # And it works: an update raises the version even when the writer forgets to.
        rid = s.residents.create(ResidentFields(name="王德福", gender="male",
                                                birth_date="1950-03-02")).resident.id
        before = s.db.raw.execute("SELECT version FROM residents WHERE id = ?",
                                  (rid,)).fetchone()[0]
        s.db.raw.execute("UPDATE residents SET village = '北城村' WHERE id = ?", (rid,))
        assert s.db.raw.execute("SELECT version FROM residents WHERE id = ?",
                                (rid,)).fetchone()[0] == before + 1
        # Replacing triggers does not queue the table's rows again, even the missing one.
        with s.db.unit_of_work() as conn:
            conn.exec_driver_sql("DROP TRIGGER sync_del_residents")
            assert tracking.ensure_tracking(conn) == []
        assert _triggers(s, "residents") == want
    finally:
        s.close()


def test_a_table_added_after_tracking_was_complete_gets_tracked(room: Installation) -> None:
    s = room.unlock("roomadmin", PASSWORD)
    try:
        # As if the database predates migration 0006: no referrals table yet.
        with s.db.unit_of_work() as conn:
            conn.exec_driver_sql("DROP TABLE referrals")
            assert tracking.ensure_tracking(conn) == []
        # Then the migration creates it, with a row already in it.
        with s.db.unit_of_work() as conn:
            referrals.create(conn)
            conn.exec_driver_sql(
                "INSERT INTO referrals (id, origin_site, version, created_at, updated_at, "
                "serial, resident_id, institution_id, reason, created_by_id, "
                "created_by_name) SELECT 'RF1', id, 1, 'x', 'x', 'S1', 'R1', 'I1', '失眠', "
                "'U1', '赵' FROM sites WHERE is_self = 1")
        s.close()
        s = room.unlock("roomadmin", PASSWORD)
        assert set(_triggers(s, "referrals")) == {
            f"sync_{k}_referrals" for k in ("ins", "fill", "back", "upd", "del")}
        assert s.db.raw.execute("SELECT count(*) FROM sync_changes WHERE tbl = 'referrals' "
                                "AND row_id = 'RF1'").fetchone() == (1,)
    finally:
        s.close()
