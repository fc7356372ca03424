"""Which rows a report counts: the whole database, or (at the office) one room's rows.

Later capabilities add tables (referrals, bundles); a query uses a table only when it exists,
so the report works on every schema between today's and theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, inspect

from psyroom.records import fetch_all


@dataclass(frozen=True)
class Scope:
    site_id: str | None  # None: every row; else rows whose origin_site is this room
    tables: frozenset[str]
    columns: dict[str, frozenset[str]]

    @classmethod
    def of(cls, conn: Connection, site_id: str | None) -> Scope:
        insp = inspect(conn)
        tables = frozenset(insp.get_table_names())
        wanted = ("referrals", "residents", "followups", "activity_participants", "sites",
                  "sync_received")
        columns = {t: frozenset(c["name"] for c in insp.get_columns(t))
                   for t in wanted if t in tables}
        return cls(site_id, tables, columns)

    def has(self, table: str, column: str | None = None) -> bool:
        if table not in self.tables:
            return False
        return column is None or column in self.columns.get(table, frozenset())

    def site(self, alias: str = "") -> str:
        """An SQL condition (to follow WHERE/AND) limiting rows to the scope's room."""
        prefix = f"{alias}." if alias else ""
        return f"{prefix}origin_site = :site" if self.site_id else "1 = 1"

    def rows(self, conn: Connection, sql: str, **params: Any) -> list[dict[str, Any]]:
        return fetch_all(conn, sql, site=self.site_id, **params)

    def scalar(self, conn: Connection, sql: str, **params: Any) -> int:
        rows = self.rows(conn, sql, **params)
        return int(next(iter(rows[0].values())) or 0) if rows else 0


    @property
    def person_key(self) -> str:
        """The person behind resident row ``r`` (use with ``person_join``).

        At the office a person known to several rooms has one archive per room, linked in
        ``person_links`` (bundles contract); an archive merged into another is that other.
        """
        if "person_links" in self.tables:
            return "coalesce(pl.person_id, r.merged_into, r.id)"
        return "coalesce(r.merged_into, r.id)"

    @property
    def person_join(self) -> str:
        if "person_links" in self.tables:
            return " LEFT JOIN person_links pl ON pl.resident_id = r.id "
        return " "
