"""Applying a verified bundle's records: SQLAlchemy Core only, no SQLite-only SQL, so a
county tier on PostgreSQL can reuse it.

Per record the higher ``version`` wins; equal versions with different content are settled by
comparing the rows' canonical text, so the result never depends on import order or on any
clock. A tombstone deletes the row and stays, so an older copy arriving later cannot bring
it back. A bundle may only carry its own room's records (``origin_site`` = the sender).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Connection,
    MetaData,
    Table,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy import update as sa_update

from psyroom.errors import Cancelled
from psyroom.progress import CancelCheck, Progress
from psyroom.storage.schema import person_links, sync_tombstones
from psyroom.sync.tables import NEVER_TRAVEL, UPLINK_TABLES, Travelling

CHUNK = 500
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    rejected: int = 0
    by_table: dict[str, int] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        for name in ("new", "updated", "deleted", "unchanged", "rejected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for k, v in other.by_table.items():
            self.by_table[k] = self.by_table.get(k, 0) + v

    def as_dict(self) -> dict[str, Any]:
        return {"new": self.new, "updated": self.updated, "deleted": self.deleted,
                "unchanged": self.unchanged, "rejected": self.rejected}


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _canonical(row: dict[str, Any]) -> str:
    norm = {k: (int(v) if isinstance(v, bool) else v) for k, v in row.items()}
    return json.dumps(norm, sort_keys=True, ensure_ascii=False)


def _valid_rows(spec: Any, allowed: set[str]) -> tuple[list[dict[str, Any]], int]:
    if not isinstance(spec, dict):
        return [], 0
    columns, rows = spec.get("columns"), spec.get("rows")
    if not isinstance(rows, list):
        return [], 0
    if (not isinstance(columns, list) or not all(isinstance(c, str) for c in columns)
            or not {"id", "version", "origin_site"} <= set(columns) & allowed):
        return [], len(rows)
    # A repeated column name: the last one counts, as it would in a dict.
    keep = {c: i for i, c in enumerate(columns) if c in allowed}
    names, pick, width = list(keep), itemgetter(*keep.values()), len(columns)
    id_at, version_at = names.index("id"), names.index("version")
    good: list[dict[str, Any]] = []
    bad = 0
    for raw in rows:
        # JSON gives exactly these types; a list or an object in a cell is refused.
        if (not isinstance(raw, list) or len(raw) != width
                or not _SCALAR_TYPES.issuperset(map(type, raw))):
            bad += 1
            continue
        values = pick(raw)
        version = values[version_at]
        if (not isinstance(values[id_at], str) or not isinstance(version, int)
                or version < 1):
            bad += 1
            continue
        good.append(dict(zip(names, values, strict=True)))
    return good, bad


class Applier:
    def __init__(self, conn: Connection, sender: str,
                 reflected: dict[str, Table] | None = None) -> None:
        self.conn = conn
        self.sender = sender
        self.existing = set(inspect(conn).get_table_names())
        # Reflection is the slow part of a small bundle: one cache for a batch of bundles.
        self._tables: dict[str, Table] = {} if reflected is None else reflected

    def table(self, name: str) -> Table:
        if name not in self._tables:
            self._tables[name] = Table(name, MetaData(), autoload_with=self.conn)
        return self._tables[name]

    def apply(self, body: dict[str, Any], *, progress: Progress | None = None,
              cancel: CancelCheck | None = None) -> Counts:
        counts = Counts()
        tables = body.get("tables") if isinstance(body.get("tables"), dict) else {}
        assert isinstance(tables, dict)
        wanted = [t for t in UPLINK_TABLES if t.name in tables and t.name in self.existing
                  and t.name not in NEVER_TRAVEL]
        for done, t in enumerate(wanted):
            if cancel is not None and cancel():
                raise Cancelled()
            counts.add(self._apply_table(t, tables[t.name]))
            if progress is not None:
                progress(done + 1, len(wanted) + 1)
        unknown = [name for name in tables if name not in {t.name for t in wanted}]
        for name in unknown:
            spec = tables[name]
            rows = spec.get("rows") if isinstance(spec, dict) else None
            counts.rejected += len(rows) if isinstance(rows, list) else 0
        tombs = body.get("tombstones")
        counts.add(self._apply_tombstones(tombs if isinstance(tombs, list) else []))
        return counts

    # -- rows ------------------------------------------------------------------------------
    def _apply_table(self, spec: Travelling, data: Any) -> Counts:
        table = self.table(spec.name)
        writable = {c.name for c in table.columns} - set(spec.generated)
        rows, bad = _valid_rows(data, {c.name for c in table.columns})
        counts = Counts(rejected=bad)
        ids = [r["id"] for r in rows]
        current: dict[str, tuple[int, str]] = {}
        tombs: dict[str, int] = {}
        # One statement each, the ids bound as a list: SQLAlchemy compiles it once per table.
        have = select(table.c.id, table.c.version, table.c.origin_site).where(
            table.c.id.in_(bindparam("ids", expanding=True)))
        buried = select(sync_tombstones.c.row_id, sync_tombstones.c.version).where(
            sync_tombstones.c.tbl == spec.name,
            sync_tombstones.c.row_id.in_(bindparam("ids", expanding=True)))
        for chunk in _chunks(ids):
            for rid, version, origin in self.conn.execute(have, {"ids": chunk}):
                current[str(rid)] = (int(version), str(origin))
            for rid, version in self.conn.execute(buried, {"ids": chunk}):
                tombs[str(rid)] = int(version)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        ties: list[dict[str, Any]] = []
        for row in rows:
            rid, version = row["id"], row["version"]
            if row["origin_site"] != self.sender:
                counts.rejected += 1
            elif tombs.get(rid, 0) >= version:
                counts.unchanged += 1
            elif rid not in current:
                inserts.append(row)
            elif current[rid][1] != self.sender:
                counts.rejected += 1
            elif version > current[rid][0]:
                updates.append(row)
            elif version == current[rid][0]:
                ties.append(row)
            else:
                counts.unchanged += 1
        if ties:
            updates += self._tie_winners(table, ties, counts)
        holds_number = "id_number" in writable
        later: dict[str, Any] = {}
        if holds_number:
            # A number moving between archives (a merge) must never collide half-way: rows
            # whose number another archive still holds get it only after every row is in.
            later = self._held_elsewhere(table, inserts + updates)
            for r in inserts + updates:
                if r["id"] in later:
                    r["id_number"] = None
        if inserts:
            self._insert_rows(table, [c for c in inserts[0] if c in writable], inserts)
        if updates:
            self._update_rows(table, writable, updates)
        if holds_number:
            counts.rejected += self._set_numbers(table, later)
            self._link_all({r["id"]: r.get("id_number") for r in inserts + updates
                            if r["id"] not in later})
        counts.new += len(inserts)
        counts.updated += len(updates)
        counts.by_table[spec.name] = len(inserts) + len(updates)
        return counts

    def _tie_winners(self, table: Table, ties: list[dict[str, Any]], counts: Counts
                     ) -> list[dict[str, Any]]:
        mine: dict[str, dict[str, Any]] = {}
        for chunk in _chunks([r["id"] for r in ties]):
            for m in self.conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                mine[str(m["id"])] = dict(m)
        winners = []
        for row in ties:
            old = mine[row["id"]]
            theirs = _canonical(row)
            ours = _canonical({k: old.get(k) for k in row})
            if theirs > ours:
                winners.append(row)
            else:
                counts.unchanged += 1
        return winners

    def _insert_rows(self, table: Table, cols: list[str], rows: list[dict[str, Any]]
                     ) -> None:
        """The INSERT is compiled by SQLAlchemy for this connection's dialect, and the rows go
        to the driver's executemany as they are: Core's per-row parameter processing cost a
        fifth of a month's import. Every value is a JSON scalar (see _valid_rows), which a
        driver binds without help."""
        compiled = insert(table).compile(dialect=self.conn.dialect, column_keys=cols)
        sql = str(compiled)
        params: list[Any]
        if compiled.positional:
            order = list(compiled.positiontup or ())
            pick = itemgetter(*order)
            params = [pick(r) for r in rows] if len(order) > 1 else [
                (r[order[0]],) for r in rows]
        else:
            # A named paramstyle (PostgreSQL's drivers) may spell awkward names its own way.
            escaped: dict[str, str] = dict(compiled.escaped_bind_names or {})
            params = [{escaped.get(c, c): r[c] for c in cols} for r in rows]
        for start in range(0, len(params), CHUNK):
            self.conn.exec_driver_sql(sql, params[start:start + CHUNK])

    def _update_rows(self, table: Table, writable: set[str], rows: list[dict[str, Any]]
                     ) -> None:
        cols = [c for c in rows[0] if c in writable and c != "id"]
        stmt = sa_update(table).where(table.c.id == bindparam("k_id")).values(
            {c: bindparam(f"v_{c}") for c in cols})
        for chunk in _chunks(rows):
            self.conn.execute(stmt, [{"k_id": r["id"], **{f"v_{c}": r.get(c) for c in cols}}
                                     for r in chunk])

    def _held_elsewhere(self, table: Table, rows: list[dict[str, Any]]) -> dict[str, Any]:
        wanted = {r["id_number"]: r["id"] for r in rows if r.get("id_number")}
        later: dict[str, Any] = {}
        for chunk in _chunks(list(wanted)):
            for holder, number in self.conn.execute(select(table.c.id, table.c.id_number).where(
                    table.c.origin_site == self.sender, table.c.id_number.in_(chunk))):
                if holder != wanted[number]:
                    later[wanted[number]] = number
        return later

    def _set_numbers(self, table: Table, later: dict[str, Any]) -> int:
        rejected = 0
        for rid, number in later.items():
            holder = self.conn.execute(select(table.c.id, table.c.merged_into).where(
                table.c.origin_site == self.sender, table.c.id_number == number,
                table.c.id != rid)).first()
            if holder is not None:
                if holder[1] is None:
                    # The bundle that moves the number away from the other archive has not
                    # arrived yet: keep this one without it rather than guess.
                    rejected += 1
                    self._link_all({rid: None})
                    continue
                self.conn.execute(sa_update(table).where(table.c.id == holder[0])
                                  .values(id_number=None))
                self._link_all({str(holder[0]): None})
            self.conn.execute(sa_update(table).where(table.c.id == rid)
                              .values(id_number=number))
            self._link_all({rid: number})
        return rejected

    def _link_all(self, numbers: dict[str, Any]) -> None:
        """Same ID number from several rooms: one person, several archives (never merged).
        The person id is the first archive the office saw with that number."""
        ids = list(numbers)
        for chunk in _chunks(ids):
            self.conn.execute(delete(person_links).where(person_links.c.resident_id.in_(chunk)))
        wanted = {n for n in numbers.values() if n}
        person: dict[str, str] = {}
        for chunk in _chunks(sorted(wanted)):
            for number, pid in self.conn.execute(select(
                    person_links.c.id_number, func.min(person_links.c.person_id)).where(
                    person_links.c.id_number.in_(chunk)).group_by(person_links.c.id_number)):
                person[str(number)] = str(pid)
        links = []
        for rid, number in numbers.items():
            if number:
                pid = person.setdefault(str(number), rid)
                links.append({"resident_id": rid, "person_id": pid, "id_number": number})
        for chunk in _chunks(links):
            self.conn.execute(insert(person_links), chunk)

    # -- tombstones ------------------------------------------------------------------------
    def _apply_tombstones(self, tombs: list[Any]) -> Counts:
        counts = Counts()
        names = {t.name for t in UPLINK_TABLES if t.name in self.existing}
        by_table: dict[str, dict[str, list[Any]]] = {}
        for item in tombs:
            if (not isinstance(item, list) or len(item) != 5 or item[0] not in names
                    or not isinstance(item[1], str) or not isinstance(item[3], int)
                    or item[2] != self.sender):
                counts.rejected += 1
                continue
            by_table.setdefault(item[0], {})[item[1]] = item
        for tbl, items in by_table.items():
            table = self.table(tbl)
            known: dict[str, int] = {}
            rows: dict[str, tuple[int, str]] = {}
            for chunk in _chunks(list(items)):
                for rid, version in self.conn.execute(select(
                        sync_tombstones.c.row_id, sync_tombstones.c.version).where(
                        sync_tombstones.c.tbl == tbl, sync_tombstones.c.row_id.in_(chunk))):
                    known[str(rid)] = int(version)
                for rid, version, origin in self.conn.execute(select(
                        table.c.id, table.c.version, table.c.origin_site).where(
                        table.c.id.in_(chunk))):
                    rows[str(rid)] = (int(version), str(origin))
            apply: list[list[Any]] = []
            for rid, item in items.items():
                version = item[3]
                if known.get(rid, 0) >= version or (rid in rows and rows[rid][0] > version):
                    counts.unchanged += 1
                elif rid in rows and rows[rid][1] != self.sender:
                    counts.rejected += 1
                else:
                    apply.append(item)
            gone = [item[1] for item in apply]
            for chunk in _chunks(gone):
                self.conn.execute(delete(table).where(table.c.id.in_(chunk)))
                self.conn.execute(delete(sync_tombstones).where(
                    sync_tombstones.c.tbl == tbl, sync_tombstones.c.row_id.in_(chunk)))
            if tbl == "residents" and gone:
                self._link_all(dict.fromkeys(gone))
            for chunk in _chunks(apply):
                self.conn.execute(insert(sync_tombstones), [
                    {"tbl": tbl, "row_id": i[1], "origin_site": i[2], "version": i[3],
                     "deleted_at": str(i[4])} for i in chunk])
            counts.deleted += len(apply)
        return counts
