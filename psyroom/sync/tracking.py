"""Change tracking at a room: triggers that log every change for the next bundle.

Installed when a room's database is opened, for every table in the registry that exists,
so a table added by a later migration is tracked without its own trigger code, and a trigger
an older program wrote differently is replaced. Rows that were there before tracking began
are queued once. A stamp in ``meta`` (this program's triggers, the schema's cookie) lets an
open skip the check when nothing changed since the last one. The triggers also keep the record
columns honest where the writing code does not: an update always raises ``version``
(and, after a restore, jumps past what the room may have sent before), a row re-added after
a delete continues the deleted row's version, and a delete leaves a tombstone that travels.
The office imports with no triggers at all (see :mod:`psyroom.sync.apply`).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from sqlalchemy import Connection, insert, inspect, update

from psyroom.storage.schema import meta
from psyroom.sync.tables import UPLINK_TABLES

_NOW = "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')"
_FLOOR = "COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync_version_floor'), 0)"
_SELF = "(SELECT id FROM sites WHERE is_self = 1)"
_NAME = re.compile(r"CREATE TRIGGER (\w+) ")
# In ``meta``: which triggers the last full check installed, against which schema.
_STAMP_KEY = "sync_tracking"


def _trigger_sql(t: str) -> list[str]:
    tomb = f"SELECT 1 FROM sync_tombstones WHERE tbl = '{t}' AND row_id = NEW.id"
    # Three insert triggers with WHEN clauses, so a plain insert (the bulk of an import)
    # costs one index probe and one change-log row, not an UPDATE of its own.
    return [
        f"""CREATE TRIGGER sync_ins_{t} AFTER INSERT ON {t} BEGIN
  INSERT OR REPLACE INTO sync_changes (tbl, row_id) VALUES ('{t}', NEW.id);
END""",
        f"""CREATE TRIGGER sync_fill_{t} AFTER INSERT ON {t}
WHEN NEW.created_at = '' OR NEW.origin_site = '' BEGIN
  UPDATE {t} SET
    origin_site = CASE WHEN origin_site = '' THEN {_SELF} ELSE origin_site END,
    created_at = CASE WHEN created_at = '' THEN {_NOW} ELSE created_at END,
    updated_at = CASE WHEN updated_at = '' THEN {_NOW} ELSE updated_at END
  WHERE rowid = NEW.rowid;
END""",
        f"""CREATE TRIGGER sync_back_{t} AFTER INSERT ON {t} WHEN EXISTS ({tomb}) BEGIN
  UPDATE {t} SET version = max(version, (SELECT version + 1 FROM sync_tombstones
                                         WHERE tbl = '{t}' AND row_id = NEW.id))
  WHERE rowid = NEW.rowid;
  DELETE FROM sync_tombstones WHERE tbl = '{t}' AND row_id = NEW.id;
END""",
        # OLD.created_at = '' is the fill trigger at work: not a new version.
        f"""CREATE TRIGGER sync_upd_{t} AFTER UPDATE ON {t} WHEN OLD.created_at <> '' BEGIN
  UPDATE {t} SET version = max(OLD.version + 1, {_FLOOR})
  WHERE rowid = NEW.rowid AND (NEW.version <= OLD.version OR NEW.version < {_FLOOR});
  INSERT OR REPLACE INTO sync_changes (tbl, row_id) VALUES ('{t}', NEW.id);
END""",
        f"""CREATE TRIGGER sync_del_{t} AFTER DELETE ON {t} BEGIN
  INSERT OR REPLACE INTO sync_tombstones (tbl, row_id, origin_site, version, deleted_at)
  VALUES ('{t}', OLD.id, OLD.origin_site, max(OLD.version + 1, {_FLOOR}), {_NOW});
  INSERT OR REPLACE INTO sync_changes (tbl, row_id) VALUES ('{t}', OLD.id);
END""",
    ]


@cache
def _program_triggers() -> tuple[dict[str, dict[str, str]], str]:
    """Per table, this program's triggers by name; and a digest of all of them."""
    wanted = {t.name: {_NAME.match(sql).group(1): sql  # type: ignore[union-attr]
                       for sql in _trigger_sql(t.name)} for t in UPLINK_TABLES}
    text = "\n".join(sql for triggers in wanted.values() for sql in triggers.values())
    return wanted, hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _stamps(conn: Connection) -> tuple[str | None, str]:
    """The stamp the last full check left, and the one that fits now: this program's
    triggers and the schema as it is (SQLite's schema cookie moves at every CREATE, ALTER or
    DROP: a migration adding a table, a trigger dropped by hand). One statement."""
    kept, cookie = conn.exec_driver_sql(
        "SELECT (SELECT value FROM meta WHERE key = ?), schema_version "
        "FROM pragma_schema_version", (_STAMP_KEY,)).one()
    return kept, f"{_program_triggers()[1]}:{cookie}"


def ensure_tracking(conn: Connection) -> list[str]:
    """Create missing triggers and replace ones an older program wrote differently (room
    only); returns the tables that were newly tracked, whose rows are queued once.

    Runs at every open, so a complete, unchanged schema costs one small read: the stamp
    kept in ``meta`` by the last full check, against the schema as it is now."""
    done, now = _stamps(conn)
    if done == now:
        return []
    existing = set(inspect(conn).get_table_names())
    if "sync_changes" not in existing:
        return []
    have: dict[str, dict[str, str]] = {}
    for name, table, sql in conn.exec_driver_sql(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'sync\\_%' ESCAPE '\\'"):
        have.setdefault(str(table), {})[str(name)] = str(sql)
    wanted, _ = _program_triggers()
    added: list[str] = []
    for t in UPLINK_TABLES:
        old = have.get(t.name, {})
        if t.name not in existing or old == wanted[t.name]:
            continue
        for name in old:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        for sql in wanted[t.name].values():
            conn.exec_driver_sql(sql)
        if f"sync_ins_{t.name}" not in old:
            conn.exec_driver_sql(
                f"INSERT OR REPLACE INTO sync_changes (tbl, row_id) SELECT '{t.name}', id "
                f"FROM {t.name} WHERE id IS NOT NULL")
            added.append(t.name)
    _, stamp = _stamps(conn)
    if done is None:
        conn.execute(insert(meta).values(key=_STAMP_KEY, value=stamp))
    else:
        conn.execute(update(meta).where(meta.c.key == _STAMP_KEY).values(value=stamp))
    return added


def drop_tracking(conn: Connection) -> None:
    """An office imports rows as they are: no triggers rewriting them."""
    for (name,) in list(conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' "
            "ESCAPE '\\'")):
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
