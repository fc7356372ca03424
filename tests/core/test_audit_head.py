"""The audit chain's head travels in every backup; a later truncation or rewrite of the live
chain is caught against it (psyroom verify --against / --head)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from psyroom.audit.log import GENESIS, _digest, _hashed_fields
from psyroom.backup.archive import read_header

from .conftest import ADMIN, ADMIN_PASSWORD, Room, run_cli


def test_backup_records_the_head_and_the_audit_view_shows_it(room: Room, tmp_path: Path) -> None:
    s = room.session
    head = s.audit_head()
    backup = s.backup(tmp_path / "b.psyroom-backup")
    header, _ = read_header(backup)
    assert header.audit_head == head
    assert head.count >= 2 and len(head.hash) == 64
    ok = run_cli("verify", "--against", str(backup), data_dir=room.dir)
    assert ok.returncode == 0, ok.stderr
    found = run_cli("verify", "--head", head.hash, data_dir=room.dir)
    assert found.returncode == 0 and f"第 {head.count} 条" in found.stdout


def drop_audit_guards(room: Room) -> None:
    """What someone holding the key can do with any SQLCipher tool."""
    with room.session.db.unit_of_work() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_events_no_update")
        conn.exec_driver_sql("DROP TRIGGER audit_events_no_delete")


@pytest.mark.slow  # many whole psyroom processes: ~20-30 s on the shared 2-core machine
def test_truncation_is_caught_against_a_backup(room: Room, tmp_path: Path) -> None:
    for _ in range(4):
        room.session.record_lock()
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    head = read_header(backup)[0].audit_head
    assert head is not None
    drop_audit_guards(room)
    with room.session.db.unit_of_work() as conn:
        conn.exec_driver_sql("DELETE FROM audit_events WHERE seq > ?", (head.count - 4,))
    room.session.close()
    result = run_cli("verify", "--against", str(backup), data_dir=room.dir,
                     env={"PSYROOM_LANG": "en"})
    assert result.returncode == 1
    assert "truncated" in result.stderr and "Traceback" not in result.stderr
    # The chain that is left is internally consistent: plain verify cannot tell.
    assert run_cli("verify", data_dir=room.dir).returncode == 0
    # New events since took the deleted numbers: still caught, now as a rewrite.
    again = run_cli("verify", "--against", str(backup), data_dir=room.dir)
    assert again.returncode == 1
    missing = run_cli("verify", "--head", head.hash, data_dir=room.dir)
    assert missing.returncode == 1 and "不在审计链中" in missing.stderr
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_a_recomputed_chain_is_caught_as_a_fork(room: Room, tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    drop_audit_guards(room)
    with room.session.db.unit_of_work() as conn:
        # Rewrite event #1's details and recompute every hash after it, as a key holder can.
        rows = [dict(r) for r in conn.exec_driver_sql(
            "SELECT * FROM audit_events ORDER BY seq").mappings()]
        rows[0]["detail"] = json.dumps({"kind": "office"})
        prev = GENESIS
        for row in rows:
            row["prev_hash"] = prev
            row["hash"] = _digest(prev, _hashed_fields(row))
            conn.exec_driver_sql("UPDATE audit_events SET detail = ?, prev_hash = ?, hash = ? "
                                 "WHERE seq = ?", (row["detail"], row["prev_hash"],
                                                   row["hash"], row["seq"]))
            prev = row["hash"]
    room.session.close()
    assert run_cli("verify", data_dir=room.dir).returncode == 0
    result = run_cli("verify", "--against", str(backup), data_dir=room.dir)
    assert result.returncode == 1 and "改写" in result.stderr
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
