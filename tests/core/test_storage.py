"""The database file: refused rather than repaired, migrations, verify, on real SQLCipher files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from psyroom.errors import DatabaseRefused
from psyroom.installation import Installation
from psyroom.storage import migrate
from psyroom.storage.connection import raw_key_literal
from psyroom.storage.database import Database

from .conftest import ADMIN, ADMIN_PASSWORD, Room, run_cli


def keyed(path: Path, key: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f'PRAGMA key = "{raw_key_literal(key)}"')
    return conn


def undo_import_digests(conn: sqlcipher3.Connection) -> None:
    """Take a database back to before migration 0011 (the import row digests)."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                "name LIKE 'import_digest_%'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE import_row_digests")


def snapshot(path: Path) -> tuple[bytes, float]:
    return path.read_bytes(), path.stat().st_mtime


def test_migrations_run_from_empty_to_head(tmp_path: Path) -> None:
    assert migrate.script_head() == migrate.HEAD_REVISION
    assert migrate.KNOWN_REVISIONS[-1] == migrate.HEAD_REVISION
    db = Database.open(tmp_path / "m.db", os.urandom(32), create=True)
    try:
        assert migrate.current_revision(db) is None
        assert migrate.upgrade(db) is True
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        assert migrate.upgrade(db) is False
        tables = {r[0] for r in db.raw.execute("SELECT name FROM sqlite_master")}
        assert {"meta", "sites", "users", "audit_events"} <= tables
        pragmas = {name: db.raw.execute(f"PRAGMA {name}").fetchone()[0]
                   for name in ("journal_mode", "synchronous", "temp_store", "foreign_keys")}
        assert pragmas == {"journal_mode": "wal", "synchronous": 2, "temp_store": 2,
                           "foreign_keys": 1}
    finally:
        db.close()


def test_every_record_row_has_uuid_origin_version_times(room: Room) -> None:
    conn = room.session.db.raw
    for table in ("sites", "users"):
        cols = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert {"id", "origin_site", "version", "created_at", "updated_at"} <= cols
        row = conn.execute(f"SELECT id, origin_site, version FROM {table}").fetchone()
        assert len(row[0]) == 36 and row[1] == room.session.site.id and row[2] >= 1


def test_database_from_newer_app_is_refused_untouched(room: Room) -> None:
    key = room.session._key
    room.session.close()
    db_path = room.dir / "psyroom.db"
    conn = keyed(db_path, key)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = snapshot(db_path)
    with pytest.raises(DatabaseRefused) as err:
        room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert err.value.code == "database_newer"
    assert "9999" in err.value.message("zh_CN")
    assert snapshot(db_path) == before
    assert not list((room.dir / "backups").glob("*")) if (room.dir / "backups").exists() else True


@pytest.mark.parametrize("damage", ["plain_sqlite", "garbage", "truncated"])
def test_damaged_or_plain_database_is_refused_and_left_as_is(room: Room, damage: str) -> None:
    room.session.close()
    db_path = room.dir / "psyroom.db"
    if damage == "plain_sqlite":
        db_path.unlink()
        plain = sqlite3.connect(db_path)
        plain.execute("CREATE TABLE users(username TEXT)")
        plain.commit()
        plain.close()
    elif damage == "garbage":
        db_path.write_bytes(os.urandom(64 * 1024))
    else:
        data = db_path.read_bytes()
        db_path.write_bytes(data[:100])
    before = snapshot(db_path)
    files_before = sorted(p.name for p in room.dir.iterdir())
    with pytest.raises(DatabaseRefused) as err:
        room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    expected = "database_plain" if damage == "plain_sqlite" else "database_unreadable"
    assert err.value.code == expected
    assert "备份" in err.value.message("zh_CN")
    assert snapshot(db_path) == before
    assert sorted(p.name for p in room.dir.iterdir()) == files_before
    result = run_cli("stats", "--json", data_dir=room.dir)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert snapshot(db_path) == before


