"""Opening the SQLCipher file: keyed, checked, and refused rather than repaired."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import sqlcipher3
from sqlcipher3 import dbapi2

from psyroom.errors import DatabaseRefused, PsyroomError

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32
# Below this much free space SQLite cannot grow its -wal and -shm files.
LOW_SPACE_BYTES = 4 * 1024 * 1024


def raw_key_literal(key: bytes) -> str:
    """A raw key skips SQLCipher's PBKDF2: the key is already random."""
    if len(key) != KEY_BYTES:
        raise ValueError("database key must be 32 bytes")
    return f"x'{key.hex()}'"


def _prepare(conn: dbapi2.Connection, key: bytes) -> None:
    # SQLCipher prints decryption failures to stderr by default; the CLI promises one line.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f'PRAGMA key = "{raw_key_literal(key)}"')
    # Wiping every freed buffer made bulk writes 4x slower here (20,000 residents: 9.3 s vs
    # 2.3 s), which an old room PC cannot afford; SQLCipher itself defaults to OFF since 4.5.
    conn.execute("PRAGMA cipher_memory_security = OFF")


def _apply_pragmas(conn: dbapi2.Connection) -> None:
    # Temp tables and sort spills would otherwise go to unencrypted temp files.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")


@contextmanager
def page_cache(conn: dbapi2.Connection, kib: int) -> Iterator[None]:
    """A page cache of ``kib`` KiB on this connection while bulk work runs, given back after:
    pages spilled mid-transaction would be encrypted and written again and again."""
    before = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {before}")


def looks_plain(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(PLAIN_SQLITE_HEADER)) == PLAIN_SQLITE_HEADER


def connect(path: Path, key: bytes, *, create: bool = False) -> dbapi2.Connection:
    """Open (or, only when asked, create) the encrypted database with a raw 256-bit key.

    A plain SQLite file, a damaged file or a wrong key raise DatabaseRefused; the file is
    never written to in those cases.
    """
    exists = path.exists()
    if not exists and not create:
        raise DatabaseRefused("database_missing")
    if exists and create:
        raise DatabaseRefused("already_initialised")
    if exists and looks_plain(path):
        raise DatabaseRefused("database_plain")
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        _prepare(conn, key)
        # Reading the schema is the first access that decrypts page 1.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _apply_pragmas(conn)
    except dbapi2.DatabaseError as exc:
        conn.close()
        raise (not_damage(exc, path) or DatabaseRefused("database_unreadable")) from exc
    return conn


def not_damage(exc: BaseException, path: Path | None = None) -> PsyroomError | None:
    """SQLite errors that look like trouble with the file but are trouble with the disk: a
    full disk, read-only media, no permission, a failing disk. Saying "damaged, restore a
    backup" for these would send the user to roll data back for nothing."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "database or disk is full" in text:
        return PsyroomError("disk_full_db")
    if "readonly database" in text or "read-only file system" in text:
        return PsyroomError("read_only_media")
    if "disk i/o error" not in text and "unable to open database file" not in text:
        return None
    # SQLite says only "I/O error" when it cannot grow its -wal/-shm files; ask the disk.
    folder = path.parent if path is not None else None
    if folder is not None:
        with suppress(OSError):
            if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
                return PsyroomError("read_only_media")
            if shutil.disk_usage(folder).free < LOW_SPACE_BYTES:
                return PsyroomError("disk_full_db")
            if not os.access(folder, os.W_OK) or (
                    path is not None and not os.access(path, os.R_OK | os.W_OK)):
                return PsyroomError("no_permission", path=str(folder))
    if "unable to open database file" in text:
        return PsyroomError("no_permission", path=str(folder or ""))
    return PsyroomError("disk_io_error")


def integrity_problems(conn: dbapi2.Connection) -> list[str]:
    """SQLCipher's per-page HMAC check plus SQLite's structural check."""
    problems: list[str] = []
    try:
        problems += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
    except dbapi2.DatabaseError as exc:
        problems.append(f"cipher_integrity_check: {exc}")
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        problems += [r for r in rows if r != "ok"]
    except dbapi2.DatabaseError as exc:
        problems.append(f"integrity_check: {exc}")
    return problems
