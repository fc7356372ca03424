"""Issue 13's follow-ups: a patient lost to follow-up (失访) as an archive status, counted in
the rates as DESIGN.md §10 counts registered patients; the national system's patient number
on the archive, the printed 表1-8 and the hand-off; 是否转诊 linked to the resident's referral."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from psyroom.errors import InvalidInput
from psyroom.followups.model import FollowupInput
from psyroom.referrals.model import InstitutionInput, ReferralInput
from psyroom.residents.model import NATIONAL_ID_MAX, ResidentFields
from psyroom.residents.service import ResidentInvalid
from psyroom.session import Session

from .conftest import Room
from .test_followups import patient, visit

TODAY = date.today()


def day(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def lost(rid: str, on: str, reason: int = 1) -> FollowupInput:
    return FollowupInput(resident_id=rid, followup_date=on, reached=False, visit_form=3,
                         lost_reason=reason)


def status(s: Session, rid: str) -> str:
    return s.residents.open(rid).status


def history(s: Session, rid: str) -> list[dict[str, Any]]:
    from psyroom.residents import repository

    return s._read(lambda c: repository.history(c, rid))


# -- 失访 -------------------------------------------------------------------------------------

def test_a_reason_for_loss_marks_the_archive_lost_and_a_reached_visit_lifts_it(
        room: Room) -> None:
    s = room.session
    rid = patient(room)
    s.followups.record(FollowupInput(resident_id=rid, followup_date=day(40), reached=False,
                                     visit_form=3))
    assert status(s, rid) == "active"  # not reached, no reason given: not lost yet
    s.followups.record(lost(rid, day(30), reason=4))
    assert status(s, rid) == "lost"
    assert any(h["kind"] == "edited" and h["detail"] == {"fields": ["status"],
                                                         "source": "followup"}
               for h in history(s, rid))
    # Still followed up: a visit that reaches the patient brings them back under management.
    s.followups.record(visit(rid, day(10)))
    assert status(s, rid) == "active"


def test_a_late_typed_older_loss_does_not_mark_a_patient_seen_since(room: Room) -> None:
    s = room.session
    rid = patient(room)
    s.followups.record(visit(rid, day(10)))
    s.followups.record(lost(rid, day(50)))  # typed in after the later visit
    assert status(s, rid) == "active"


def test_a_moved_archive_stays_moved_and_a_death_still_ends_a_lost_one(room: Room) -> None:
    s = room.session
    moved = patient(room, "钱一", status="moved")
    s.followups.record(lost(moved, day(20), reason=2))
    assert status(s, moved) == "moved"
    rid = patient(room, "钱二")
    s.followups.record(lost(rid, day(20)))
    s.followups.record(FollowupInput(resident_id=rid, followup_date=day(5), reached=False,
                                     death_date=day(8), death_cause=4))
    assert status(s, rid) == "deceased"


def test_lost_patients_count_as_registered_not_managed_and_not_at_home(room: Room) -> None:
    """管理率 and the other 在册 rates keep a lost patient in the denominator (registered =
    ever registered − deceased) and out of the numerator unless a visit reached them this year;
    病情稳定率, home rehabilitation and counselling count patients living at home, which a
    lost patient is not known to be; overdue is for patients at home, the lost are counted
    as lost."""
    s = room.session
    seen = patient(room, "孙一")
    gone = patient(room, "孙二")
    s.followups.record(visit(seen, TODAY.isoformat()))
    s.followups.record(lost(gone, TODAY.isoformat(), reason=3))
    assert status(s, gone) == "lost"
    report = s.reports.monthly(TODAY.strftime("%Y-%m")).to_json()
    rates = {r["key"]: r for r in report["rates"]}
    assert (rates["smd_managed"]["numerator"], rates["smd_managed"]["denominator"]) == (1, 2)
    assert rates["smd_regular"]["denominator"] == 2
    assert rates["smd_face"]["denominator"] == 2
    assert (rates["smd_stable"]["numerator"], rates["smd_stable"]["denominator"]) == (1, 1)
    assert rates["smd_home_rehab"]["denominator"] == 1
    assert report["smd_followups"]["registered"] == 2
    assert report["smd_followups"]["lost"] == 1
    assert {o["resident_name"] for o in s.followups.overdue(TODAY + timedelta(days=200))} == {
        "孙一"}
    table = next(t for t in report_tables(s) if t["key"] == "smd_followups")
    assert ["其中失访", 1] in table["rows"]


def report_tables(s: Session) -> list[dict[str, Any]]:
    return s.reports.monthly(TODAY.strftime("%Y-%m")).tables_json()


def test_the_quarters_due_list_keeps_the_lost_marked_lost(room: Room, tmp_path: Path) -> None:
    s = room.session
    here = patient(room, "李一")
    gone = patient(room, "李二")
    s.followups.record(lost(gone, "2026-01-10"))
    out = tmp_path / "due.xlsx"
    assert s.followups.due("2026-Q2", out, today=date(2026, 5, 1)) == 2
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    state = {r[0]: r[-1] for r in rows[1:]}
    assert state == {"李一": "逾期", "李二": "失访"}
    assert here


# -- 国家系统患者编号 -------------------------------------------------------------------------

def test_the_national_number_is_kept_checked_and_cleaned(room: Room) -> None:
    s = room.session
    rid = patient(room, smd_national_id=" ３３０１-000123 ")
    assert s.residents.open(rid).smd_national_id == "3301-000123"  # full width folded
    with pytest.raises(ResidentInvalid) as too_long:
        patient(room, "周二", smd_national_id="1" * (NATIONAL_ID_MAX + 1))
    assert [p.code for p in too_long.value.problems] == ["national_id_too_long"]
    with pytest.raises(ResidentInvalid) as unregistered:
        s.residents.create(ResidentFields(name="周三", smd_national_id="123"))
    assert [p.code for p in unregistered.value.problems] == ["national_id_unregistered"]
    before = s.residents.open(rid)
    with pytest.raises(ResidentInvalid):
        s.residents.update(rid, ResidentFields(**{
            **{k: getattr(before, k) for k in ("name", "smd_registered", "smd_diagnosis")},
            "smd_national_id": "x" * 31}))
    assert s.residents.open(rid).smd_national_id == "3301-000123"  # nothing changed
    edited = s.residents.update(rid, ResidentFields(
        name=before.name, smd_registered=True, smd_diagnosis=before.smd_diagnosis,
        smd_national_id="3301-000999")).resident
    assert edited.smd_national_id == "3301-000999"
    assert any("smd_national_id" in h["detail"].get("fields", []) for h in history(s, rid))


def test_a_clerk_who_may_not_write_archives_cannot_set_it(room: Room) -> None:
    from psyroom.errors import PermissionDenied

    rid = patient(room)
    room.session.add_user("clerk", roles=["office_clerk"], password="Clerk-pass-2026")
    clerk = room.inst.unlock("clerk", "Clerk-pass-2026")
    try:
        with pytest.raises(PermissionDenied):
            clerk.residents.update(rid, ResidentFields(name="郑大勇", smd_registered=True,
                                                       smd_national_id="1"))
    finally:
        clerk.close()
    assert room.session.residents.open(rid).smd_national_id is None


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
def test_the_printed_form_carries_the_national_number(room: Room, tmp_path: Path) -> None:
    s = room.session
    rid = patient(room, smd_national_id="3301-000123")
    fid = s.followups.record(visit(rid, day(3)))
    out = s.followups.print_form(fid, tmp_path / "form.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "编号：" in text and "3301-000123" in text
    blank = s.followups.print_form(None, tmp_path / "blank.pdf")
    blank_text = subprocess.run(["pdftotext", "-layout", str(blank), "-"],
                                capture_output=True, text=True, check=True).stdout
    assert "编号□□□-□□□□□" in blank_text


# -- 是否转诊 linked to a referral ---------------------------------------------------------------

def _referral(s: Session, rid: str, place: str = "市精神卫生中心") -> str:
    iid = s.institutions.add(InstitutionInput(name=place, kind="mental_hospital"))
    return s.referrals.create(ReferralInput(
        resident_id=rid, institution_id=iid, reason="幻听加重，拒绝服药",
        consent_by="guardian", consent_scope="姓名、诊断", consent_date=day(1))).id


def test_a_linked_referral_fills_reason_and_institution_and_is_stored(room: Room) -> None:
    s = room.session
    rid = patient(room)
    ref = _referral(s, rid)
    fid = s.followups.record(visit(rid, day(1), referred=2, referral_id=ref))
    row = s.followups.get(fid)
    assert row["referral_id"] == ref
    assert (row["referral_reason"], row["referral_institution"]) == (
        "幻听加重，拒绝服药", "市精神卫生中心")
    # What the doctor typed stays as typed (the department, say).
    fid2 = s.followups.record(visit(rid, day(0), referred=2, referral_id=ref,
                                    referral_institution="市精神卫生中心 二病区"))
    assert s.followups.get(fid2)["referral_institution"] == "市精神卫生中心 二病区"


def test_another_residents_referral_is_refused(room: Room) -> None:
    # The defect: any referral id that existed was accepted, whoever it was for.
    s = room.session
    rid, other = patient(room), patient(room, "吴二")
    theirs = _referral(s, other)
    before = len(s.followups.for_resident(rid))
    with pytest.raises(InvalidInput) as refused:
        s.followups.record(visit(rid, day(1), referred=2, referral_id=theirs))
    assert refused.value.code == "referral_unknown"
    assert len(s.followups.for_resident(rid)) == before


def test_a_cancelled_referral_or_a_link_without_referred_yes_is_refused(room: Room) -> None:
    s = room.session
    rid = patient(room)
    ref = _referral(s, rid)
    with pytest.raises(InvalidInput) as no:
        s.followups.record(visit(rid, day(1), referred=1, referral_id=ref))
    assert no.value.code == "followup_referral_not_referred"
    s.referrals.cancel(ref, reason="家属决定自行就医")
    with pytest.raises(InvalidInput) as cancelled:
        s.followups.record(visit(rid, day(1), referred=2, referral_id=ref))
    assert cancelled.value.code == "followup_referral_cancelled"
    assert s.followups.for_resident(rid) == []


def test_a_lost_high_risk_patient_stays_on_the_high_risk_lists(room: Room) -> None:
    # Lost is when the care team most needs to look for a dangerous patient: the home page's
    # high-risk list and the report's annex keep them (moved and deceased ones leave).
    from psyroom.dashboard.service import high_risk_residents

    s = room.session
    rid = patient(room, "高危失访", risk_level="high")
    s.followups.record(lost(rid, day(3), reason=3))
    assert status(s, rid) == "lost"
    assert rid in {r["id"] for r in s._read(high_risk_residents)}
    report = s.reports.monthly(TODAY.strftime("%Y-%m")).to_json()
    assert rid in {r["id"] for r in report["high_risk"]}
