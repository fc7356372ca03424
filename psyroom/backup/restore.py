"""Restoring a backup: verify a staged copy first, then swap it in through a journal.

The journal makes the swap all-or-nothing: if the PC dies half-way, the next start finishes
the swap from the already-verified staged copy. The replaced database is kept in
``backups/`` as a pre-restore copy (still encrypted), so nothing is ever lost by a restore.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from psyroom.accounts import service as accounts
from psyroom.audit import log as audit
from psyroom.errors import BackupError, DatabaseRefused, LoginFailed, RecoveryFailed
from psyroom.fileio import atomic_write_bytes, fsync_dir
from psyroom.paths import DataFolder
from psyroom.progress import CancelCheck, Progress
from psyroom.security.keyslots import PASSWORD, RECOVERY, KeySlotFile
from psyroom.security.passwords import normalise_username
from psyroom.security.recovery import RECOVERY_NAME, normalise_recovery_code
from psyroom.security.roles import Permission, permissions_of
from psyroom.storage import folderlock, migrate
from psyroom.storage.database import Database

from .archive import extract_database, read_header


@dataclass(frozen=True)
class Staged:
    """A verified copy at the staging path, and who it says opened it."""

    slots: KeySlotFile
    key: bytes
    install_id: str
    by_recovery_code: bool
    # The backup's own record of the person whose password opened it (None: recovery code).
    backup_user_id: str | None
    backup_user_may_restore: bool


def stage(folder: DataFolder, backup_file: Path, *, username: str, password: str,
          recovery_code: str | None = None, progress: Progress | None = None,
          cancel: CancelCheck | None = None) -> Staged:
    """Check the backup and leave a verified copy at the staging path. Changes nothing live.

    The backup opens with a password valid when it was made, or with its recovery code.
    """
    header, offset = read_header(backup_file)
    if header.revision not in migrate.KNOWN_REVISIONS:
        raise BackupError("backup_newer")
    slots = KeySlotFile.from_bytes(header.keyslots)
    name: str | None = None
    if recovery_code:
        slot = slots.find(RECOVERY, RECOVERY_NAME)
        key = slots.unwrap(slot, normalise_recovery_code(recovery_code)) if slot else None
        if key is None:
            raise RecoveryFailed()
    else:
        try:
            name = normalise_username(username)
        except Exception:
            raise LoginFailed() from None
        slot = slots.find(PASSWORD, name)
        key = slots.unwrap(slot, password) if slot is not None else None
        if key is None:
            raise LoginFailed()
    staging = staging_path(folder)
    folder.root.mkdir(parents=True, exist_ok=True)
    extract_database(backup_file, header, offset, staging, progress=progress, cancel=cancel)
    try:
        db = Database.open(staging, key)
    except DatabaseRefused:
        staging.unlink(missing_ok=True)
        raise BackupError("backup_damaged") from None
    user = None
    try:
        problems = db.integrity_problems()
        with db.unit_of_work() as conn:
            problems += audit.chain_problems(conn)
            install_id = conn.exec_driver_sql(
                "SELECT value FROM meta WHERE key = 'install_id'").scalar()
            if name is not None and not problems:
                user = accounts.find(conn, name)
        if install_id != slots.install_id:
            problems.append("install id")
    finally:
        db.close()
    if problems:
        staging.unlink(missing_ok=True)
        raise BackupError("backup_damaged")
    may_restore = (user is not None and not user.disabled
                   and Permission.RESTORE in permissions_of(user.roles))
    return Staged(slots, key, str(install_id), name is None, user.id if user else None,
                  may_restore)


RESTORE_LOCK_NAME = "restore.lock"


@contextmanager
def one_restore_at_a_time(folder: DataFolder) -> Iterator[None]:
    """Two restores (or checks) would extract into the same staging file: refuse the second."""
    folder.root.mkdir(parents=True, exist_ok=True)
    with folderlock.file_lock(folder.root / RESTORE_LOCK_NAME, wait=0,
                              error_code="restore_running"):
        yield


def staging_path(folder: DataFolder) -> Path:
    return folder.root / "restore-staging.db"


def write_journal(folder: DataFolder, slots: KeySlotFile, *, keep_old: bool = True) -> None:
    """``keep_old=False`` for a key rotation: a pre-restore copy would be one more copy of
    today's data under the key being retired."""
    doc = {"keyslots": base64.b64encode(slots.to_bytes()).decode("ascii"),
           "old_saved": not keep_old}
    atomic_write_bytes(folder.restore_journal, json.dumps(doc).encode("utf-8"))


def finish_pending(folder: DataFolder) -> bool:
    """Complete a swap that a crash interrupted. Returns True when one was pending."""
    journal = folder.restore_journal
    if not journal.exists():
        return False
    doc = json.loads(journal.read_text(encoding="utf-8"))
    staging = staging_path(folder)
    if staging.exists():
        if not doc.get("old_saved"):
            _keep_old(folder)
            doc["old_saved"] = True
            atomic_write_bytes(journal, json.dumps(doc).encode("utf-8"))
        for sidecar in folder.sidecars():
            sidecar.unlink(missing_ok=True)
        os.replace(staging, folder.database)
        fsync_dir(folder.root)
    atomic_write_bytes(folder.keyslots, base64.b64decode(doc["keyslots"]))
    journal.unlink()
    fsync_dir(folder.root)
    return True


def _keep_old(folder: DataFolder) -> None:
    if not folder.database.exists() and not folder.keyslots.exists():
        return
    target = folder.backups / time.strftime("pre-restore-%Y%m%d-%H%M%S")
    target.mkdir(parents=True, exist_ok=True)
    for path in [folder.database, folder.keyslots, *folder.sidecars()]:
        if path.exists():
            shutil.copy2(path, target / path.name)
    for path in target.iterdir():
        with contextlib.suppress(OSError), open(path, "rb+") as fh:
            os.fsync(fh.fileno())
    fsync_dir(target)
