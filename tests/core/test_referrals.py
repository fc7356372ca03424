"""Referrals on a real encrypted database: the workflow, consent, overdue receipts, the
printed slip read back (pdftotext, pdffonts), its QR code decoded (zbarimg) and verified."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command

from psyroom.crisis.service import CrisisInput
from psyroom.errors import InvalidInput, PermissionDenied
from psyroom.installation import Installation
from psyroom.referrals import codes
from psyroom.referrals.model import InstitutionInput, ReferralInput
from psyroom.referrals.rules import TRANSITIONS
from psyroom.residents.model import ResidentFields
from psyroom.session import Session
from psyroom.storage import migrate
from psyroom.storage.database import Database

from .conftest import ADMIN, ADMIN_PASSWORD, Room, run_cli
from .test_followups import visit
from .test_storage import keyed

NAME = "欧阳秀兰"
PLACE = "山城市精神卫生中心"
CONSENT = {"consent_by": "resident", "consent_scope": "姓名、联系方式和转介原因",
           "consent_date": "2026-11-20"}
needs_tools = pytest.mark.skipif(not all(shutil.which(t) for t in (
    "pdftotext", "pdffonts", "pdftoppm", "zbarimg")), reason="poppler-utils and zbar-tools")


def setup_referral(s: Session, *, urgency: str = "routine", consent: bool = True,
                   birth_date: str = "1968-03-05", **kw: object) -> tuple[str, str, str]:
    """(resident id, institution id, referral id) of a fresh draft."""
    rid = s.residents.create(ResidentFields(
        name=NAME, gender="female", birth_date=birth_date, phone="13912345678",
        guardian_name="欧阳建国" if birth_date > "2010" else None)).resident.id
    iid = s.institutions.add(InstitutionInput(
        name=PLACE, kind="mental_hospital", address="山城市解放路 88 号",
        phone="0359-2022222", contact_person="门诊部"))
    data = ReferralInput(resident_id=rid, institution_id=iid, urgency=urgency,
                         reason="情绪持续低落两月，睡眠差，建议精神科评估。",
                         **(CONSENT if consent else {}), **kw)  # type: ignore[arg-type]
    return rid, iid, s.referrals.create(data).id


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@needs_tools
def test_slip_reads_back_in_chinese_embeds_fonts_and_its_qr_verifies(room: Room,
                                                                       tmp_path: Path) -> None:
    s = room.session
    s.referrals.save_settings(address="河西村委会二楼", phone="0359-1234567", overdue_days=14)
    _rid, _iid, ref_id = setup_referral(s)
    issued = s.referrals.issue(ref_id)
    assert issued.status == "issued" and issued.verify_code is not None
    assert len(issued.verify_code) == 8  # 40 bits in base32
    out = s.referrals.write_slip(ref_id, tmp_path / "slips" / "slip.pdf")
    assert out.exists() and not list(out.parent.glob("*.part"))

    words = pdf_text(out)
    assert issued.serial in words and NAME in words and PLACE in words
    for part in ("存根", "转介联", "回执", "河西村委会二楼", "0359-1234567"):
        assert part in words, part
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts

    subprocess.run(["pdftoppm", "-png", "-r", "150", str(out), str(tmp_path / "page")],
                   check=True)
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")],
                             capture_output=True, text=True).stdout.split()
    payloads = {codes.parse_qr(p) for p in decoded}
    assert payloads == {(issued.serial, issued.verify_code)}  # both QR codes say the same

    serial, code = next(iter(payloads))  # type: ignore[misc]
    room.session.close()
    good = run_cli("referral", "verify", serial, code, data_dir=room.dir)
    assert good.returncode == 0, good.stderr
    assert NAME in good.stdout and PLACE in good.stdout and serial in good.stdout
    typed = run_cli("referral", "verify", serial.lower(), f"{code[:4]}-{code[4:].lower()}",
                    data_dir=room.dir)
    assert typed.returncode == 0, typed.stderr
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    bad = run_cli("referral", "verify", serial, forged, data_dir=room.dir)
    assert bad.returncode == 1 and "校验码不符" in bad.stderr and NAME not in bad.stdout
    unknown = run_cli("referral", "verify", "BC-01-2026-9999", code, data_dir=room.dir)
    assert unknown.returncode == 1 and "找不到" in unknown.stderr
    room.session = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)


def test_a_changed_record_no_longer_verifies(room: Room) -> None:
    """Editing the frozen slip fields in the file (without the site's secret) is caught."""
    s = room.session
    _rid, _iid, ref_id = setup_referral(s)
    issued = s.referrals.issue(ref_id)
    assert s.referrals.verify(issued.serial, issued.verify_code or "").genuine
    key = s._key
    s.close()
    conn = keyed(room.dir / "psyroom.db", key)
    fields = json.loads(conn.execute("SELECT slip_fields FROM referrals").fetchone()[0])
    fields["institution"] = "别的医院"
    conn.execute("UPDATE referrals SET slip_fields = ?", (json.dumps(fields),))
    conn.close()
    room.session = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)
    result = room.session.referrals.verify(issued.serial, issued.verify_code or "")
    assert not result.genuine and result.reason == "code_mismatch"


