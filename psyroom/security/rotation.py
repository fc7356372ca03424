"""Key rotation ("更换数据库密钥"): a new random database key, so that an old copy of
``keyslots.json`` plus a departed colleague's password no longer opens the database.

The database is re-encrypted by export into a new file (``sqlcipher_export`` into an attached
database keyed with the new raw key; ``PRAGMA rekey`` rewrites pages in place, which under WAL
is not crash-safe), the copy is checked, every remaining slot is handed the new key (sealed to
its public key, see keyslots.py), and the copy is swapped in through the restore journal, so
a crash half-way finishes at the next start. Backups made before keep their old key and their
own key slots.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from psyroom.audit import log as audit
from psyroom.backup import restore as restoring
from psyroom.errors import DatabaseRefused, PsyroomError
from psyroom.storage import folderlock
from psyroom.storage.connection import raw_key_literal
from psyroom.storage.database import Database

if TYPE_CHECKING:
    from psyroom.installation import Installation


def _counts(db: Database) -> dict[str, int]:
    with db.reading() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: int(conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar() or 0)
                for t in tables}


def _export(db: Database, target: Path, new_key: bytes) -> None:
    if db._conn is not None and db._conn.in_transaction():
        db._conn.rollback()
    raw = db.raw
    raw.execute(f'ATTACH DATABASE ? AS rotated KEY "{raw_key_literal(new_key)}"', (str(target),))
    try:
        raw.execute("SELECT sqlcipher_export('rotated')")
    finally:
        raw.execute("DETACH DATABASE rotated")


def _check(target: Path, new_key: bytes, expected: dict[str, int]) -> None:
    copy = Database.open(target, new_key)
    try:
        problems = copy.integrity_problems()
        with copy.reading() as conn:
            problems += audit.chain_problems(conn)
        if problems or _counts(copy) != expected:
            raise DatabaseRefused("database_damaged")
    finally:
        copy.close()


def rotate(inst: Installation, db: Database) -> tuple[Database, bytes, int]:
    """Re-encrypt ``db`` (the caller's open database, closed here) under a new key.

    Returns the reopened database, its new key and the number of key slots handed the key.
    Refuses (FolderBusy) while any other process, or another handle in this one, has the
    folder open.
    """
    folder = inst.folder
    with restoring.one_restore_at_a_time(folder), \
            folderlock.exclusive(folder.root, own_leases=1), inst.slots_update() as slots:
        old_format = [s for s in slots.slots.values() if s.public is None]
        if old_format:
            raise PsyroomError("rotate_old_slots", n=len(old_format))
        new_key = os.urandom(32)
        staging = restoring.staging_path(folder)
        staging.unlink(missing_ok=True)
        try:
            expected = _counts(db)
            _export(db, staging, new_key)
            _check(staging, new_key, expected)
        except BaseException:
            staging.unlink(missing_ok=True)
            raise
        for slot in slots.slots.values():
            slots.seal(slot, new_key)
        restoring.write_journal(folder, slots, keep_old=False)
        db.close()
        restoring.finish_pending(folder)
        fresh = Database.open(folder.database, new_key,
                              lease=folderlock.hold_shared(folder.root))
        return fresh, new_key, len(slots.slots)
