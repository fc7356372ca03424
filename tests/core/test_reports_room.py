"""The room's monthly report: every number checked against a count written here in plain
SQL over the demo records, then found again in the PDF's text and the .xlsx."""

from __future__ import annotations

import itertools
import json
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from psyroom.errors import InvalidInput, PermissionDenied
from psyroom.reports.pdf import write_pdf
from psyroom.reports.period import Month, add_months
from psyroom.reports.tables import period_text
from psyroom.reports.xlsx import write_xlsx
from psyroom.session import Session
from tests.core.conftest import run_cli
from tests.core.reports_helpers import (
    LOWEST_BAND,
    PASSWORD,
    last_month,
    make_room,
    pdf_fonts,
    pdf_text,
)

MONTH = last_month()


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    s = make_room(tmp_path_factory.mktemp("room") / "data", code="BC-01",
                  name="北城村心理咨询室", residents=400, seed=7)
    yield s
    s.close()


def q(s: Session, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in s.db.raw.execute(sql, args).fetchall()]


def one(s: Session, sql: str, *args: Any) -> int:
    return int(q(s, sql, *args)[0][0] or 0)


def test_month_figures_equal_plain_sql_counts(room: Session) -> None:
    data = room.reports.monthly(MONTH).to_json()
    like = MONTH + "%"
    c = data["consultations"]
    assert c["total"] == one(room, "SELECT count(*) FROM consultations WHERE started_at LIKE ?",
                             like) > 0
    for mode in ("face", "phone", "home", "online"):
        assert c["by_mode"].get(mode, 0) == one(
            room, "SELECT count(*) FROM consultations WHERE started_at LIKE ? AND mode = ?",
            like, mode)
    for issue in ("emotion", "grief", "body_sleep", "work"):
        assert c["by_issue"].get(issue, 0) == one(
            room, "SELECT count(*) FROM consultations WHERE started_at LIKE ? AND "
            "',' || issues || ',' LIKE ?", like, f"%,{issue},%")
    served = {r[0] for r in q(room, "SELECT resident_id FROM consultations WHERE started_at "
                              "LIKE ? AND resident_id IS NOT NULL", like)}
    assert data["residents_served"]["total"] == len(served)
    tagged = q(room, "SELECT tag_code, count(DISTINCT resident_id) FROM resident_tags WHERE "
               "resident_id IN (SELECT resident_id FROM consultations WHERE started_at LIKE ?) "
               "GROUP BY tag_code", like)
    assert data["residents_served"]["by_tag"] == dict(tagged)

    rows = q(room, "SELECT scale_code, band FROM assessments WHERE administered_at LIKE ?", like)
    assert data["assessments"]["total"] == len(rows)
    assert data["assessments"]["positive"] == sum(1 for code, band in rows
                                                  if band != LOWEST_BAND[code])
    assert data["crisis_events"]["total"] == one(
        room, "SELECT count(*) FROM crisis_events WHERE occurred_at LIKE ?", like)
    assert data["activities"]["total"] == one(
        room, "SELECT count(*) FROM activities WHERE activity_date LIKE ?", like)
    assert data["activities"]["headcount"] == one(
        room, "SELECT sum(headcount) FROM activities WHERE activity_date LIKE ?", like)
    assert data["smd_followups"]["done"] == one(
        room, "SELECT count(*) FROM followups WHERE followup_date LIKE ?", like)
    # New archives: the demo made every archive today, so last month has none.
    assert data["new_archives"] == 0
    this_month = room.reports.monthly(date.today().strftime("%Y-%m")).to_json()
    assert this_month["new_archives"] == one(
        room, "SELECT count(*) FROM residents WHERE merged_into IS NULL")
    start, end = f"{MONTH}-01", Month.parse(MONTH).next_first.isoformat()
    issued = one(room, "SELECT count(*) FROM referrals WHERE issued_on >= ? AND issued_on < ?",
                 start, end)
    received = one(room, "SELECT count(*) FROM referrals WHERE received_on >= ? AND "
                   "received_on < ?", start, end)
    last = Month.parse(MONTH).last
    waiting = q(room, "SELECT issued_on FROM referrals WHERE issued_on IS NOT NULL AND "
                "issued_on < ? AND status NOT IN ('cancelled', 'draft') AND (received_on IS "
                "NULL OR received_on >= ?)", end, end)
    overdue = sum(1 for (on,) in waiting if date.fromisoformat(on) + timedelta(days=14) < last)
    assert data["referrals"] == {"issued": issued, "received": received, "overdue": overdue}


