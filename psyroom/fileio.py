"""Crash-safe file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from psyroom.errors import PsyroomError


def fsync_dir(directory: Path) -> None:
    # Windows cannot open a directory for fsync; NTFS journals the rename itself.
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    # A name of its own per write: two processes saving the same file at once must not
    # rename each other's half-written temp file (that crashed parallel logins).
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                        dir=path.parent)
    except OSError as exc:
        raise os_error(exc, path) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise os_error(exc, path) from exc
    fsync_dir(path.parent)


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno == errno.ENOSPC


def os_error(exc: OSError, path: Path | None = None) -> Exception:
    """A full disk, read-only media and a refused permission each say so, and none of them
    suggests a restore (which would roll data back for nothing). Anything else is re-raised
    as it is."""
    shown = path.name if path is not None else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return PsyroomError("disk_full")
    if exc.errno == errno.EROFS:
        return PsyroomError("read_only_media")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return PsyroomError("no_permission", path=shown)
    if exc.errno == errno.EISDIR:
        return PsyroomError("out_is_folder", path=shown)
    if exc.errno == errno.ENOENT:
        return PsyroomError("out_folder_missing", path=shown)
    return exc


def check_output_path(path: Path) -> Path:
    """Refuse a place a file cannot be written to, before any work is committed: a folder,
    a missing folder, read-only media, no permission."""
    path = Path(path)
    if path.is_dir():
        raise PsyroomError("out_is_folder", path=path.name or str(path))
    parent = path.parent
    if not parent.is_dir():
        raise PsyroomError("out_folder_missing", path=str(parent))
    if hasattr(os, "statvfs") and os.statvfs(parent).f_flag & os.ST_RDONLY:
        raise PsyroomError("read_only_media")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PsyroomError("no_permission", path=path.name)
    return path
