"""Migration 0005 upgrades a 0003 database that holds records (issue 10)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic import command
from sqlcipher3 import dbapi2

from psyroom.storage import migrate
from psyroom.storage.database import Database
from psyroom.sync.tracking import ensure_tracking

T = "2026-10-01T08:00:00.000000+00:00"


def _at_0003(path: Path) -> Database:
    db = Database.open(path, os.urandom(32), create=True)
    cfg = migrate._alembic_config()
    cfg.attributes["connection"] = db.connection
    command.upgrade(cfg, "0003")
    db.connection.commit()
    raw = db.raw
    raw.execute("INSERT INTO sites VALUES ('S1','S1',1,?,?,'BC-01','北城村','room','village',1)",
                (T, T))
    for rid, number in (("R1", "140802198001010029"), ("R2", None)):
        raw.execute("INSERT INTO residents (id, origin_site, version, created_at, updated_at, "
                    "name, id_number) VALUES (?, 'S1', 2, ?, ?, '王德福', ?)",
                    (rid, T, T, number))
    raw.execute("INSERT INTO resident_tags VALUES ('R1', 'elderly_empty_nest')")
    raw.execute("INSERT INTO resident_history VALUES ('H1','R1','S1',?,NULL,NULL,'created','{}')",
                (T,))
    raw.execute("INSERT INTO consultations (id, origin_site, version, created_at, updated_at, "
                "resident_id, subject_kind, counsellor_id, counsellor_name, started_at, mode) "
                "VALUES ('C1','S1',1,?,?,'R1','individual','U1','赵','2026-10-01T09:00','face')",
                (T, T))
    raw.execute("INSERT INTO consultation_addenda VALUES ('A1','C1','S1',?,'U1','赵','补充','x')",
                (T,))
    return db


def test_upgrade_from_0003_keeps_records_and_adds_record_columns(tmp_path: Path) -> None:
    db = _at_0003(tmp_path / "old.db")
    try:
        assert migrate.current_revision(db) == "0003"
        assert migrate.upgrade(db) is True
        raw = db.raw
        assert raw.execute("SELECT id, origin_site, version, created_at, resident_id, tag_code "
                           "FROM resident_tags").fetchall() == [
            ("R1/elderly_empty_nest", "S1", 1, T, "R1", "elderly_empty_nest")]
        assert raw.execute("SELECT version, created_at, updated_at FROM resident_history"
                           ).fetchall() == [(1, T, T)]
        assert raw.execute("SELECT id, version, created_at FROM consultation_addenda"
                           ).fetchall() == [("A1", 1, T)]
        assert raw.execute("SELECT id, version, id_number FROM residents ORDER BY id"
                           ).fetchall() == [("R1", 2, "140802198001010029"), ("R2", 2, None)]
        # The ID number is unique per origin: another room's copy is allowed, a second one
        # from the same origin is not.
        raw.execute("INSERT INTO residents (id, origin_site, created_at, updated_at, name, "
                    "id_number) VALUES ('R3', 'S2', ?, ?, '王德福', '140802198001010029')", (T, T))
        with pytest.raises(dbapi2.IntegrityError):
            raw.execute("INSERT INTO residents (id, origin_site, created_at, updated_at, name, "
                        "id_number) VALUES ('R4', 'S1', ?, ?, 'x', '140802198001010029')", (T, T))
        # An addendum may now arrive before its consultation.
        raw.execute("INSERT INTO consultation_addenda (id, consultation_id, origin_site, at, "
                    "author_id, author_name, text, signature) VALUES "
                    "('A2','C-later','S2',?,'U','u','t','s')", (T,))
        indexes = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE "
                                             "type = 'index' AND tbl_name = 'residents'")}
        assert {"ix_residents_pinyin", "ix_residents_village", "ix_residents_id_number"} <= indexes
        assert raw.execute("SELECT count(*) FROM sync_generations").fetchone() == (1,)
        # Tracking queues every row that was there before it began, once.
        with db.unit_of_work() as conn:
            added = ensure_tracking(conn)
            assert "resident_tags" in added and ensure_tracking(conn) == []
        queued = {(t, r) for t, r in raw.execute("SELECT tbl, row_id FROM sync_changes")}
        assert {("residents", "R1"), ("resident_tags", "R1/elderly_empty_nest"),
                ("resident_history", "H1"), ("consultation_addenda", "A1")} <= queued
        assert not [r for r in raw.execute("PRAGMA foreign_key_check")]
        assert db.integrity_problems() == []
    finally:
        db.close()


def test_room_triggers_stamp_versions_and_leave_tombstones(tmp_path: Path) -> None:
    db = _at_0003(tmp_path / "old.db")
    try:
        migrate.upgrade(db)
        with db.unit_of_work() as conn:
            ensure_tracking(conn)
        raw = db.raw
        raw.execute("UPDATE resident_history SET resident_id = 'R2'")  # no version bump given
        assert raw.execute("SELECT version FROM resident_history").fetchone() == (2,)
        raw.execute("DELETE FROM resident_tags")
        assert raw.execute("SELECT tbl, row_id, origin_site, version FROM sync_tombstones"
                           ).fetchall() == [("resident_tags", "R1/elderly_empty_nest", "S1", 2)]
        # The same tag again is the same record at a newer version, not a new one.
        raw.execute("INSERT INTO resident_tags (resident_id, tag_code) "
                    "VALUES ('R1', 'elderly_empty_nest')")
        assert raw.execute("SELECT id, origin_site, version FROM resident_tags").fetchall() == [
            ("R1/elderly_empty_nest", "S1", 3)]
        assert raw.execute("SELECT count(*) FROM sync_tombstones").fetchone() == (0,)
        raw.execute("INSERT INTO resident_history (id, resident_id, origin_site, at, kind) "
                    "VALUES ('H2', 'R1', 'S1', ?, 'edited')", (T,))
        row = raw.execute("SELECT version, created_at <> '' FROM resident_history "
                          "WHERE id = 'H2'").fetchone()
        assert row == (1, 1)
    finally:
        db.close()