def _registered(room: Session) -> list[tuple[Any, ...]]:
    return q(room, "SELECT id, status, smd_registered_on FROM residents WHERE smd_registered = 1 "
             "AND merged_into IS NULL AND status != 'deceased'")


def test_severe_disorder_rates_equal_a_count_over_the_follow_ups(room: Session) -> None:
    month = Month.parse(MONTH)
    rates = {r["key"]: r for r in room.reports.monthly(MONTH).to_json()["rates"]}
    patients = _registered(room)
    end = month.last.isoformat()
    start = f"{month.year}-01-01"
    managed = regular = face = standard = 0
    for pid, _status, registered_on in patients:
        # 表1-8 columns: classification 4 is 未访到 (not a follow-up of the patient);
        # adherence 1 is 规律服药 unless in hospital; visit form 1/2 is 门诊/家庭访视.
        visits = q(room, "SELECT followup_date, adherence, hospital, visit_form FROM followups "
                   "WHERE resident_id = ? AND followup_date <= ? AND classification != 4 "
                   "ORDER BY followup_date", pid, end)
        this_year = [v for v in visits if v[0] >= start]
        managed += bool(this_year)
        regular += bool(this_year) and this_year[-1][1] == 1 and this_year[-1][2] != 1
        face += any(v[3] in (1, 2) for v in this_year)
        before = [v[0] for v in visits if v[0] < start]
        # From the last visit before the year, else from 1 January or the registration date.
        points = [date.fromisoformat(before[-1] if before else max(start, registered_on))]
        points += [date.fromisoformat(v[0]) for v in this_year] + [month.last]
        standard += bool(this_year) and all(
            b <= add_months(a, 3) for a, b in itertools.pairwise(points))
    assert rates["smd_managed"]["denominator"] == len(patients) > 0
    assert rates["smd_managed"]["numerator"] == managed
    assert rates["smd_regular"]["numerator"] == regular
    assert rates["smd_face"]["numerator"] == face
    assert rates["smd_standard"]["numerator"] == standard
    assert rates["smd_standard"]["behind_count"] == len(patients) - standard
    assert rates["smd_standard"]["period"] == {"start": start, "end": end}
    assert rates["smd_standard"]["target"] == 80


def test_special_groups_and_awareness_equal_plain_sql(room: Session) -> None:
    month = Month.parse(MONTH)
    rates = {r["key"]: r for r in room.reports.monthly(MONTH).to_json()["rates"]}
    special = {r[0] for r in q(
        room, "SELECT t.resident_id FROM resident_tags t JOIN population_tags p ON p.code = "
        "t.tag_code JOIN residents r ON r.id = t.resident_id WHERE p.group_zh = '特殊人群' AND "
        "r.status = 'active' AND r.merged_into IS NULL")}
    seen = {r[0] for r in q(room, "SELECT resident_id FROM consultations WHERE started_at >= ? "
                            "AND started_at < ?", f"{month.year}-01-01",
                            month.next_first.isoformat())}
    rate = rates["special_groups_counselled"]
    assert (rate["numerator"], rate["denominator"]) == (len(special & seen), len(special))
    assert {b["id"] for b in rate["behind"]} == special - seen
    passed, surveyed = q(room, "SELECT sum(passed), sum(surveyed) FROM activities WHERE "
                         "surveyed IS NOT NULL AND activity_date >= ? AND activity_date <= ?",
                         f"{month.year}-01-01", month.last.isoformat())[0]
    assert (rates["awareness"]["numerator"], rates["awareness"]["denominator"]) == (
        passed, surveyed)
    assert rates["awareness"]["value"] == round(passed * 100 / surveyed, 2)


