"""The steps of a restore (psyroom/backup/restore.py) on real files, one backup made once:
staging checks, the journal, finishing an interrupted swap, the pre-restore copy. Quick
enough to be that module's own tests in mutation runs."""

from __future__ import annotations

import base64
import json
import re
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from psyroom.backup import restore as restoring
from psyroom.backup.archive import MAGIC
from psyroom.errors import BackupError, Cancelled, LoginFailed, PsyroomError, RecoveryFailed
from psyroom.installation import Installation
from psyroom.paths import DataFolder
from psyroom.security.keyslots import KeySlotFile
from psyroom.storage.database import Database

from .conftest import ADMIN, ADMIN_PASSWORD

COUNSELLOR, COUNSELLOR_PW = "wangcounsel", "Wang-couns1"
DISABLED, DISABLED_PW = "oldadmin", "Old-admin2026"


BAD: dict[str, Path] = {}  # broken backups made beside the good one


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, str]]:
    """(backup file, recovery code, install id) of a room with an admin, a counsellor and a
    second admin who is disabled in the backup; and in BAD, a backup whose database names
    another installation and one whose audit chain was tampered with."""
    root = tmp_path_factory.mktemp("made")
    inst = Installation(root / "data")
    result = inst.initialise(site_kind="room", room_type="village", site_code="BC-01",
                             site_name="北城村", admin_name=ADMIN,
                             admin_password=ADMIN_PASSWORD)
    s = result.session
    s.add_user(COUNSELLOR, roles=["counsellor"], password=COUNSELLOR_PW)
    s.add_user(DISABLED, roles=["admin"], password=DISABLED_PW)
    s.disable_user(DISABLED)
    backup = s.backup(root / "room.psyroom-backup")
    install_id = inst.load_slots().install_id
    with s.db.unit_of_work() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = 'another' WHERE key = 'install_id'")
    BAD["mixed"] = s.backup(root / "mixed.psyroom-backup")
    with s.db.unit_of_work() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = ? WHERE key = 'install_id'",
                             (install_id,))
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_no_update")
        conn.exec_driver_sql("UPDATE audit_events SET action = 'nothing' WHERE seq = 1")
    BAD["tampered"] = s.backup(root / "tampered.psyroom-backup")
    s.close()
    other = Installation(root / "other").initialise(
        site_kind="room", room_type="village", site_code="NX-02", site_name="南溪村",
        admin_name=ADMIN, admin_password=ADMIN_PASSWORD).session
    BAD["other"] = other.backup(root / "other.psyroom-backup")
    other.close()
    yield backup, result.recovery_code, install_id


def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "new-pc" / "data")  # its parent does not exist yet


def test_staging_with_the_admins_password_leaves_a_verified_copy(
        made: tuple[Path, str, str], tmp_path: Path) -> None:
    backup, _, install_id = made
    f = folder(tmp_path)
    staged = restoring.stage(f, backup, username=" ZhaoAdmin ", password=ADMIN_PASSWORD)
    assert staged.by_recovery_code is False and staged.backup_user_may_restore is True
    assert staged.backup_user_id is not None and staged.install_id == install_id
    assert staged.slots.install_id == install_id
    assert restoring.staging_path(f) == f.root / "restore-staging.db"
    assert not f.database.exists()  # nothing live
    db = Database.open(restoring.staging_path(f), staged.key)
    try:
        assert db.integrity_problems() == []
    finally:
        db.close()


def test_staging_says_who_may_restore(made: tuple[Path, str, str], tmp_path: Path) -> None:
    backup, code, _ = made
    f = folder(tmp_path)
    counsellor = restoring.stage(f, backup, username=COUNSELLOR, password=COUNSELLOR_PW)
    assert counsellor.backup_user_may_restore is False
    assert counsellor.backup_user_id is not None
    by_code = restoring.stage(f, backup, recovery_code=code.lower().replace("-", " "),
                              username="", password="")
    assert by_code.by_recovery_code is True and by_code.backup_user_id is None
    assert by_code.backup_user_may_restore is False
    assert by_code.key == counsellor.key


def test_staging_refuses_wrong_secrets_and_writes_nothing(made: tuple[Path, str, str],
                                                          tmp_path: Path) -> None:
    backup, _, _ = made
    f = folder(tmp_path)
    for username, password in ((ADMIN, "Wrong-pass-1"), ("nobody", ADMIN_PASSWORD),
                               ("", ADMIN_PASSWORD), (DISABLED, DISABLED_PW)):
        with pytest.raises(LoginFailed):
            restoring.stage(f, backup, username=username, password=password)
    with pytest.raises(RecoveryFailed):
        restoring.stage(f, backup, recovery_code="AAAAA-BBBBB-CCCCC-DDDDD-EEEEE",
                        username=ADMIN, password=ADMIN_PASSWORD)
    assert not restoring.staging_path(f).exists()


