"""The office's monthly report over an office built the real way (issue 12): ``psyroom
init`` as an office, ``psyroom demo-data --rooms N --residents M`` (rooms enrolled, filled in
their own databases, their bundles exported and imported), then ``psyroom report monthly``
as JSON and PDF, every figure checked against a count written here over the office's rows.

A person is an ID number here (a person archived at two rooms has one ID number and two
archives), counted independently of the report's own person links.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.reports.period import Month
from psyroom.session import Session
from tests.core.conftest import ADMIN, ADMIN_PASSWORD, run_cli
from tests.core.reports_helpers import last_month, pdf_fonts, pdf_text

pytestmark = pytest.mark.slow

ROOMS, RESIDENTS = 3, 240
MONTH = last_month()
THIS_MONTH = date.today().strftime("%Y-%m")
# DESIGN §3's special groups, written out here rather than read from the code's table.
SPECIAL = {"special_vagrant", "special_detained", "special_prisoner",
           "special_community_correction", "special_released", "drug_compulsory",
           "drug_community_rehab", "drug_maintenance", "drug_voluntary", "drug_user",
           "special_trouble_prone"}


@pytest.fixture(scope="module")
def office_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("street") / "office"
    made = run_cli("init", "--site-kind", "office", "--room-type", "street", "--site-code",
                   "JD-01", "--site-name", "城关街道综治中心", "--admin", ADMIN,
                   data_dir=folder, user=None)
    assert made.returncode == 0, made.stderr
    demo = run_cli("demo-data", "--rooms", str(ROOMS), "--residents", str(RESIDENTS),
                   data_dir=folder)
    assert demo.returncode == 0, demo.stderr
    return folder


@pytest.fixture(scope="module")
def office(office_dir: Path) -> Iterator[Session]:
    s = Installation(office_dir).unlock(ADMIN, ADMIN_PASSWORD)
    yield s
    s.close()


def report_json(office_dir: Path, month: str) -> dict[str, Any]:
    done = run_cli("report", "monthly", "--month", month, "--json", data_dir=office_dir)
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def q(s: Session, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in s.db.raw.execute(sql, args).fetchall()]


def rooms(s: Session) -> dict[str, str]:
    """code -> site id of every room the office holds rows of."""
    return dict(q(s, "SELECT code, id FROM sites WHERE kind = 'room' ORDER BY code"))


def persons(s: Session) -> dict[str, str]:
    """archive id -> the person (the ID number when there is one, else the archive)."""
    return {rid: idn or rid for rid, idn in q(
        s, "SELECT id, id_number FROM residents WHERE merged_into IS NULL")}


def test_the_real_path_gives_one_line_per_room_that_adds_up(office_dir: Path,
                                                             office: Session) -> None:
    data = report_json(office_dir, MONTH)
    assert data["kind"] == "office" and data["month"] == MONTH
    sites = rooms(office)
    assert list(sites) == [f"DEMO-{i:02d}" for i in range(1, ROOMS + 1)]
    lines = {line["code"]: line for line in data["rooms"]}
    assert list(lines) == list(sites)
    like = MONTH + "%"
    for code, site in sites.items():
        line = lines[code]
        for key, table, column in (("consultations", "consultations", "started_at"),
                                   ("assessments", "assessments", "administered_at"),
                                   ("crisis_events", "crisis_events", "occurred_at"),
                                   ("followups", "followups", "followup_date"),
                                   ("activities", "activities", "activity_date"),
                                   ("referrals_issued", "referrals", "issued_on")):
            [(n,)] = q(office, f"SELECT count(*) FROM {table} WHERE {column} LIKE ? AND "
                       "origin_site = ?", like, site)
            assert line[key] == n, (code, key)
        [(heads,)] = q(office, "SELECT coalesce(sum(headcount), 0) FROM activities WHERE "
                       "activity_date LIKE ? AND origin_site = ?", like, site)
        assert line["headcount"] == heads
    total = sum(line["consultations"] for line in data["rooms"])
    assert data["consultations"]["total"] == total > 0
    assert data["activities"]["total"] == sum(line["activities"] for line in data["rooms"])
    assert data["referrals"]["issued"] == sum(line["referrals_issued"]
                                              for line in data["rooms"]) > 0


def test_a_person_archived_at_two_rooms_is_one_new_archive(office_dir: Path,
                                                           office: Session) -> None:
    """demo-data registers some of the first room's people at the other rooms as well."""
    archives = q(office, "SELECT id, id_number, origin_site FROM residents WHERE created_at "
                 "LIKE ? AND merged_into IS NULL", THIS_MONTH + "%")
    by_person: dict[str, set[str]] = {}
    for rid, idn, site in archives:
        by_person.setdefault(idn or rid, set()).add(site)
    shared = [p for p, sites in by_person.items() if len(sites) > 1]
    assert shared, "demo-data made nobody known to two rooms"
    assert len(archives) > len(by_person)
    data = report_json(office_dir, THIS_MONTH)
    assert data["new_archives"] == len(by_person)
    served = {persons(office)[r] for (r,) in q(
        office, "SELECT resident_id FROM consultations WHERE started_at LIKE ? AND "
        "resident_id IS NOT NULL", THIS_MONTH + "%")}
    assert data["residents_served"]["total"] == len(served)