def test_workflow_refuses_illegal_steps_and_changes_nothing(room: Room) -> None:
    r = room.session.referrals
    _rid, _iid, ref_id = setup_referral(room.session)
    for step in (lambda: r.record_receipt(ref_id, received_on="2026-12-01", receiver="护士"),
                 lambda: r.record_feedback(ref_id, feedback="已就诊", on="2026-12-01"),
                 lambda: r.close(ref_id)):
        with pytest.raises(InvalidInput) as refused:
            step()
        assert refused.value.code == "referral_step_refused"
        assert "草稿" in refused.value.message("zh_CN")
        assert "Draft" in refused.value.message("en")
    assert r.get(ref_id).status == "draft"
    issued = r.issue(ref_id)
    with pytest.raises(InvalidInput):
        r.issue(ref_id)  # twice
    with pytest.raises(InvalidInput):
        r.record_feedback(ref_id, feedback="已就诊", on="2026-12-01")  # before the receipt
    with pytest.raises(InvalidInput):
        r.update_draft(ref_id, ReferralInput(resident_id=issued.resident_id,
                                             institution_id=issued.institution_id,
                                             reason="改过的原因", **CONSENT))  # type: ignore[arg-type]
    day = date.today().isoformat()
    r.record_receipt(ref_id, received_on=day, receiver="门诊护士")
    with pytest.raises(InvalidInput):
        r.cancel(ref_id, reason="不需要了")  # received: too late to cancel
    r.record_feedback(ref_id, feedback="已就诊，门诊治疗。", on=day)
    r.close(ref_id)
    after = r.get(ref_id)
    assert (after.status, after.receiver, after.feedback) == ("closed", "门诊护士",
                                                              "已就诊，门诊治疗。")
    for step in (lambda: r.cancel(ref_id, reason="x"), lambda: r.close(ref_id)):
        with pytest.raises(InvalidInput):
            step()
    assert TRANSITIONS["closed"] == frozenset() and TRANSITIONS["cancelled"] == frozenset()
    events = [e.action for e in room.session.audit_events(limit=200)]
    for action in ("referral_created", "referral_issued", "referral_receipt_recorded",
                   "referral_closed"):
        assert action in events


def test_cancel_needs_a_reason(room: Room) -> None:
    r = room.session.referrals
    _rid, _iid, ref_id = setup_referral(room.session)
    with pytest.raises(InvalidInput):
        r.cancel(ref_id, reason="  ")
    r.cancel(ref_id, reason="本人改为自行就诊")
    assert r.get(ref_id).cancel_reason == "本人改为自行就诊"
    with pytest.raises(InvalidInput):
        r.issue(ref_id)


