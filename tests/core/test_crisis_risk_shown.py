"""The risk people see never sits below an open crisis; the stored level stays as recorded."""

from __future__ import annotations

from psyroom.crisis.service import CrisisInput
from psyroom.residents.model import ResidentFields
from psyroom.residents.risk import shown_risk

from .conftest import Room


def test_shown_risk_is_the_higher_of_stored_and_open_crisis() -> None:
    assert shown_risk("none", []) == "none"
    assert shown_risk("none", ["high"]) == "high"
    assert shown_risk("none", ["critical"]) == "high"  # 紧急 has no risk level of its own
    assert shown_risk("medium", ["low"]) == "medium"
    assert shown_risk("low", [None, "medium"]) == "medium"


def test_phq9_item9_crisis_shows_high_everywhere_but_stores_none(room: Room) -> None:
    s = room.session
    rid = s.residents.create(ResidentFields(name="危机测试")).resident.id
    answers = [1, 1, 1, 1, 1, 1, 1, 1, 2]  # item 9 > 0
    _record, crisis_id = s.assessments.record(rid, "phq9", answers, crisis_action="陪同就医")
    assert crisis_id is not None
    opened = s.residents.open(rid)
    assert opened.risk_level == "none" and opened.shown_risk == "high"
    assert [r.shown_risk for r in s.residents.rows([rid])] == ["high"]
    high = {r["id"]: r for r in s.dashboard().high_risk}
    assert high[rid]["risk_level"] == "none" and high[rid]["shown_risk"] == "high"
    # The stored level is untouched: bundles and reports keep what the counsellor recorded.
    stored = s.db.raw.execute("SELECT risk_level FROM residents WHERE id = ?", (rid,)).fetchone()
    assert stored[0] == "none"
    s.crises.close(crisis_id, reason="已转介，家属陪护")
    assert s.residents.open(rid).shown_risk == "none"


def test_a_critical_crisis_shows_high_and_a_low_one_does_not_lower(room: Room) -> None:
    s = room.session
    rid = s.residents.create(ResidentFields(name="紧急测试", risk_level="medium")).resident.id
    s.crises.record(CrisisInput(resident_id=rid, occurred_at="2026-11-25T10:00",
                                crisis_type="violence", level="low", actions="劝离现场"))
    assert s.residents.open(rid).shown_risk == "medium"
    s.crises.record(CrisisInput(resident_id=rid, occurred_at="2026-11-25T11:00",
                                crisis_type="suicide", level="critical", actions="拨打120"))
    assert s.residents.open(rid).shown_risk == "high"


def test_the_risk_filter_of_the_list_uses_the_level_shown(room: Room) -> None:
    from psyroom.residents.search import SearchFilters

    s = room.session
    calm = s.residents.create(ResidentFields(name="平安")).resident.id
    worried = s.residents.create(ResidentFields(name="担心", risk_level="low")).resident.id
    high = s.residents.create(ResidentFields(name="高危", risk_level="high")).resident.id
    s.crises.record(CrisisInput(resident_id=worried, occurred_at="2026-11-25T10:00",
                                crisis_type="suicide", level="critical", actions="陪同"))

    def listed(level: str) -> set[str]:
        from psyroom.residents import repository as repo

        _total, ids = s._read(lambda c: repo.browse(c, SearchFilters(risk_level=level),
                                                    offset=0, limit=50))
        return set(ids)

    assert listed("high") == {worried, high}
    assert listed("low") == set()
    assert listed("none") == {calm}
