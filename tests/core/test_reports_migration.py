"""Migration 0008: a database from the step before gains the report settings and attendance
tables, keeps its records, and the report works on it."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from psyroom.activities.service import ActivityInput, Participant
from psyroom.storage import migrate
from tests.core.conftest import ADMIN, ADMIN_PASSWORD, Room
from tests.core.test_storage import keyed, undo_import_digests


def test_a_database_before_0008_upgrades_and_keeps_its_records(room: Room) -> None:
    s = room.session
    activity = s.activities.record(ActivityInput("2026-10-09", "training", "网格员培训", 12))
    key = s._key
    s.close()
    conn = keyed(room.dir / "psyroom.db", key)
    conn.execute("DROP TABLE report_settings")
    conn.execute("DROP TABLE activity_participants")
    conn.execute("DROP INDEX ix_residents_created")
    conn.execute("DROP INDEX ix_consultations_report")
    # 0009 (the saved search index) comes after 0008: undo it too.
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                "name LIKE 'search_%'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE search_index")
    conn.execute("DROP TABLE search_changes")
    conn.execute("ALTER TABLE residents DROP COLUMN smd_national_id")  # and 0010
    undo_import_digests(conn)  # and 0011
    # Back to the step before 0008, whichever that is in the chain.
    before = ScriptDirectory.from_config(migrate._alembic_config()).get_revision(
        "0008").down_revision
    conn.execute(f"UPDATE alembic_version SET version_num = '{before}'")
    conn.close()
    s = room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert migrate.current_revision(s.db) == migrate.HEAD_REVISION
    indexes = {r[0] for r in s.db.raw.execute("SELECT name FROM sqlite_master WHERE type = "
                                              "'index'")}
    assert {"ix_residents_created", "ix_consultations_report"} <= indexes
    assert [a["topic"] for a in s.activities.between("2026-10-01", "2026-11-01")] == [
        "网格员培训"]
    me = s.user
    assert s.activities.add_participants(activity, [
        Participant(me.display_name, user_id=me.id), Participant(me.display_name,
                                                                  user_id=me.id)]) == 1
    s.reports.set_setting("schools_total", "3")
    assert s.reports.settings().schools_total == 3
    rates = {r.key: r for r in s.reports.monthly("2026-10").rates}
    trained = rates["staff_trained"]
    assert trained.denominator == 1 and trained.numerator == 0  # once is not twice
    assert trained.behind[0]["detail"] == "本年参加培训 1 次"
    assert s.verify().ok