def test_verify_finds_an_edited_audit_row(room: Room) -> None:
    s = room.session
    for _ in range(5):
        s.record_lock()
    key = s._key
    s.close()
    ok = run_cli("verify", data_dir=room.dir)
    assert ok.returncode == 0, ok.stderr
    conn = keyed(room.dir / "psyroom.db", key)
    # Someone with the key can drop the append-only trigger; the chain still gives them away.
    conn.execute("DROP TRIGGER audit_events_no_update")
    conn.execute("UPDATE audit_events SET action = 'logout' WHERE seq = 4")
    conn.close()
    bad = run_cli("verify", data_dir=room.dir)
    assert bad.returncode == 1
    assert "audit event #4" in bad.stdout
    assert bad.stderr.strip().count("\n") == 0 and "Traceback" not in bad.stderr


def test_audit_log_refuses_update_and_delete(room: Room) -> None:
    conn = room.session.db.raw
    with pytest.raises(sqlcipher3.IntegrityError):
        conn.execute("UPDATE audit_events SET action = 'x'")
    with pytest.raises(sqlcipher3.IntegrityError):
        conn.execute("DELETE FROM audit_events")


def test_verify_reports_a_flipped_byte(room: Room) -> None:
    s = room.session
    for _ in range(400):
        s.record_lock()
    s.close()
    db_path = room.dir / "psyroom.db"
    data = bytearray(db_path.read_bytes())
    pages = len(data) // 4096
    assert pages > 20
    target = (pages - 3) * 4096 + 1000
    data[target] ^= 0x01
    db_path.write_bytes(bytes(data))
    result = run_cli("verify", data_dir=room.dir)
    assert result.returncode != 0
    assert "HMAC" in result.stdout or "损坏" in result.stderr
    assert "Traceback" not in result.stderr


def test_verify_passes_on_a_healthy_database(room: Room) -> None:
    report = room.session.verify()
    assert report.ok and report.problems == [] and report.audit_events >= 2


def test_init_refuses_an_existing_folder(room: Room) -> None:
    room.session.close()
    before = snapshot(room.dir / "psyroom.db")
    result = run_cli("init", "--site-kind", "room", "--site-code", "X-1", "--site-name", "X",
                     "--admin", "other", data_dir=room.dir, user=None)
    assert result.returncode == 1 and "已经设置" in result.stderr
    assert snapshot(room.dir / "psyroom.db") == before
    Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD).close()


def test_older_database_is_backed_up_then_upgraded(room: Room, tmp_path: Path) -> None:
    key = room.session._key
    room.session.close()
    conn = keyed(room.dir / "psyroom.db", key)
    # Make it what the first release wrote: only revision 0001's tables.
    later = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
        "('meta', 'sites', 'users', 'audit_events', 'alembic_version', 'sqlite_sequence')")]
    for table in later:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.close()
    s = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert migrate.current_revision(s.db) == migrate.HEAD_REVISION
    assert s.stats()["residents"] == 0 and s.verify().ok
    # The person is told once, and the audit log says from which version and to which backup.
    assert "schema_upgraded" in s.notices
    upgraded = [e for e in s.audit_events() if e.action == "schema_upgraded"]
    assert len(upgraded) == 1 and upgraded[0].detail["from"] == "0001"
    assert upgraded[0].detail["backup"].startswith("pre-upgrade-0001-")
    s.close()
    again = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert "schema_upgraded" not in again.notices
    again.close()
    safety = list((room.dir / "backups").glob("pre-upgrade-0001-*.psyroom-backup"))
    assert len(safety) == 1
    # The safety copy is a real backup of the old version: it restores and upgrades again.
    other = Installation(tmp_path / "from-safety")
    other.restore(safety[0], username=ADMIN, password=ADMIN_PASSWORD)
    other.unlock(ADMIN, ADMIN_PASSWORD).close()
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