def test_issuing_without_consent_is_refused_except_urgent_in_a_crisis(room: Room) -> None:
    s = room.session
    rid, iid, ref_id = setup_referral(s, consent=False)
    with pytest.raises(InvalidInput) as refused:
        s.referrals.issue(ref_id)
    assert refused.value.code == "referral_needs_consent"
    assert s.referrals.get(ref_id).status == "draft"
    # Urgent but no crisis: still refused.
    urgent = s.referrals.create(ReferralInput(
        resident_id=rid, institution_id=iid, reason="自述想死", urgency="urgent",
        no_consent_reason="本人情绪激动，无法沟通"))
    with pytest.raises(InvalidInput):
        s.referrals.issue(urgent.id)
    crisis_id = s.crises.record(CrisisInput(
        resident_id=rid, occurred_at="2026-11-25T10:00", crisis_type="suicide",
        level="critical", actions="陪护，通知家属"))
    from_crisis = s.referrals.create(ReferralInput(
        resident_id=rid, institution_id=iid, reason="自杀未遂，需急诊评估", urgency="urgent",
        source_kind="crisis", source_id=crisis_id))
    with pytest.raises(InvalidInput):
        s.referrals.issue(from_crisis.id)  # the reason for no consent must be written down
    s.referrals.update_draft(from_crisis.id, ReferralInput(
        resident_id=rid, institution_id=iid, reason="自杀未遂，需急诊评估", urgency="urgent",
        source_kind="crisis", source_id=crisis_id,
        no_consent_reason="本人意识不清，家属正在赶来"))
    issued = s.referrals.issue(from_crisis.id)
    assert issued.status == "issued"
    assert s.referrals.verify(issued.serial, issued.verify_code or "").fields["consent"] \
        .startswith("危机中的紧急转介")  # type: ignore[index]


def test_a_minor_needs_the_guardians_consent(room: Room) -> None:
    s = room.session
    rid, iid, ref_id = setup_referral(s, birth_date="2014-06-01")
    with pytest.raises(InvalidInput) as refused:
        s.referrals.issue(ref_id)
    assert refused.value.code == "referral_guardian_consent"
    s.referrals.update_draft(ref_id, ReferralInput(
        resident_id=rid, institution_id=iid, reason="厌学、情绪低落", consent_by="guardian",
        consent_scope="姓名、联系方式", consent_date="2026-11-20"))
    assert s.referrals.issue(ref_id).status == "issued"


def test_a_patient_under_guardianship_needs_the_guardians_consent(room: Room) -> None:
    s = room.session
    rid = s.residents.create(ResidentFields(
        name="张国强", birth_date="1975-01-01", smd_registered=True,
        smd_diagnosis="精神分裂症", smd_guardian="张国华（兄）")).resident.id
    iid = s.institutions.add(InstitutionInput(name=PLACE, kind="mental_hospital"))
    ref = s.referrals.create(ReferralInput(resident_id=rid, institution_id=iid,
                                           reason="病情波动", **CONSENT))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as refused:
        s.referrals.issue(ref.id)
    assert refused.value.code == "referral_guardian_consent"


def test_overdue_receipts_and_urgent_drafts_reach_the_dashboard(room: Room) -> None:
    s = room.session
    rid, iid, ref_id = setup_referral(s)
    urgent = s.referrals.create(ReferralInput(resident_id=rid, institution_id=iid,
                                              reason="急需评估", urgency="urgent", **CONSENT))  # type: ignore[arg-type]
    issued_on = date.fromisoformat(s.referrals.issue(ref_id).issued_on or "")
    on_time, late = issued_on + timedelta(days=14), issued_on + timedelta(days=15)
    assert s.referrals.overdue(on_time) == []
    assert [r.id for r in s.referrals.overdue(late)] == [ref_id]
    assert s.referrals.get(ref_id, today=late).overdue
    board = s.dashboard(late)
    assert [r["id"] for r in board.overdue_referrals] == [ref_id]
    assert [r["id"] for r in board.urgent_referrals] == [urgent.id]
    assert board.overdue_referrals[0]["resident_name"] == NAME
    s.referrals.save_settings(address="", phone="", overdue_days=30)
    assert s.referrals.overdue(late) == []
    assert s.referrals.overdue(issued_on + timedelta(days=31))
    with pytest.raises(InvalidInput):
        s.referrals.save_settings(address="", phone="", overdue_days=0)
    s.referrals.record_receipt(ref_id, received_on=issued_on.isoformat(), receiver="护士")
    assert s.referrals.overdue(issued_on + timedelta(days=100)) == []


