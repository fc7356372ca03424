"""SQL for resident archives. Only the residents service calls this."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, update

from psyroom.clock import new_id, new_ids, utc_now_iso
from psyroom.residents.model import FIELD_NAMES, Resident, ResidentFields, stored_fields
from psyroom.residents.pinyin import pinyin_keys
from psyroom.residents.risk import open_crisis_levels
from psyroom.storage.connection import page_cache
from psyroom.storage.schema import population_tags, resident_history, resident_tags, residents


def _row_values(data: ResidentFields) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in FIELD_NAMES}
    values["pinyin"], values["initials"] = pinyin_keys(data.name)
    return values


def insert_resident(conn: Connection, data: ResidentFields, *, site_id: str,
                    at: str | None = None) -> str:
    now = at or utc_now_iso()
    resident_id = new_id()
    conn.execute(insert(residents).values(id=resident_id, origin_site=site_id, version=1,
                                          created_at=now, updated_at=now, **_row_values(data)))
    set_tags(conn, resident_id, data.tags)
    return resident_id


# Page cache for a bulk write, in KiB (SQLite's default is 2 MiB). A 50,000-row import
# touches ~80 MB of table and index pages; with the default cache, pages spilled to the WAL
# mid-transaction were encrypted and written again and again (30% of the import's CPU).
BULK_CACHE_KIB = 64 * 1024


@contextmanager
def bulk_cache(conn: Connection) -> Iterator[None]:
    """A larger page cache for one bulk write on this connection, given back afterwards."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with page_cache(raw, BULK_CACHE_KIB):
        yield


_fields_of = attrgetter(*FIELD_NAMES)


def insert_many(conn: Connection, rows: Sequence[ResidentFields], *, site_id: str) -> list[str]:
    """Bulk insert for imports and demo data (one executemany per table)."""
    now = utc_now_iso()
    ids = new_ids(len(rows))
    if not rows:
        return ids
    # Straight to the DB-API handle, inside the caller's transaction: SQLAlchemy's per-row
    # parameter processing cost more than the inserts themselves at 50,000 rows.
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.executemany(_INSERT_RESIDENT, [
        (rid, site_id, 1, now, now, *_fields_of(data),
         *pinyin_keys(data.name)) for rid, data in zip(ids, rows, strict=True)])
    # The record columns are written here, not left to the change-tracking trigger that
    # fills them in (psyroom/sync/tracking.py): that costs an UPDATE of every row inserted.
    tag_rows = [(rid, tag, site_id, now, now) for rid, data in zip(ids, rows, strict=True)
                for tag in sorted(data.tags)]
    if tag_rows:
        raw.executemany("INSERT INTO resident_tags (resident_id, tag_code, origin_site, "
                        "created_at, updated_at) VALUES (?, ?, ?, ?, ?)", tag_rows)
    return ids


_INSERT_COLUMNS = ("id", "origin_site", "version", "created_at", "updated_at", *FIELD_NAMES,
                   "pinyin", "initials")
_INSERT_RESIDENT = (f"INSERT INTO residents ({', '.join(_INSERT_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_INSERT_COLUMNS))})")


def update_resident(conn: Connection, resident_id: str, data: ResidentFields) -> None:
    conn.execute(update(residents).where(residents.c.id == resident_id).values(
        updated_at=utc_now_iso(), version=residents.c.version + 1, **_row_values(data)))
    set_tags(conn, resident_id, data.tags)


def set_tags(conn: Connection, resident_id: str, tags: Iterable[str]) -> None:
    conn.execute(delete(resident_tags).where(resident_tags.c.resident_id == resident_id))
    rows = [{"resident_id": resident_id, "tag_code": t} for t in sorted(set(tags))]
    if rows:
        conn.execute(insert(resident_tags), rows)


