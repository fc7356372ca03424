"""Referrals between the street office and its rooms, through real bundles (issue 11): the
office's institution directory reaches the rooms read-only, and the office checks a slip a
room printed once that room's bundle is in."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from psyroom.errors import InvalidInput
from psyroom.referrals import codes
from psyroom.referrals.cli import verify_message
from psyroom.referrals.model import InstitutionInput, Referral, ReferralInput
from psyroom.residents.model import ResidentFields
from psyroom.security.roles import Role

from .bundles_support import OFFICE_ADMIN, PASSWORD, Office, enrol_and_join
from .conftest import SITE_NAME, Room, run_cli
from .test_referrals import NAME, needs_tools

HOSPITAL = "城关区精神卫生中心"
CLERK = "liuwenshu"




def uplink(office: Office, room: Room, usb: Path) -> None:
    [bundle] = room.session.bundles.export_bundle(usb)
    [result] = office.session.bundles.import_bundles([bundle]).files
    assert result.refused is None


def downlink(office: Office, room: Room, usb: Path) -> None:
    [down] = office.session.bundles.export_bundle(usb, room=room.session.site.code)
    [result] = room.session.bundles.import_bundles([down]).files
    assert result.refused is None


def test_office_directory_reaches_the_room_read_only(office: Office, room: Room, usb: Path,
                                                     tmp_path: Path) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    uplink(office, room, usb)  # the room's first bundle brings the key its downlinks need
    iid = office.session.institutions.add(InstitutionInput(
        name=HOSPITAL, kind="mental_hospital", address="城关区解放路 88 号",
        phone="0359-2022222", contact_person="门诊部"))
    assert not office.session.institutions.get(iid).read_only
    downlink(office, room, usb)

    d = room.session.institutions
    seen = d.get(iid)
    assert (seen.name, seen.kind, seen.phone, seen.source, seen.read_only) == (
        HOSPITAL, "mental_hospital", "0359-2022222", "office", True)
    assert [i.name for i in d.list("精神卫生")] == [HOSPITAL]
    # Neither an edit nor switching it off (the directory's "delete") is allowed here.
    for change in (InstitutionInput(name="改过的名字", kind="mental_hospital"),
                   InstitutionInput(name=HOSPITAL, kind="mental_hospital", active=False)):
        with pytest.raises(InvalidInput) as refused:
            d.update(iid, change)
        assert refused.value.code == "institution_read_only"
        assert refused.value.message("zh_CN") == "这是街道下发的机构信息，只能由街道修改。"
    assert d.get(iid) == seen
    # The room adds its own, which it may change, and a referral may go to either.
    own = d.add(InstitutionInput(name="北城村卫生室", kind="community_health"))
    d.update(own, InstitutionInput(name="北城村卫生所", kind="community_health"))
    mine = d.get(own)
    assert (mine.name, mine.source, mine.read_only) == ("北城村卫生所", "room", False)
    assert {i.name for i in d.list()} == {HOSPITAL, "北城村卫生所"}

    # The office renames its entry: the next downlink carries the change; the room's own
    # entry never travels up (the office's directory is its own).
    office.session.institutions.update(iid, InstitutionInput(
        name="城关区精神卫生中心（新院区）", kind="mental_hospital", phone="0359-2022222"))
    downlink(office, room, usb)
    assert d.get(iid).name == "城关区精神卫生中心（新院区）" and d.get(iid).read_only
    assert d.get(own).name == "北城村卫生所"
    assert [i.name for i in office.session.institutions.list()] == [
        "城关区精神卫生中心（新院区）"]


def office_clerk(office: Office) -> None:
    """The office's clerk reads the rooms' referrals (its admin account does not)."""
    office.session.add_user(CLERK, display_name="刘文书", roles=frozenset({Role.OFFICE_CLERK}),
                            password="First-2026-pw")
    first = office.inst.unlock(CLERK, "First-2026-pw")
    first.change_own_password("First-2026-pw", PASSWORD)
    first.close()


def issue_at_room(room: Room, institution_id: str, reason: str) -> Referral:
    s = room.session
    rid = s.residents.create(ResidentFields(name=NAME, gender="female", birth_date="1968-03-05",
                                            phone="13912345678")).resident.id
    made = s.referrals.create(ReferralInput(
        resident_id=rid, institution_id=institution_id, reason=reason, consent_by="resident",
        consent_scope="姓名、联系方式和转介原因", consent_date="2026-11-20"))
    return s.referrals.issue(made.id)


def verify_at_office(office: Office, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("referral", "verify", *args, data_dir=office.inst.data_dir, user=CLERK,
                   password=PASSWORD)


@needs_tools
def test_office_verifies_a_slip_printed_at_a_room(office: Office, room: Room, usb: Path,
                                                   tmp_path: Path) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    uplink(office, room, usb)
    hospital = office.session.institutions.add(InstitutionInput(
        name=HOSPITAL, kind="mental_hospital", phone="0359-2022222"))
    downlink(office, room, usb)
    issued = issue_at_room(room, hospital, "情绪持续低落两月，建议精神科评估。")
    slip = room.session.referrals.write_slip(issued.id, tmp_path / "slip.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(slip), str(tmp_path / "page")],
                   check=True)
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")],
                             capture_output=True, text=True).stdout.split()
    serial, code = {codes.parse_qr(p) for p in decoded}.pop()  # type: ignore[misc]
    assert (serial, code) == (issued.serial, issued.verify_code)
    office_clerk(office)
    office.session.close()

    # Printed after the room's last bundle: the office says so, and what to do.
    early = verify_at_office(office, serial, code)
    assert early.returncode == 1 and early.stderr.count("\n") == 1, early.stderr
    assert "BC-01" in early.stderr and "下一个数据包" in early.stderr
    assert "Traceback" not in early.stderr

    office.session = office.inst.unlock(OFFICE_ADMIN, PASSWORD)
    uplink(office, room, usb)
    office.session.close()
    good = verify_at_office(office, serial, code)
    assert good.returncode == 0, good.stderr
    assert "由 BC-01 心理服务室开具" in good.stdout
    for value in (serial, NAME, HOSPITAL, "情绪持续低落两月", SITE_NAME):
        assert value in good.stdout, value
    typed = verify_at_office(office, serial.lower(), f"{code[:4]} {code[4:].lower()}")
    assert typed.returncode == 0, typed.stderr
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    bad = verify_at_office(office, serial, forged)
    assert bad.returncode == 1 and "校验码不符" in bad.stderr and NAME not in bad.stdout
    # A forged serial of a room this office does not have.
    stranger = verify_at_office(office, "XX-99-2026-0001", code)
    assert stranger.returncode == 1 and "不属于本街道" in stranger.stderr

    # Cancelled at the room: once that bundle is in, the office refuses the slip too.
    office.session = office.inst.unlock(OFFICE_ADMIN, PASSWORD)
    room.session.referrals.cancel(issued.id, reason="居民改为自行就诊")
    uplink(office, room, usb)
    result = office.session.referrals.verify(serial, code)
    assert (result.genuine, result.reason, result.room_code) == (False, "cancelled", "BC-01")
    # The check is audited at the office, with the serial and the answer only.
    checks = [e for e in office.session.audit_events() if e.action == "referral_verified"]
    assert {(e.detail or {}).get("result") for e in checks} == {
        "not_in_bundles", "ok", "code_mismatch", "unknown_room", "cancelled"}
    assert all(NAME not in json.dumps(e.detail, ensure_ascii=False) for e in checks)


def test_office_check_without_any_bundle_and_a_rooms_other_site_rule(
        office: Office, room: Room, tmp_path: Path) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    office_clerk(office)
    clerk = office.inst.unlock(CLERK, PASSWORD)
    try:
        nothing = clerk.referrals.verify("BC-01-2026-0001", "ABCD-EFGH")
        assert (nothing.genuine, nothing.reason, nothing.room_code, nothing.bundle_upto) == (
            False, "not_in_bundles", "BC-01", None)
        assert "还没有导入过 BC-01 的数据包" in verify_message(nothing, "zh")
    finally:
        clerk.close()
    # A room still checks only its own slips.
    other = room.session.referrals.verify("JD-01-2026-0001", "ABCD-EFGH")
    assert (other.genuine, other.reason) == (False, "unknown_serial")
