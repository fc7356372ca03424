"""Two processes on one data folder: real separate processes on a real data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from psyroom.errors import PsyroomError
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.security.keyslots import PASSWORD, KeySlotFile
from psyroom.storage import folderlock

from .conftest import ADMIN, ADMIN_PASSWORD, REPO, Room, run_cli

HELPER = Path(__file__).with_name("other_process.py")
BUSY_ZH = "另一个程序正在使用这些数据：请先关闭它"


def _env(password: str) -> dict[str, str]:
    return {**os.environ, "PSYROOM_KDF_PROFILE": "fast", "PSYROOM_PASSWORD": password}


def start_holder(data_dir: Path, user: str = ADMIN,
                 password: str = ADMIN_PASSWORD) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, str(HELPER), "hold", str(data_dir), user],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(password), cwd=REPO)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == "ready", proc.stderr.read() if proc.stderr else line
    return proc


def ask(proc: subprocess.Popen[str], line: str) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def stop(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("quit\n")
    proc.stdin.flush()
    proc.stdin.close()
    assert proc.wait(timeout=60) == 0


def resident_count(inst: Installation) -> int:
    s = inst.unlock(ADMIN, ADMIN_PASSWORD)
    try:
        return s.residents.count()
    finally:
        s.close()


def test_restore_is_refused_while_another_process_imports(room: Room, tmp_path: Path) -> None:
    from bench.archives import _write_register

    backup = room.session.backup(tmp_path / "before.psyroom-backup")
    room.session.close()
    register = tmp_path / "register.xlsx"
    _write_register(register, 2000)

    importer = start_holder(room.dir)
    try:
        with pytest.raises(folderlock.FolderBusy) as err:
            room.inst.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
        assert BUSY_ZH in err.value.message("zh_CN")
        assert "Another program is using this data" in err.value.message("en")
        cli = run_cli("restore", str(backup), data_dir=room.dir)
        assert cli.returncode == 1 and BUSY_ZH in cli.stderr
        assert cli.stderr.count("\n") == 1
        assert not (room.dir / "restore-staging.db").exists()
        assert not (room.dir / "restore-pending.json").exists()
        # The other process goes on working on the same file, undisturbed.
        assert ask(importer, f"import {register}") == "2000"
        assert ask(importer, "read") == "2000"
    finally:
        stop(importer)
    assert resident_count(room.inst) == 2000
    # With the other process gone, the same restore goes through.
    room.inst.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    assert resident_count(room.inst) == 0
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_schema_upgrade_waits_for_the_other_process(room: Room) -> None:
    from psyroom.storage import migrate
    from psyroom.storage.connection import connect

    key = room.session._key
    room.session.close()
    holder = start_holder(room.dir)
    try:
        conn = connect(room.dir / "psyroom.db", key)
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
        conn.close()
        with pytest.raises(folderlock.FolderBusy):
            room.inst.unlock(ADMIN, ADMIN_PASSWORD)
        conn = connect(room.dir / "psyroom.db", key)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"
        conn.execute(f"UPDATE alembic_version SET version_num = '{migrate.HEAD_REVISION}'")
        conn.close()
    finally:
        stop(holder)
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert room.session.verify().ok


def test_two_restores_at_once_the_second_names_the_cause(room: Room, tmp_path: Path) -> None:
    from psyroom.backup.restore import one_restore_at_a_time
    from psyroom.paths import DataFolder

    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    room.session.close()
    with one_restore_at_a_time(DataFolder(room.dir)):
        with pytest.raises(PsyroomError) as err:
            room.inst.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
        assert err.value.code == "restore_running"
        assert "另一个恢复正在进行" in err.value.message("zh_CN")
        cli = run_cli("restore", str(backup), data_dir=room.dir)
        assert cli.returncode == 1 and "另一个恢复正在进行" in cli.stderr
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


@pytest.mark.slow  # many whole psyroom processes: ~20-30 s on the shared 2-core machine
def test_password_change_is_not_undone_by_parallel_logins(room: Room) -> None:
    room.session.add_user("qianyi", roles=["counsellor"], password="Qian-first1")
    room.session.close()
    loggers = [subprocess.Popen([sys.executable, str(HELPER), "logins", str(room.dir), ADMIN,
                                 "12"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=_env(ADMIN_PASSWORD), cwd=REPO)
               for _ in range(4)]
    try:
        time.sleep(1.0)
        password = "Qian-first1"
        for n in range(3):
            s = room.inst.unlock("qianyi", password)
            new = f"Qian-change{n}"
            s.change_own_password(password, new)
            s.close()
            password = new
            time.sleep(0.3)
    finally:
        results = [(p.wait(timeout=300), p.communicate()) for p in loggers]
    # Parallel logins never crash (the shared temp name made them fail with
    # FileNotFoundError) ...
    for code, (out, err) in results:
        assert code == 0 and out.strip() == "ok", err
    # ... and none of them wrote back a key file older than the last password change.
    room.inst.unlock("qianyi", password).close()
    with pytest.raises(PsyroomError):
        room.inst.unlock("qianyi", "Qian-change1")
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


@pytest.mark.slow  # many whole psyroom processes: ~20-30 s on the shared 2-core machine
def test_twenty_parallel_wrong_passwords_lock_and_each_is_audited(room: Room) -> None:
    room.session.add_user("sunerr", roles=["counsellor"], password="Sun-right12")
    room.session.close()
    env = {**_env("Wrong-guess1"), "PSYROOM_LANG": "en"}
    cmd = [sys.executable, "-m", "psyroom", "--data-dir", str(room.dir), "--user", "sunerr",
           "stats"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env, cwd=REPO) for _ in range(20)]
    results = [(p.wait(timeout=300), p.communicate()[1]) for p in procs]
    for code, err in results:
        assert code == 1, err
        assert "not correct" in err or "locked" in err, err
    slots = KeySlotFile.load(room.dir / "keyslots.json")
    slot = slots.find(PASSWORD, "sunerr")
    assert slot is not None
    assert slot.locked_minutes(time.time()) > 0
    # Attempts that met the lock were refused unchecked, and are kept for the audit too.
    assert len(slot.pending_failures) >= 5
    assert len(slot.pending_failures) + len(slot.pending_refused) == 20
    # The lock is real: the right password is refused until it runs out.
    with pytest.raises(PsyroomError) as err:
        room.inst.unlock("sunerr", "Sun-right12")
    assert err.value.code == "account_locked"
    refused_right_password = 1
    later = Installation(room.dir, clock=lambda: time.time() + 2 * 86400)
    s = later.unlock(ADMIN, ADMIN_PASSWORD)
    try:
        user = next(u for u in s.list_users() if u.username == "sunerr")
        failed = [e for e in s.audit_events() if e.target_id == user.id
                  and e.action in ("login_failed", "login_failed_while_locked")]
        assert len(failed) == 20 + refused_right_password
    finally:
        s.close()
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_a_long_background_read_does_not_block_a_save(room: Room) -> None:
    s = room.session
    s.residents.create(ResidentFields(name="钱一"))
    reading = threading.Event()
    release = threading.Event()
    seen: list[int] = []

    def background_read() -> None:
        # What the search-index build does: its own connection, one long read.
        db = s.reader_connection()
        try:
            with db.reading() as conn:
                seen.append(int(conn.exec_driver_sql("SELECT count(*) FROM residents")
                                .scalar() or 0))
                reading.set()
                release.wait(30)
                seen.append(int(conn.exec_driver_sql("SELECT count(*) FROM residents")
                                .scalar() or 0))
        finally:
            db.close()

    thread = threading.Thread(target=background_read)
    thread.start()
    try:
        assert reading.wait(30)
        # Used to wait out the 5 s busy timeout and fail with "database is locked".
        s.residents.create(ResidentFields(name="孙二"))
        assert s.residents.count() == 2
    finally:
        release.set()
        thread.join(30)
    # The reader kept its own snapshot throughout.
    assert seen == [1, 1]
    s.residents.prepare_search()
    assert s.residents.search("孙二")[0] == 1


def test_stats_json_unchanged_by_the_folder_lock(room: Room) -> None:
    # A command run beside the open app works as before: both hold the folder shared.
    result = run_cli("stats", "--json", data_dir=room.dir)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["users"] == 1
