"""Test helper only: an office database holding several rooms' rows, made before USB bundles
exist by running the room demo generator in real room databases and copying their rows in
through SQLAlchemy Core, as an import would leave them (docs/bundles.md of issue 10: rooms
are ``sites`` rows, every row keeps its room's ``origin_site``, people known to several rooms
are linked in ``person_links``)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, MetaData, Table, Text, insert, inspect, select

from psyroom.clock import new_id
from psyroom.session import Session
from tests.core.reports_helpers import make_room

COPIED = ("residents", "resident_tags", "consultations", "assessments", "crisis_events",
          "followups", "activities", "activity_participants", "users")
ROOMS = (("R1", "北城村心理咨询室", "village", 160, 11),
         ("R2", "东关村心理咨询室", "village", 120, 12),
         ("R3", "第一中学心理辅导室", "school", 80, 13))


def person_links_table(meta: MetaData) -> Table:
    # The bundles worker's table, as its contract describes it; created here only until
    # migration 0005 lands.
    return Table("person_links", meta, Column("resident_id", Text, primary_key=True),
                 Column("person_id", Text, nullable=False),
                 Column("id_number", Text, nullable=False))


def copy_room(room: Session, office: Session) -> None:
    src = room.db.connection
    dst_meta = MetaData()
    with office.db.unit_of_work() as dst:
        sites = Table("sites", dst_meta, autoload_with=dst)
        me = src.execute(select(Table("sites", MetaData(), autoload_with=src))).mappings().one()
        dst.execute(insert(sites).values({**me, "is_self": False}))
        taken = {r[0] for r in dst.exec_driver_sql(
            "SELECT id_number FROM residents WHERE id_number IS NOT NULL")}
        for name in COPIED:
            table = Table(name, MetaData(), autoload_with=src)
            rows = [dict(r) for r in src.execute(select(table)).mappings()]
            if name == "users":
                for r in rows:
                    r["username"] = f"{me['code']}-{r['username']}".lower()
            if name == "residents":
                for r in rows:
                    if r["id_number"] in taken:
                        r["id_number"] = None
            if rows:
                dst.execute(insert(Table(name, dst_meta, autoload_with=dst)), rows)
    src.rollback()


def build_office(folder: Path) -> tuple[Session, list[Session]]:
    office = make_room(folder / "office", code="SC-JD", name="山城街道综治中心",
                       residents=0, seed=0, kind="office", room_type="street")
    rooms = [make_room(folder / code, code=code, name=name, residents=n, seed=seed,
                       room_type=rtype) for code, name, rtype, n, seed in ROOMS]
    for room in rooms:
        copy_room(room, office)
    with office.db.unit_of_work() as conn:
        if "person_links" not in inspect(conn).get_table_names():
            person_links_table(MetaData()).create(conn)
    return office, rooms


def link_same_person(office: Session, resident_id: str, other_site: str,
                     started_at: str) -> str:
    """The same person archived again at another room and counselled there too."""
    with office.db.unit_of_work() as conn:
        row = dict(conn.exec_driver_sql("SELECT * FROM residents WHERE id = ?",
                                        (resident_id,)).mappings().one())
        twin = {**row, "id": new_id(), "origin_site": other_site, "id_number": None}
        meta = MetaData()
        conn.execute(insert(Table("residents", meta, autoload_with=conn)).values(twin))
        links = Table("person_links", meta, autoload_with=conn)
        number = row["id_number"] or "synthetic-" + resident_id
        conn.execute(insert(links), [
            {"resident_id": resident_id, "person_id": resident_id, "id_number": number},
            {"resident_id": twin["id"], "person_id": resident_id, "id_number": number}])
        consult = dict(conn.exec_driver_sql(
            "SELECT * FROM consultations WHERE resident_id = ? LIMIT 1",
            (resident_id,)).mappings().one())
        conn.execute(insert(Table("consultations", meta, autoload_with=conn)).values(
            {**consult, "id": new_id(), "origin_site": other_site, "resident_id": twin["id"],
             "started_at": started_at, "participants": "[]"}))
    return str(twin["id"])