def test_a_damaged_backup_is_refused_and_its_staging_copy_removed(
        made: tuple[Path, str, str], tmp_path: Path) -> None:
    backup, _, _ = made
    data = bytearray(backup.read_bytes())
    data[-5000:-4000] = b"\0" * 1000  # inside the database pages
    broken = tmp_path / "broken.psyroom-backup"
    broken.write_bytes(bytes(data))
    f = folder(tmp_path)
    with pytest.raises(PsyroomError) as err:
        restoring.stage(f, broken, username=ADMIN, password=ADMIN_PASSWORD)
    assert err.value.code in ("backup_damaged", "backup_unreadable")
    assert not restoring.staging_path(f).exists()


def test_one_restore_at_a_time(tmp_path: Path) -> None:
    f = folder(tmp_path)
    with restoring.one_restore_at_a_time(f):
        assert f.root.is_dir()
        with pytest.raises(PsyroomError) as err, restoring.one_restore_at_a_time(f):
            pass
        assert err.value.code == "restore_running"
    with restoring.one_restore_at_a_time(f):  # free again afterwards
        pass


def live_files(f: DataFolder) -> None:
    f.root.mkdir(parents=True, exist_ok=True)
    f.database.write_bytes(b"old database")
    f.keyslots.write_bytes(b"old slots")
    f.database.with_name(f.database.name + "-wal").write_bytes(b"old wal")


def test_a_pending_swap_is_finished_and_the_old_files_kept(made: tuple[Path, str, str],
                                                            tmp_path: Path) -> None:
    backup, _, _ = made
    f = folder(tmp_path)
    assert restoring.finish_pending(f) is False  # nothing pending
    live_files(f)
    staged = restoring.stage(f, backup, username=ADMIN, password=ADMIN_PASSWORD)
    staged_bytes = restoring.staging_path(f).read_bytes()
    restoring.write_journal(f, staged.slots)
    doc = json.loads(f.restore_journal.read_text(encoding="utf-8"))
    assert doc["old_saved"] is False
    assert base64.b64decode(doc["keyslots"]) == staged.slots.to_bytes()
    assert restoring.finish_pending(f) is True
    assert f.database.read_bytes() == staged_bytes
    assert KeySlotFile.from_bytes(f.keyslots.read_bytes()).install_id == staged.install_id
    assert not f.restore_journal.exists() and not restoring.staging_path(f).exists()
    assert not f.database.with_name(f.database.name + "-wal").exists()
    kept = list(f.backups.glob("pre-restore-*"))
    assert len(kept) == 1
    assert {p.name: p.read_bytes() for p in kept[0].iterdir()} == {
        "psyroom.db": b"old database", "keyslots.json": b"old slots",
        "psyroom.db-wal": b"old wal"}
    assert restoring.finish_pending(f) is False


def test_a_key_rotation_keeps_no_old_copy(made: tuple[Path, str, str], tmp_path: Path
                                          ) -> None:
    backup, _, _ = made
    f = folder(tmp_path)
    live_files(f)
    staged = restoring.stage(f, backup, username=ADMIN, password=ADMIN_PASSWORD)
    restoring.write_journal(f, staged.slots, keep_old=False)
    assert json.loads(f.restore_journal.read_text(encoding="utf-8"))["old_saved"] is True
    assert restoring.finish_pending(f) is True
    assert not f.backups.exists() or not list(f.backups.glob("pre-restore-*"))


def test_a_swap_interrupted_after_the_move_only_rewrites_the_key_file(
        made: tuple[Path, str, str], tmp_path: Path) -> None:
    backup, _, _ = made
    f = folder(tmp_path)
    live_files(f)
    staged = restoring.stage(f, backup, username=ADMIN, password=ADMIN_PASSWORD)
    restoring.write_journal(f, staged.slots)
    moved = restoring.staging_path(f).read_bytes()
    restoring.staging_path(f).replace(f.database)  # the crash came after the move
    assert restoring.finish_pending(f) is True
    assert f.database.read_bytes() == moved
    assert f.keyslots.read_bytes() == staged.slots.to_bytes()
    assert not f.restore_journal.exists()


def test_nothing_to_keep_on_a_new_pc(made: tuple[Path, str, str], tmp_path: Path) -> None:
    backup, _, _ = made
    f = folder(tmp_path)
    staged = restoring.stage(f, backup, username=ADMIN, password=ADMIN_PASSWORD)
    restoring.write_journal(f, staged.slots)
    assert restoring.finish_pending(f) is True
    assert f.database.exists()
    assert not f.backups.exists() or not list(f.backups.glob("pre-restore-*"))


