"""USB bundles end to end on real encrypted databases with real crypto (issue 10)."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from psyroom.consultations.model import ConsultationInput
from psyroom.errors import BundleRefused, InvalidInput
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.sync import crypto, fileformat
from psyroom.sync.downlink import add_note

from .bundles_support import (
    MARK_NAME,
    OFFICE_ADMIN,
    PASSWORD,
    PRIVATE_TEXT,
    SHARED_ID,
    Office,
    enrol_and_join,
    fill_every_kind,
    make_office,
    rows,
    same_records,
    snapshot,
)
from .conftest import ADMIN, ADMIN_PASSWORD, Room, run_cli


def export(room: Room, usb: Path, **kw: object) -> Path:
    [path] = room.session.bundles.export_bundle(usb, **kw)  # type: ignore[arg-type]
    return path


def test_office_holds_exactly_the_rooms_records(office: Office, room: Room, usb: Path,
                                                tmp_path: Path) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    ids = fill_every_kind(room.session)
    bundle = export(room, usb)
    assert bundle.name.startswith("BC-01-00001-") and bundle.suffix == ".psybundle"
    data = bundle.read_bytes()
    for secret in (MARK_NAME, PRIVATE_TEXT, SHARED_ID, "失眠两周"):
        assert secret.encode("utf-8") not in data
    summary = office.session.bundles.import_bundles([bundle])
    [outcome] = summary.files
    assert outcome.refused is None and outcome.result is not None
    assert outcome.result.counts.new == 13 and outcome.result.counts.rejected == 0
    same_records(office.session, room.session)
    # Every kind is there, the private note is not.
    stats = office.session.stats()
    assert (stats["residents"], stats["consultations"], stats["assessments"],
            stats["crisis_events"], stats["followups"], stats["activities"]) == (2, 1, 1, 2, 1, 1)
    assert rows(office.session, "private_notes") == []
    assert ids["consultation"] in {r[0] for r in rows(office.session, "consultations")}
    # The room is a site with its village; the pinned room kept its own id.
    site = office.session.db.raw.execute(
        "SELECT id, kind, room_type, code, village FROM sites WHERE code = 'BC-01'").fetchone()
    assert site == (room.session.site.id, "room", "village", "BC-01", "北城村")
    before = snapshot(office.session)
    again = office.session.bundles.import_bundles([bundle]).files[0].result
    assert again is not None and again.already
    assert snapshot(office.session) == before


def test_incremental_bundles_in_any_order_give_the_same_records(office: Office, room: Room,
                                                                usb: Path,
                                                                tmp_path: Path) -> None:
    s = room.session
    enrol_and_join(office.session, s, tmp_path)
    ids = fill_every_kind(s)
    b1 = export(room, usb)
    old = s.residents.open(ids["b"])
    s.residents.update(ids["b"], ResidentFields(name="王德福", gender="male",
                                                birth_date="1950-03-02", village="东关村",
                                                tags=frozenset({"elderly_widowed"})),
                       expected_version=old.version)
    c = s.consultations.start_draft(ConsultationInput(
        subject_kind="individual", resident_id=ids["b"], started_at="2026-11-26T09:00",
        complaint="睡眠改善"))
    b2 = export(room, usb)
    s.consultations.sign(c.id)
    s.residents.erase(ids["a"], reason="本人要求删除")
    b3 = export(room, usb)
    assert [b.name[6:11] for b in (b1, b2, b3)] == ["00001", "00002", "00003"]
    first = office.session.bundles.import_bundles([b3]).files[0].result
    assert first is not None and first.gaps == [1, 2]
    office.session.bundles.import_bundles([b1, b2])
    same_records(office.session, room.session)
    assert office.session.bundles.room_status()[0].gaps == []


def test_erase_and_merge_at_the_room_reach_the_office(office: Office, room: Room, usb: Path,
                                                      tmp_path: Path) -> None:
    s = room.session
    enrol_and_join(office.session, s, tmp_path)
    ids = fill_every_kind(s)
    twin = s.residents.create(ResidentFields(name="王德福", gender="male")).resident.id
    office.session.bundles.import_bundles([export(room, usb)])
    s.residents.merge(ids["b"], twin, reason="同一人")
    s.residents.erase(ids["a"], reason="本人要求删除")
    office.session.bundles.import_bundles([export(room, usb)])
    same_records(office.session, room.session)
    names = {r[0] for r in office.session.db.raw.execute("SELECT name FROM residents")}
    assert MARK_NAME not in names
    merged = office.session.db.raw.execute(
        "SELECT merged_into FROM residents WHERE id = ?", (twin,)).fetchone()
    assert merged == (ids["b"],)
    assert office.session.stats()["residents"] == 1


def test_same_id_number_from_two_rooms_is_linked_not_merged(office: Office, room: Room,
                                                            usb: Path, tmp_path: Path) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    other = Installation(tmp_path / "room2").initialise(
        site_kind="room", site_code="DG-02", site_name="东关村心理咨询室", admin_name=ADMIN,
        admin_password=ADMIN_PASSWORD).session
    try:
        enrol_and_join(office.session, other, tmp_path, village="东关村")
        for s in (room.session, other):
            s.residents.create(ResidentFields(name=MARK_NAME, gender="female",
                                              birth_date="1980-01-01", id_number=SHARED_ID))
        [b2] = other.bundles.export_bundle(usb)
        office.session.bundles.import_bundles([export(room, usb), b2])
    finally:
        other.close()
    links = office.session.db.raw.execute(
        "SELECT count(*), count(DISTINCT person_id) FROM person_links WHERE id_number = ?",
        (SHARED_ID,)).fetchone()
    assert links == (2, 1)
    assert office.session.stats()["residents"] == 2


def test_deleting_the_rooms_newest_audit_rows_is_reported(office: Office, room: Room,
                                                          usb: Path, tmp_path: Path) -> None:
    s = room.session
    enrol_and_join(office.session, s, tmp_path)
    fill_every_kind(s)
    office.session.bundles.import_bundles([export(room, usb)])
    raw = s.db.raw
    # What someone with the key and a SQLite tool could do to hide what they did.
    raw.execute("DROP TRIGGER audit_events_no_delete")
    raw.execute("DELETE FROM audit_events WHERE seq > (SELECT max(seq) - 6 FROM audit_events)")
    raw.execute("CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
                "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    result = office.session.bundles.import_bundles([export(room, usb)]).files[0].result
    assert result is not None
    assert [n["kind"] for n in result.notices] == ["audit_shrunk"]
    status = office.session.bundles.room_status()[0]
    assert [n["kind"] for n in status.notices] == ["audit_shrunk"]


def test_rewritten_audit_tail_is_reported_as_a_fork(office: Office, room: Room, usb: Path,
                                                    tmp_path: Path) -> None:
    s = room.session
    enrol_and_join(office.session, s, tmp_path)
    office.session.bundles.import_bundles([export(room, usb)])
    raw = s.db.raw
    raw.execute("DROP TRIGGER audit_events_no_delete")
    raw.execute("DELETE FROM audit_events WHERE seq > (SELECT max(seq) - 2 FROM audit_events)")
    fill_every_kind(s)  # many new events: the chain is longer again, but not the same
    result = office.session.bundles.import_bundles([export(room, usb)]).files[0].result
    assert result is not None and [n["kind"] for n in result.notices] == ["audit_forked"]


def test_room_restored_from_an_older_backup(office: Office, room: Room, usb: Path,
                                            tmp_path: Path) -> None:
    s = room.session
    enrol_and_join(office.session, s, tmp_path)
    ids = fill_every_kind(s)
    office.session.bundles.import_bundles([export(room, usb)])
    backup = s.backup(tmp_path / "room.psyroom-backup")
    lost = s.residents.create(ResidentFields(name="赵一二", gender="male")).resident.id
    office.session.bundles.import_bundles([export(room, usb)])  # seq 2, later lost
    s.close()
    room.inst.restore(backup, username=ADMIN, password=ADMIN_PASSWORD)
    s = room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    old = s.residents.open(ids["b"])
    s.residents.update(ids["b"], ResidentFields(name="王德福", gender="male",
                                                village="南关社区"),
                       expected_version=old.version)
    b3 = export(room, usb)
    assert b3.name.startswith("BC-01-00002-")  # the number comes back, in a new generation
    result = office.session.bundles.import_bundles([b3]).files[0].result
    assert result is not None and not result.already
    assert [n["kind"] for n in result.notices] == ["restored"]
    o = office.session.db.raw
    # What the office had stays; the room's edit after the restore wins.
    assert o.execute("SELECT count(*) FROM residents WHERE id = ?", (lost,)).fetchone() == (1,)
    assert o.execute("SELECT village FROM residents WHERE id = ?",
                     (ids["b"],)).fetchone() == ("南关社区",)
    # Reported once.
    again = office.session.bundles.import_bundles([export(room, usb)]).files[0].result
    assert again is not None and again.notices == []


def test_old_database_copied_back_without_restore_is_told_apart(office: Office, room: Room,
                                                                usb: Path,
                                                                tmp_path: Path) -> None:
    s = room.session
    enrol_and_join(office.session, s, tmp_path)
    fill_every_kind(s)
    office.session.bundles.import_bundles([export(room, usb)])
    s.close()
    copy = tmp_path / "old.db"
    shutil.copy(room.inst.folder.database, copy)
    s = room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    s.residents.create(ResidentFields(name="赵一二", gender="male"))
    office.session.bundles.import_bundles([export(room, usb)])
    s.close()
    shutil.copy(copy, room.inst.folder.database)
    for extra in ("-wal", "-shm"):
        Path(str(room.inst.folder.database) + extra).unlink(missing_ok=True)
    s = room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    s.residents.create(ResidentFields(name="钱三四", gender="male"))
    result = office.session.bundles.import_bundles([export(room, usb)]).files[0].result
    assert result is not None
    assert "sequence_reused" in [n["kind"] for n in result.notices]
    names = {r[0] for r in office.session.db.raw.execute("SELECT name FROM residents")}
    assert {"赵一二", "钱三四"} <= names


def _refused(office: Office, path: Path) -> str:
    before = snapshot(office.session)
    [outcome] = office.session.bundles.import_bundles([path]).files
    assert outcome.refused is not None and outcome.result is None
    assert snapshot(office.session) == before
    return outcome.refused.code


def test_refusals_leave_the_office_unchanged(office: Office, room: Room, usb: Path,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    fill_every_kind(room.session)
    good = export(room, usb)
    data = good.read_bytes()
    bad = tmp_path / "bad.psybundle"

    def variant(content: bytes) -> str:
        bad.write_bytes(content)
        return _refused(office, bad)

    assert variant(data[:-1]) == "bundle_damaged"  # truncated
    assert variant(data + b"\0") == "bundle_damaged"  # added byte
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x01
    assert variant(bytes(flipped)) == "bundle_signature"
    assert variant(data[:7] + b"\x02" + data[8:]) == "bundle_unsupported"
    assert variant(b"PK\x03\x04" + data[4:]) == "bundle_not_bundle"
    # Re-signed with another key: before pinning, the key the one-time secret vouches for
    # is the only one accepted; after, the pinned key.
    other_key, _ = crypto.new_signing_pair()
    assert variant(data[:-64] + crypto.sign(data[:-64], other_key)) == "bundle_signature"
    monkeypatch.setattr(fileformat, "MAX_FILE_BYTES", len(data) - 1)
    assert variant(data) == "bundle_oversize"
    monkeypatch.undo()
    # Once the room is pinned, another key is refused as a wrong signature.
    office.session.bundles.import_bundles([good])
    assert variant(data[:-64] + crypto.sign(data[:-64], other_key)) == "bundle_signature"


def test_unknown_room_and_other_office_are_refused(office: Office, room: Room, usb: Path,
                                                   tmp_path: Path) -> None:
    other_office = make_office(tmp_path, "JD-02")
    try:
        enrol_and_join(other_office.session, room.session, tmp_path)
        fill_every_kind(room.session)
        bundle = export(room, usb)
        assert _refused(office, bundle) == "bundle_other_office"
        # The header names this office but the room was never enrolled here.
        header, hlen = fileformat.read_header(bundle.read_bytes())
        header["office_id"] = office.session.site.id
        hb = __import__("json").dumps(header, sort_keys=True).encode()
        data = bundle.read_bytes()
        forged = data[:8] + struct.pack(">I", len(hb)) + hb + data[12 + hlen:]
        (tmp_path / "forged.psybundle").write_bytes(forged)
        assert _refused(office, tmp_path / "forged.psybundle") == "bundle_unknown_room"
        assert "BC-01" in BundleRefused("bundle_unknown_room", room="BC-01").message()
    finally:
        other_office.session.close()


def test_downlink_acknowledges_and_carries_notes(office: Office, room: Room, usb: Path,
                                                 tmp_path: Path) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    fill_every_kind(room.session)
    b1 = export(room, usb)
    assert [u["seq"] for u in room.session.bundles.unacknowledged()] == [1]
    office.session.bundles.import_bundles([b1])
    site_id = room.session.site.id
    office.session._write("note", lambda c: add_note(c, site_id=site_id,
                                                     kind="referral_receipt", ref_id="r-1",
                                                     body={"received": "2026-11-26"}))
    office.session.db.raw.execute(
        "UPDATE population_tags SET name_zh = '空巢老人（含独居）', version = version + 1 "
        "WHERE code = 'elderly_empty_nest'")
    [down] = office.session.bundles.export_bundle(usb, room="BC-01")
    tampered = bytearray(down.read_bytes())
    tampered[40] ^= 0x04
    (tmp_path / "t.psybundle").write_bytes(bytes(tampered))
    [refused] = room.session.bundles.import_bundles([tmp_path / "t.psybundle"]).files
    assert refused.refused is not None
    [ok] = room.session.bundles.import_bundles([down]).files
    assert ok.downlink is not None and ok.downlink.acked == 1 and ok.downlink.notes == 1
    assert room.session.bundles.unacknowledged() == []
    raw = room.session.db.raw
    assert raw.execute("SELECT name_zh FROM population_tags WHERE code = "
                       "'elderly_empty_nest'").fetchone() == ("空巢老人（含独居）",)
    assert raw.execute("SELECT kind, ref_id FROM sync_notes").fetchall() == [
        ("referral_receipt", "r-1")]
    again = room.session.bundles.import_bundles([down]).files[0].downlink
    assert again is not None and again.already


def test_office_keys_travel_in_its_backup(office: Office, room: Room, usb: Path,
                                          tmp_path: Path) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    office.session.bundles.import_bundles([export(room, usb)])
    backup = office.session.backup(tmp_path / "office.psyroom-backup")
    office.session.close()
    fresh = Installation(tmp_path / "new-pc")
    fresh.restore(backup, username=OFFICE_ADMIN, password=PASSWORD)
    office.inst = fresh
    office.session = fresh.unlock(OFFICE_ADMIN, PASSWORD)
    fill_every_kind(room.session)
    result = office.session.bundles.import_bundles([export(room, usb)]).files[0]
    assert result.refused is None
    same_records(office.session, room.session)


def test_join_refuses_another_code_unless_told_to_recode(office: Office, room: Room,
                                                         tmp_path: Path) -> None:
    file = tmp_path / "enrol.json"
    office.session.bundles.enrol_room("XY-07", "新阳村心理咨询室", out=file)
    with pytest.raises(InvalidInput) as err:
        room.session.bundles.join(file)
    assert err.value.code == "bundle_code_mismatch"
    assert "XY-07" in err.value.message()
    site = room.session.bundles.join(file, recode=True)
    assert site.code == "XY-07" and room.session.site.code == "XY-07"


@pytest.mark.slow  # many whole psyroom processes: ~20-30 s on the shared 2-core machine
def test_cli_round_trip_and_refusal_message(tmp_path: Path) -> None:
    office_dir, room_dir, usb = tmp_path / "o", tmp_path / "r", tmp_path / "usb"
    usb.mkdir()
    assert run_cli("init", "--site-kind", "office", "--site-code", "JD-01", "--site-name",
                   "街道", "--admin", OFFICE_ADMIN, data_dir=office_dir, user=None,
                   password=PASSWORD).returncode == 0
    enrol = run_cli("enrol-room", "--site-code", "BC-01", "--site-name", "北城村心理咨询室",
                    "--village", "北城村", "--out", str(usb / "e.json"),
                    data_dir=office_dir, user=OFFICE_ADMIN, password=PASSWORD)
    assert enrol.returncode == 0, enrol.stderr
    init = run_cli("init", "--admin", ADMIN, "--join", str(usb / "e.json"),
                   data_dir=room_dir, user=None)
    assert init.returncode == 0 and "BC-01" in init.stdout
    assert run_cli("export-bundle", "--out", str(usb), data_dir=room_dir).returncode == 0
    [bundle] = usb.glob("BC-01-*.psybundle")
    imported = run_cli("import-bundle", str(bundle), data_dir=office_dir, user=OFFICE_ADMIN,
                       password=PASSWORD)
    assert imported.returncode == 0 and "BC-01 第1号" in imported.stdout
    data = bytearray(bundle.read_bytes())
    data[100] ^= 1
    bundle.write_bytes(bytes(data))
    refused = run_cli("import-bundle", str(bundle), data_dir=office_dir, user=OFFICE_ADMIN,
                      password=PASSWORD)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "拒绝" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize("role", ["admin", "counsellor", "social_worker", "office_clerk",
                                  "supervisor"])
def test_every_bundle_method_checks_its_permission_first(room: Room, role: str) -> None:
    from psyroom.errors import PermissionDenied, PsyroomError
    from psyroom.security.method_table import METHOD_PERMISSIONS
    from psyroom.security.roles import Role, permissions_of

    from .role_calls.bundles import CALLS

    name = f"u{role.replace('_', '')}"
    room.session.add_user(name, roles=[role], password="Xy-pass-2026")
    s = room.inst.unlock(name, "Xy-pass-2026")
    try:
        granted = permissions_of(frozenset({Role(role)}))
        for method, call in CALLS.items():
            needed = METHOD_PERMISSIONS[method]
            try:
                call(s)
                denied = False
            except PermissionDenied:
                denied = True
            except PsyroomError:
                denied = False
            assert denied == (needed is not None and needed not in granted), (role, method)
    finally:
        s.close()


def test_a_merge_moving_the_id_number_arrives_whole(office: Office, room: Room, usb: Path,
                                                    tmp_path: Path) -> None:
    s = room.session
    enrol_and_join(office.session, s, tmp_path)
    ids = fill_every_kind(s)
    keep = s.residents.create(ResidentFields(name=MARK_NAME, gender="female")).resident.id
    office.session.bundles.import_bundles([export(room, usb)])
    s.residents.merge(keep, ids["a"], reason="同一人")
    result = office.session.bundles.import_bundles([export(room, usb)]).files[0].result
    assert result is not None and result.counts.rejected == 0
    same_records(office.session, room.session)
    assert office.session.db.raw.execute(
        "SELECT resident_id FROM person_links WHERE id_number = ?", (SHARED_ID,)
    ).fetchall() == [(keep,)]


def test_cancelling_export_or_import_leaves_nothing_half_done(office: Office, room: Room,
                                                              usb: Path,
                                                              tmp_path: Path) -> None:
    from psyroom.errors import Cancelled

    enrol_and_join(office.session, room.session, tmp_path)
    fill_every_kind(room.session)
    with pytest.raises(Cancelled):
        room.session.bundles.export_bundle(usb, cancel=lambda: True)
    assert list(usb.iterdir()) == []
    assert room.session.bundles.unacknowledged() == []
    bundle = export(room, usb)
    assert bundle.name.startswith("BC-01-00001-")
    before = snapshot(office.session)
    calls = iter(range(100))

    def cancel_after_first_table() -> bool:
        return next(calls) >= 2

    with pytest.raises(Cancelled):
        office.session.bundles.import_bundles([bundle], cancel=cancel_after_first_table)
    assert snapshot(office.session) == before
    assert office.session.bundles.import_bundles([bundle]).files[0].refused is None
    same_records(office.session, room.session)


def test_office_reads_room_records_under_the_same_role_rules(office: Office, room: Room,
                                                             usb: Path,
                                                             tmp_path: Path) -> None:
    from psyroom.errors import PermissionDenied

    enrol_and_join(office.session, room.session, tmp_path)
    ids = fill_every_kind(room.session)
    office.session.bundles.import_bundles([export(room, usb)])
    office.session.add_user("clerkwang", roles=["office_clerk"], password="Clerk-pass-2026")
    clerk = office.inst.unlock("clerkwang", "Clerk-pass-2026")
    try:
        seen = clerk.residents.open(ids["a"])
        assert seen.name == MARK_NAME and seen.origin_site == room.session.site.id
        # A clerk sees no consultation content, exactly as a room's clerk would not.
        with pytest.raises(PermissionDenied):
            clerk.consultations.get(ids["consultation"])
        with pytest.raises(PermissionDenied):
            clerk.bundles.enrol_room("ZZ-01", "无", out=tmp_path / "x.json")
    finally:
        clerk.close()
    opened = [e for e in office.session.audit_events()
              if e.action == "resident_opened" and e.target_id == ids["a"]]
    assert len(opened) == 1


def test_a_receipt_recorded_at_the_office_arrives_beside_the_rooms_referral(
        office: Office, room: Room, usb: Path, tmp_path: Path) -> None:
    from .test_referrals import setup_referral

    enrol_and_join(office.session, room.session, tmp_path)
    _rid, _iid, ref_id = setup_referral(room.session)
    room.session.referrals.issue(ref_id)
    office.session.bundles.import_bundles([export(room, usb)])
    # The institution sent its 回执 to the street office: the clerk records it there.
    office.session.referrals.record_receipt(ref_id, received_on="2026-11-20",
                                            receiver="门诊护士")
    assert [n.kind for n in office.session.referrals.notes(ref_id)] == ["receipt"]
    [down] = office.session.bundles.export_bundle(usb, room="BC-01")
    room.session.bundles.import_bundles([down])
    notes = room.session.referrals.notes(ref_id)
    assert [(n.kind, n.receiver) for n in notes] == [("receipt", "门诊护士")]
    # Beside the referral, never an edit of it; a second import adds nothing.
    assert room.session.referrals.get(ref_id).status == "issued"
    room.session.bundles.import_bundles([down])
    assert len(room.session.referrals.notes(ref_id)) == 1