def tags_of(conn: Connection, resident_ids: Sequence[str]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {rid: set() for rid in resident_ids}
    for start in range(0, len(resident_ids), 500):
        chunk = resident_ids[start:start + 500]
        for rid, tag in conn.execute(select(resident_tags.c.resident_id, resident_tags.c.tag_code)
                                     .where(resident_tags.c.resident_id.in_(chunk))):
            found[rid].add(tag)
    return {rid: frozenset(tags) for rid, tags in found.items()}


def _to_resident(row: Any, tags: frozenset[str], crisis: str | None = None) -> Resident:
    m = row._mapping
    values = {name: m[name] for name in FIELD_NAMES}
    values["smd_registered"] = bool(values["smd_registered"])
    return Resident(**values, tags=tags, id=m["id"], origin_site=m["origin_site"],
                    version=m["version"], created_at=m["created_at"],
                    updated_at=m["updated_at"], anonymised=bool(m["anonymised"]),
                    merged_into=m["merged_into"], open_crisis_level=crisis)


def get(conn: Connection, resident_id: str) -> Resident | None:
    row = conn.execute(select(residents).where(residents.c.id == resident_id)).first()
    if row is None:
        return None
    return _to_resident(row, tags_of(conn, [resident_id])[resident_id],
                        open_crisis_levels(conn, [resident_id]).get(resident_id))


def _archive_rows(raw: Any, columns: Sequence[str], resident_ids: Sequence[str]
                  ) -> tuple[dict[str, tuple[Any, ...]], dict[str, set[str]]]:
    """These archives' rows (``id`` first, then ``columns``) and category codes, by id.

    Through the DB-API handle: a search page is read on every keystroke, and SQLAlchemy's
    row objects cost more than the rows themselves. A re-imported register asks for every
    archive it matches: past 2,000 ids, one pass over each table beats thousands of lookups
    by key."""
    select_rows = f"SELECT id, {', '.join(columns)} FROM residents"
    wanted = set(resident_ids)
    rows: dict[str, tuple[Any, ...]] = {}
    tags: dict[str, set[str]] = {}
    if len(wanted) > 2000:
        for row in raw.execute(select_rows):
            if row[0] in wanted:
                rows[row[0]] = row
        tags = {rid: set() for rid in rows}
        for rid, tag in raw.execute("SELECT resident_id, tag_code FROM resident_tags"):
            if rid in tags:
                tags[rid].add(tag)
        return rows, tags
    ordered = list(wanted)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        marks = f"({','.join('?' * len(chunk))})"
        for row in raw.execute(f"{select_rows} WHERE id IN {marks}", chunk):
            rows[row[0]] = row
            tags[row[0]] = set()
        for rid, tag in raw.execute("SELECT resident_id, tag_code FROM resident_tags "
                                    f"WHERE resident_id IN {marks}", chunk):
            tags[rid].add(tag)
    return rows, tags


_ROW_COLUMNS = ("id", *FIELD_NAMES, "origin_site", "version", "created_at", "updated_at",
                "anonymised", "merged_into")


def get_many(conn: Connection, resident_ids: Sequence[str], *,
             crises: bool = True) -> list[Resident]:
    """In the order asked for. ``crises=False`` (an import comparing stored fields) leaves
    open crises unlooked-up."""
    if not resident_ids:
        return []
    rows, tags = _archive_rows(conn.connection.dbapi_connection, _ROW_COLUMNS[1:],
                               resident_ids)
    levels = open_crisis_levels(conn, list(rows)) if crises else {}
    out = []
    for rid in resident_ids:
        if rid not in rows:
            continue
        found = dict(zip(_ROW_COLUMNS, rows[rid], strict=True))
        found["smd_registered"] = bool(found["smd_registered"])
        found["anonymised"] = bool(found["anonymised"])
        out.append(Resident(**found, tags=frozenset(tags[rid]),
                            open_crisis_level=levels.get(rid)))
    return out


def fields_many(conn: Connection, resident_ids: Sequence[str]) -> dict[str, ResidentFields]:
    """The stored fields and tags of these archives (an import comparing its rows with
    them): no open crises, no record columns, no Resident objects."""
    rows, tags = _archive_rows(conn.connection.dbapi_connection, FIELD_NAMES, resident_ids)
    return {rid: stored_fields(row, frozenset(tags[rid])) for rid, row in rows.items()}


def id_by_id_number(conn: Connection, id_number: str) -> str | None:
    return conn.execute(select(residents.c.id).where(residents.c.id_number == id_number)).scalar()


def ids_by_name_birth(conn: Connection, name: str, birth_date: str | None) -> list[str]:
    query = select(residents.c.id).where(and_(residents.c.name == name,
                                              residents.c.merged_into.is_(None)))
    if birth_date:
        query = query.where(residents.c.birth_date == birth_date)
    return list(conn.execute(query).scalars())


def all_id_numbers(conn: Connection) -> dict[str, str]:
    # DB-API rows: an import reads every resident here, SQLAlchemy rows cost 3x as much.
    raw = conn.connection.dbapi_connection
    assert raw is not None
    return dict(raw.execute("SELECT id_number, id FROM residents "
                            "WHERE id_number IS NOT NULL"))


def all_name_births(conn: Connection) -> dict[tuple[str, str | None], str]:
    raw = conn.connection.dbapi_connection
    assert raw is not None
    return {(name, birth): rid for name, birth, rid in raw.execute(
        "SELECT name, birth_date, id FROM residents WHERE merged_into IS NULL")}


def import_digests(conn: Connection) -> list[tuple[str, bytes, str | None, str, str | None]]:
    """(archive, digest, id_number, name, birth_date) of each archive an import's row left
    as it is (psyroom/residents/importer/digests.py)."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    return raw.execute(
        "SELECT d.resident_id, d.digest, r.id_number, r.name, r.birth_date "
        "FROM import_row_digests d JOIN residents r ON r.id = d.resident_id "
        "WHERE r.merged_into IS NULL AND NOT r.anonymised").fetchall()


def store_import_digests(conn: Connection, rows: Sequence[tuple[str, bytes]]) -> None:
    if rows:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.executemany("INSERT OR REPLACE INTO import_row_digests (resident_id, digest) "
                        "VALUES (?, ?)", rows)


def add_history(conn: Connection, resident_id: str, kind: str, *, site_id: str,
                actor_id: str | None, actor_name: str | None,
                detail: dict[str, Any] | None = None, at: str | None = None) -> None:
    conn.execute(insert(resident_history).values(
        id=new_id(), resident_id=resident_id, origin_site=site_id, at=at or utc_now_iso(),
        actor_id=actor_id, actor_name=actor_name, kind=kind,
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)))


def add_history_many(conn: Connection, resident_ids: Sequence[str], kind: str, *, site_id: str,
                     actor_id: str | None, actor_name: str | None,
                     detail: dict[str, Any] | None = None) -> None:
    now = utc_now_iso()
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    if resident_ids:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        # Record columns written here too (see insert_many).
        raw.executemany(
            "INSERT INTO resident_history (id, resident_id, origin_site, at, actor_id, "
            "actor_name, kind, detail, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(hid, rid, site_id, now, actor_id, actor_name, kind, text, now, now)
             for hid, rid in zip(new_ids(len(resident_ids)), resident_ids, strict=True)])


def history(conn: Connection, resident_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(select(resident_history).where(
        resident_history.c.resident_id == resident_id).order_by(resident_history.c.at))
    return [dict(r._mapping) | {"detail": json.loads(r._mapping["detail"])} for r in rows]


def move_history(conn: Connection, from_id: str, to_id: str) -> None:
    conn.execute(update(resident_history).where(resident_history.c.resident_id == from_id)
                 .values(resident_id=to_id))


def tag_table(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(population_tags).where(population_tags.c.active.is_(True))
                        .order_by(population_tags.c.group_zh, population_tags.c.name_zh))
    return [dict(r._mapping) for r in rows]


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(residents)
                            .where(residents.c.merged_into.is_(None))).scalar() or 0)


def browse(conn: Connection, filters: Any, *, offset: int, limit: int, text: str = ""
           ) -> tuple[int, list[str]]:
    """A page of residents by the search rules, straight from the table (search_sql.py)."""
    from psyroom.residents import search_sql

    return search_sql.browse(conn.connection.dbapi_connection, filters, offset=offset,
                             limit=limit, text=text)


def villages(conn: Connection) -> list[str]:
    rows = conn.execute(select(residents.c.village).distinct()
                        .where(residents.c.village.is_not(None),
                               residents.c.merged_into.is_(None)))
    return sorted(v for v in rows.scalars() if v)