def test_missing_population_is_missing_not_zero(room: Session, tmp_path: Path) -> None:
    report = room.reports.monthly(MONTH)
    prevalence = next(r for r in report.to_json()["rates"] if r["key"] == "smd_prevalence")
    assert prevalence["value"] is None and prevalence["met"] is None
    assert prevalence["reason"] == "setting_missing"
    text = pdf_text(write_pdf(report, tmp_path / "r.pdf"))
    line = next(t for t in text.splitlines() if "严重精神障碍报告患病率" in t)
    assert "缺失" in line and "0.00‰" not in line and "缺少办公室设置" in text

    villages = room.reports.villages()
    for i, village in enumerate(villages):
        room.reports.set_setting("population", str(1000 + i), village=village)
    try:
        again = next(r for r in room.reports.monthly(MONTH).to_json()["rates"]
                     if r["key"] == "smd_prevalence")
        total = sum(1000 + i for i in range(len(villages)))
        assert again["denominator"] == total
        assert again["value"] == round(len(_registered(room)) * 1000 / total, 2)
    finally:
        for village in villages:
            room.reports.set_setting("population", "", village=village)


def test_pdf_holds_the_numbers_labels_and_embedded_fonts(room: Session, tmp_path: Path) -> None:
    report = room.reports.monthly(MONTH)
    data = report.to_json()
    out = write_pdf(report, tmp_path / "月报.pdf")
    text = pdf_text(out)
    month = Month.parse(MONTH)
    assert f"{month.title_zh}心理服务工作月报" in text
    for label, value in (("咨询人次", data["consultations"]["total"]),
                         ("心理测评人次", data["assessments"]["total"]),
                         ("测评阳性人次", data["assessments"]["positive"]),
                         ("危机干预", data["crisis_events"]["total"]),
                         ("活动参加人次", data["activities"]["headcount"])):
        assert f"{label} {value}\n" in text, label
    for rate in data["rates"]:
        if rate["value"] is not None:
            assert f"{rate['value']:.2f}{rate['unit']}" in text
    assert "机密附件" in text and "填报人" in text and "审核人" in text
    assert report.audit_head in text.replace("\n", "")
    assert "第1页共" in text.replace(" ", "") and "内部资料 注意保密" in text
    fonts = pdf_fonts(out)
    assert fonts and all("WenQuanYi" in f[0] and f[-5] == "yes" for f in fonts), fonts


def test_annex_lists_high_risk_for_a_counsellor_and_is_left_out_for_a_clerk(
        room: Session, tmp_path: Path) -> None:
    report = room.reports.monthly(MONTH)
    high = q(room, "SELECT name FROM residents WHERE risk_level = 'high' AND status = 'active' "
             "AND merged_into IS NULL")
    assert report.annex_included and {h["name"] for h in report.high_risk} >= {
        h[0] for h in high}
    text = pdf_text(write_pdf(report, tmp_path / "full.pdf"))
    assert high[0][0] in text

    room.add_user("qianclerk", roles=["office_clerk"], password="Qian-clerk2026")
    inst = room._installation
    clerk = inst.unlock("qianclerk", "Qian-clerk2026")
    try:
        limited = clerk.reports.monthly(MONTH)
        data = limited.to_json()
        assert not data["annex_included"] and "high_risk" not in data
        assert all("behind" not in r for r in data["rates"])
        text = pdf_text(write_pdf(limited, tmp_path / "clerk.pdf"))
        assert "无权查阅风险信息" in text
        assert not any(h[0] in text for h in high)
        # The figures are the same whoever asks.
        assert data["consultations"] == report.to_json()["consultations"]
    finally:
        clerk.close()


def test_generating_is_audited_and_the_head_is_the_last_event(room: Session) -> None:
    report = room.reports.monthly(MONTH)
    last = q(room, "SELECT action, hash, detail FROM audit_events ORDER BY seq DESC LIMIT 1")[0]
    assert last[0] == "report_generated" and last[1] == report.audit_head
    assert json.loads(last[2])["month"] == MONTH


def test_bad_month_and_site_at_a_room_are_refused(room: Session) -> None:
    for bad in ("2026-13", "2026/10", "26-10", ""):
        with pytest.raises(InvalidInput):
            room.reports.monthly(bad)
    with pytest.raises(InvalidInput) as info:
        room.reports.monthly(MONTH, site_code="BC-02")
    assert info.value.code == "report_site_at_room"


