"""Timeline, dashboard and export show what happened, never its content, to a role that may
not read it; every kind's provider is registered at session start, not on first import."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from psyroom.consultations.model import ConsultationInput
from psyroom.crisis.service import CrisisInput
from psyroom.residents.model import ResidentFields
from psyroom.session import Session

from .conftest import ADMIN, ADMIN_PASSWORD, REPO, Room
from .test_followups import visit

CLERK, ADMIN_ONLY, PW = "clerk1", "onlyadmin", "Reader-2026a"
SECRET_WORDS = ("SDS", "抑郁", "自杀", "严重", "危险性", "不稳定", "面访", "50 分钟")


@pytest.fixture
def history(room: Room) -> str:
    """One resident with a record of every kind, each saying something a clerk must not see."""
    s = room.session
    rid = s.residents.create(ResidentFields(name="陈秀英", birth_date="1961-03-02",
                                            smd_registered=True,
                                            smd_registered_on="2025-01-01")).resident.id
    draft = s.consultations.start_draft(ConsultationInput(
        subject_kind="individual", resident_id=rid, started_at="2026-11-20T09:00",
        duration_min=50, complaint="失眠", mode="face"))
    s.consultations.sign(draft.id)
    # SDS item 19 answered "most of the time" is a crisis item (issue 9): an action is due.
    s.assessments.record(rid, "sds", [3] * 20, administered_at="2026-11-21T10:00",
                         crisis_action="已联系家属，陪同就医")
    s.crises.record(CrisisInput(resident_id=rid, occurred_at="2026-11-22T08:00",
                                crisis_type="suicide", level="high", actions="陪同就医"))
    s.followups.record(visit(rid, "2026-11-23", risk_level=3))
    s.add_user(CLERK, roles=["office_clerk"], password=PW)
    s.add_user(ADMIN_ONLY, roles=["admin"], password=PW)
    return rid


def login(room: Room, name: str) -> Session:
    return room.inst.unlock(name, PW)


def test_counsellor_sees_content(room: Room, history: str) -> None:
    titles = " ".join(e.title_zh for e in room.session.residents.timeline(history))
    assert "SDS" in titles and "抑郁" in titles and "自杀" in titles and "危险性 3" in titles


def test_office_clerk_timeline_says_that_not_what(room: Room, history: str) -> None:
    clerk = login(room, CLERK)
    try:
        entries = clerk.residents.timeline(history)
    finally:
        clerk.close()
    kinds = {e.kind for e in entries}
    assert {"consultation", "assessment", "crisis", "followup", "created"} <= kinds
    shown = json.dumps([e.__dict__ for e in entries if e.kind != "created"],
                       ensure_ascii=False)
    for word in SECRET_WORDS:
        assert word not in shown, word
    assert all(e.record_id is None for e in entries if e.kind != "created")
    assert "测评记录（内容仅限有权限的人员查看）" in shown


def test_office_clerk_dashboard_hides_risk_lists(room: Room, history: str) -> None:
    full = room.session.dashboard()
    assert [r["name"] for r in full.high_risk] == ["陈秀英"]
    clerk = login(room, CLERK)
    try:
        board = clerk.dashboard()
    finally:
        clerk.close()
    assert board.high_risk == [] and board.open_crises == [] and board.followup_actions == []
    assert {"high_risk", "open_crises", "followup_actions", "appointments"} <= board.hidden
    assert "陈秀英" not in json.dumps(board.__dict__, ensure_ascii=False, default=str)
    # Counts are statistics, not content (the SDS crisis item recorded a crisis of its own).
    assert board.month_counts["crisis_events"] == 2


def test_admin_only_export_leaves_scores_out(room: Room, history: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    admin = login(room, ADMIN_ONLY)
    try:
        pdf = admin.residents.export_pdf(history, tmp_path / "archive.pdf")
    finally:
        admin.close()
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "陈秀英" in text and "测评记录" in text
    assert "SDS" not in text and "抑郁" not in text and "自杀" not in text
    # The recorded risk level is a risk record too (issue 8: exports filter like the timeline).
    assert "风险等级" not in text


def test_timeline_before_any_service_module_was_imported(room: Room, history: str) -> None:
    room.session.close()
    script = textwrap.dedent(f"""
        import json
        from psyroom.installation import Installation
        s = Installation({str(room.dir)!r}).unlock({ADMIN!r}, {ADMIN_PASSWORD!r})
        kinds = sorted({{e.kind for e in s.residents.timeline({history!r})}})
        s.close()
        print(json.dumps(kinds))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    kinds = json.loads(done.stdout)
    assert kinds == ["assessment", "consultation", "created", "crisis", "followup"]
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
