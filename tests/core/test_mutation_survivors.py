"""One test per mutant a review left alive in security, audit, backup and rules: each fails
when the guarded line is changed the way the mutant changed it."""

from __future__ import annotations

import json
import struct
from datetime import date
from pathlib import Path

import pytest

from psyroom.audit.log import _digest, _hashed_fields, chain_problems
from psyroom.backup.archive import MAGIC
from psyroom.consultations.model import ConsultationInput
from psyroom.errors import AccountLocked, BackupError, InvalidInput, LoginFailed, PsyroomError
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields, check_fields
from psyroom.security.keyslots import MAX_FAILURES, PASSWORD

from .conftest import ADMIN, ADMIN_PASSWORD, FakeClock, Room

PW = "Survivor-2026a"


def add(room: Room, name: str, *roles: str) -> None:
    room.session.add_user(name, roles=list(roles), password=PW)


# -- permissions -----------------------------------------------------------------------------
def test_admin_only_account_gets_consultations_without_their_notes(room: Room) -> None:
    rid = room.session.residents.create(ResidentFields(name="李桂兰")).resident.id
    draft = room.session.consultations.start_draft(ConsultationInput(
        subject_kind="individual", resident_id=rid, started_at="2026-11-20T09:00",
        complaint="夜里睡不着", assessment="焦虑", intervention="放松训练", plan="复诊"))
    room.session.consultations.sign(draft.id)
    add(room, "onlyadmin", "admin")
    admin = room.inst.unlock("onlyadmin", PW)
    try:
        seen = admin.consultations.get(draft.id)
    finally:
        admin.close()
    assert not seen.notes_visible
    assert (seen.data.complaint, seen.data.assessment, seen.data.intervention,
            seen.data.plan) == ("", "", "", "")


def test_another_counsellors_draft_cannot_be_touched(room: Room) -> None:
    rid = room.session.residents.create(ResidentFields(name="李桂兰")).resident.id
    data = ConsultationInput(subject_kind="individual", resident_id=rid,
                             started_at="2026-11-20T09:00", complaint="失眠")
    draft = room.session.consultations.start_draft(data)
    add(room, "counsellor2", "counsellor")
    other = room.inst.unlock("counsellor2", PW)
    try:
        for attempt in (lambda: other.consultations.save_draft(draft.id, data),
                        lambda: other.consultations.sign(draft.id),
                        lambda: other.consultations.discard_draft(draft.id),
                        lambda: other.consultations.save_private_note(draft.id, "x")):
            with pytest.raises(PsyroomError) as err:
                attempt()
            assert err.value.code == "consultation_not_yours"
    finally:
        other.close()
    assert room.session.consultations.get(draft.id).status == "draft"


def test_the_last_admin_can_neither_be_disabled_nor_demoted(room: Room) -> None:
    for attempt in (lambda: room.session.disable_user(ADMIN),
                    lambda: room.session.set_roles(ADMIN, ["counsellor"])):
        with pytest.raises(InvalidInput) as err:
            attempt()
        assert err.value.code == "last_admin"
    add(room, "secondadmin", "admin")
    room.session.set_roles(ADMIN, ["counsellor", "admin"])
    room.session.disable_user("secondadmin")  # two admins: one may go
    with pytest.raises(InvalidInput):
        room.session.set_roles(ADMIN, ["counsellor"])


# -- key slots ---------------------------------------------------------------------------------
def test_a_success_resets_the_failure_count(room: Room, clock: FakeClock) -> None:
    room.session.close()
    inst = Installation(room.dir, clock=clock)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailed):
            inst.unlock(ADMIN, "Wrong-pass-1")
    inst.unlock(ADMIN, ADMIN_PASSWORD).close()
    slot = inst.load_slots().find(PASSWORD, ADMIN)
    assert slot is not None and slot.failures == 0
    # Four more wrong ones after the success do not lock the account...
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailed):
            inst.unlock(ADMIN, "Wrong-pass-1")
    # ...the fifth in a row does.
    with pytest.raises(AccountLocked):
        inst.unlock(ADMIN, "Wrong-pass-1")
    clock.now += 3600
    room.session = inst.unlock(ADMIN, ADMIN_PASSWORD)


# -- the audit chain ---------------------------------------------------------------------------
def _rows(room: Room) -> list[dict[str, object]]:
    with room.session.db.unit_of_work() as conn:
        return [dict(r) for r in conn.exec_driver_sql(
            "SELECT * FROM audit_events ORDER BY seq").mappings()]


def _rewrite(room: Room, sql: str, params: tuple[object, ...]) -> None:
    with room.session.db.unit_of_work() as conn:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_no_update")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_no_delete")
        conn.exec_driver_sql(sql, params)


