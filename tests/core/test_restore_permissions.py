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


LOST_PW = "Forgot-it-2026"


@pytest.fixture
def passwords_lost(staffed: tuple[Room, Path]) -> tuple[Room, Path, str]:
    """The live site opens, but nobody knows a password of it any more: the admin changed
    hers after the backup and forgot it, and the recovery code was replaced and the new
    sheet lost. Returns the room, the backup and the backup's (old) recovery code."""
    room, backup = staffed
    s = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    s.change_own_password(ADMIN_PASSWORD, LOST_PW)
    s.new_recovery_code()
    s.close()
    return room, backup, room.recovery_code


def test_every_live_password_lost_needs_the_backups_admin_and_says_so(
        passwords_lost: tuple[Room, Path, str]) -> None:
    room, backup, _ = passwords_lost
    before = digest(room.dir / "psyroom.db")
    # The backup's admin password does not open the live site: refused, saying what to do
    # (and counted as a failed login in the key file, like any wrong password).
    with pytest.raises(LoginFailed) as err:
        room.inst.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    assert err.value.code == "restore_live_login"
    words = err.value.message("zh_CN")
    assert "备份的恢复码" in words and "备份中管理员的密码" in words
    assert "--passwords-lost" in words
    assert digest(room.dir / "psyroom.db") == before
    # Said so: the backup's admin decides; the live data is kept aside; audited as such.
    room.inst.restore(backup, username=ADMIN, password=ADMIN_PASSWORD, passwords_lost=True)
    assert ("restore", {"authorised_by": "backup_admin", "passwords_lost": True}
            ) in audit_actions(room.inst)
    assert list((room.dir / "backups").glob("pre-restore-*/psyroom.db"))
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert "afterbackup" not in {u.username for u in room.session.list_users()}


def test_every_live_password_lost_restores_with_the_backups_recovery_code(
        passwords_lost: tuple[Room, Path, str]) -> None:
    room, backup, old_code = passwords_lost
    with pytest.raises(LoginFailed):  # the old code no longer opens the live site
        room.inst.restore(backup, recovery_code=old_code)
    room.inst.restore(backup, recovery_code=old_code, passwords_lost=True)
    assert ("restore", {"authorised_by": "recovery_code", "passwords_lost": True}
            ) in audit_actions(room.inst)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_passwords_lost_still_needs_an_admin_of_the_backup_who_is_still_a_user_here(
        passwords_lost: tuple[Room, Path, str], tmp_path: Path) -> None:
    room, backup, _ = passwords_lost
    # A counsellor (whose password here still works) cannot use the claim to get around
    # RESTORE: the live login succeeds, so the live roles decide.
    with pytest.raises(RestoreRefused) as err:
        room.inst.restore(backup, username=COUNSELLOR, password=COUNSELLOR_PW,
                          passwords_lost=True)
    assert err.value.code == "restore_not_allowed"
    # With a password that no longer opens the live site the backup decides, and there the
    # counsellor is no admin.
    s = room.inst.unlock(COUNSELLOR, COUNSELLOR_PW)
    s.change_own_password(COUNSELLOR_PW, "Wang-new-pw1")
    s.close()
    with pytest.raises(RestoreRefused) as err:
        room.inst.restore(backup, username=COUNSELLOR, password=COUNSELLOR_PW,
                          passwords_lost=True)
    assert err.value.code == "restore_needs_backup_admin"
    # An admin of a backup who was disabled here since (no password here any more) has no
    # say over this site, though the backup still opens with his password.
    s = room.inst.unlock(ADMIN, LOST_PW)
    s.add_user("qianadmin", roles=["admin"], password="Qian-admin26")
    with_qian = s.backup(tmp_path / "with-qian.psyroom-backup")
    s.disable_user("qianadmin")
    s.close()
    before = digest(room.dir / "psyroom.db")
    with pytest.raises(RestoreRefused) as err:
        room.inst.restore(with_qian, username="qianadmin", password="Qian-admin26",
                          passwords_lost=True)
    assert err.value.code == "restore_not_allowed"
    assert digest(room.dir / "psyroom.db") == before  # the key file counts the failure
    assert not list((room.dir / "backups").glob("pre-restore-*"))
    room.session = room.inst.unlock(ADMIN, LOST_PW)


def test_the_live_recovery_code_restores_without_a_password_reset_first(
        staffed: tuple[Room, Path]) -> None:
    room, backup = staffed
    room.inst.restore(backup, recovery_code=room.recovery_code)
    assert ("restore", {"authorised_by": "live_recovery_code"}) in audit_actions(room.inst)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_cli_restore_when_every_password_is_lost(passwords_lost: tuple[Room, Path, str]
                                                 ) -> None:
    room, backup, _ = passwords_lost
    refused = run_cli("restore", str(backup), data_dir=room.dir)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "--passwords-lost" in refused.stderr and "备份的恢复码" in refused.stderr
    done = run_cli("restore", "--passwords-lost", str(backup), data_dir=room.dir)
    assert done.returncode == 0, done.stderr
    assert ("restore", {"authorised_by": "backup_admin", "passwords_lost": True}
            ) in audit_actions(room.inst)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