def test_serials_count_up_per_site_and_year(room: Room) -> None:
    s = room.session
    rid, iid, first = setup_referral(s)
    second = s.referrals.create(ReferralInput(resident_id=rid, institution_id=iid,
                                              reason="再次转介"))
    year = date.today().year
    assert s.referrals.get(first).serial == f"BC-01-{year}-0001"
    assert second.serial == f"BC-01-{year}-0002"


def test_another_sites_referral_gets_a_note_never_an_edit(room: Room) -> None:
    """At the office, a receipt for a room's referral is a note beside it (sent down later)."""
    s = room.session
    _rid, _iid, ref_id = setup_referral(s)
    s.referrals.issue(ref_id)
    s.db.connection.exec_driver_sql("UPDATE referrals SET origin_site = 'other-room'")
    s.db.connection.commit()
    s.referrals.record_receipt(ref_id, received_on=date.today().isoformat(), receiver="李护士")
    after = s.referrals.get(ref_id)
    assert after.status == "issued" and after.receiver is None
    notes = s.referrals.notes(ref_id)
    assert [(n.kind, n.receiver) for n in notes] == [("receipt", "李护士")]
    assert s.referrals.verify(after.serial, after.verify_code or "").reason == "other_site"
    with pytest.raises(InvalidInput):
        s.referrals.cancel(ref_id, reason="x")


def test_office_entries_in_the_directory_are_read_only(room: Room) -> None:
    d = room.session.institutions
    own = d.add(InstitutionInput(name="河西卫生院", kind="community_health"))
    office = d.add(InstitutionInput(name="山城街道司法所", kind="justice"))
    room.session.db.connection.exec_driver_sql(
        "UPDATE institutions SET origin_site = 'office-site', source = 'office' WHERE id = ?",
        (office,))
    room.session.db.connection.commit()
    d.update(own, InstitutionInput(name="河西镇卫生院", kind="community_health",
                                   phone="0359-111"))
    with pytest.raises(InvalidInput) as refused:
        d.update(office, InstitutionInput(name="改名", kind="justice"))
    assert refused.value.code == "institution_read_only"
    assert d.get(office).name == "山城街道司法所" and d.get(office).read_only
    assert [i.name for i in d.list("卫生")] == ["河西镇卫生院"]
    with pytest.raises(InvalidInput):
        d.add(InstitutionInput(name=" ", kind="justice"))
    with pytest.raises(InvalidInput):
        d.add(InstitutionInput(name="某处", kind="bank"))


def test_roles(room: Room) -> None:
    s = room.session
    _rid, _iid, ref_id = setup_referral(s)
    s.referrals.issue(ref_id)
    s.add_user("super1", roles=["supervisor"], password="Super-2026a")
    s.add_user("clerk1", roles=["office_clerk"], password="Clerk-2026a")
    s.add_user("boss1", roles=["admin"], password="Admin-2026a")
    s.close()
    inst = Installation(room.dir)
    sup = inst.unlock("super1", "Super-2026a")
    try:
        assert sup.referrals.get(ref_id).status == "issued"
        for call in (lambda: sup.referrals.cancel(ref_id, reason="x"),
                     lambda: sup.referrals.write_slip(ref_id, room.dir / "x.pdf"),
                     lambda: sup.referrals.record_receipt(ref_id, received_on="2026-12-01",
                                                          receiver="x")):
            with pytest.raises(PermissionDenied):
                call()
    finally:
        sup.close()
    clerk = inst.unlock("clerk1", "Clerk-2026a")
    try:
        clerk.referrals.record_receipt(ref_id, received_on=date.today().isoformat(),
                                       receiver="王护士")
        with pytest.raises(PermissionDenied):
            clerk.referrals.issue(ref_id)
    finally:
        clerk.close()
    admin = inst.unlock("boss1", "Admin-2026a")
    try:
        with pytest.raises(PermissionDenied):
            admin.referrals.list()
        assert admin.dashboard().overdue_referrals == []
    finally:
        admin.close()
    room.session = inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert room.session.referrals.get(ref_id).status == "received"


