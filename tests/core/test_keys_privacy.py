"""The data folder is the OS user's alone; key files cannot be made cheap; the recovery code
can be replaced."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from psyroom.errors import DatabaseRefused, RecoveryFailed
from psyroom.installation import Installation
from psyroom.security.kdf import FLOOR, KdfParams, current_params
from psyroom.security.keyslots import PASSWORD, KeySlotFile

from .conftest import ADMIN, ADMIN_PASSWORD, Room, run_cli

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows uses the "
                                                          "profile's ACL")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_new_data_folder_and_files_are_private(room: Room) -> None:
    assert mode(room.dir) == 0o700
    for name in ("psyroom.db", "keyslots.json"):
        assert mode(room.dir / name) & 0o077 == 0, name


@posix_only
def test_an_existing_looser_folder_is_tightened(room: Room) -> None:
    room.session.backup(room.dir / "backups" / "b.psyroom-backup")
    room.session.close()
    os.chmod(room.dir, 0o755)
    for path in [room.dir / "psyroom.db", room.dir / "keyslots.json",
                 room.dir / "backups" / "b.psyroom-backup"]:
        os.chmod(path, 0o644)
    os.chmod(room.dir / "backups", 0o777)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert mode(room.dir) == 0o700
    assert mode(room.dir / "backups") == 0o700
    assert mode(room.dir / "psyroom.db") == 0o600
    assert mode(room.dir / "keyslots.json") == 0o600
    assert mode(room.dir / "backups" / "b.psyroom-backup") == 0o600


def test_kdf_parameters_below_the_floor_are_refused(room: Room) -> None:
    room.session.close()
    path = room.dir / "keyslots.json"
    doc = json.loads(path.read_text())
    for slot in doc["slots"]:
        slot["kdf"]["time_cost"] = 1
        slot["kdf"]["memory_kib"] = 8
    path.write_text(json.dumps(doc))
    with pytest.raises(DatabaseRefused) as err:
        room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert err.value.code == "keyslots_damaged"
    doc["slots"][0]["kdf"].update(time_cost=3, memory_kib=64 * 1024 * 1024 * 1024)
    path.write_text(json.dumps(doc))
    with pytest.raises(DatabaseRefused):
        Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)


def test_a_slot_opens_with_its_stored_parameters_not_todays() -> None:
    stronger = KdfParams(time_cost=FLOOR.time_cost + 1, memory_kib=FLOOR.memory_kib,
                         parallelism=2)
    assert stronger != current_params()
    slots = KeySlotFile.create("install")
    key = os.urandom(32)
    slot = slots.put(PASSWORD, "wang", "Some-pass-1", key, params=stronger)
    again = KeySlotFile.from_bytes(slots.to_bytes())
    assert again.unwrap(again.slots[slot.slot_id], "Some-pass-1") == key
    assert again.slots[slot.slot_id].kdf == stronger


def test_replacing_the_recovery_code(room: Room, tmp_path: Path) -> None:
    old = room.recovery_code
    new = room.session.new_recovery_code()
    assert new != old and len(new) == 29
    assert next(e.action for e in room.session.audit_events(limit=5)) == \
        "recovery_code_replaced"
    room.session.close()
    with pytest.raises(RecoveryFailed):
        room.inst.reset_password_with_recovery(recovery_code=old, username=ADMIN,
                                               new_password="Another-pass1")
    room.inst.reset_password_with_recovery(recovery_code=new, username=ADMIN,
                                           new_password="Another-pass1")
    # The CLI does the same for an admin, and shows the code once.
    result = run_cli("recovery-code", "new", data_dir=room.dir, password="Another-pass1")
    assert result.returncode == 0, result.stderr
    printed = result.stdout.strip().splitlines()[-1]
    assert len(printed) == 29 and printed != new
    room.session = room.inst.unlock(ADMIN, "Another-pass1")
    room.session.add_user("counsellor1", roles=["counsellor"], password="Couns-2026a")
    denied = run_cli("recovery-code", "new", data_dir=room.dir, user="counsellor1",
                     password="Couns-2026a")
    assert denied.returncode == 1 and "manage_users" in denied.stderr
