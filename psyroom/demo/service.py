"""``psyroom demo-data``: fill the current site with synthetic records."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from psyroom.demo.counselling import make_counselling
from psyroom.demo.residents import make_residents
from psyroom.errors import InvalidInput
from psyroom.followups.service import MARK_LOST_SQL
from psyroom.records import fetch_all, insert_records
from psyroom.referrals.demo import add_demo_referrals
from psyroom.residents import repository as repo
from psyroom.security.roles import Permission
from psyroom.session import Session

CHUNK = 5000


@dataclass(frozen=True)
class DemoSummary:
    residents: int
    records: dict[str, int]


def fill_demo_data(session: Session, *, residents: int, months: int = 12,
                   seed: int = 1) -> DemoSummary:
    session.require(Permission.WRITE_RESIDENTS)
    if residents < 0 or not 0 <= months <= 120:
        raise InvalidInput("setting_invalid", name="residents/months")
    people = make_residents(residents, seed=seed, site_name=session.site.name)

    def work(conn: Connection) -> DemoSummary:
        existing = repo.all_id_numbers(conn)
        fresh = [p for p in people if not p.id_number or p.id_number not in existing]
        for start in range(0, len(fresh), CHUNK):
            chunk = fresh[start:start + CHUNK]
            ids = repo.insert_many(conn, chunk, site_id=session.site.id)
            repo.add_history_many(conn, ids, "created", site_id=session.site.id,
                                  actor_id=session.user.id, actor_name=session.user.username,
                                  detail={"source": "demo"})
        people_rows = fetch_all(conn, "SELECT id, smd_registered FROM residents WHERE "
                                "merged_into IS NULL AND status = 'active'")
        records = make_counselling(random.Random(seed), people_rows, months=months,
                                   counsellor=(session.user.id, session.user.display_name),
                                   today=date.today())
        for table, rows in records.items():
            for start in range(0, len(rows), CHUNK):
                insert_records(conn, table, rows[start:start + CHUNK], site_id=session.site.id)
        # A follow-up that records a death marks the archive, as a typed one does.
        for row in records["followups"]:
            if row["death_date"]:
                conn.exec_driver_sql("UPDATE residents SET status = 'deceased', "
                                     "version = version + 1 WHERE id = ?",
                                     (row["resident_id"],))
        # A latest visit that recorded why the patient is lost marks the archive 失访.
        conn.exec_driver_sql(MARK_LOST_SQL)
        counts = {k: len(v) for k, v in records.items()}
        counts["referrals"] = add_demo_referrals(
            conn, random.Random(seed), site=session.site,
            worker=(session.user.id, session.user.display_name), today=date.today())
        return DemoSummary(residents=len(fresh), records=counts)

    summary = session._write("demo_data_generated", work, target_kind="site",
                             detail={"residents": residents, "months": months, "seed": seed})
    session.residents.forget_index()
    return summary