def test_timeline_says_a_referral_was_made_but_not_why(room: Room) -> None:
    s = room.session
    rid, _iid, ref_id = setup_referral(s)
    entries = [e for e in s.residents.timeline(rid) if e.kind == "referral"]
    assert len(entries) == 1 and entries[0].record_id == ref_id
    assert "草稿" in entries[0].title_zh
    assert PLACE not in entries[0].title_zh and "低落" not in entries[0].title_zh


def test_followup_action_links_a_real_referral(room: Room) -> None:
    s = room.session
    rid = s.residents.create(ResidentFields(name="张国强", smd_registered=True,
                                            smd_diagnosis="精神分裂症")).resident.id
    # A dangerous visit on 表1-8 (risk 4: 不稳定) leaves an action open.
    fid = s.followups.record(visit(rid, "2026-11-20", risk_level=4, adherence=3))
    iid = s.institutions.add(InstitutionInput(name=PLACE, kind="mental_hospital"))
    ref = s.referrals.create(ReferralInput(resident_id=rid, institution_id=iid,
                                           reason="病情不稳定，危险性 4 级", urgency="urgent",
                                           source_kind="followup", source_id=fid, **CONSENT))  # type: ignore[arg-type]
    assert s.followups.open_actions()
    s.followups.record_action(fid, care_team="已告知村委会、派出所", referral_id=ref.id)
    assert s.followups.open_actions() == []
    row = s.followups.for_resident(rid)[0]
    assert row["referral_id"] == ref.id and ref.serial in row["action_referral"]
    other = s.residents.create(ResidentFields(name="别人")).resident.id
    with pytest.raises(InvalidInput):
        s.referrals.create(ReferralInput(resident_id=other, institution_id=iid, reason="x",
                                         source_kind="followup", source_id=fid))


@pytest.mark.slow  # many whole psyroom processes: ~20-30 s on the shared 2-core machine
def test_cli_workflow_list_json_and_stats(room: Room, tmp_path: Path) -> None:
    s = room.session
    rid, iid, _ref = setup_referral(s)
    s.close()
    made = run_cli("referral", "new", "--resident", rid, "--institution", iid, "--reason",
                   "睡眠差两周", "--consent-by", "resident", "--consent-scope", "姓名、电话",
                   "--consent-date", "2026-11-20", data_dir=room.dir)
    assert made.returncode == 0, made.stderr
    serial = made.stdout.split()[-1]
    issued = run_cli("referral", "issue", serial, "--out", str(tmp_path / "s.pdf"),
                     data_dir=room.dir)
    assert issued.returncode == 0 and (tmp_path / "s.pdf").exists(), issued.stderr
    again = run_cli("referral", "issue", serial, data_dir=room.dir)
    assert again.returncode == 1 and again.stderr.count("\n") == 1 and "Traceback" not in \
        again.stderr
    listed = json.loads(run_cli("referral", "list", "--status", "issued", "--json",
                                data_dir=room.dir).stdout)
    assert [r["serial"] for r in listed["referrals"]] == [serial]
    assert listed["referrals"][0]["institution"] == PLACE
    drafts = json.loads(run_cli("referral", "list", "--status", "draft", "--json",
                                data_dir=room.dir).stdout)["referrals"]
    assert len(drafts) == 1
    receipt = run_cli("referral", "receipt", serial, "--date", date.today().isoformat(),
                      "--receiver", "护士", data_dir=room.dir)
    assert receipt.returncode == 0 and "已接收" in receipt.stdout, receipt.stderr
    missing = run_cli("referral", "slip", "NOPE-2026-0001", "--out", str(tmp_path / "n.pdf"),
                      data_dir=room.dir)
    assert missing.returncode == 1 and not (tmp_path / "n.pdf").exists()
    draft_slip = run_cli("referral", "slip", drafts[0]["serial"], "--out",
                         str(tmp_path / "d.pdf"), data_dir=room.dir)
    assert draft_slip.returncode == 1 and "还没有开具" in draft_slip.stderr
    stats = json.loads(run_cli("stats", "--json", data_dir=room.dir).stdout)
    assert stats["referrals"] == 2
    room.session = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)
    assert any(e.action == "referral_printed" for e in room.session.audit_events())