def _relink_after(room: Room, seq: int, prev: str) -> None:
    for r in [r for r in _rows(room) if int(r["seq"]) > seq]:  # type: ignore[call-overload]
        h = _digest(prev, _hashed_fields(r))
        _rewrite(room, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?",
                 (prev, h, r["seq"]))
        prev = h


def test_a_broken_link_is_found_even_when_the_row_hashes_itself_right(room: Room) -> None:
    for _ in range(3):
        room.session.record_lock()
    row = _rows(room)[2]
    fake_prev = "f" * 64
    new_hash = _digest(fake_prev, _hashed_fields(row))
    _rewrite(room, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?",
             (fake_prev, new_hash, row["seq"]))
    # Re-link every later row to the forged one, so only the forged link is wrong.
    _relink_after(room, int(row["seq"]), new_hash)  # type: ignore[call-overload]
    with room.session.db.unit_of_work() as conn:
        problems = chain_problems(conn)
    assert problems == [f"audit event #{row['seq']}: does not follow the event before it"]


def test_a_missing_event_is_found_even_when_the_chain_was_relinked(room: Room) -> None:
    for _ in range(3):
        room.session.record_lock()
    rows = _rows(room)
    gone, after = rows[2], rows[3]
    _rewrite(room, "DELETE FROM audit_events WHERE seq = ?", (gone["seq"],))
    relinked = _digest(str(gone["prev_hash"]), _hashed_fields(after))
    _rewrite(room, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?",
             (gone["prev_hash"], relinked, after["seq"]))
    _relink_after(room, int(after["seq"]), relinked)  # type: ignore[call-overload]
    with room.session.db.unit_of_work() as conn:
        problems = chain_problems(conn)
    assert problems == [f"audit event #{gone['seq']}–#{gone['seq']}: missing"]


# -- resident rules ----------------------------------------------------------------------------
def test_a_birth_date_in_the_future_is_refused() -> None:
    today = date(2026, 11, 26)
    _, problems = check_fields(ResidentFields(name="王小宝", birth_date="2026-11-27"),
                               today=today)
    assert [p.code for p in problems] == ["birth_date_future"]
    _, problems = check_fields(ResidentFields(name="王小宝", birth_date="2026-11-26",
                                              guardian_name="王大宝"), today=today)
    assert problems == []


# -- restore refusals --------------------------------------------------------------------------
def _rewrite_header(backup: Path, out: Path, **changes: object) -> Path:
    data = backup.read_bytes()
    (length,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    start = len(MAGIC) + 4
    doc = json.loads(data[start:start + length])
    doc.update(changes)
    header = json.dumps(doc).encode()
    out.write_bytes(MAGIC + struct.pack(">I", len(header)) + header + data[start + length:])
    return out


def test_restore_refuses_a_backup_from_a_newer_app(room: Room, tmp_path: Path) -> None:
    backup = room.session.backup(tmp_path / "b.psyroom-backup")
    newer = _rewrite_header(backup, tmp_path / "newer.psyroom-backup", revision="9999")
    room.session.close()
    before = (room.dir / "keyslots.json").read_bytes()
    with pytest.raises(BackupError) as err:
        room.inst.restore(newer, username=ADMIN, password=ADMIN_PASSWORD)
    assert err.value.code == "backup_newer"
    assert (room.dir / "keyslots.json").read_bytes() == before
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)


def test_restore_refuses_a_backup_whose_audit_chain_is_broken(room: Room,
                                                              tmp_path: Path) -> None:
    room.session.record_lock()
    _rewrite(room, "UPDATE audit_events SET action = 'nothing' WHERE seq = 1", ())
    backup = room.session.backup(tmp_path / "tampered.psyroom-backup")
    fresh = Installation(tmp_path / "new-pc")
    with pytest.raises(BackupError) as err:
        fresh.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    assert err.value.code == "backup_damaged"
    assert not (tmp_path / "new-pc" / "psyroom.db").exists()


def test_restore_refuses_a_database_that_is_not_the_key_files(room: Room,
                                                              tmp_path: Path) -> None:
    with room.session.db.unit_of_work() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = 'another-install' "
                             "WHERE key = 'install_id'")
    backup = room.session.backup(tmp_path / "mixed.psyroom-backup")
    with room.session.db.unit_of_work() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = ? WHERE key = 'install_id'",
                             (room.inst.load_slots().install_id,))
    fresh = Installation(tmp_path / "new-pc")
    with pytest.raises(BackupError) as err:
        fresh.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    assert err.value.code == "backup_damaged"
    assert not (tmp_path / "new-pc" / "psyroom.db").exists()
