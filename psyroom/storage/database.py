"""One long-lived keyed connection per installation, wrapped for SQLAlchemy Core."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.pool import StaticPool
from sqlcipher3 import dbapi2

from psyroom.errors import DatabaseRefused
from psyroom.storage import connection as sqlc
from psyroom.storage import folderlock

# While a batch of transactions runs (see Database.batch_writes): page cache in KiB, and WAL
# pages between checkpoints (16,384 pages of 4 KiB: 64 MiB of WAL at most).
BATCH_CACHE_KIB = 128 * 1024
BATCH_WAL_PAGES = 16_384

_DAMAGE_SIGNS = ("file is not a database", "malformed", "hmac", "not an error", "corrupt")


@contextmanager
def damage_guard(path: Path | None = None) -> Iterator[None]:
    """Turn SQLite's damage errors into a plain refusal the user can act on (restore)."""
    try:
        yield
    except (SADatabaseError, dbapi2.DatabaseError) as exc:
        disk = sqlc.not_damage(exc, path)
        if disk is not None:
            raise disk from exc
        text_ = str(getattr(exc, "orig", exc)).lower()
        if isinstance(exc, dbapi2.IntegrityError) or not any(s in text_ for s in _DAMAGE_SIGNS):
            raise
        raise DatabaseRefused("database_damaged") from exc
    except MemoryError as exc:
        # SQLCipher reports a page that fails its HMAC as SQLITE_NOMEM.
        raise DatabaseRefused("database_damaged") from exc


def damage_detail(exc: BaseException) -> str:
    """What SQLite said about damage, in a line ``verify`` can print (never record data)."""
    cause = exc.__cause__ or exc
    if isinstance(cause, MemoryError):
        return "a page failed its HMAC check (SQLite reports it as out of memory)"
    return str(getattr(cause, "orig", cause)) or type(cause).__name__


class Database:
    """The open SQLCipher file. Use :meth:`unit_of_work` for every user action."""

    def __init__(self, path: Path, raw: dbapi2.Connection, *,
                 lease: folderlock.Lease | None = None) -> None:
        self.path = path
        self.raw = raw
        self._lease = lease
        self._deferred = False
        self.engine: Engine = create_engine(
            "sqlite://", creator=lambda: raw, poolclass=StaticPool, module=dbapi2
        )
        # pysqlite's implicit transactions skip DDL and SAVEPOINT; emit BEGIN ourselves so a
        # unit of work (and a migration) is all or nothing. Only writers take the write lock
        # up front; a read (see :meth:`reading`) begins deferred, so a long background read
        # never makes a writer wait past the busy timeout (WAL keeps the reader's snapshot).
        event.listen(self.engine, "begin", lambda conn: conn.exec_driver_sql(
            "BEGIN" if self._deferred else "BEGIN IMMEDIATE"))
        self._conn: Connection | None = None

    @classmethod
    def open(cls, path: Path, key: bytes, *, create: bool = False,
             lease: folderlock.Lease | None = None) -> Database:
        """``lease`` (the data folder's shared lock) is released when the database closes."""
        try:
            return cls(path, sqlc.connect(path, key, create=create), lease=lease)
        except BaseException:
            if lease is not None:
                lease.release()
            raise

    @property
    def connection(self) -> Connection:
        if self._conn is None:
            self._conn = self.engine.connect()
        return self._conn

    @contextmanager
    def unit_of_work(self) -> Iterator[Connection]:
        """A transaction that commits only when the block ends without an exception."""
        conn = self.connection
        with damage_guard(self.path), conn.begin():
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A deferred read transaction, rolled back at the end (inside a unit of work, that
        unit's own transaction)."""
        conn = self.connection
        if conn.in_transaction():
            with damage_guard(self.path):
                yield conn
            return
        self._deferred = True
        try:
            trans = conn.begin()
        finally:
            self._deferred = False
        try:
            with damage_guard(self.path):
                yield conn
        finally:
            trans.rollback()

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.reading() as conn:
            return conn.execute(text(sql), params).scalar()

    def integrity_problems(self) -> list[str]:
        return sqlc.integrity_problems(self.raw)

    def checkpoint(self) -> None:
        self.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def batch_writes(self) -> Iterator[None]:
        """Many transactions in a row (a month of bundles at the office). Each still commits
        durably on its own; two things change while the batch runs. The page cache grows, so
        index pages read for one transaction are not read and decrypted again for the next.
        The WAL is folded into the file every ``BATCH_WAL_PAGES`` pages instead of every
        1,000: with random ids a bundle dirties thousands of index pages, so the default
        copied every bundle's pages into the file and synced it at every commit. The settings
        come back and the WAL is folded in (and truncated) when the batch ends."""
        raw = self.raw
        wal_pages = int(raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        raw.execute(f"PRAGMA wal_autocheckpoint = {BATCH_WAL_PAGES}")
        try:
            with sqlc.page_cache(raw, BATCH_CACHE_KIB):
                yield
        finally:
            raw.execute(f"PRAGMA wal_autocheckpoint = {wal_pages}")
            with suppress(dbapi2.DatabaseError):
                self.checkpoint()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self.engine.dispose()
        try:
            with suppress(dbapi2.DatabaseError):
                self.checkpoint()
            self.raw.close()
        finally:
            if self._lease is not None:
                self._lease.release()
                self._lease = None
