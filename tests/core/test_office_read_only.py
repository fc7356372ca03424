"""At the office a room's records are read-only (issue 10): every write path of the core
refuses, names the room and changes nothing; the office's own archives stay editable.
A real office, a real room and a real bundle carried between them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom import ownership
from psyroom.activities.service import ActivityInput, Participant
from psyroom.crisis.service import CrisisInput
from psyroom.residents.importer.plan import NEW, REJECTED
from psyroom.residents.messages import problem_text
from psyroom.residents.model import ResidentFields
from psyroom.session import Session

from .bundles_support import (
    MARK_NAME,
    SHARED_ID,
    Office,
    enrol_and_join,
    fill_every_kind,
    snapshot,
)
from .conftest import SITE_NAME, Room, run_cli
from .test_followups import visit

ROOM = f"{SITE_NAME}（BC-01）"



@pytest.fixture
def sent(office: Office, room: Room, tmp_path: Path) -> dict[str, str]:
    """The room's records, carried to the office by a real bundle; plus the office's own
    archives (one a registered SMD patient)."""
    enrol_and_join(office.session, room.session, tmp_path)
    ids = fill_every_kind(room.session)
    usb = tmp_path / "usb"
    usb.mkdir()
    summary = office.session.bundles.import_bundles(room.session.bundles.export_bundle(usb))
    assert summary.refused == 0
    s = office.session
    own = s.residents.create(ResidentFields(name="街道自建甲", gender="male",
                                            birth_date="1970-05-06", smd_registered=True))
    other = s.residents.create(ResidentFields(name="街道自建乙", gender="female",
                                              birth_date="1971-05-06"))

    def one(sql: str) -> str:
        return str(s.db.raw.execute(sql).fetchone()[0])

    return {**ids, "own": own.resident.id, "own2": other.resident.id,
            "crisis": one("SELECT id FROM crisis_events WHERE status = 'open'"),
            "followup": one("SELECT id FROM followups"),
            "activity": one("SELECT id FROM activities"),
            "assessment": one("SELECT id FROM assessments")}


def _refused(s: Session, call: Callable[[], Any], code: str = "archive_other_site") -> str:
    before = snapshot(s)
    with pytest.raises(ownership.OtherSitesRecord) as refused:
        call()
    assert refused.value.code == code
    assert snapshot(s) == before
    return refused.value.message("zh_CN")


def test_every_write_to_a_rooms_archive_is_refused_naming_the_room(
        office: Office, sent: dict[str, str]) -> None:
    s, a, b, own = office.session, sent["a"], sent["b"], sent["own"]
    said = _refused(s, lambda: s.residents.update(a, ResidentFields(name="改名")))
    assert said == f"这是{ROOM}的档案，只能在该服务室修改，也不能在这里为其新增记录。"
    refusal = s.residents.change_refusal(a)
    assert refusal is not None and refusal.message("en") == (
        f"This is an archive of {SITE_NAME} (BC-01): it can only be changed there, and "
        "nothing new can be recorded for it here.")
    # Refused as another room's archive before any remark on what was typed (an empty name).
    _refused(s, lambda: s.residents.update(a, ResidentFields(name="")))
    _refused(s, lambda: s.residents.merge(own, a, reason="同一人"))
    _refused(s, lambda: s.residents.merge(a, own, reason="同一人"))
    _refused(s, lambda: s.crises.record(CrisisInput(
        resident_id=b, occurred_at="2026-11-26T10:00", crisis_type="violence", level="low",
        actions="劝离")))
    _refused(s, lambda: s.followups.record(visit(a, "2026-11-20")))
    _refused(s, lambda: s.activities.record(
        ActivityInput(activity_date="2026-11-21", kind="lecture", topic="讲座", headcount=5),
        [Participant(name=MARK_NAME, resident_id=a)]))
    _refused(s, lambda: s.activities.add_participants(
        sent["activity"], [Participant(name="街道自建甲", resident_id=own)]),
        "record_other_site")
    said = _refused(s, lambda: s.followups.record_action(
        sent["followup"], referral="转介", care_team="已告知"),
                    "record_other_site")
    assert said == f"这是{ROOM}的记录，只能在该服务室修改。"


def test_erasure_and_anonymisation_are_sent_to_the_room(office: Office,
                                                        sent: dict[str, str]) -> None:
    s = office.session
    for call in (lambda: s.residents.erase(sent["a"], reason="本人申请删除"),
                 lambda: s.residents.anonymise(sent["a"], reason="本人申请")):
        said = _refused(s, call, "erasure_other_site")
        assert said.startswith(f"这是{ROOM}的档案。") and "须在该服务室办理" in said
    assert s.residents.rows([sent["a"]])[0].name == MARK_NAME


def test_rule_covers_every_record_kind_the_room_sent(office: Office,
                                                     sent: dict[str, str]) -> None:
    """The rows no office role may write today (consultations, scales, crisis closing,
    referrals) are refused by the same rule, for when roles change."""
    s = office.session

    def check(table: str, record_id: str) -> str:
        with pytest.raises(ownership.OtherSitesRecord) as refused:
            s._read(lambda c: ownership.check_record(c, s.site, table, record_id))
        return refused.value.code

    assert check("consultations", sent["consultation"]) == "record_other_site"
    assert check("assessments", sent["assessment"]) == "record_other_site"
    assert check("crisis_events", sent["crisis"]) == "record_other_site"
    assert check("residents", sent["a"]) == "archive_other_site"
    s._read(lambda c: ownership.check_residents(c, s.site, [sent["own"], None, "missing"]))


def test_the_offices_own_archives_stay_editable(office: Office, sent: dict[str, str]) -> None:
    s, own, own2 = office.session, sent["own"], sent["own2"]
    assert s.residents.change_refusal(own) is None
    refusal = s.residents.change_refusal(sent["a"])
    assert refusal is not None and refusal.code == "archive_other_site"
    saved = s.residents.update(own, ResidentFields(name="街道自建甲", gender="male",
                                                   birth_date="1970-05-06", village="城关",
                                                   smd_registered=True))
    assert saved.resident.village == "城关"
    s.crises.record(CrisisInput(resident_id=own, occurred_at="2026-11-26T10:00",
                                crisis_type="violence", level="low", actions="劝离"))
    s.followups.record(visit(own, "2026-11-20"))
    s.activities.record(ActivityInput(activity_date="2026-11-21", kind="lecture",
                                      topic="讲座", headcount=5),
                        [Participant(name="街道自建甲", resident_id=own)])
    assert s.residents.merge(own, own2, reason="同一人").id == own
    s.residents.anonymise(own, reason="本人申请")
    s.residents.erase(own, reason="本人申请")
    assert s.residents.rows([own]) == []


def test_import_leaves_a_rooms_archive_alone(office: Office, sent: dict[str, str],
                                            tmp_path: Path) -> None:
    s = office.session
    sheet = tmp_path / "台账.csv"
    sheet.write_text(f"姓名,身份证号码,联系电话\n{MARK_NAME},{SHARED_ID},13800138000\n"
                     "新居民丙,,\n", encoding="utf-8")
    plan = s.residents.plan_import(sheet)
    by_name = {r.fields.name: r for r in plan.rows if r.fields is not None}
    row = by_name[MARK_NAME]
    assert row.status == REJECTED and by_name["新居民丙"].status == NEW
    [problem] = [p for p in row.problems if p.code == "archive_other_site"]
    assert problem_text(problem) == (f"身份证号对应的是{ROOM}的档案，只能在该服务室修改，"
                                     "未导入这一行")
    before = s.db.raw.execute("SELECT version, phone FROM residents WHERE id = ?",
                              (sent["a"],)).fetchone()
    summary = s.residents.commit_import(plan)
    assert (summary.imported, summary.updated) == (1, 0)
    assert s.db.raw.execute("SELECT version, phone FROM residents WHERE id = ?",
                            (sent["a"],)).fetchone() == before


def test_cli_import_refuses_the_row_naming_the_room(office: Office, sent: dict[str, str],
                                                    tmp_path: Path) -> None:
    """The command line's only write an office role can aim at a room's archive is an
    import: the row is refused like any bad row (one line, the room named), nothing
    changes, and the import of the other rows goes on."""
    before = snapshot(office.session)
    office.session.close()
    sheet = tmp_path / "only.csv"
    sheet.write_text(f"姓名,身份证号码,联系电话\n{MARK_NAME},{SHARED_ID},13800138000\n",
                     encoding="utf-8")
    from .bundles_support import OFFICE_ADMIN, PASSWORD

    done = run_cli("residents", "import", str(sheet), data_dir=office.inst.data_dir,
                   user=OFFICE_ADMIN, password=PASSWORD)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    [line] = [x for x in done.stdout.splitlines() if "BC-01" in x]
    assert f"身份证号对应的是{ROOM}的档案" in line
    office.session = office.inst.unlock(OFFICE_ADMIN, PASSWORD)
    assert snapshot(office.session) == before
