"""Change tracking at a room: triggers that log every change for the next bundle.

Installed when a room's database is opened, for every table in the registry that exists,
so a table added by a later migration is tracked without its own trigger code. Rows that
were there before tracking began are queued once. The triggers also keep the record
columns honest where the writing code does not: an update always raises ``version``
(and, after a restore, jumps past what the room may have sent before), a row re-added after
a delete continues the deleted row's version, and a delete leaves a tombstone that travels.
The office imports with no triggers at all (see :mod:`psyroom.sync.apply`).
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect

from psyroom.sync.tables import UPLINK_TABLES

_NOW = "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')"
_FLOOR = "COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync_version_floor'), 0)"
_SELF = "(SELECT id FROM sites WHERE is_self = 1)"


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


def ensure_tracking(conn: Connection) -> list[str]:
    """Create missing triggers (room only); returns the tables that were newly tracked."""
    existing = set(inspect(conn).get_table_names())
    if "sync_changes" not in existing:
        return []
    triggers = {r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    added: list[str] = []
    for t in UPLINK_TABLES:
        if t.name not in existing or f"sync_ins_{t.name}" in triggers:
            continue
        for sql in _trigger_sql(t.name):
            conn.exec_driver_sql(sql)
        conn.exec_driver_sql(
            f"INSERT OR REPLACE INTO sync_changes (tbl, row_id) SELECT '{t.name}', id "
            f"FROM {t.name} WHERE id IS NOT NULL")
        added.append(t.name)
    return added


def drop_tracking(conn: Connection) -> None:
    """An office imports rows as they are: no triggers rewriting them."""
    for (name,) in list(conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' "
            "ESCAPE '\\'")):
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
