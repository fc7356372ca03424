"""Backup and restore on real files, including a kill -9 half-way through."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from psyroom.errors import BackupError, Cancelled, LoginFailed
from psyroom.installation import Installation

from .conftest import ADMIN, ADMIN_PASSWORD, REPO, SITE_NAME, Room, run_cli


def usernames(inst: Installation) -> set[str]:
    s = inst.unlock(ADMIN, ADMIN_PASSWORD)
    try:
        return {u.username for u in s.list_users()}
    finally:
        s.close()


def add_filler(room: Room, megabytes: int) -> None:
    """Bulk so a backup takes long enough to be killed in the middle."""
    with room.session.db.unit_of_work() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS filler(b BLOB)")
        for _ in range(megabytes * 4):
            conn.exec_driver_sql("INSERT INTO filler VALUES (randomblob(262144))")


def test_backup_restore_round_trip(room: Room, tmp_path: Path) -> None:
    s = room.session
    s.add_user("sunbefore", roles=["counsellor"], password="Sun-before1")
    backup = s.backup(tmp_path / "usb" / "room.psyroom-backup")
    assert backup.exists()
    assert SITE_NAME.encode() not in backup.read_bytes()
    s.add_user("liafter", roles=["counsellor"], password="Li-after12")
    s.close()

    room.inst.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    names = usernames(room.inst)
    assert "sunbefore" in names and "liafter" not in names
    # The replaced data is kept, still encrypted, until someone deletes it.
    kept = list((room.dir / "backups").glob("pre-restore-*/psyroom.db"))
    assert len(kept) == 1
    assert SITE_NAME.encode() not in kept[0].read_bytes()
    s = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert s.verify().ok
    assert "restore" in [e.action for e in s.audit_events()]
    room.session = s


def test_check_backup_replaces_nothing(room: Room, tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    room.session.add_user("stillhere", roles=["counsellor"], password="Still-here1")
    with pytest.raises(LoginFailed):
        room.inst.check_backup(backup, username=ADMIN, password="Wrong-pass1")
    room.inst.check_backup(backup, username=ADMIN, password=ADMIN_PASSWORD)
    assert not (room.dir / "restore-staging.db").exists()
    assert "stillhere" in {u.username for u in room.session.list_users()}


def test_restore_onto_a_new_pc(room: Room, tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    fresh = Installation(tmp_path / "new-pc")
    with pytest.raises(LoginFailed):
        fresh.restore(backup, username=ADMIN, password="Wrong-pass1")
    assert not (tmp_path / "new-pc" / "psyroom.db").exists()
    fresh.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    s = fresh.unlock(ADMIN, ADMIN_PASSWORD)
    assert s.site.name == SITE_NAME
    s.close()


def test_restore_refuses_damaged_or_foreign_files(room: Room, tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    room.session.close()
    live_before = (room.dir / "psyroom.db").read_bytes()
    data = bytearray(backup.read_bytes())
    data[-5000] ^= 0xFF
    damaged = tmp_path / "damaged.psyroom-backup"
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError) as err:
        room.inst.restore(damaged, username=ADMIN, password=ADMIN_PASSWORD)
    assert err.value.code == "backup_damaged"
    truncated = tmp_path / "short.psyroom-backup"
    truncated.write_bytes(backup.read_bytes()[:-4096])
    with pytest.raises(BackupError):
        room.inst.restore(truncated, username=ADMIN, password=ADMIN_PASSWORD)
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hello")
    with pytest.raises(BackupError) as err:
        room.inst.restore(foreign, username=ADMIN, password=ADMIN_PASSWORD)
    assert err.value.code == "backup_not_a_backup"
    assert (room.dir / "psyroom.db").read_bytes() == live_before
    assert not (room.dir / "restore-staging.db").exists()
    result = run_cli("restore", str(damaged), data_dir=room.dir)
    assert result.returncode == 1 and "损坏" in result.stderr
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_cancelled_backup_leaves_nothing(room: Room, tmp_path: Path) -> None:
    add_filler(room, 3)
    seen: list[int] = []

    def cancel() -> bool:
        return len(seen) >= 1

    with pytest.raises(Cancelled):
        room.session.backup(tmp_path / "c.psyroom-backup",
                            progress=lambda done, total: seen.append(done), cancel=cancel)
    assert list(tmp_path.glob("c.psyroom-backup*")) == []


def _kill_after(cmd: list[str], env: dict[str, str], delay: float) -> int:
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    return proc.wait()


@pytest.mark.slow
def test_killing_a_backup_half_way_leaves_the_live_database_intact(room: Room,
                                                                   tmp_path: Path) -> None:
    add_filler(room, 24)
    room.session.close()
    env = {**os.environ, "PSYROOM_KDF_PROFILE": "fast", "PSYROOM_PASSWORD": ADMIN_PASSWORD}
    out = tmp_path / "usb" / "k.psyroom-backup"
    cmd = [sys.executable, "-m", "psyroom", "--data-dir", str(room.dir), "--user", ADMIN,
           "backup", "--out", str(out)]
    # Time one whole run, so the kills land inside the backup on a fast or a slow machine.
    started = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=REPO, check=True, capture_output=True)
    whole = time.perf_counter() - started
    out.unlink()
    rng = random.Random(7)
    killed = 0
    for attempt in range(4):
        code = _kill_after(cmd, env, whole * rng.uniform(0.4, 0.9))
        killed += code == -signal.SIGKILL
        s = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
        assert s.verify().ok
        s.close()
        if out.exists():
            # Whatever has the final name is a whole backup.
            Installation(tmp_path / f"check{attempt}").restore(out, username=ADMIN,
                                                               password=ADMIN_PASSWORD)
            out.unlink()
    assert killed >= 1


@pytest.mark.slow
def test_killing_a_restore_gives_all_or_nothing(room: Room, tmp_path: Path) -> None:
    add_filler(room, 16)
    backup = room.session.backup(tmp_path / "r.psyroom-backup")
    room.session.add_user("afterbackup", roles=["counsellor"], password="After-back1")
    room.session.close()
    env = {**os.environ, "PSYROOM_KDF_PROFILE": "fast", "PSYROOM_PASSWORD": ADMIN_PASSWORD}
    rng = random.Random(11)
    # True: still the live data (the kill came before the swap); False: the backup's.
    outcomes: list[bool] = []
    for _ in range(4):
        _kill_after([sys.executable, "-m", "psyroom", "--data-dir", str(room.dir), "--user",
                     ADMIN, "restore", str(backup)], env, rng.uniform(0.3, 1.5))
        inst = Installation(room.dir)
        names = usernames(inst)
        # All or nothing: every user of one side, none of a mix.
        assert ADMIN in names
        outcomes.append("afterbackup" in names)
        s = inst.unlock(ADMIN, ADMIN_PASSWORD)
        assert s.verify().ok
        s.close()
    # Once the backup's data is in place, a later killed restore never brings the old back.
    first_restored = outcomes.index(False) if False in outcomes else len(outcomes)
    assert all(not o for o in outcomes[first_restored:]), outcomes
    # And a restore left to finish always ends on the backup's data.
    done = run_cli("restore", str(backup), data_dir=room.dir)
    assert done.returncode == 0, done.stderr
    assert "afterbackup" not in usernames(Installation(room.dir))


@pytest.fixture
def full_usb_stick(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real, tiny file system, like a nearly full USB stick (needs root to mount)."""
    mount_point = tmp_path / "usb"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs",
                           str(mount_point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (not root)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True)


def test_backup_to_a_full_usb_stick_says_so_and_leaves_nothing(room: Room,
                                                              full_usb_stick: Path) -> None:
    from psyroom.errors import PsyroomError

    add_filler(room, 1)
    with pytest.raises(PsyroomError) as err:
        room.session.backup(full_usb_stick / "room.psyroom-backup")
    assert err.value.code == "disk_full"
    assert "空间不足" in err.value.message("zh_CN")
    assert list(full_usb_stick.iterdir()) == []
    assert room.session.verify().ok
    room.session.close()
    result = run_cli("backup", "--out", str(full_usb_stick / "b.psyroom-backup"),
                     data_dir=room.dir)
    assert result.returncode == 1 and "空间不足" in result.stderr
    assert result.stderr.count("\n") == 1
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
