"""Backup files: a small header (with the key slots) followed by an encrypted database copy.

The copy stays encrypted under the installation's database key; the header carries the key
slots of the moment, so the backup opens with the passwords or the recovery code valid then,
even on a new PC. Nothing in the header names a person or the site.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from sqlcipher3 import dbapi2

from psyroom import __version__
from psyroom.audit.head import ChainHead
from psyroom.clock import utc_now_iso
from psyroom.errors import BackupError, Cancelled, PsyroomError
from psyroom.fileio import fsync_dir, is_disk_full
from psyroom.progress import CancelCheck, Progress
from psyroom.security.keyslots import KeySlotFile
from psyroom.storage.connection import raw_key_literal
from psyroom.storage.database import Database

MAGIC = b"PSYROOM-BACKUP\n"
FORMAT = 1
CHUNK = 1 << 20
SUFFIX = ".psyroom-backup"



@dataclass(frozen=True)
class BackupHeader:
    format: int
    app_version: str
    revision: str
    created_at: str
    install_id: str
    db_size: int
    db_sha256: str
    keyslots: bytes
    # The audit chain's head inside this copy; None in backups made before it was recorded.
    audit_head: ChainHead | None = None

    def to_bytes(self) -> bytes:
        doc: dict[str, object] = {
            "format": self.format,
            "app_version": self.app_version,
            "revision": self.revision,
            "created_at": self.created_at,
            "install_id": self.install_id,
            "db_size": self.db_size,
            "db_sha256": self.db_sha256,
            "keyslots": self.keyslots.decode("utf-8"),
        }
        if self.audit_head is not None:
            doc["audit_count"] = self.audit_head.count
            doc["audit_head"] = self.audit_head.hash
        return json.dumps(doc).encode("utf-8")


def _check_cancel(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def _export_copy(db: Database, key: bytes, target: Path) -> ChainHead:
    """A consistent encrypted copy of the live database, made while the app runs; returns
    the audit chain's head as it is in the copy."""
    raw = db.raw
    raw.execute("ATTACH DATABASE ? AS backup_copy KEY ?", (str(target), raw_key_literal(key)))
    try:
        raw.execute("BEGIN")
        raw.execute("SELECT sqlcipher_export('backup_copy')")
        # Read in the same transaction as the export: the head of exactly the copied chain.
        count, last = raw.execute(
            "SELECT (SELECT count(*) FROM backup_copy.audit_events), (SELECT hash FROM "
            "backup_copy.audit_events ORDER BY seq DESC LIMIT 1)").fetchone()
        raw.execute("COMMIT")
        return ChainHead(int(count or 0), str(last or "0" * 64))
    except BaseException:
        with contextlib.suppress(dbapi2.Error):
            raw.execute("ROLLBACK")
        raise
    finally:
        raw.execute("DETACH DATABASE backup_copy")


def write_backup(db: Database, key: bytes, slots: KeySlotFile, out: Path, *, revision: str,
                 progress: Progress | None = None, cancel: CancelCheck | None = None) -> Path:
    out = out if out.name.endswith(SUFFIX) or out.suffix else out.with_name(out.name + SUFFIX)
    out.parent.mkdir(parents=True, exist_ok=True)
    copy = out.with_name(out.name + ".part-db")
    part = out.with_name(out.name + ".part")
    for leftover in (copy, part):
        leftover.unlink(missing_ok=True)
    try:
        _check_cancel(cancel)
        chain_head = _export_copy(db, key, copy)
        size = copy.stat().st_size
        sha = hashlib.sha256()
        with open(copy, "rb") as fh:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                sha.update(chunk)
        header = BackupHeader(FORMAT, __version__, revision, utc_now_iso(), slots.install_id,
                              size, sha.hexdigest(), _slots_for_backup(slots),
                              chain_head).to_bytes()
        done = 0
        with open(copy, "rb") as src, open(part, "wb") as dst:
            dst.write(MAGIC + struct.pack(">I", len(header)) + header)
            for chunk in iter(lambda: src.read(CHUNK), b""):
                _check_cancel(cancel)
                dst.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, size)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(part, out)
        fsync_dir(out.parent)
    except PsyroomError:
        raise
    except (OSError, dbapi2.Error) as exc:
        if is_disk_full(exc) or "full" in str(exc).lower():
            raise PsyroomError("disk_full") from exc
        raise PsyroomError("backup_write_failed", reason=type(exc).__name__) from exc
    finally:
        for leftover in (copy, part):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
    return out


def _slots_for_backup(slots: KeySlotFile) -> bytes:
    # A restored copy should not inherit today's lockouts or pending failure records.
    clean = KeySlotFile.from_bytes(slots.to_bytes())
    clean.unknown_user_failures = []
    for slot in clean.slots.values():
        slot.pending_failures = []
        slot.pending_refused = []
        slot.register_success()
    return clean.to_bytes()


def read_header(path: Path) -> tuple[BackupHeader, int]:
    """The header and the offset where the database copy starts."""
    try:
        with open(path, "rb") as fh:
            if fh.read(len(MAGIC)) != MAGIC:
                raise BackupError("backup_not_a_backup")
            (length,) = struct.unpack(">I", fh.read(4))
            if length > 16 << 20:
                raise BackupError("backup_damaged")
            doc = json.loads(fh.read(length).decode("utf-8"))
    except FileNotFoundError:
        raise PsyroomError("file_not_found", path=path.name) from None
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise BackupError("backup_damaged") from exc
    try:
        header = BackupHeader(
            format=int(doc["format"]), app_version=str(doc["app_version"]),
            revision=str(doc["revision"]), created_at=str(doc["created_at"]),
            install_id=str(doc["install_id"]), db_size=int(doc["db_size"]),
            db_sha256=str(doc["db_sha256"]), keyslots=str(doc["keyslots"]).encode("utf-8"),
            audit_head=(ChainHead(int(doc["audit_count"]), str(doc["audit_head"]))
                        if "audit_head" in doc else None),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupError("backup_damaged") from exc
    if header.format != FORMAT:
        raise BackupError("backup_newer")
    return header, len(MAGIC) + 4 + length


def extract_database(path: Path, header: BackupHeader, offset: int, target: Path, *,
                     progress: Progress | None = None, cancel: CancelCheck | None = None) -> None:
    """Copy the database out of a backup, checking its size and SHA-256 on the way."""
    sha = hashlib.sha256()
    done = 0
    try:
        with open(path, "rb") as src, open(target, "wb") as dst:
            src.seek(offset)
            for chunk in iter(lambda: src.read(CHUNK), b""):
                _check_cancel(cancel)
                sha.update(chunk)
                dst.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, header.db_size)
            dst.flush()
            os.fsync(dst.fileno())
    except OSError as exc:
        target.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise PsyroomError("disk_full") from exc
        raise
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if done != header.db_size or sha.hexdigest() != header.db_sha256:
        target.unlink(missing_ok=True)
        raise BackupError("backup_damaged")