def test_demo_data_makes_referrals_in_every_status_that_verify(room: Room) -> None:
    room.session.close()
    result = run_cli("demo-data", "--residents", "60", "--months", "2", data_dir=room.dir)
    assert result.returncode == 0, result.stderr
    room.session = Installation(room.dir).unlock(ADMIN, ADMIN_PASSWORD)
    found = room.session.referrals.list()
    assert {r.status for r in found} == set(TRANSITIONS)
    issued = [r for r in found if r.verify_code and r.status != "cancelled"]
    assert issued and all(room.session.referrals.verify(r.serial, r.verify_code or "").genuine
                          for r in issued)
    assert len(room.session.institutions.list()) >= 6


def test_upgrade_from_0003_adds_the_referral_tables(tmp_path: Path) -> None:
    # Written at revision 0003 by Alembic itself, then brought to the head as a start does.
    db = Database.open(tmp_path / "old.db", os.urandom(32), create=True)
    try:
        cfg = migrate._alembic_config()
        cfg.attributes["connection"] = db.connection
        command.upgrade(cfg, "0003")
        db.connection.commit()
        assert migrate.upgrade(db) is True
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        tables = {r[0] for r in db.raw.execute("SELECT name FROM sqlite_master WHERE type = "
                                                "'table'")}
        assert {"institutions", "referrals", "referral_notes"} <= tables
        columns = {r[1] for r in db.raw.execute("PRAGMA table_info(followups)")}
        assert "referral_id" in columns
    finally:
        db.close()


def test_erasing_a_resident_takes_the_referrals_and_notes_merging_moves_them(room: Room) -> None:
    s = room.session
    rid, _iid, ref_id = setup_referral(s)
    s.referrals.issue(ref_id)
    s.db.connection.exec_driver_sql("UPDATE referrals SET origin_site = 'other-room'")
    s.db.connection.commit()
    s.referrals.record_receipt(ref_id, received_on=date.today().isoformat(), receiver="护士")
    other = s.residents.create(ResidentFields(name="欧阳秀兰")).resident.id
    s.residents.merge(other, rid, reason="同一人")
    assert [r.id for r in s.referrals.list(resident_id=other)] == [ref_id]
    s.residents.erase(other, reason="本人要求删除")
    assert s.referrals.list() == []
    left = s.db.connection.exec_driver_sql("SELECT count(*) FROM referral_notes").scalar()
    assert left == 0


def test_every_referral_method_checks_its_permission_first(room: Room) -> None:
    """The rows of the role table and their recipes: each role is refused exactly when the
    role table says so (the project-wide walk lives with the permissions work)."""
    from psyroom.errors import PsyroomError
    from psyroom.security.method_table import METHOD_PERMISSIONS
    from psyroom.security.roles import ROLE_PERMISSIONS, Role

    from .role_calls.referrals import CALLS

    mine = {k: v for k, v in METHOD_PERMISSIONS.items()
            if k.split(".")[0] in ("Referrals", "Institutions")}
    assert set(mine) == set(CALLS)
    public = {f"{cls.__name__}.{name}" for cls in (
        __import__("psyroom.referrals.service", fromlist=["Referrals"]).Referrals,
        __import__("psyroom.referrals.directory", fromlist=["Institutions"]).Institutions)
        for name in vars(cls) if not name.startswith("_")}
    assert public == set(mine)
    for role in Role:
        name = f"r{role.value.replace('_', '')}"[:20]
        room.session.add_user(name, roles=[role.value], password="Role-walk-2026")
    room.session.close()
    inst = Installation(room.dir)
    for role in Role:
        s = inst.unlock(f"r{role.value.replace('_', '')}"[:20], "Role-walk-2026")
        try:
            for method, permission in mine.items():
                allowed = permission is None or permission in ROLE_PERMISSIONS[role]
                try:
                    CALLS[method](s)
                    refused = False
                except PermissionDenied:
                    refused = True
                except PsyroomError:
                    refused = False
                assert refused != allowed, (role, method)
        finally:
            s.close()
    room.session = inst.unlock(ADMIN, ADMIN_PASSWORD)


