"""Office import of rooms' bundles, against a raw SQLCipher insert of the same rows.

    PYTHONPATH=. python -m bench.bundles [--rooms 40] [--residents 60000]
                                         [--consultations 300000]

Street scale is the default (about 60,000 residents and 300,000 consultations in 40 rooms).
Figures: the office importing every room's first full bundle (verify, decrypt, apply, one
transaction per bundle), the raw SQLCipher executemany of exactly the rows those bundles
carried into the same schema with the same batch settings (the baseline, taken in the same
run), their ratio (target <= 3x), and the import of one monthly incremental bundle per room
(target < 5 s): ten residents changed and a month's consultations, dated in the last 30 days.
CPU time is printed beside the imports' wall time (on a shared machine the wall clock also
counts the other processes). Then the office browsing one room's archives at that size:
opening the room's list (audited) with its first page, and a typed search kept to that room
(median of 5).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("PSYROOM_KDF_PROFILE", "fast")

from psyroom.demo.service import fill_demo_data
from psyroom.installation import Installation
from psyroom.records import fetch_all, insert_records
from psyroom.residents.model import ResidentFields
from psyroom.residents.search import SearchFilters
from psyroom.session import Session
from psyroom.storage import migrate
from psyroom.storage.database import Database
from psyroom.sync import keys
from psyroom.sync.fileformat import KeysFor, open_bundle
from psyroom.sync.join import initialise_joined
from psyroom.sync.tables import UPLINK_TABLES

PASSWORD = "Bench-Passw0rd!"
CHUNK = 5000


def _top_up_consultations(room: Session, target: int, *, since: date | None = None) -> None:
    """Copies of the room's consultations up to ``target``; with ``since``, dated in the 30
    days from then (a month's work, as the monthly bundle carries it)."""
    rows = fetch_all(room.db.connection, "SELECT * FROM consultations")
    room.db.connection.rollback()
    if not rows or len(rows) >= target:
        return
    skip = {"id", "origin_site", "version", "created_at", "updated_at"}
    extra: list[dict[str, Any]] = []
    rnd = random.Random(7)
    while len(rows) + len(extra) < target:
        row = {k: v for k, v in rnd.choice(rows).items() if k not in skip}
        if since is not None:
            start = datetime.combine(since, datetime.min.time()) + timedelta(
                days=rnd.randrange(30), minutes=rnd.randrange(8 * 60, 18 * 60))
            row["started_at"] = start.strftime("%Y-%m-%dT%H:%M")
            if row.get("next_appointment"):
                row["next_appointment"] = (start + timedelta(days=14)).strftime(
                    "%Y-%m-%dT%H:%M")
            if row.get("signed_at"):
                row["signed_at"] = start.isoformat()
        extra.append(row)

    def work(conn: Any) -> None:
        for start in range(0, len(extra), CHUNK):
            insert_records(conn, "consultations", extra[start:start + CHUNK],
                           site_id=room.site.id)

    room._write("bench_top_up", work)


def _month_of_work(room: Session, rnd: random.Random, consultations: int) -> None:
    people = fetch_all(room.db.connection, "SELECT id, name, gender FROM residents LIMIT 200")
    room.db.connection.rollback()
    for person in rnd.sample(people, min(10, len(people))):
        old = room.residents.open(person["id"])
        room.residents.update(person["id"], ResidentFields(
            name=old.name, gender=old.gender, birth_date=old.birth_date,
            id_number=old.id_number, village=old.village, risk_level="low"),
            expected_version=old.version)
    _top_up_consultations(room, len(fetch_all(room.db.connection,
                                              "SELECT id FROM consultations")) + consultations,
                          since=date.today() - timedelta(days=30))
    room.db.connection.rollback()


def _raw_baseline(office: Session, bundles: list[Path], root: Path) -> float:
    """Decode the bundles (untimed), then time a plain executemany of their rows."""
    enc = office._read(lambda c: keys.get(c, keys.OFFICE_ENC))
    assert enc is not None
    bodies = []
    for path in bundles:
        def keys_for(header: dict[str, Any]) -> KeysFor:
            from base64 import b64decode

            return KeysFor(b64decode(header["sign_pub"]), enc[0])

        bodies.append(open_bundle(path.read_bytes(), keys_for).body)
    db = Database.open(root / "baseline.db", os.urandom(32), create=True)
    migrate.upgrade(db)
    raw = db.raw
    generated = {t.name: set(t.generated) for t in UPLINK_TABLES}
    start = time.perf_counter()
    # The same page cache and WAL settings as the office's import of a batch of bundles, so
    # the ratio measures the import, not the settings.
    with db.batch_writes():
        for body in bodies:
            raw.execute("BEGIN")
            for name, spec in body["tables"].items():
                cols = [c for c in spec["columns"] if c not in generated.get(name, set())]
                idx = [spec["columns"].index(c) for c in cols]
                sql = (f"INSERT INTO {name} ({', '.join(cols)}) "
                       f"VALUES ({', '.join('?' for _ in cols)})")
                raw.executemany(sql, [[r[i] for i in idx] for r in spec["rows"]])
            raw.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def _browse(office: Session) -> tuple[float, float]:
    """One room's list as the office opens it, and a search typed into it (median of 5)."""
    site_id = office.bundles.room_status()[0].site_id
    scoped = SearchFilters(origin_site=site_id)

    def opened() -> float:
        start = time.perf_counter()
        office.bundles.browse_room(site_id)
        office.residents.search("", scoped, limit=50)
        return time.perf_counter() - start

    def typed() -> float:
        start = time.perf_counter()
        office.residents.search("zh", scoped, limit=50)
        return time.perf_counter() - start

    return (statistics.median(opened() for _ in range(5)),
            statistics.median(typed() for _ in range(5)))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rooms", type=int, default=40)
    p.add_argument("--residents", type=int, default=60_000)
    p.add_argument("--consultations", type=int, default=300_000)
    args = p.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-bundles-"))
    office = Installation(root / "office").initialise(
        site_kind="office", site_code="JD-01", site_name="基准街道", admin_name="benchadmin",
        admin_password=PASSWORD).session
    usb = root / "usb"
    usb.mkdir()
    rooms: list[Installation] = []
    full: list[Path] = []
    t0 = time.perf_counter()
    for i in range(args.rooms):
        code = f"R-{i + 1:02d}"
        enrol = root / f"{code}.json"
        office.bundles.enrol_room(code, f"基准{i + 1}号心理咨询室", out=enrol)
        inst = Installation(root / code)
        room = initialise_joined(inst, enrol, admin_name="benchadmin",
                                 admin_password=PASSWORD).session
        fill_demo_data(room, residents=args.residents // args.rooms, months=12, seed=i + 1)
        _top_up_consultations(room, args.consultations // args.rooms)
        full += room.bundles.export_bundle(usb, full=True)
        room.close()
        rooms.append(inst)
    setup = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), time.process_time()
    summary = office.bundles.import_bundles(full)
    imported, imported_cpu = time.perf_counter() - t1, time.process_time() - c1
    assert summary.refused == 0
    stats = office.stats()
    baseline = _raw_baseline(office, full, root)
    rnd = random.Random(3)
    monthly: list[Path] = []
    for inst in rooms:
        room = inst.unlock("benchadmin", PASSWORD)
        _month_of_work(room, rnd, args.consultations // args.rooms // 12)
        monthly += room.bundles.export_bundle(usb)
        room.close()
    t2, c2 = time.perf_counter(), time.process_time()
    inc = office.bundles.import_bundles(monthly)
    incremental, incremental_cpu = time.perf_counter() - t2, time.process_time() - c2
    assert inc.refused == 0
    browse_open, browse_typed = _browse(office)
    size = sum(p.stat().st_size for p in full)
    print(f"rooms {args.rooms}, residents {stats['residents']}, consultations "
          f"{stats['consultations']}, bundles {size / 1e6:.1f} MB (setup {setup:.0f} s)")
    # CPU time beside wall time: on a shared machine the wall clock also counts the others.
    print(f"office import of {args.rooms} full bundles: {imported:.2f} s "
          f"(CPU {imported_cpu:.2f} s)")
    print(f"raw SQLCipher insert of the same rows:   {baseline:.2f} s")
    print(f"ratio: {imported / baseline:.2f}x (target <= 3x)")
    print(f"office import of {args.rooms} monthly bundles: {incremental:.2f} s "
          f"(CPU {incremental_cpu:.2f} s; target < 5 s)")
    print(f"office browsing one room: list opened {browse_open * 1000:.0f} ms, "
          f"typed search {browse_typed * 1000:.0f} ms (median of 5)")
    office.close()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
