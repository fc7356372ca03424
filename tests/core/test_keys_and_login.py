"""Key slots, passwords, lockout, recovery code and the device secret, on a real data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import pytest
import sqlcipher3
from keyring.backend import KeyringBackend

from psyroom.errors import AccountLocked, DatabaseRefused, InvalidInput, LoginFailed, PsyroomError
from psyroom.installation import Installation, InstallStatus
from psyroom.security.passwords import password_problems

from .conftest import ADMIN, ADMIN_PASSWORD, SITE_NAME, FakeClock, Room


def all_file_bytes(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_wrong_password_opens_nothing(room: Room) -> None:
    room.session.close()
    with pytest.raises(LoginFailed):
        room.inst.unlock(ADMIN, "Bei-cheng2025")
    with pytest.raises(LoginFailed):
        room.inst.unlock("nobody", ADMIN_PASSWORD)
    session = room.inst.unlock(ADMIN.upper(), ADMIN_PASSWORD)
    assert session.site.name == SITE_NAME
    actions = [e.action for e in session.audit_events()]
    assert "login_failed" in actions and "login_failed_unknown_user" in actions
    room.session = session


def test_no_file_holds_names_or_key_in_clear(room: Room) -> None:
    s = room.session
    s.add_user("qianworker", display_name="钱社工标记", roles=["social_worker"],
               password="Qian-worker1")
    key = s._key
    secrets = [SITE_NAME.encode(), "北城村".encode(), b"zhaoadmin", b"qianworker",
               "钱社工标记".encode(), key, key.hex().encode(), key.hex().upper().encode(),
               room.recovery_code.encode()]
    # While the session is open the WAL holds fresh pages; check it too.
    files = all_file_bytes(room.dir)
    assert any(p.name.endswith("-wal") for p in files)
    assert {"psyroom.db", "keyslots.json"} <= {p.name for p in files}
    for path, data in files.items():
        for secret in secrets:
            assert secret not in data, f"{secret!r} readable in {path.name}"
    s.close()
    room.inst.save_settings(room.inst.load_settings())
    for path, data in all_file_bytes(room.dir).items():
        for secret in secrets:
            assert secret not in data, f"{secret!r} readable in {path.name}"
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_copied_folder_needs_a_password(room: Room, tmp_path: Path) -> None:
    room.session.close()
    copy = tmp_path / "stolen"
    shutil.copytree(room.dir, copy)
    thief = Installation(copy)
    with pytest.raises(LoginFailed):
        thief.unlock(ADMIN, "guess-Password1")
    # Nor does SQLite or SQLCipher read it without the key.
    for passphrase in (None, ADMIN_PASSWORD, "x'" + "0" * 64 + "'"):
        conn = sqlcipher3.connect(str(copy / "psyroom.db"))
        conn.execute("PRAGMA cipher_log_level = NONE")
        if passphrase is not None:
            conn.execute(f"PRAGMA key = \"{passphrase}\"")
        with pytest.raises(sqlcipher3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()
    # With the right password the copy opens (the password, not the PC, is the key).
    thief.unlock(ADMIN, ADMIN_PASSWORD).close()
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_lockout_after_five_failures_doubles(room: Room, clock: FakeClock) -> None:
    room.session.close()
    inst = Installation(room.dir, clock=clock)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            inst.unlock(ADMIN, "Wrong-pass1")
    with pytest.raises(AccountLocked) as locked:
        inst.unlock(ADMIN, "Wrong-pass1")
    assert locked.value.params["minutes"] == 5
    # Even the right password is refused while locked.
    with pytest.raises(AccountLocked):
        inst.unlock(ADMIN, ADMIN_PASSWORD)
    clock.now += 5 * 60 + 1
    for _ in range(4):
        with pytest.raises(LoginFailed):
            inst.unlock(ADMIN, "Wrong-pass1")
    with pytest.raises(AccountLocked) as locked:
        inst.unlock(ADMIN, "Wrong-pass1")
    assert locked.value.params["minutes"] == 10
    assert "分钟" in locked.value.message("zh_CN")
    clock.now += 10 * 60 + 1
    session = inst.unlock(ADMIN, ADMIN_PASSWORD)
    failures = [e for e in session.audit_events() if e.action == "login_failed"]
    assert len(failures) == 10
    room.session = session


def test_lock_screen_password_check_is_audited(room: Room) -> None:
    s = room.session
    assert s.check_password("Wrong-pass1") is False
    assert s.check_password(ADMIN_PASSWORD) is True
    actions = [e.action for e in s.audit_events(limit=2)]
    assert actions == ["unlock", "unlock_failed"]


def test_password_rules() -> None:
    assert password_problems("Abcdef12") == []
    assert password_problems("abcdefgh1!") == []
    assert "too_short" in password_problems("Ab1!")
    assert "too_few_kinds" in password_problems("abcdefgh12")


def test_change_password_rewraps_one_slot(room: Room) -> None:
    s = room.session
    db_before = (room.dir / "psyroom.db").stat().st_size
    with pytest.raises(InvalidInput):
        s.change_own_password("Wrong-pass1", "New-pass-2026")
    with pytest.raises(InvalidInput):
        s.change_own_password(ADMIN_PASSWORD, "weakpass")
    s.change_own_password(ADMIN_PASSWORD, "New-pass-2026")
    s.close()
    with pytest.raises(LoginFailed):
        room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    room.session = room.inst.unlock(ADMIN, "New-pass-2026")
    assert (room.dir / "psyroom.db").stat().st_size >= db_before


def test_recovery_code_sets_a_new_password(room: Room) -> None:
    room.session.close()
    with pytest.raises(PsyroomError) as bad:
        room.inst.reset_password_with_recovery(recovery_code="AAAAA-BBBBB-CCCCC-DDDDD-EEEEE",
                                               username=ADMIN, new_password="Fresh-pass1")
    assert bad.value.code == "recovery_failed"
    typed = room.recovery_code.lower().replace("-", " ")
    room.inst.reset_password_with_recovery(recovery_code=typed, username=ADMIN,
                                           new_password="Fresh-pass1")
    room.session = room.inst.unlock(ADMIN, "Fresh-pass1")
    actions = [e.action for e in room.session.audit_events()]
    assert "password_reset_with_recovery_code" in actions
    assert "recovery_code_failed" in actions


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


def test_device_secret_in_keyring(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        inst = Installation(tmp_path / "d")
        result = inst.initialise(site_kind="office", site_code="SC-JD", site_name="山城街道",
                                 admin_name="clerk", admin_password=ADMIN_PASSWORD)
        assert result.session.notices == []
        result.session.close()
        assert len(ring.store) == 1
        # An OS reinstall (or a copied folder) loses the entry: the app says so, still opens.
        ring.store.clear()
        s = inst.unlock("clerk", ADMIN_PASSWORD)
        assert "device_secret_missing" in s.notices
        assert "device_secret_missing" in [e.action for e in s.audit_events()]
        s.close()
        s = inst.unlock("clerk", ADMIN_PASSWORD)
        assert s.notices == []
        s.close()
    finally:
        keyring.set_keyring(previous)


def test_no_keyring_still_works(tmp_path: Path) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        inst = Installation(tmp_path / "d")
        result = inst.initialise(site_kind="room", site_code="NG-01", site_name="南关社区",
                                 admin_name="admin", admin_password=ADMIN_PASSWORD)
        assert result.session.notices == ["no_keyring"]
        result.session.close()
        # Explained once per data folder, not at every login.
        again = inst.unlock("admin", ADMIN_PASSWORD)
        assert again.notices == []
        again.close()
    finally:
        keyring.set_keyring(previous)


def test_settings_changes_are_audited_and_autolock_is_for_admins(room: Room) -> None:
    from psyroom.errors import PermissionDenied

    s = room.session
    settings = room.inst.load_settings()
    settings.autolock_minutes = 5
    settings.font_point_size = 16
    s.save_settings(settings)
    # The auto-lock time is the database's, audited on its own; the file keeps the rest.
    events = [(e.action, e.detail) for e in s.audit_events(limit=2)]
    assert events == [("settings_changed", {"font_point_size": 16}),
                      ("security_settings_changed", {"autolock_minutes": 5})]
    s.add_user("plainworker", roles=["social_worker"], password="Plain-work1")
    s.close()
    worker = room.inst.unlock("plainworker", "Plain-work1")
    try:
        mine = room.inst.load_settings()
        mine.language = "en"
        worker.save_settings(mine)
        mine.autolock_minutes = 60
        with pytest.raises(PermissionDenied):
            worker.save_settings(mine)
        assert worker.security_settings().autolock_minutes == 5
    finally:
        worker.close()
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_status_of_half_present_folders(room: Room) -> None:
    room.session.close()
    assert room.inst.status() is InstallStatus.READY
    slots = room.dir / "keyslots.json"
    saved = slots.read_bytes()
    slots.unlink()
    assert room.inst.status() is InstallStatus.KEYSLOTS_MISSING
    with pytest.raises(DatabaseRefused) as err:
        room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert err.value.code == "keyslots_missing"
    assert (room.dir / "psyroom.db").exists()
    slots.write_bytes(saved)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
