"""The backup file itself (psyroom/backup/archive.py) on real files with real encryption:
every header field written and read back, damaged, truncated and crafted headers, the copy
in several chunks with its progress, cancelling, and a disk that fills up half-way.
These are archive.py's own quick tests for tools/mutate.py (run once per mutant)."""

from __future__ import annotations

import hashlib
import json
import struct
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from psyroom import __version__
from psyroom.audit.head import ChainHead
from psyroom.backup.archive import (
    CHUNK,
    FORMAT,
    MAGIC,
    SUFFIX,
    _export_copy,
    extract_database,
    read_header,
    write_backup,
)
from psyroom.errors import BackupError, Cancelled, PsyroomError
from psyroom.security.keyslots import KeySlotFile
from psyroom.storage import migrate
from psyroom.storage.database import Database

from .conftest import Room

LIMIT = 16 << 20  # the largest header read_header accepts


def _key(room: Room) -> bytes:
    return room.session._key


def _backup(room: Room, out: Path, **kwargs: object) -> Path:
    return write_backup(room.session.db, _key(room), room.inst.load_slots(), out,
                        revision=migrate.HEAD_REVISION, **kwargs)  # type: ignore[arg-type]


def _raw_header(path: Path) -> tuple[dict[str, object], int, bytes]:
    data = path.read_bytes()
    assert data.startswith(MAGIC)
    (length,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    start = len(MAGIC) + 4
    return json.loads(data[start:start + length]), start + length, data


def _with_header(path: Path, out: Path, doc: dict[str, object]) -> Path:
    _, offset, data = _raw_header(path)
    header = json.dumps(doc).encode()
    out.write_bytes(MAGIC + struct.pack(">I", len(header)) + header + data[offset:])
    return out


def _add_filler(room: Room, megabytes: int) -> None:
    with room.session.db.unit_of_work() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS filler(b BLOB)")
        for _ in range(megabytes * 4):
            conn.exec_driver_sql("INSERT INTO filler VALUES (randomblob(262144))")


@contextmanager
def _small_disk(where: Path, size: int) -> Iterator[Path]:
    """A real, tiny file system (tmpfs; needs root to mount)."""
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (not root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)


# -- the header --------------------------------------------------------------------------
def test_every_header_field_is_written_and_read_back(room: Room, tmp_path: Path) -> None:
    s = room.session
    s.add_user("sunbefore", roles=["counsellor"], password="Sun-before1")
    head_before = s.audit_head()
    before = datetime.now().astimezone()
    backup = _backup(room, tmp_path / "b.psyroom-backup")
    after = datetime.now().astimezone()

    doc, offset, data = _raw_header(backup)
    assert set(doc) == {"format", "app_version", "revision", "created_at", "install_id",
                        "db_size", "db_sha256", "keyslots", "audit_count", "audit_head"}
    header, read_offset = read_header(backup)
    assert read_offset == offset
    assert header.format == FORMAT == doc["format"] == 1
    assert header.app_version == __version__ == doc["app_version"]
    assert header.revision == migrate.HEAD_REVISION
    assert before <= datetime.fromisoformat(header.created_at) <= after
    assert header.install_id == room.inst.load_slots().install_id
    copy = data[offset:]
    assert header.db_size == len(copy) == doc["db_size"]
    assert header.db_sha256 == hashlib.sha256(copy).hexdigest()
    slots = KeySlotFile.from_bytes(header.keyslots)
    assert slots.install_id == header.install_id
    assert set(slots.slots) == set(room.inst.load_slots().slots)
    assert len(slots.slots) == 3  # admin, the recovery code and the new counsellor
    # The chain head of exactly the copied database: its row count and newest hash.
    assert head_before.count > 1
    assert header.audit_head == ChainHead(head_before.count, head_before.hash)
    assert (doc["audit_count"], doc["audit_head"]) == (head_before.count, head_before.hash)
    # It is that copy's head: read back from the extracted database itself.
    extracted = tmp_path / "copy.db"
    extract_database(backup, header, offset, extracted)
    copy_db = Database.open(extracted, _key(room))
    try:
        count, last = copy_db.raw.execute(
            "SELECT count(*), (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) "
            "FROM audit_events").fetchone()
    finally:
        copy_db.close()
    assert ChainHead(count, last) == header.audit_head


def test_a_header_with_another_chain_head_reads_back_as_it_is(room: Room,
                                                             tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    doc, _, _ = _raw_header(backup)
    doc.update(audit_count=7, audit_head="ab" * 32)
    other = _with_header(backup, tmp_path / "other.psyroom-backup", doc)
    assert read_header(other)[0].audit_head == ChainHead(7, "ab" * 32)
    # A backup made before the head was recorded has none, and says so.
    del doc["audit_count"], doc["audit_head"]
    old = _with_header(backup, tmp_path / "old.psyroom-backup", doc)
    assert read_header(old)[0].audit_head is None
    # A head without its row count, or with a count that is no number, is damage.
    for broken in ({"audit_head": "ab" * 32}, {"audit_head": "ab" * 32, "audit_count": "x"}):
        bad = _with_header(backup, tmp_path / "bad.psyroom-backup", doc | broken)
        with pytest.raises(BackupError) as err:
            read_header(bad)
        assert err.value.code == "backup_damaged"


def test_the_empty_chain_head_of_a_database_without_events(room: Room,
                                                           tmp_path: Path) -> None:
    key = _key(room)
    db = Database.open(tmp_path / "empty.db", key, create=True)
    try:
        db.raw.execute("CREATE TABLE audit_events(seq INTEGER PRIMARY KEY, hash TEXT)")
        assert _export_copy(db, key, tmp_path / "copy.db") == ChainHead(0, "0" * 64)
        db.raw.execute("INSERT INTO audit_events VALUES (1, ?)", ("c" * 64,))
        db.raw.execute("INSERT INTO audit_events VALUES (2, ?)", ("d" * 64,))
        assert _export_copy(db, key, tmp_path / "copy2.db") == ChainHead(2, "d" * 64)
    finally:
        db.close()


def test_a_missing_field_a_newer_format_or_no_json_are_refused(room: Room,
                                                               tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    doc, _, data = _raw_header(backup)
    cases: list[tuple[bytes | dict[str, object], str]] = [
        ({k: v for k, v in doc.items() if k != "db_sha256"}, "backup_damaged"),
        (doc | {"db_size": "many"}, "backup_damaged"),
        (doc | {"format": FORMAT + 1}, "backup_newer"),
        (b"{not json", "backup_damaged"),
        (b"\xff\xfe\x00", "backup_damaged"),
    ]
    for body, code in cases:
        bad = tmp_path / "bad.psyroom-backup"
        if isinstance(body, dict):
            _with_header(backup, bad, body)
        else:
            bad.write_bytes(MAGIC + struct.pack(">I", len(body)) + body)
        with pytest.raises(BackupError) as err:
            read_header(bad)
        assert err.value.code == code, body
    flipped = bytearray(data)
    flipped[3] ^= 0x20
    (tmp_path / "flipped").write_bytes(bytes(flipped))
    with pytest.raises(BackupError) as err:
        read_header(tmp_path / "flipped")
    assert err.value.code == "backup_not_a_backup"
    for cut in (len(MAGIC) + 2, len(MAGIC) + 40):
        (tmp_path / "cut").write_bytes(data[:cut])
        with pytest.raises(BackupError) as err:
            read_header(tmp_path / "cut")
        assert err.value.code == "backup_damaged"
    with pytest.raises(PsyroomError) as err:
        read_header(tmp_path / "missing.psyroom-backup")
    assert err.value.code == "file_not_found"
    assert err.value.params == {"path": "missing.psyroom-backup"}


def test_the_header_length_is_unsigned_and_limited(room: Room, tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    doc, _, _ = _raw_header(backup)
    body = json.dumps(doc).encode()

    def crafted(length: int, padded_to: int) -> Path:
        path = tmp_path / "crafted.psyroom-backup"
        path.write_bytes(MAGIC + struct.pack(">I", length) + body
                         + b" " * (padded_to - len(body)))
        return path

    # A length with the top bit set is huge, not negative ("read everything").
    with pytest.raises(BackupError) as err:
        read_header(crafted(0xFFFFFFFF, len(body)))
    assert err.value.code == "backup_damaged"
    assert read_header(crafted(LIMIT, LIMIT))[0] == read_header(backup)[0]
    with pytest.raises(BackupError) as err:
        read_header(crafted(LIMIT + 1, LIMIT + 1))
    assert err.value.code == "backup_damaged"


# -- the copy ----------------------------------------------------------------------------
def test_a_copy_in_several_chunks_with_its_progress(room: Room, tmp_path: Path) -> None:
    _add_filler(room, 2)
    seen: list[tuple[int, int]] = []
    backup = _backup(room, tmp_path / "big.psyroom-backup",
                     progress=lambda done, total: seen.append((done, total)))
    header, offset = read_header(backup)
    size = header.db_size
    assert size > 2 * CHUNK
    assert seen == [(min(n * CHUNK, size), size) for n in range(1, len(seen) + 1)]
    assert seen[-1] == (size, size)

    got: list[tuple[int, int]] = []
    target = tmp_path / "out.db"
    extract_database(backup, header, offset, target,
                     progress=lambda done, total: got.append((done, total)))
    assert got == seen
    assert target.read_bytes() == backup.read_bytes()[offset:]

    with pytest.raises(Cancelled):
        extract_database(backup, header, offset, tmp_path / "cancelled.db",
                         cancel=lambda: True)
    assert not (tmp_path / "cancelled.db").exists()


def test_extract_refuses_a_flipped_byte_a_short_file_and_a_wrong_size(room: Room,
                                                                     tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    header, offset = read_header(backup)
    data = backup.read_bytes()
    flipped = bytearray(data)
    flipped[offset + 100] ^= 0x01
    (tmp_path / "flipped").write_bytes(bytes(flipped))
    (tmp_path / "short").write_bytes(data[:-1])
    (tmp_path / "longer").write_bytes(data + b"\0")
    cases = [(tmp_path / "flipped", header),  # same size, other SHA-256
             (tmp_path / "short", header),
             (tmp_path / "longer", header),
             (backup, type(header)(**{**header.__dict__, "db_size": header.db_size + 1}))]
    for path, claimed in cases:
        target = tmp_path / "out.db"
        with pytest.raises(BackupError) as err:
            extract_database(path, claimed, offset, target)
        assert err.value.code == "backup_damaged"
        assert not target.exists()
    extract_database(backup, header, offset, tmp_path / "out.db")
    assert (tmp_path / "out.db").read_bytes() == data[offset:]


def test_extract_to_a_full_disk_says_so_and_leaves_nothing(room: Room,
                                                           tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    header, offset = read_header(backup)
    assert header.db_size > 64 * 1024
    with _small_disk(tmp_path / "usb", 64 * 1024) as usb:
        with pytest.raises(PsyroomError) as err:
            extract_database(backup, header, offset, usb / "out.db")
        assert err.value.code == "disk_full"
        assert list(usb.iterdir()) == []


# -- where the backup goes ---------------------------------------------------------------
def test_the_file_name_and_folders_of_a_backup(room: Room, tmp_path: Path) -> None:
    named = _backup(room, tmp_path / "a" / "b" / "room.psyroom-backup")
    assert named == tmp_path / "a" / "b" / "room.psyroom-backup"
    assert _backup(room, tmp_path / "plain") == tmp_path / ("plain" + SUFFIX)
    assert _backup(room, tmp_path / "room.bak") == tmp_path / "room.bak"
    # Leftovers of a backup killed half-way are cleared, and none are left behind.
    folder = tmp_path / "again"
    folder.mkdir()
    for leftover in ("x.psyroom-backup.part", "x.psyroom-backup.part-db"):
        (folder / leftover).write_bytes(b"half a backup")
    _backup(room, folder / "x.psyroom-backup")
    assert sorted(p.name for p in folder.iterdir()) == ["x.psyroom-backup"]
    read_header(folder / "x.psyroom-backup")


def test_a_backup_that_cannot_be_put_in_place_names_the_reason(room: Room,
                                                               tmp_path: Path) -> None:
    taken = tmp_path / "taken.psyroom-backup"
    taken.mkdir()
    with pytest.raises(PsyroomError) as err:
        _backup(room, taken)
    assert err.value.code == "backup_write_failed"
    assert err.value.params == {"reason": "IsADirectoryError"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "taken.psyroom-backup"]
    assert list(taken.iterdir()) == []


def test_a_disk_that_fills_while_the_copy_is_written_says_so(room: Room,
                                                            tmp_path: Path) -> None:
    size = read_header(room.session.backup(tmp_path / "b.psyroom-backup"))[0].db_size
    # Room for the exported copy, not for the backup file made from it as well.
    with _small_disk(tmp_path / "usb", (size * 3 // 2 + 4095) // 4096 * 4096) as usb:
        with pytest.raises(PsyroomError) as err:
            _backup(room, usb / "room.psyroom-backup")
        assert err.value.code == "disk_full"
        assert list(usb.iterdir()) == []
    assert room.session.verify().ok