def test_rates_carry_numerator_denominator_and_period(office_dir: Path,
                                                      office: Session) -> None:
    data = report_json(office_dir, MONTH)
    rates = {r["key"]: r for r in data["rates"]}
    month = Month.parse(MONTH)
    year_first, month_end = month.year_first.isoformat(), month.last.isoformat()
    for rate in rates.values():
        assert {"numerator", "denominator", "value", "period", "target", "met",
                "reason"} <= set(rate), rate["key"]
        if rate["value"] is None:
            assert rate["reason"], rate["key"]  # missing says why, never a 0
        else:
            assert rate["value"] == round(rate["numerator"] * 100 / rate["denominator"], 2)

    # Special groups counselled this year: counted here per person (ID number), whichever
    # room archived or counselled them.
    who = persons(office)
    special = {who[r] for r, tag in q(
        office, "SELECT t.resident_id, t.tag_code FROM resident_tags t JOIN residents r ON "
        "r.id = t.resident_id WHERE r.status = 'active' AND r.merged_into IS NULL")
        if tag in SPECIAL}
    seen = {who.get(r, r) for (r,) in q(
        office, "SELECT resident_id FROM consultations WHERE started_at >= ? AND "
        "started_at <= ? AND resident_id IS NOT NULL", year_first, month_end + "T99")}
    rate = rates["special_groups_counselled"]
    assert (rate["numerator"], rate["denominator"]) == (len(special & seen), len(special))
    assert rate["period"] == {"start": year_first, "end": month_end}

    # Severe mental disorders, year to date: registered people and those reached this year.
    registered = {who[r] for (r,) in q(
        office, "SELECT id FROM residents WHERE smd_registered = 1 AND merged_into IS NULL "
        "AND status != 'deceased' AND (smd_registered_on IS NULL OR smd_registered_on <= ?)",
        month_end)}
    reached = {who[r] for (r,) in q(
        office, "SELECT f.resident_id FROM followups f JOIN residents r ON r.id = "
        "f.resident_id WHERE r.smd_registered = 1 AND f.classification != 4 AND "
        "f.followup_date >= ? "
        "AND f.followup_date <= ?", year_first, month_end)}
    managed = rates["smd_managed"]
    assert (managed["numerator"], managed["denominator"]) == (
        len(registered & reached), len(registered))
    assert data["smd_followups"]["registered"] == len(registered)
    # Supervision: every room, by its supervision activities this year.
    supervised = dict(q(office, "SELECT origin_site, count(*) FROM activities WHERE kind = "
                        "'supervision' AND activity_date >= ? AND activity_date <= ? GROUP BY "
                        "origin_site", year_first, month_end))
    sup = rates["supervision"]
    assert (sup["numerator"], sup["denominator"]) == (
        sum(1 for s in rooms(office).values() if supervised.get(s, 0) >= 2), ROOMS)
    # Who trained is per person at the rooms; the rooms' staff lists never travel in a
    # bundle, so the office cannot know the denominator: it says so instead of "0 of 0"
    # (or a rate over its own clerks).
    trained = rates["staff_trained"]
    assert (trained["value"], trained["denominator"], trained["reason"]) == (
        None, None, "rooms_only")
    sessions: dict[str, set[str]] = {}
    for user, activity in q(office, "SELECT p.user_id, a.id FROM activity_participants p JOIN "
                            "activities a ON a.id = p.activity_id WHERE a.kind = 'training' "
                            "AND p.user_id IS NOT NULL AND a.activity_date >= ? AND "
                            "a.activity_date <= ?", year_first, month_end):
        sessions.setdefault(user, set()).add(activity)
    assert trained["numerator"] == sum(1 for s in sessions.values() if len(s) >= 2)
    # The office's own denominators are not set: missing, not a rate.
    assert rates["rooms_village"]["value"] is None
    assert rates["rooms_village"]["reason"] == "setting_missing"
    assert rates["rooms_village"]["numerator"] == sum(
        1 for line in data["rooms"] if line["room_type"] in ("village", "community"))