@needs_tools
def test_a_slip_from_a_consultation_prints_no_word_of_the_note(room: Room,
                                                               tmp_path: Path) -> None:
    from psyroom.consultations.model import ConsultationInput

    s = room.session
    rid, iid, _draft = setup_referral(s)
    note = "笔记标记不应出现"
    consultation = s.consultations.start_draft(ConsultationInput(
        subject_kind="individual", resident_id=rid, started_at="2026-11-25T09:00",
        complaint=note, assessment=note, intervention=note, plan=note))
    s.consultations.save_private_note(consultation.id, note)
    ref = s.referrals.create(ReferralInput(
        resident_id=rid, institution_id=iid, reason="建议心理门诊评估",
        source_kind="consultation", source_id=consultation.id, **CONSENT))  # type: ignore[arg-type]
    s.referrals.issue(ref.id)
    words = pdf_text(s.referrals.write_slip(ref.id, tmp_path / "slip.pdf"))
    assert ref.serial in words and note not in words


def test_what_the_slip_cannot_print_in_full_is_refused_when_saved(room: Room) -> None:
    s = room.session
    rid, iid, ref_id = setup_referral(s)
    long_reason = "情绪低落" * 40  # 160 characters: more than the slip's four lines
    with pytest.raises(InvalidInput) as refused:
        s.referrals.create(ReferralInput(resident_id=rid, institution_id=iid,
                                         reason=long_reason))
    assert "150" in refused.value.message("zh_CN") and "转介原因" in refused.value.message()
    assert "too long" in refused.value.message("en")
    assert len(s.referrals.list()) == 1  # nothing saved
    with pytest.raises(InvalidInput):
        s.referrals.update_draft(ref_id, ReferralInput(
            resident_id=rid, institution_id=iid, reason="x", consent_by="resident",
            consent_scope="姓名" * 41, consent_date="2026-11-20"))


@needs_tools
def test_the_longest_allowed_fields_print_in_full_on_one_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from psyroom.referrals.rules import SLIP_LIMITS
    from psyroom.referrals.slip import write_slip_pdf

    reason = ("情绪低落睡眠差" * 30)[:SLIP_LIMITS["reason"]]
    consent = "监护人已于 2026-11-25 同意转介，同意向接收机构提供：" + "信" * SLIP_LIMITS[
        "consent_scope"]
    fields = {"serial": "HX-001-2026-0042", "issued_on": "2026-11-26", "site_code": "HX-001",
              "site_name": "山城街道河西村社区心理服务室" * 4, "site_address": "山" * 36,
              "site_phone": "0" * 20, "resident_name": "欧阳秀兰", "gender": "女",
              "age": "15 岁", "phone": "13912345678", "guardian": "欧阳建国（13800000000）",
              "reason": reason, "urgency": "紧急", "institution": "院" * 40,
              "institution_kind": "精神卫生医疗机构", "institution_address": "址" * 36,
              "institution_phone": "0" * 20, "worker": "王芳", "consent": consent}
    out = write_slip_pdf(tmp_path / "long.pdf", fields, "ABCDEFGH")
    assert len(PdfReader(out).pages) == 1
    flat = "".join(pdf_text(out).split())
    assert reason in flat and "".join(consent.split()) in flat  # the 转介联 cuts nothing