def rewrite_header(backup: Path, out: Path, **changes: object) -> Path:
    data = backup.read_bytes()
    (length,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    start = len(MAGIC) + 4
    doc = json.loads(data[start:start + length])
    doc.update(changes)
    header = json.dumps(doc).encode()
    out.write_bytes(MAGIC + struct.pack(">I", len(header)) + header + data[start + length:])
    return out


def test_staging_refuses_a_newer_app_a_broken_chain_and_another_installs_database(
        made: tuple[Path, str, str], tmp_path: Path) -> None:
    backup, code, _ = made
    f = folder(tmp_path)
    newer = rewrite_header(backup, tmp_path / "newer.psyroom-backup", revision="9999")
    cases = [(newer, "backup_newer"), (BAD["mixed"], "backup_damaged"),
             (BAD["tampered"], "backup_damaged")]
    for bad, why in cases:
        for how in ({"username": ADMIN, "password": ADMIN_PASSWORD},
                    {"username": "", "password": "", "recovery_code": code}):
            with pytest.raises(BackupError) as err:
                restoring.stage(f, bad, **how)  # type: ignore[arg-type]
            assert err.value.code == why, (bad.name, how)
            assert not restoring.staging_path(f).exists()


def test_a_power_cut_after_the_old_copy_keeps_no_second_copy(
        made: tuple[Path, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal notes that the old files were kept before the swap, so finishing after a
    crash in between does not keep today's half-swapped files as another "old" copy."""
    backup, _, _ = made
    f = folder(tmp_path)
    live_files(f)
    staged = restoring.stage(f, backup, username=ADMIN, password=ADMIN_PASSWORD)
    restoring.write_journal(f, staged.slots)
    real_replace = restoring.os.replace

    def power_cut(src: Path, dst: Path) -> None:
        if Path(dst) == f.database:  # the swap itself; the journal's own writes go on
            raise OSError("power cut")
        real_replace(src, dst)

    monkeypatch.setattr(restoring.os, "replace", power_cut)
    with pytest.raises(OSError):
        restoring.finish_pending(f)
    doc = json.loads(f.restore_journal.read_text(encoding="utf-8"))
    assert doc["old_saved"] is True
    assert base64.b64decode(doc["keyslots"]) == staged.slots.to_bytes()
    monkeypatch.setattr(restoring.os, "replace", real_replace)
    assert restoring.finish_pending(f) is True
    kept = list(f.backups.glob("pre-restore-*"))
    assert len(kept) == 1 and (kept[0] / "psyroom.db").read_bytes() == b"old database"


def test_the_old_copy_is_kept_when_only_one_live_file_is_left(
        made: tuple[Path, str, str], tmp_path: Path) -> None:
    backup, _, _ = made
    f = folder(tmp_path)
    f.root.mkdir(parents=True)
    f.database.write_bytes(b"old database")  # the key file was lost
    staged = restoring.stage(f, backup, username=ADMIN, password=ADMIN_PASSWORD)
    restoring.write_journal(f, staged.slots)
    # A copy made in the same second as another restore's goes into the same folder.
    for seconds in range(-1, 3):
        stamp = time.strftime("pre-restore-%Y%m%d-%H%M%S", time.localtime(time.time() + seconds))
        (f.backups / stamp).mkdir(parents=True, exist_ok=True)
    before = set(f.backups.iterdir())
    assert restoring.finish_pending(f) is True
    kept = [p for p in f.backups.iterdir() if (p / "psyroom.db").exists()]
    assert len(kept) == 1 and (kept[0] / "psyroom.db").read_bytes() == b"old database"
    assert re.fullmatch(r"pre-restore-\d{8}-\d{6}", kept[0].name)
    assert set(f.backups.iterdir()) == before  # into the folder of that second


def header_of(backup: Path) -> dict[str, object]:
    data = backup.read_bytes()
    (length,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    doc: dict[str, object] = json.loads(data[len(MAGIC) + 4:len(MAGIC) + 4 + length])
    return doc


def test_a_key_file_that_does_not_open_the_database_is_refused(
        made: tuple[Path, str, str], tmp_path: Path) -> None:
    """Another room's database under this room's key slots (sizes and checksum fitting)."""
    backup, _, _ = made
    spliced = rewrite_header(BAD["other"], tmp_path / "spliced.psyroom-backup",
                             keyslots=header_of(backup)["keyslots"])
    f = folder(tmp_path)
    with pytest.raises(BackupError) as err:
        restoring.stage(f, spliced, username=ADMIN, password=ADMIN_PASSWORD)
    assert err.value.code == "backup_damaged"
    assert not restoring.staging_path(f).exists()


def test_staging_reports_progress_and_can_be_cancelled(made: tuple[Path, str, str],
                                                       tmp_path: Path) -> None:
    backup, _, _ = made
    f = folder(tmp_path)
    seen: list[tuple[int, int]] = []
    restoring.stage(f, backup, username=ADMIN, password=ADMIN_PASSWORD,
                    progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] == restoring.staging_path(f).stat().st_size
    restoring.staging_path(f).unlink()
    with pytest.raises(Cancelled):
        restoring.stage(f, backup, username=ADMIN, password=ADMIN_PASSWORD,
                        cancel=lambda: True)
    assert not restoring.staging_path(f).exists()
