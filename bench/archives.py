"""Benchmarks of the resident archive and counselling work at village-register scale.

    python -m bench.archives [--residents N] [--xlsx-rows N]

Targets from the issues: search p95 under 50 ms at 200,000 residents; the list opens
without loading every row; a resident with 200 records opens quickly; import time of a
50,000-row register.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ADMIN, PASSWORD = "benchadmin", "Bench-Passw0rd!"
QUERIES = ("王", "张伟", "zw", "zhangwei", "wdf", "li", "伟", "芳", "0112", "13912",
           "19480305", "liu", "chen", "秀英", "sz")


def use_quick_setup() -> None:
    """These figures are about records, not key derivation: set-up uses the quick KDF and no
    OS keyring (nothing is left in a developer's real keyring)."""
    os.environ["PSYROOM_KDF_PROFILE"] = "fast"
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")


def _ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def _session(folder: Path) -> Any:
    from psyroom.installation import Installation

    inst = Installation(folder)
    return inst.initialise(site_kind="room", site_code="BENCH", site_name="北城村",
                           admin_name=ADMIN, admin_password=PASSWORD).session


def bench_search(work: Path, residents: int) -> list[tuple[str, float, str, str]]:
    from psyroom.demo.service import fill_demo_data
    from psyroom.residents.search import SearchFilters

    s = _session(work / "search")
    fill_ms = _ms(lambda: fill_demo_data(s, residents=residents, months=0, seed=7))
    r = s.residents
    list_open = _ms(lambda: r.search("", limit=100))
    index_ms = _ms(r.index)
    timings = []
    for round_ in range(5):
        for q in QUERIES:
            filters = SearchFilters(status="active") if round_ % 2 else None
            timings.append(_ms(partial(r.search, q, filters, limit=100)))
    board = statistics.median(_ms(s.dashboard) for _ in range(3))
    s.close()
    n = f"{residents:,}"
    return [
        (f"demo residents written ({n})", fill_ms / 1000, "s", ""),
        (f"resident list opens, first page of 100 ({n})", list_open, "ms", "instant"),
        (f"search index built once per session ({n})", index_ms / 1000, "s", ""),
        (f"search as you type p50 ({n}, {len(timings)} queries, page of 100 rows)",
         statistics.median(timings), "ms", ""),
        (f"search as you type p95 ({n})", _pct(timings, 0.95), "ms", "< 50 ms"),
        (f"home dashboard: high-risk and overdue follow-up lists ({n}), median", board, "ms",
         ""),
    ]


def _write_register(path: Path, rows: int) -> None:
    import openpyxl

    from psyroom.demo.residents import make_residents

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("重点人群台账")
    ws.append(["重点人群心理服务台账"])
    ws.append(["序号", "姓名", "性别", "出生日期", "身份证号码", "联系电话", "家庭住址",
               "所属村（社区）", "人群类别"])
    names = {"elderly_empty_nest": "空巢", "elderly_widowed": "丧偶",
             "child_left_behind": "留守儿童", "women_perinatal": "孕产期"}
    for i, p in enumerate(make_residents(rows, seed=11, site_name="北城村"), start=1):
        tags = "、".join(names[t] for t in p.tags if t in names)
        ws.append([i, p.name, "男" if p.gender == "male" else "女", p.birth_date,
                   p.id_number, p.phone, p.address, p.village, tags])
    book.save(path)


def bench_import(work: Path, rows: int) -> list[tuple[str, float, str, str]]:
    register = work / "register.xlsx"
    _write_register(register, rows)
    s = _session(work / "import")
    holder: dict[str, Any] = {}
    plan_ms = _ms(lambda: holder.setdefault("plan", s.residents.plan_import(register)))
    commit_ms = _ms(lambda: s.residents.commit_import(holder["plan"]))
    count = s.residents.count()
    s.close()
    return [(f"import {rows:,}-row XLSX: read and check (preview)", plan_ms / 1000, "s", ""),
            (f"import {rows:,}-row XLSX: write {count:,} archives in one transaction",
             commit_ms / 1000, "s", ""),
            (f"import {rows:,}-row XLSX: total", (plan_ms + commit_ms) / 1000, "s", "")]


def fill_resident(s: Any, records: int) -> tuple[str, int]:
    """One registered patient with ``records`` consultations, scales and follow-ups.

    Returns the resident's id and how many entries the timeline then shows."""
    from psyroom.consultations.model import ConsultationInput
    from psyroom.followups.service import FollowupInput
    from psyroom.residents.model import ResidentFields

    rid = s.residents.create(ResidentFields(name="王德福", birth_date="1948-03-05",
                                            smd_registered=True)).resident.id
    rnd = random.Random(3)
    start = date(2020, 1, 1)
    for i in range(records):
        day = start + timedelta(days=i * 7)
        kind = i % 3
        if kind == 0:
            c = s.consultations.start_draft(ConsultationInput(
                subject_kind="individual", resident_id=rid, started_at=f"{day}T09:00",
                complaint="失眠，情绪低落", assessment="中度", intervention="倾听", plan="复诊"))
            s.consultations.sign(c.id)
        elif kind == 1:
            s.assessments.record(rid, "gad7", [rnd.randint(0, 3) for _ in range(7)],
                                 administered_at=f"{day}T10:00")
        else:
            s.followups.record(FollowupInput(
                resident_id=rid, followup_date=day.isoformat(), visit_form=1, risk_level=0,
                insight=1, sf_self_care=1, sf_housework=1, sf_work=1, sf_learning=1,
                sf_social=1, side_effects=1, adherence=1))
    return rid, len(s.residents.timeline(rid))


def bench_timeline(work: Path, records: int) -> list[tuple[str, float, str, str]]:
    s = _session(work / "timeline")
    rid, entries = fill_resident(s, records)
    opened = []
    for _ in range(5):
        opened.append(_ms(lambda: (s.residents.open(rid), s.residents.timeline(rid),
                                   s.assessments.series(rid),
                                   s.consultations.for_resident(rid))))
    s.close()
    rows = [(f"open a resident with {entries} timeline entries, core calls (archive, "
             "timeline, scores, consultations), median", statistics.median(opened), "ms", "")]
    try:
        from bench.archive_page import bench_archive_page
    except ImportError:  # no PySide6: the core figure stands alone
        return rows
    return rows + bench_archive_page(work, records)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=200_000)
    parser.add_argument("--xlsx-rows", type=int, default=50_000)
    parser.add_argument("--timeline-records", type=int, default=200)
    args = parser.parse_args(argv)
    use_quick_setup()
    rows: list[tuple[str, float, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="psyroom-bench-") as tmp:
        work = Path(tmp)
        rows += bench_search(work, args.residents)
        rows += bench_import(work, args.xlsx_rows)
        rows += bench_timeline(work, args.timeline_records)
    print("| figure | value | unit | target |")
    print("|---|---:|---|---|")
    for name, value, unit, target in rows:
        print(f"| {name} | {value:.3g} | {unit} | {target} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
