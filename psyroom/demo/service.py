"""``psyroom demo-data``: fill the current site with synthetic records."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from psyroom.demo.residents import make_residents
from psyroom.residents import repository as repo
from psyroom.security.roles import Permission
from psyroom.session import Session

CHUNK = 5000


@dataclass(frozen=True)
class DemoSummary:
    residents: int


def fill_demo_data(session: Session, *, residents: int, months: int = 12,
                   seed: int = 1) -> DemoSummary:
    session.require(Permission.WRITE_RESIDENTS)
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
        return DemoSummary(residents=len(fresh))

    summary = session._write("demo_data_generated", work, target_kind="site",
                             detail={"residents": residents, "months": months, "seed": seed})
    session.residents.forget_index()
    return summary
