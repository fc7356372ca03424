"""The search index kept in the encrypted database, so a session loads it instead of
rebuilding it (0.1–0.3 s instead of seconds at 200,000 residents).

Triggers (migration 0009) note every resident or tag row written, by any code path, in
``search_changes``; a saved copy records the last change it covers. Loading applies the few
changes made since (as the index's overlay); past REBUILD_AFTER of them, or with no usable
copy, the index is built from the tables and saved again. Erasing or anonymising a resident
deletes the saved copy (a trigger too), so no derived copy outlives the person's data.

Reads go through the connection's raw DB-API handle inside one deferred transaction: one
snapshot for the copy and its changes, and no SQLAlchemy row objects for 200,000 rows.
"""

from __future__ import annotations

from typing import Any

from psyroom.residents.search import IndexRow, SearchIndex

# Past this many changed residents, rebuilding costs less than carrying them in the overlay.
REBUILD_AFTER = 1000
_COLUMNS = ("id, name, pinyin, initials, id_number, phone, village, status, risk_level")


def _last_change(raw: Any) -> int:
    return int(raw.execute("SELECT coalesce(max(seq), 0) FROM search_changes").fetchone()[0])


def _changed_ids(raw: Any, after: int) -> list[str] | None:
    """Residents changed since the copy was saved; None when there are too many."""
    ids = [r[0] for r in raw.execute(
        "SELECT DISTINCT resident_id FROM search_changes WHERE seq > ? LIMIT ?",
        (after, REBUILD_AFTER + 1))]
    return None if len(ids) > REBUILD_AFTER else ids


def _saved_meta(raw: Any) -> dict[str, object] | None:
    row = raw.execute("SELECT data FROM search_index WHERE part = 'meta'").fetchone()
    return None if row is None else SearchIndex.meta_of({"meta": bytes(row[0])})


def copy_is_usable(raw: Any) -> bool:
    """Quick: is there a saved copy this build can read, with few enough changes since?"""
    meta = _saved_meta(raw)
    return meta is not None and _changed_ids(raw, int(meta.get("changes", 0))) is not None  # type: ignore[call-overload]


def index_rows(raw: Any, ids: list[str] | None = None) -> tuple[list[tuple[Any, ...]],
                                                                list[tuple[str, str]]]:
    """(rows for SearchIndex.load, (resident id, tag) pairs): everyone, or the ids given."""
    if ids is None:
        rows = raw.execute(f"SELECT {_COLUMNS} FROM residents "
                           "WHERE merged_into IS NULL").fetchall()
        return rows, raw.execute("SELECT resident_id, tag_code FROM resident_tags").fetchall()
    rows, tags = [], []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        rows += raw.execute(f"SELECT {_COLUMNS} FROM residents WHERE merged_into IS NULL "
                            f"AND id IN ({marks})", chunk).fetchall()
        tags += raw.execute(f"SELECT resident_id, tag_code FROM resident_tags "
                            f"WHERE resident_id IN ({marks})", chunk).fetchall()
    return rows, tags


def overlay_rows(raw: Any, ids: list[str]) -> dict[str, IndexRow | None]:
    """The current state of changed residents: a row, or None when gone or merged."""
    rows, tags = index_rows(raw, ids)
    by_id: dict[str, IndexRow | None] = dict.fromkeys(ids)
    for r in rows:
        by_id[r[0]] = IndexRow(*r)
    for rid, tag in tags:
        row = by_id.get(rid)
        if row is not None:
            row.tags.add(tag)
    return by_id


def load(raw: Any) -> SearchIndex | None:
    """The saved copy with the changes since applied, or None (then build)."""
    meta = _saved_meta(raw)
    if meta is None:
        return None
    changed = _changed_ids(raw, int(meta.get("changes", 0)))  # type: ignore[call-overload]
    if changed is None:
        return None
    parts = {name: bytes(data) for name, data in raw.execute(
        "SELECT part, data FROM search_index")}
    index = SearchIndex.from_parts(parts)
    if index is None:
        return None
    for rid, row in overlay_rows(raw, changed).items():
        if row is None:
            index.remove(rid)
        else:
            index.put(row)
    return index


def build(raw: Any) -> SearchIndex:
    last = _last_change(raw)
    rows, tags = index_rows(raw)
    index = SearchIndex()
    index.load(rows, tags)
    index.changes_seen = last
    return index


def read(raw: Any) -> tuple[SearchIndex, bool]:
    """(index, built fresh?) from one snapshot of the database."""
    raw.execute("BEGIN")
    try:
        saved = load(raw)
        return (saved, False) if saved is not None else (build(raw), True)
    finally:
        raw.execute("ROLLBACK")


def save(raw: Any, index: SearchIndex) -> bool:
    """Keep a freshly built index. Skipped (False) when anything changed since it was read:
    the next session then builds again, rather than keeping a copy that may hold a person
    erased meanwhile."""
    parts = index.to_parts()
    raw.execute("BEGIN IMMEDIATE")
    try:
        if _last_change(raw) != index.changes_seen:
            raw.execute("ROLLBACK")
            return False
        raw.execute("DELETE FROM search_index")
        raw.executemany("INSERT INTO search_index (part, data) VALUES (?, ?)", parts.items())
        # The newest covered row stays: new rows then number after it (rowid reuse would
        # otherwise hide them), without AUTOINCREMENT's extra table.
        raw.execute("DELETE FROM search_changes WHERE seq < ?", (index.changes_seen,))
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    return True
