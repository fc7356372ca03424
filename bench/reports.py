"""Monthly report timings: the room report, and the office report at street scale.

    python -m bench.reports [--rooms 40] [--residents 1000] [--months 24] [--runs 3]

Targets (issue 12): room report under 1 s; office report for 40 rooms and 2 years of data
under 3 s. The office database is filled the way imported bundles leave it (rooms as ``sites``
rows, every record stamped with its room's ``origin_site``), from the room demo generator run
once per room with its own seed; USB bundles themselves are not part of this measurement.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

from bench.archives import ADMIN, PASSWORD, use_quick_setup


def _timed(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fill_office(session: object, *, rooms: int, residents: int, months: int) -> dict[str, int]:
    from psyroom.clock import new_id, utc_now_iso
    from psyroom.demo.counselling import make_counselling
    from psyroom.demo.residents import make_residents
    from psyroom.records import fetch_all, insert_records
    from psyroom.residents import repository as repo
    from psyroom.session import Session

    assert isinstance(session, Session)
    used: set[str] = set()
    totals: dict[str, int] = {"residents": 0}
    with session.db.unit_of_work() as conn:
        for n in range(rooms):
            site_id, now = new_id(), utc_now_iso()
            name = f"第{n + 1}村心理咨询室"
            conn.exec_driver_sql(
                "INSERT INTO sites (id, origin_site, version, created_at, updated_at, code, name, "
                "kind, room_type, is_self) VALUES (?, ?, 1, ?, ?, ?, ?, 'room', ?, 0)",
                (site_id, site_id, now, now, f"R{n + 1:02d}", name,
                 "school" if n % 8 == 7 else "village"))
            people = []
            for p in make_residents(residents, seed=1000 + n, site_name=name):
                if p.id_number in used:
                    p = dataclasses.replace(p, id_number=None)
                elif p.id_number:
                    used.add(p.id_number)
                people.append(p)
            ids = repo.insert_many(conn, people, site_id=site_id)
            rows = fetch_all(conn, "SELECT id, smd_registered FROM residents WHERE "
                             "origin_site = :s AND status = 'active'", s=site_id)
            records = make_counselling(random.Random(n), rows, months=months,
                                       counsellor=(new_id(), "基准咨询师"), today=date.today())
            for table, batch in records.items():
                insert_records(conn, table, batch, site_id=site_id)
                totals[table] = totals.get(table, 0) + len(batch)
            totals["residents"] += len(ids)
    return totals


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rooms", type=int, default=40)
    parser.add_argument("--residents", type=int, default=1000, help="archives per room")
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    use_quick_setup()
    from psyroom.demo.service import fill_demo_data
    from psyroom.installation import Installation
    from psyroom.reports.pdf import write_pdf

    month = (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        room = Installation(folder / "room").initialise(
            site_kind="room", room_type="village", site_code="BENCH-R",
            site_name="北城村心理咨询室", admin_name=ADMIN, admin_password=PASSWORD).session
        fill_demo_data(room, residents=args.residents, months=args.months, seed=1)
        room_s = _timed(args.runs, lambda: room.reports.monthly(month))
        report = room.reports.monthly(month)
        room_pdf = _timed(args.runs, lambda: write_pdf(report, folder / "room.pdf"))
        room.close()

        office = Installation(folder / "office").initialise(
            site_kind="office", room_type="street", site_code="BENCH-JD", site_name="山城街道",
            admin_name=ADMIN, admin_password=PASSWORD).session
        start = time.perf_counter()
        totals = fill_office(office, rooms=args.rooms, residents=args.residents,
                             months=args.months)
        fill_s = time.perf_counter() - start
        office_s = _timed(args.runs, lambda: office.reports.monthly(month))
        big = office.reports.monthly(month)
        office_pdf = _timed(args.runs, lambda: write_pdf(big, folder / "office.pdf"))
        pages = (folder / "office.pdf").read_bytes().count(b"/Type /Page\n")
        office.close()

    print(f"street: {args.rooms} rooms × {args.residents} archives, {args.months} months: "
          + ", ".join(f"{k} {v:,}" for k, v in totals.items()) + f" (filled in {fill_s:.1f} s)")
    print("| figure | seconds | target |")
    print("|---|---|---|")
    print(f"| room report, figures ({month}) | {room_s:.3f} | < 1 s with the PDF |")
    print(f"| room report, PDF | {room_pdf:.3f} | |")
    print(f"| room report, total | {room_s + room_pdf:.3f} | < 1 s |")
    print(f"| office report, figures | {office_s:.3f} | |")
    print(f"| office report, PDF ({pages or '?'} pages) | {office_pdf:.3f} | |")
    print(f"| office report, total | {office_s + office_pdf:.3f} | < 3 s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
