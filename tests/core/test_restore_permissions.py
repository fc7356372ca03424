"""Who may roll a site back: RESTORE on the live site, or the backup's own admin when nothing
here can be opened; another installation's backup only when confirmed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from psyroom.errors import LoginFailed, RecoveryFailed, RestoreRefused
from psyroom.installation import Installation

from .conftest import ADMIN, ADMIN_PASSWORD, Room, run_cli

COUNSELLOR, COUNSELLOR_PW = "wangcounsel", "Wang-couns1"
CLERK, CLERK_PW = "liclerk", "Li-clerk123"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def audit_actions(inst: Installation) -> list[tuple[str, dict[str, object]]]:
    """(action, detail) newest first; a restore's new bundle generation id is left out."""
    s = inst.unlock(ADMIN, ADMIN_PASSWORD)
    try:
        return [(e.action, {k: v for k, v in e.detail.items() if k != "generation"})
                for e in s.audit_events()]
    finally:
        s.close()


@pytest.fixture
def staffed(room: Room, tmp_path: Path) -> tuple[Room, Path]:
    s = room.session
    s.add_user(COUNSELLOR, roles=["counsellor"], password=COUNSELLOR_PW)
    s.add_user(CLERK, roles=["office_clerk"], password=CLERK_PW)
    backup = s.backup(tmp_path / "room.psyroom-backup")
    s.add_user("afterbackup", roles=["counsellor"], password="After-back1")
    s.close()
    return room, backup


def test_counsellor_cli_restore_is_refused_and_changes_nothing(staffed: tuple[Room, Path]
                                                               ) -> None:
    room, backup = staffed
    keyslots_before = digest(room.dir / "keyslots.json")
    result = run_cli("restore", str(backup), data_dir=room.dir, user=COUNSELLOR,
                     password=COUNSELLOR_PW)
    assert result.returncode == 1
    assert "只有当前数据中有“恢复备份”权限的用户" in result.stderr
    assert "Traceback" not in result.stderr
    # Only the refusal itself was written down: the data is the live data, not the backup.
    assert digest(room.dir / "keyslots.json") == keyslots_before
    s = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert "afterbackup" in {u.username for u in s.list_users()}
    s.close()
    assert not (room.dir / "restore-staging.db").exists()
    assert not (room.dir / "backups").exists() or not list(
        (room.dir / "backups").glob("pre-restore-*"))
    assert ("restore_refused", {"reason": "permission"}) in audit_actions(room.inst)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_office_clerk_and_disabled_user_may_not_restore(staffed: tuple[Room, Path]) -> None:
    room, backup = staffed
    with pytest.raises(RestoreRefused) as err:
        room.inst.restore(backup, username=CLERK, password=CLERK_PW)
    assert err.value.code == "restore_not_allowed"
    with pytest.raises(RestoreRefused):
        room.inst.check_backup(backup, username=CLERK, password=CLERK_PW)
    s = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    s.set_roles(COUNSELLOR, ["admin"])
    s.disable_user(COUNSELLOR)
    s.close()
    # The backup still holds the disabled admin's slot; the live site no longer does.
    with pytest.raises(LoginFailed):
        room.inst.restore(backup, username=COUNSELLOR, password=COUNSELLOR_PW)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert "afterbackup" in {u.username for u in room.session.list_users()}


def test_admin_restores_over_the_live_site(staffed: tuple[Room, Path]) -> None:
    room, backup = staffed
    room.inst.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    events = audit_actions(room.inst)
    assert ("restore", {"authorised_by": "live_user"}) in events
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert "afterbackup" not in {u.username for u in room.session.list_users()}


def test_new_pc_needs_the_backups_admin_or_recovery_code(staffed: tuple[Room, Path],
                                                         tmp_path: Path) -> None:
    room, backup = staffed
    fresh = Installation(tmp_path / "new-pc")
    with pytest.raises(RestoreRefused) as err:
        fresh.restore(backup, username=COUNSELLOR, password=COUNSELLOR_PW)
    assert err.value.code == "restore_needs_backup_admin"
    assert "恢复码" in err.value.message("zh_CN")
    assert not (tmp_path / "new-pc" / "psyroom.db").exists()
    with pytest.raises(RecoveryFailed):
        fresh.restore(backup, recovery_code="AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    fresh.restore(backup, recovery_code=room.recovery_code.lower())
    assert ("restore", {"authorised_by": "recovery_code"}) in audit_actions(fresh)
    other = Installation(tmp_path / "other-pc")
    other.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    assert ("restore", {"authorised_by": "backup_admin"}) in audit_actions(other)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_damaged_live_data_needs_the_backups_admin(staffed: tuple[Room, Path]) -> None:
    room, backup = staffed
    (room.dir / "psyroom.db").write_bytes(b"\0" * 8192)
    for sidecar in ("-wal", "-shm"):
        (room.dir / f"psyroom.db{sidecar}").unlink(missing_ok=True)
    # The counsellor's live password still unlocks the key slots, but nothing opens.
    with pytest.raises(RestoreRefused) as err:
        room.inst.restore(backup, username=COUNSELLOR, password=COUNSELLOR_PW)
    assert err.value.code == "restore_needs_backup_admin"
    room.inst.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert room.session.verify().ok


def test_missing_key_file_restores_with_the_recovery_code_from_the_cli(
        staffed: tuple[Room, Path]) -> None:
    room, backup = staffed
    (room.dir / "keyslots.json").unlink()
    result = run_cli("restore", "--recovery-code", str(backup), data_dir=room.dir, user=None,
                     password=None, env={"PSYROOM_RECOVERY_CODE": room.recovery_code})
    assert result.returncode == 0, result.stderr
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_another_installations_backup_needs_explicit_confirmation(
        staffed: tuple[Room, Path], tmp_path: Path) -> None:
    room, _ = staffed
    other = Installation(tmp_path / "other-room")
    result = other.initialise(site_kind="room", room_type="village", site_code="NX-02",
                              site_name="南溪村", admin_name=ADMIN,
                              admin_password=ADMIN_PASSWORD)
    foreign = result.session.backup(tmp_path / "other.psyroom-backup")
    result.session.close()
    keyslots_before = digest(room.dir / "keyslots.json")
    with pytest.raises(RestoreRefused) as err:
        room.inst.restore(foreign, username=ADMIN, password=ADMIN_PASSWORD)
    assert err.value.code == "restore_foreign"
    with pytest.raises(RestoreRefused):
        room.inst.check_backup(foreign, username=ADMIN, password=ADMIN_PASSWORD)
    cli = run_cli("restore", str(foreign), data_dir=room.dir, env={"PSYROOM_LANG": "en"})
    assert cli.returncode == 1 and "--foreign" in cli.stderr
    assert digest(room.dir / "keyslots.json") == keyslots_before
    refused = [d for a, d in audit_actions(room.inst) if a == "restore_refused"]
    assert refused and all(d["reason"] == "foreign" for d in refused)

    cli = run_cli("restore", "--foreign", str(foreign), data_dir=room.dir)
    assert cli.returncode == 0, cli.stderr
    s = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert s.site.code == "NX-02"
    restored = [e.detail for e in s.audit_events() if e.action == "restore"]
    assert restored[0]["foreign"] is True and restored[0]["authorised_by"] == "live_user"
    room.session = s
