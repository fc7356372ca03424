"""DESIGN.md §8: a marker written through every kind of record never reaches the disk in
the clear: not the data folder, not a backup, not the temp folder."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from psyroom.activities.service import ActivityInput
from psyroom.consultations.model import ConsultationInput
from psyroom.crisis.service import CrisisInput
from psyroom.followups.service import FollowupInput
from psyroom.referrals.model import InstitutionInput, ReferralInput
from psyroom.residents.model import ResidentFields

from .conftest import Room

MARKER = "标记甄士隐"
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "gb18030")


def leaks(paths: list[Path]) -> list[str]:
    found = []
    needles = [MARKER.encode(e) for e in ENCODINGS] + [b"ZhenShiyinMark"]
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        found += [f"{path}: {n!r}" for n in needles if n in data]
    return found


def test_marker_through_every_record_kind(room: Room, tmp_path: Path) -> None:
    started = time.time()
    s = room.session
    rid = s.residents.create(ResidentFields(
        name=MARKER, address=f"{MARKER}村1组", village=f"{MARKER}村",
        guardian_name=MARKER, smd_registered=True, smd_diagnosis=MARKER,
        smd_care_team=MARKER, consent_scope=MARKER)).resident.id
    draft = s.consultations.start_draft(ConsultationInput(
        subject_kind="individual", resident_id=rid, started_at="2026-11-25T09:00",
        complaint=MARKER, assessment=MARKER, intervention=MARKER, plan=MARKER))
    s.consultations.save_private_note(draft.id, MARKER)
    s.consultations.sign(draft.id)
    s.consultations.add_addendum(draft.id, MARKER)
    s.consultations.save_template(MARKER, {"complaint": MARKER})
    s.assessments.record(rid, "phq9", [0] * 8 + [2], crisis_action=MARKER)
    cid = s.crises.record(CrisisInput(resident_id=rid, occurred_at="2026-11-25T10:00",
                                      crisis_type="suicide", level="high",
                                      description=MARKER, actions=MARKER, outcome=MARKER))
    s.crises.close(cid, reason=MARKER)
    fid = s.followups.record(FollowupInput(
        resident_id=rid, followup_date="2026-11-25", visit_form=2, risk_level=4, insight=3,
        sf_self_care=3, sf_housework=3, sf_work=9, sf_learning=3, sf_social=3,
        side_effects=2, side_effects_text=MARKER, symptoms=(12,), symptoms_other=MARKER,
        referred=2, referral_reason=MARKER, referral_institution=MARKER, notes=MARKER))
    s.followups.record_action(fid, referral=MARKER, care_team=MARKER)
    s.followups.print_form(fid, tmp_path / "usb" / "form.pdf")
    s.followups.export("2026-11-01", "2026-11-30", tmp_path / "usb" / "handoff.xlsx")
    s.activities.record(ActivityInput(activity_date="2026-11-20", kind="group",
                                      topic=MARKER, headcount=10, notes=MARKER))
    iid = s.institutions.add(InstitutionInput(name=MARKER, kind="other", address=MARKER,
                                              contact_person=MARKER))
    s.referrals.save_settings(address=MARKER, phone="0359-1", overdue_days=14)
    ref = s.referrals.create(ReferralInput(
        resident_id=rid, institution_id=iid, reason=MARKER, consent_by="resident",
        consent_scope=MARKER, consent_date="2026-11-25"))
    s.referrals.issue(ref.id)
    # The slip goes where the user chose (here tmp_path), never the data folder or temp.
    s.referrals.write_slip(ref.id, tmp_path / "chosen" / "slip.pdf")
    s.referrals.record_receipt(ref.id, received_on="2026-11-26", receiver=MARKER)
    s.referrals.record_feedback(ref.id, feedback=MARKER, on="2026-11-27")
    s.residents.search(MARKER)
    s.residents.index()
    s.dashboard()
    backup = s.backup(tmp_path / "usb" / "b.psyroom-backup")

    # While the session is open (WAL holds the fresh pages) and after it closes.
    data_files = [p for p in room.dir.rglob("*") if p.is_file()]
    assert leaks(data_files) == []
    s.close()
    data_files = [p for p in room.dir.rglob("*") if p.is_file()]
    assert leaks([*data_files, backup]) == []
    temp = Path(tempfile.gettempdir())
    fresh = [p for p in temp.glob("*") if p.is_file() and p.stat().st_mtime >= started]
    assert leaks(fresh) == []
    room.session = room.inst.unlock("zhaoadmin", "Bei-cheng2026")
    # And it is all really there, readable with the key.
    assert room.session.residents.open(rid).name == MARKER
