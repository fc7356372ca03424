"""Shared set-up for the bundle tests: a real office and real rooms on disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psyroom.activities.service import ActivityInput
from psyroom.consultations.model import ConsultationInput
from psyroom.crisis.service import CrisisInput
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.session import Session
from psyroom.sync.tables import UPLINK_TABLES

from .test_followups import visit

OFFICE_ADMIN = "jiedaoadmin"
PASSWORD = "Bei-cheng2026"
MARK_NAME = "标记人甲乙"
PRIVATE_TEXT = "PRIVATE-只给自己看的过程记录"
SHARED_ID = "140802198001010029"


@dataclass
class Office:
    inst: Installation
    session: Session

    def reopen(self) -> None:
        self.session.close()
        self.session = self.inst.unlock(OFFICE_ADMIN, PASSWORD)


def make_office(root: Path, code: str = "JD-01") -> Office:
    inst = Installation(root / f"office-{code}")
    result = inst.initialise(site_kind="office", site_code=code, site_name="城关街道综治中心",
                             admin_name=OFFICE_ADMIN, admin_password=PASSWORD)
    return Office(inst, result.session)


def enrol_and_join(office: Session, room: Session, root: Path, *, village: str = "北城村"
                   ) -> None:
    file = root / f"enrol-{room.site.code}.json"
    office.bundles.enrol_room(room.site.code, room.site.name, out=file, village=village)
    room.bundles.join(file)


def fill_every_kind(s: Session) -> dict[str, str]:
    """One or more records of every kind that travels, plus a private note that must not."""
    r = s.residents
    a = r.create(ResidentFields(name=MARK_NAME, gender="female", birth_date="1980-01-01",
                                id_number=SHARED_ID, village="北城村",
                                tags=frozenset({"elderly_empty_nest", "poor_vulnerable"}),
                                smd_registered=True)).resident.id
    b = r.create(ResidentFields(name="王德福", gender="male", birth_date="1950-03-02")).resident.id
    c = s.consultations.start_draft(ConsultationInput(
        subject_kind="individual", resident_id=a, started_at="2026-11-25T09:00",
        complaint="失眠两周", assessment="情绪低落", intervention="倾听", plan="两周后复诊"))
    s.consultations.save_private_note(c.id, PRIVATE_TEXT)
    s.consultations.sign(c.id)
    s.consultations.add_addendum(c.id, "补充：家属反映近日已能入睡")
    _, crisis = s.assessments.record(a, "phq9", [0] * 8 + [1], crisis_action="当面评估")
    assert crisis is not None
    s.crises.close(crisis, reason="风险解除")
    s.crises.record(CrisisInput(resident_id=b, occurred_at="2026-11-25T10:00",
                                crisis_type="violence", level="medium",
                                actions="劝离现场", notified=("police",)))
    # 表1-8 by phone, risk 3 (不稳定), intermittent medication: an action is required.
    fid = s.followups.record(visit(a, "2026-11-01", visit_form=3, risk_level=3, adherence=2))
    s.followups.record_action(fid, referral="转介至精神专科医院", care_team="关爱帮扶小组")
    s.activities.record(ActivityInput(activity_date="2026-11-20", kind="lecture",
                                      topic="老年人心理健康讲座", headcount=30, village="北城村",
                                      surveyed=20, passed=15))
    return {"a": a, "b": b, "consultation": c.id}


def rows(s: Session, table: str, origin: str | None = None) -> list[tuple[Any, ...]]:
    sql = f"SELECT * FROM {table}"
    params: tuple[Any, ...] = ()
    if origin is not None:
        sql += " WHERE origin_site = ?"
        params = (origin,)
    return sorted(tuple(r) for r in s.db.raw.execute(sql + " ORDER BY id", params))


def travelling(s: Session) -> list[str]:
    have = {r[0] for r in s.db.raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return [t.name for t in UPLINK_TABLES if t.name in have]


def same_records(office: Session, room: Session) -> None:
    for table in travelling(room):
        assert rows(office, table, room.site.id) == rows(room, table), table


def snapshot(s: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but the audit log (a refusal is audited, by design)."""
    names = [r[0] for r in s.db.raw.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN "
        "('audit_events', 'sqlite_sequence')")]
    return {n: sorted(tuple(r) for r in s.db.raw.execute(f"SELECT * FROM {n}")) for n in names}
