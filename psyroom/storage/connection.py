"""Opening the SQLCipher file: keyed, checked, and refused rather than repaired."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlcipher3 import dbapi2

from psyroom.errors import DatabaseRefused

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32


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
        raise DatabaseRefused("database_unreadable") from exc
    return conn


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
