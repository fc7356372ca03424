"""Locks that keep two processes (the app and the ``psyroom`` command) from hurting each other.

Every process that opens the live database holds a *shared* lock on the data folder's lock
file for as long as it has the file open. Work that swaps the database file out from under
readers (restore, key rotation, schema upgrades) takes the lock *exclusively* and refuses when
another process holds it. The key-slot file has its own short exclusive lock around each
read-modify-write.

OS file locks (flock on Linux/macOS, LockFileEx on Windows) belong to one open file, not to
one process, so a process keeps a single open lock file per folder and counts its own users.
An OS lock dies with its process, so a killed command never leaves the folder locked.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import portalocker

from psyroom.errors import PsyroomError
from psyroom.fileio import os_error

FOLDER_LOCK_NAME = "psyroom.lock"
# A login that meets a restore under way waits this long for it before giving up.
SHARED_WAIT_SECONDS = 30.0
KEYSLOTS_WAIT_SECONDS = 60.0
_POLL = 0.05


class FolderBusy(PsyroomError):
    code = "folder_busy"


def _open_lock_file(path: Path) -> IO[bytes]:
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        # Read-only media or a folder we may only read: a lock needs no write access, and
        # the database itself then says what is wrong.
        if not path.exists():
            raise os_error(exc, path) from exc
        fd = os.open(path, os.O_RDONLY)
        return os.fdopen(fd, "rb")
    return os.fdopen(fd, "r+b")


def _try(fh: IO[bytes], flags: portalocker.LockFlags) -> bool:
    try:
        portalocker.lock(fh, flags | portalocker.LockFlags.NON_BLOCKING)
    except (portalocker.LockException, portalocker.AlreadyLocked, BlockingIOError):
        return False
    return True


def _wait(fh: IO[bytes], flags: portalocker.LockFlags, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not _try(fh, flags):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL)
    return True


@dataclass
class _Held:
    fh: IO[bytes]
    leases: int = 0
    exclusive: bool = False


_held: dict[Path, _Held] = {}
_guard = threading.RLock()


def _key(root: Path) -> Path:
    return Path(os.path.abspath(root))


class Lease:
    """One user of the database inside this process; release it when the file is closed."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._released = False

    def release(self) -> None:
        with _guard:
            if self._released:
                return
            self._released = True
            held = _held.get(self._root)
            if held is None:
                return
            held.leases -= 1
            if held.leases <= 0 and not held.exclusive:
                _drop(self._root, held)


def _drop(root: Path, held: _Held) -> None:
    try:
        portalocker.unlock(held.fh)
    finally:
        held.fh.close()
        _held.pop(root, None)


def hold_shared(root: Path, *, wait: float = SHARED_WAIT_SECONDS) -> Lease:
    """Mark the data folder as in use by this process (waits out a restore under way)."""
    key = _key(root)
    with _guard:
        held = _held.get(key)
        if held is None:
            fh = _open_lock_file(key / FOLDER_LOCK_NAME)
            if not _wait(fh, portalocker.LockFlags.SHARED, wait):
                fh.close()
                raise FolderBusy()
            held = _held[key] = _Held(fh)
        held.leases += 1
        return Lease(key)


def leases_in_process(root: Path) -> int:
    with _guard:
        held = _held.get(_key(root))
        return held.leases if held else 0


@contextmanager
def exclusive(root: Path, *, own_leases: int = 0) -> Iterator[None]:
    """Hold the data folder alone. ``own_leases`` are this process's own open databases that
    the caller accounts for (a key rotation runs inside the admin's session).

    Refuses at once (FolderBusy) when any other process, or any other database handle of this
    process, has the folder open: waiting could hang behind an app left open all day.
    """
    key = _key(root)
    with _guard:
        held = _held.get(key)
        if (held.leases if held else 0) != own_leases or (held is not None and held.exclusive):
            raise FolderBusy()
        if held is None:
            fh = _open_lock_file(key / FOLDER_LOCK_NAME)
            if not _try(fh, portalocker.LockFlags.EXCLUSIVE):
                fh.close()
                raise FolderBusy()
            held = _held[key] = _Held(fh)
        else:
            # Windows cannot turn a shared lock into an exclusive one in place; POSIX converts
            # non-atomically anyway. Let go, try, and take the shared lock back on refusal.
            portalocker.unlock(held.fh)
            if not _try(held.fh, portalocker.LockFlags.EXCLUSIVE):
                portalocker.lock(held.fh, portalocker.LockFlags.SHARED)
                raise FolderBusy()
        held.exclusive = True
    try:
        yield
    finally:
        with _guard:
            held.exclusive = False
            if held.leases > 0:
                portalocker.unlock(held.fh)
                portalocker.lock(held.fh, portalocker.LockFlags.SHARED)
            else:
                _drop(key, held)


@contextmanager
def file_lock(path: Path, *, wait: float = KEYSLOTS_WAIT_SECONDS,
              error_code: str = "folder_busy") -> Iterator[None]:
    """A short exclusive lock on one lock file (e.g. around a key-slot read-modify-write).

    A separate open file per use, so two threads of one process exclude each other too.
    """
    fh = _open_lock_file(path)
    try:
        if not _wait(fh, portalocker.LockFlags.EXCLUSIVE, wait):
            raise PsyroomError(error_code)
        try:
            yield
        finally:
            portalocker.unlock(fh)
    finally:
        fh.close()
