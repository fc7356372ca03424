"""The office's monthly report over several rooms' rows (see reports_office_fixture)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from psyroom.reports.pdf import write_pdf
from psyroom.reports.period import Month
from psyroom.session import Session
from tests.core.reports_helpers import last_month, pdf_fonts, pdf_text
from tests.core.reports_office_fixture import build_office, link_same_person

MONTH = last_month()


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Session, list[Session]]]:
    office, rooms = build_office(tmp_path_factory.mktemp("street"))
    yield office, rooms
    for s in (office, *rooms):
        s.close()


def count(s: Session, sql: str, *args: Any) -> int:
    return int(s.db.raw.execute(sql, args).fetchone()[0] or 0)


def test_totals_and_room_lines_equal_each_rooms_own_count(street: tuple[Session, list[Session]]
                                                          ) -> None:
    office, rooms = street
    data = office.reports.monthly(MONTH).to_json()
    like = MONTH + "%"
    per_room = {r.site.code: count(r, "SELECT count(*) FROM consultations WHERE started_at "
                                      "LIKE ?", like) for r in rooms}
    assert data["kind"] == "office"
    assert data["consultations"]["total"] == sum(per_room.values()) > 0
    lines = {line["code"]: line for line in data["rooms"]}
    assert set(lines) == set(per_room)
    for room in rooms:
        line = lines[room.site.code]
        assert line["consultations"] == per_room[room.site.code]
        assert line["activities"] == count(room, "SELECT count(*) FROM activities WHERE "
                                                 "activity_date LIKE ?", like)
        assert line["followups"] == count(room, "SELECT count(*) FROM followups WHERE "
                                                "followup_date LIKE ?", like)
    # One room picked with --site gives that room's own figures.
    picked = office.reports.monthly(MONTH, site_code="R2").to_json()
    assert picked["consultations"]["total"] == per_room["R2"]
    assert picked["scope"]["code"] == "R2"


def test_a_person_known_to_two_rooms_is_counted_once(street: tuple[Session, list[Session]]
                                                     ) -> None:
    office, rooms = street
    before = office.reports.monthly(MONTH).to_json()["residents_served"]["total"]
    served_sum = sum(r.reports.monthly(MONTH).to_json()["residents_served"]["total"]
                     for r in rooms)
    assert before == served_sum
    person = office.db.raw.execute(
        "SELECT resident_id FROM consultations WHERE started_at LIKE ? AND origin_site = ? "
        "LIMIT 1", (MONTH + "%", rooms[0].site.id)).fetchone()[0]
    link_same_person(office, person, rooms[1].site.id, f"{MONTH}-15T10:00")
    data = office.reports.monthly(MONTH).to_json()
    assert data["residents_served"]["total"] == before  # seen in two rooms, one person
    assert data["consultations"]["total"] == sum(
        count(r, "SELECT count(*) FROM consultations WHERE started_at LIKE ?", MONTH + "%")
        for r in rooms) + 1


def test_rates_with_and_without_office_denominators(street: tuple[Session, list[Session]],
                                                    tmp_path: Path) -> None:
    office, _rooms = street
    rates = {r["key"]: r for r in office.reports.monthly(MONTH).to_json()["rates"]}
    assert rates["rooms_village"]["value"] is None
    assert rates["rooms_village"]["reason"] == "setting_missing"
    office.reports.set_setting("villages_total", "4")
    try:
        report = office.reports.monthly(MONTH)
        rates = {r["key"]: r for r in report.to_json()["rates"]}
        assert (rates["rooms_village"]["numerator"], rates["rooms_village"]["denominator"]) == (
            2, 4)
        assert rates["rooms_village"]["value"] == 50.0 and rates["rooms_village"]["met"] is False
        assert rates["rooms_school"]["value"] is None  # schools_total still missing
        assert rates["supervision"]["denominator"] == 3
        text = pdf_text(write_pdf(report, tmp_path / "office.pdf"))
        assert "50.00%" in text
        school = next(t for t in text.splitlines() if "学校心理辅导室建成率" in t)
        assert "缺失" in school and "%" not in school.split("缺失")[0].split("率", 1)[1]
    finally:
        office.reports.set_setting("villages_total", "")


def test_office_pdf_has_cover_trends_freshness_and_warning(
        street: tuple[Session, list[Session]], tmp_path: Path) -> None:
    office, rooms = street
    month = Month.parse(MONTH)
    report = office.reports.monthly(MONTH)
    assert len(report.trends["consultations"]) == 12
    assert report.trends["consultations"][-1] == [MONTH, report.figures["consultations"][
        "total"]]
    assert {f["code"] for f in report.freshness} == {r.site.code for r in rooms}
    # No bundle has arrived in this fixture, so every room is late for a finished month.
    assert all(f["late"] and not f["covered"] for f in report.freshness)
    out = write_pdf(report, tmp_path / "街道月报.pdf")
    text = pdf_text(out)
    assert f"{month.title_zh}工作月报" in text and "近12个月趋势" in text
    assert "数据报送情况" in text and "迟报" in text and "社会心态预测预警" in text
    for room in rooms:
        assert room.site.name in text
    assert all(f[-5] == "yes" for f in pdf_fonts(out))


def test_early_warning_flags_a_village_whose_crises_jump(street: tuple[Session, list[Session]]
                                                         ) -> None:
    office, rooms = street
    village, resident = office.db.raw.execute(
        "SELECT village, id FROM residents WHERE origin_site = ? AND village IS NOT NULL "
        "LIMIT 1", (rooms[2].site.id,)).fetchone()
    month = Month.parse(MONTH)
    earlier = [(month.shifted(-k).first.isoformat(), month.next_first.isoformat())
               for k in (1, 2, 3)]
    before = [count(office, "SELECT count(*) FROM crisis_events x JOIN residents r ON r.id = "
                            "x.resident_id WHERE r.village = ? AND x.occurred_at >= ? AND "
                            "x.occurred_at < ?", village, a, f"{a[:7]}-32") for a, _b in earlier]
    average = sum(before) / 3
    with office.db.unit_of_work() as conn:
        for day in range(1, 7):
            conn.exec_driver_sql(
                "INSERT INTO crisis_events (id, origin_site, version, created_at, updated_at, "
                "resident_id, occurred_at, crisis_type, level, recorded_by) VALUES "
                "(?, ?, 1, '2026-01-01', '2026-01-01', ?, ?, 'other', 'medium', 'x')",
                (f"warn-{day}", rooms[2].site.id, resident, f"{MONTH}-{day:02d}T09:00"))
    now = count(office, "SELECT count(*) FROM crisis_events x JOIN residents r ON r.id = "
                        "x.resident_id WHERE r.village = ? AND x.occurred_at LIKE ?",
                village, MONTH + "%")
    line = next(w for w in office.reports.monthly(MONTH).early_warning
                if w["village"] == village)
    assert line["crisis_events"] == {"month": now, "average_3m": round(average, 2),
                                     "rising": True}
    office.reports.set_setting("warn_min_increase", "50")
    try:
        line = next(w for w in office.reports.monthly(MONTH).early_warning
                    if w["village"] == village)
        assert line["crisis_events"]["rising"] is False
    finally:
        office.reports.set_setting("warn_min_increase", "")


def test_cancel_stops_the_office_report_and_nothing_is_audited(
        street: tuple[Session, list[Session]]) -> None:
    from psyroom.errors import Cancelled

    office, _rooms = street
    before = count(office, "SELECT count(*) FROM audit_events WHERE action = 'report_generated'")
    steps: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        office.reports.monthly(MONTH, progress=lambda d, t: steps.append((d, t)),
                               cancel=lambda: len(steps) >= 1)
    assert steps == [(1, 4)]
    assert count(office, "SELECT count(*) FROM audit_events WHERE action = "
                         "'report_generated'") == before


def test_freshness_and_sequence_ranges_come_from_received_bundles(
        street: tuple[Session, list[Session]], tmp_path: Path) -> None:
    from sqlalchemy import Column, Integer, MetaData, Table, Text, inspect

    office, rooms = street
    month = Month.parse(MONTH)
    with office.db.unit_of_work() as conn:
        if "sync_received" not in inspect(conn).get_table_names():
            # The bundles' table as migration 0005 makes it (test helper until it lands).
            Table("sync_received", MetaData(), Column("site_id", Text, primary_key=True),
                  Column("generation", Text, primary_key=True),
                  Column("seq", Integer, primary_key=True),
                  Column("sha256", Text, nullable=False),
                  Column("created_at", Text, nullable=False),
                  Column("period_end", Text, nullable=False),
                  Column("imported_at", Text, nullable=False),
                  Column("counts", Text, nullable=False, server_default="{}")).create(conn)
        for seq, end in ((1, month.first), (2, month.last), (3, month.next_first)):
            conn.exec_driver_sql(
                "INSERT INTO sync_received (site_id, generation, seq, sha256, created_at, "
                "period_end, imported_at) VALUES (?, 'g1', ?, 'x', ?, ?, ?)",
                (rooms[0].site.id, seq, f"{end}T08:00", f"{end}T08:00", f"{end}T09:00"))
        conn.exec_driver_sql(
            "INSERT INTO sync_received (site_id, generation, seq, sha256, created_at, "
            "period_end, imported_at) VALUES (?, 'g1', 1, 'x', ?, ?, ?)",
            (rooms[1].site.id, f"{month.last}T20:00", f"{month.last}T20:00",
             f"{month.last}T21:00"))
    report = office.reports.monthly(MONTH)
    fresh = {f["code"]: f for f in report.freshness}
    assert fresh["R1"]["covered"] and not fresh["R1"]["late"]
    assert (fresh["R1"]["seq_from"], fresh["R1"]["seq_to"]) == (1, 3)
    # A bundle made on the month's last evening does not cover the whole month.
    assert not fresh["R2"]["covered"] and fresh["R2"]["late"]
    assert fresh["R3"]["late"] and fresh["R3"]["seq_from"] is None
    text = pdf_text(write_pdf(report, tmp_path / "fresh.pdf")).replace("\n", "")
    assert f"{rooms[0].site.name} 1–3" in text