def test_settings_need_their_permission_and_bad_values_change_nothing(room: Session) -> None:
    with pytest.raises(InvalidInput):
        room.reports.set_setting("villages_total", "十二")
    with pytest.raises(InvalidInput):
        room.reports.set_setting("population", "100")  # a village is required
    assert room.reports.settings().villages_total is None
    room.add_user("sunsw", roles=["social_worker"], password="Sun-worker2026")
    worker = room._installation.unlock("sunsw", "Sun-worker2026")
    try:
        with pytest.raises(PermissionDenied):
            worker.reports.set_setting("villages_total", "12")
    finally:
        worker.close()


def test_xlsx_holds_the_same_values_and_never_a_formula(room: Session, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    report = room.reports.monthly(MONTH)
    out = write_xlsx(report, tmp_path / "out" / "月报.xlsx")
    assert list(spool.iterdir()) == []  # nothing spooled in the clear on the way
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert cells and all(c.data_type != "f" for c in cells)
    summary = {r[0].value: r[1].value for r in wb["主要数据"].iter_rows(min_row=2)}
    assert summary["咨询人次"] == report.figures["consultations"]["total"]
    rates = {r[0].value: r for r in wb["考核指标"].iter_rows(min_row=2)}
    for rate in report.rates:
        row = rates[rate.name_zh]
        assert (row[1].value, row[2].value, row[3].value) == (
            rate.numerator, rate.denominator, rate.value)


def test_xlsx_figures_are_number_cells_and_text_stays_text(room: Session,
                                                          tmp_path: Path) -> None:
    """The city's templates add the figures up: they must be numbers, not text that looks
    like a number; the labels beside them are plain text cells, and nothing is a formula."""
    import openpyxl

    report = room.reports.monthly(MONTH)
    out = write_xlsx(report, tmp_path / "月报.xlsx")
    with zipfile.ZipFile(out) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist()
                 if n.startswith("xl/worksheets/sheet")]
    assert parts and not any("<f>" in p or "<f " in p for p in parts)
    wb = openpyxl.load_workbook(out)
    summary = wb["主要数据"]
    figures = [row[1] for row in summary.iter_rows(min_row=2) if row[1].value is not None]
    assert figures and all(c.data_type == "n" and isinstance(c.value, int) for c in figures)
    assert all(row[0].data_type == "s" for row in summary.iter_rows())
    rates = {r[0].value: r for r in wb["考核指标"].iter_rows(min_row=2)}
    for rate in report.rates:
        row = rates[rate.name_zh]
        for cell, value in zip(row[1:4], (rate.numerator, rate.denominator, rate.value),
                               strict=True):
            if value is None:  # a missing denominator is an empty cell, never a 0
                assert cell.value is None, (rate.key, cell.value)
            else:
                assert cell.data_type == "n" and cell.value == value, (rate.key, cell.value)
        assert row[5].data_type == "s" and row[5].value == period_text(rate)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate


def test_cli_json_pdf_and_refusals(room: Session, tmp_path: Path) -> None:
    folder = room._installation.data_dir
    ok = run_cli("report", "monthly", "--month", MONTH, "--json", data_dir=folder,
                 password=PASSWORD)
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["consultations"]["total"] == room.reports.monthly(MONTH).figures[
        "consultations"]["total"]
    pdf = run_cli("report", "monthly", "--month", MONTH, "--out", str(tmp_path / "r.pdf"),
                  data_dir=folder, password=PASSWORD)
    assert pdf.returncode == 0 and (tmp_path / "r.pdf").stat().st_size > 10_000
    for args, key in ((("--month", MONTH, "--json", "--site", "BC-02"), "只有街道办公室"),
                      (("--month", "2026-13", "--json"), "YYYY-MM"),
                      (("--month", MONTH), "--out")):
        bad = run_cli("report", "monthly", *args, data_dir=folder, password=PASSWORD)
        assert bad.returncode != 0 and key in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr


def test_cli_report_set_saves_a_setting_or_refuses_with_one_line(room: Session) -> None:
    folder = room._installation.data_dir
    bad = run_cli("report", "set", "schools_total", "many", data_dir=folder, password=PASSWORD)
    assert bad.returncode == 1 and "街道学校总数" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    ok = run_cli("report", "set", "schools_total", "7", data_dir=folder, password=PASSWORD)
    assert ok.returncode == 0, ok.stderr
    try:
        assert room.reports.settings().schools_total == 7
    finally:
        room.reports.set_setting("schools_total", "")
