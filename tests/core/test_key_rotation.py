"""Key rotation: an old key file plus a departed colleague's password opens nothing new."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from psyroom.errors import DatabaseRefused, PermissionDenied, PsyroomError
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.security.keyslots import PASSWORD, KeySlotFile
from psyroom.storage import folderlock
from psyroom.storage.database import Database

from .conftest import ADMIN, ADMIN_PASSWORD, SITE_NAME, Room, run_cli
from .test_two_processes import start_holder, stop

DEPARTED, DEPARTED_PASSWORD = "lidepart", "Li-depart12"
STAYING, STAYING_PASSWORD = "sunstay", "Sun-stay123"


def _old_key_opens(db_path: Path, slots_copy: Path, name: str, password: str) -> bool:
    old = KeySlotFile.load(slots_copy)
    slot = old.find(PASSWORD, name)
    assert slot is not None
    key = old.unwrap(slot, password)
    assert key is not None  # the old copy still unwraps the old key...
    try:
        Database.open(db_path, key).close()
    except DatabaseRefused:
        return False
    return True


def test_rotation_shuts_out_an_old_key_file_and_a_departed_password(room: Room,
                                                                    tmp_path: Path) -> None:
    s = room.session
    s.add_user(DEPARTED, roles=["counsellor"], password=DEPARTED_PASSWORD)
    s.add_user(STAYING, roles=["counsellor"], password=STAYING_PASSWORD)
    for n in range(30):
        s.residents.create(ResidentFields(name=f"钱{n}号"))
    before_backup = s.backup(tmp_path / "before.psyroom-backup")
    copy = tmp_path / "stolen-keyslots.json"
    shutil.copy2(room.dir / "keyslots.json", copy)
    s.disable_user(DEPARTED)
    # Disabling alone is not enough: the old copy still opens today's database.
    assert _old_key_opens(room.dir / "psyroom.db", copy, DEPARTED, DEPARTED_PASSWORD)

    assert s.rotate_database_key() == 3  # admin, the staying user, the recovery code
    assert s.residents.count() == 30  # the session goes on, on the new key
    s.residents.create(ResidentFields(name="孙新"))
    s.close()

    assert not _old_key_opens(room.dir / "psyroom.db", copy, DEPARTED, DEPARTED_PASSWORD)
    assert not _old_key_opens(room.dir / "psyroom.db", copy, ADMIN, ADMIN_PASSWORD)
    with pytest.raises(PsyroomError):
        room.inst.unlock(DEPARTED, DEPARTED_PASSWORD)
    # Everyone remaining still gets in, the recovery code still works, the data is intact.
    staying = room.inst.unlock(STAYING, STAYING_PASSWORD)
    assert staying.residents.count() == 31
    staying.close()
    room.inst.reset_password_with_recovery(recovery_code=room.recovery_code, username=ADMIN,
                                           new_password="Zhao-new2026")
    admin = room.inst.unlock(ADMIN, "Zhao-new2026")
    assert admin.verify().ok
    actions = [e.action for e in admin.audit_events()]
    assert "database_key_rotated" in actions and "user_disabled" in actions
    with pytest.raises(Exception, match="append"):
        admin.db.raw.execute("DELETE FROM audit_events")
    admin.close()
    # No copy of today's data under the retired key was left behind.
    assert not list((room.dir / "backups").glob("pre-restore-*")) if (
        room.dir / "backups").exists() else True
    assert not (room.dir / "restore-staging.db").exists()
    assert SITE_NAME.encode() not in (room.dir / "psyroom.db").read_bytes()
    # A backup made before keeps its old key and its own key slots: it still restores.
    elsewhere = Installation(tmp_path / "elsewhere")
    elsewhere.restore(before_backup, username=ADMIN, password=ADMIN_PASSWORD)
    old = elsewhere.unlock(ADMIN, ADMIN_PASSWORD)
    assert old.residents.count() == 30
    old.close()
    room.session = room.inst.unlock(ADMIN, "Zhao-new2026")


def test_rotation_is_refused_while_another_process_has_the_folder(room: Room) -> None:
    holder = start_holder(room.dir)
    try:
        with pytest.raises(folderlock.FolderBusy) as err:
            room.session.rotate_database_key()
        assert "另一个程序正在使用这些数据" in err.value.message("zh_CN")
    finally:
        stop(holder)
    assert room.session.verify().ok
    assert room.session.rotate_database_key() == 2


def test_only_an_admin_rotates_and_the_cli_does_it(room: Room) -> None:
    room.session.add_user(STAYING, roles=["counsellor"], password=STAYING_PASSWORD)
    counsellor = room.inst.unlock(STAYING, STAYING_PASSWORD)
    with pytest.raises(PermissionDenied):
        counsellor.rotate_database_key()
    counsellor.close()
    room.session.close()
    denied = run_cli("rotate-key", data_dir=room.dir, user=STAYING, password=STAYING_PASSWORD)
    assert denied.returncode == 1 and "权限" in denied.stderr
    before = (room.dir / "psyroom.db").read_bytes()[:4096]
    done = run_cli("rotate-key", data_dir=room.dir)
    assert done.returncode == 0, done.stderr
    assert "数据库密钥已更换" in done.stdout and "3" in done.stdout
    # Every page is encrypted afresh (the first page's salt and all).
    assert (room.dir / "psyroom.db").read_bytes()[:4096] != before
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert room.session.verify().ok
    room.inst.unlock(STAYING, STAYING_PASSWORD).close()


def test_slots_from_before_rotation_existed_are_upgraded_at_login(room: Room) -> None:
    import json

    room.session.close()
    path = room.dir / "keyslots.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for slot in doc["slots"]:
        for field in ("public", "private_nonce", "wrapped_private"):
            slot.pop(field)
    path.write_text(json.dumps(doc), encoding="utf-8")
    s = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    # The admin's slot got its key pair at this login; the recovery slot has not yet.
    with pytest.raises(PsyroomError) as err:
        s.rotate_database_key()
    assert err.value.code == "rotate_old_slots" and err.value.params["n"] == 1
    s.close()
    room.inst.reset_password_with_recovery(recovery_code=room.recovery_code, username=ADMIN,
                                           new_password=ADMIN_PASSWORD + "x")
    s = room.inst.unlock(ADMIN, ADMIN_PASSWORD + "x")
    assert s.rotate_database_key() == 2
    s.close()
    room.inst.reset_password_with_recovery(recovery_code=room.recovery_code, username=ADMIN,
                                           new_password=ADMIN_PASSWORD)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert room.session.verify().ok


def test_a_rotation_cut_short_after_its_journal_finishes_at_the_next_start(
        room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    import psyroom.security.rotation as rotation

    s = room.session
    s.residents.create(ResidentFields(name="钱一"))
    old_slots = (room.dir / "keyslots.json").read_bytes()

    def power_cut(_folder: object) -> bool:
        raise KeyboardInterrupt  # the PC dies between the journal and the swap

    with monkeypatch.context() as m:
        m.setattr(rotation.restoring, "finish_pending", power_cut)
        with pytest.raises(KeyboardInterrupt):
            s.rotate_database_key()
    assert (room.dir / "restore-pending.json").exists()
    assert (room.dir / "keyslots.json").read_bytes() == old_slots
    # The next start completes the swap from the checked copy, with the new key slots.
    again = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)
    assert not (room.dir / "restore-pending.json").exists()
    assert again.residents.count() == 1 and again.verify().ok
    assert (room.dir / "keyslots.json").read_bytes() != old_slots
    room.session = again


@pytest.mark.slow
def test_killing_a_rotation_gives_all_or_nothing(room: Room) -> None:
    import os
    import random
    import sys

    from .test_backup import _kill_after, add_filler

    add_filler(room, 24)
    room.session.residents.create(ResidentFields(name="钱一"))
    room.session.close()
    env = {**os.environ, "PSYROOM_KDF_PROFILE": "fast", "PSYROOM_PASSWORD": ADMIN_PASSWORD}
    rng = random.Random(3)
    for _ in range(4):
        _kill_after([sys.executable, "-m", "psyroom", "--data-dir", str(room.dir), "--user",
                     ADMIN, "rotate-key"], env, rng.uniform(0.8, 2.5))
        # Old key or new, every user still gets in and nothing is lost.
        s = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)
        assert not (room.dir / "restore-pending.json").exists()
        assert s.residents.count() == 1 and s.verify().ok
        s.close()
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_disabling_on_the_command_line_points_to_rotate_key(room: Room) -> None:
    room.session.add_user(DEPARTED, roles=["counsellor"], password=DEPARTED_PASSWORD)
    room.session.close()
    done = run_cli("user", "disable", DEPARTED, data_dir=room.dir)
    assert done.returncode == 0 and "psyroom rotate-key" in done.stdout
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