def test_freshness_and_the_pdf_read_back(office_dir: Path, office: Session,
                                         tmp_path: Path) -> None:
    from pypdf import PdfReader

    data = report_json(office_dir, MONTH)
    received = {site: (lo, hi, end) for site, lo, hi, end in q(
        office, "SELECT site_id, min(seq), max(seq), max(period_end) FROM sync_received "
        "GROUP BY site_id")}
    fresh = {f["code"]: f for f in data["freshness"]}
    for code, site in rooms(office).items():
        lo, hi, end = received[site]
        # The bundles were made today: they cover last month, and no room is late.
        assert (fresh[code]["seq_from"], fresh[code]["seq_to"]) == (lo, hi)
        assert fresh[code]["covered"] and not fresh[code]["late"]
        assert fresh[code]["period_end"] == end[:10]
    assert all(not f["covered"] and not f["late"]
               for f in report_json(office_dir, THIS_MONTH)["freshness"])

    out = tmp_path / "街道月报.pdf"
    done = run_cli("report", "monthly", "--month", MONTH, "--out", str(out),
                   data_dir=office_dir)
    assert done.returncode == 0, done.stderr
    pages = [p.extract_text() or "" for p in PdfReader(out).pages]
    squashed = "".join("".join(pages).split())
    month = Month.parse(MONTH)
    assert f"{month.title_zh}工作月报" in squashed and "城关街道综治中心" in squashed
    assert f"第{len(pages)}页共{len(pages)}页" in squashed
    assert "内部资料注意保密" in squashed
    # Row by row (pdftotext keeps a table's row on one line): the table per room, with each
    # room's figures on its line.
    lines = pdf_text(out).splitlines()
    for line in data["rooms"]:
        row = next(t for t in lines if line["name"] in t)
        numbers = [int(n) for n in row.replace(line["name"], "").split() if n.isdigit()]
        assert numbers == [line[k] for k in (
            "consultations", "new_archives", "assessments", "positive_screens",
            "crisis_events", "followups", "activities", "headcount", "referrals_issued")], row
    # Each rate with its numerator and denominator; a missing denominator says so.
    first = next(i for i, t in enumerate(lines) if "考核指标完成情况" in t)
    lines = lines[first:first + next(i for i, t in enumerate(lines[first:]) if "四、" in t)]
    for rate in data["rates"]:
        # A long name or period wraps inside its cell: the row is the lines around the name.
        name = rate["name_zh"]
        at = next(i for n in range(len(name), min(4, len(name) - 1), -1)
                  for i, t in enumerate(lines) if name[:n] in t)
        row = " ".join(lines[at - 1:at + 2]).split()
        assert str(rate["numerator"]) in row, (rate["key"], row)
        if rate["value"] is not None:
            assert f"{rate['value']:.2f}%" in row and str(rate["denominator"]) in row, row
        elif rate["reason"] == "setting_missing":
            assert "缺失" in row and "%" not in "".join(row[:4]), row
    # Freshness: every room, with the bundle sequence range the report covers.
    assert "数据报送情况" in squashed
    lines = pdf_text(out).splitlines()
    for f in data["freshness"]:
        row = next(t for t in lines if f["name"] in t and f["period_end"] in t)
        assert f"{f['seq_from']}–{f['seq_to']}" in row.split(), row
    assert all(f[-5] == "yes" for f in pdf_fonts(out))
    # The last page's chain head is one `psyroom verify --head` finds in the chain.
    heads = re.findall(r"[0-9a-f]{64}", pages[-1].replace("\n", ""))
    assert len(heads) == 1
    checked = run_cli("verify", "--head", heads[0], data_dir=office_dir)
    assert checked.returncode == 0, checked.stderr


def test_demo_rooms_residents_live_in_the_rooms_own_village(office: Session) -> None:
    """The office's per-village figures (early warning, population per village) group by the
    residents' village: a demo village room's people live in the village it was enrolled for,
    not in one named after the room."""
    for site, village in q(office, "SELECT id, village FROM sites WHERE kind = 'room' AND "
                           "room_type = 'village'"):
        assert village
        theirs = {v for (v,) in q(office, "SELECT DISTINCT village FROM residents WHERE "
                                  "origin_site = ?", site)}
        assert village in theirs, (village, theirs)
    # The people demo-data also registers at the other rooms are the first room's own.
    first = dict(q(office, "SELECT code, id FROM sites"))["DEMO-01"]
    for (idn,) in q(office, "SELECT id_number FROM residents WHERE id_number IS NOT NULL "
                    "GROUP BY id_number HAVING count(DISTINCT origin_site) > 1"):
        homes = q(office, "SELECT DISTINCT name, village, origin_site = ? FROM residents "
                  "WHERE id_number = ?", first, idn)
        assert len({(n, v) for n, v, _ in homes}) == 1 and any(f for *_x, f in homes)
