"""The audit chain on a real SQLCipher file, without logins (quick enough for mutation runs):
append, every kind of break chain_problems must name, the head and its comparison."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection

from psyroom.audit import head as chain_head
from psyroom.audit import log as audit
from psyroom.storage import migrate
from psyroom.storage.database import Database

SITE = "site-1"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "a.db", os.urandom(32), create=True)
    migrate.upgrade(database)
    with database.unit_of_work() as conn:
        # Only a key holder's raw SQL can do what these tests do to the log.
        conn.exec_driver_sql("DROP TRIGGER audit_events_no_update")
        conn.exec_driver_sql("DROP TRIGGER audit_events_no_delete")
    yield database
    database.close()


def fill(db: Database, n: int) -> list[str]:
    hashes = []
    with db.unit_of_work() as conn:
        for i in range(n):
            hashes.append(audit.append(conn, site_id=SITE, action=f"act{i}", actor_id="u1",
                                       actor_name="wang", target_kind="user",
                                       target_id=f"t{i}", detail={"i": i},
                                       at=1_790_000_000.0 + i))
    return hashes


def rows(conn: Connection) -> list[dict[str, object]]:
    return [dict(r) for r in conn.exec_driver_sql(
        "SELECT * FROM audit_events ORDER BY seq").mappings()]


def relink(conn: Connection, after_seq: int, prev: str) -> None:
    for r in rows(conn):
        if int(str(r["seq"])) > after_seq:
            h = audit._digest(prev, audit._hashed_fields(r))
            conn.exec_driver_sql("UPDATE audit_events SET prev_hash = ?, hash = ? "
                                 "WHERE seq = ?", (prev, h, r["seq"]))
            prev = h


def test_append_links_each_event_to_the_one_before(db: Database) -> None:
    hashes = fill(db, 4)
    with db.unit_of_work() as conn:
        stored = rows(conn)
        assert audit.chain_problems(conn) == []
        assert audit.count(conn) == 4
    assert [r["hash"] for r in stored] == hashes
    assert stored[0]["prev_hash"] == audit.GENESIS == "0" * 64
    assert [r["prev_hash"] for r in stored[1:]] == hashes[:-1]
    assert [int(str(r["seq"])) for r in stored] == [1, 2, 3, 4]
    first = stored[0]
    assert (first["site_id"], first["actor_id"], first["actor_name"], first["action"],
            first["target_kind"], first["target_id"], first["detail"]) == (
        SITE, "u1", "wang", "act0", "user", "t0", '{"i": 0}')
    assert str(first["at"]).startswith("2026-09-21T")
    assert len(set(hashes)) == 4 and all(len(h) == 64 for h in hashes)


def test_the_digest_covers_every_field(db: Database) -> None:
    fill(db, 1)
    with db.unit_of_work() as conn:
        row = rows(conn)[0]
    base = audit._digest(str(row["prev_hash"]), audit._hashed_fields(row))
    assert base == row["hash"]
    for key in ("id", "at", "site_id", "actor_id", "actor_name", "action", "target_kind",
                "target_id", "detail"):
        changed = dict(row, **{key: "changed"})
        assert audit._digest(str(row["prev_hash"]), audit._hashed_fields(changed)) != base, key
    assert audit._digest("1" * 64, audit._hashed_fields(row)) != base


def test_an_edited_event_is_named(db: Database) -> None:
    fill(db, 3)
    with db.unit_of_work() as conn:
        conn.exec_driver_sql("UPDATE audit_events SET action = 'other' WHERE seq = 2")
        assert audit.chain_problems(conn) == [
            "audit event #2: content was changed after it was written"]


def test_a_broken_link_is_named(db: Database) -> None:
    fill(db, 4)
    with db.unit_of_work() as conn:
        row = rows(conn)[1]
        forged = audit._digest("f" * 64, audit._hashed_fields(row))
        conn.exec_driver_sql("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = 2",
                             ("f" * 64, forged))
        relink(conn, 2, forged)
        assert audit.chain_problems(conn) == [
            "audit event #2: does not follow the event before it"]


def test_a_gap_is_named_even_when_relinked(db: Database) -> None:
    fill(db, 6)
    with db.unit_of_work() as conn:
        before = rows(conn)
        conn.exec_driver_sql("DELETE FROM audit_events WHERE seq IN (3, 4)")
        relink(conn, 2, str(before[1]["hash"]))
        assert audit.chain_problems(conn) == ["audit event #3–#4: missing"]


def test_a_deleted_first_event_is_named(db: Database) -> None:
    fill(db, 3)
    with db.unit_of_work() as conn:
        conn.exec_driver_sql("DELETE FROM audit_events WHERE seq = 1")
        relink(conn, 1, audit.GENESIS)
        assert audit.chain_problems(conn) == ["audit event #1–#1: missing"]


def test_events_newest_first_with_since_limit_offset(db: Database) -> None:
    fill(db, 5)
    with db.unit_of_work() as conn:
        got = audit.events(conn)
        assert [e.action for e in got] == ["act4", "act3", "act2", "act1", "act0"]
        assert [e.seq for e in audit.events(conn, limit=2, offset=1)] == [4, 3]
        since = datetime.fromtimestamp(1_790_000_003.0, tz=UTC)
        assert [e.action for e in audit.events(conn, since=since)] == ["act4", "act3"]
    e = got[0]
    assert (e.site_id, e.actor_id, e.actor_name, e.target_kind, e.target_id, e.detail) == (
        SITE, "u1", "wang", "user", "t4", {"i": 4})
    assert e.id and e.at.startswith("2026-09-21T")


def test_head_and_comparison(db: Database) -> None:
    with db.unit_of_work() as conn:
        assert chain_head.head(conn) == chain_head.ChainHead(0, "0" * 64)
    hashes = fill(db, 5)
    with db.unit_of_work() as conn:
        head = chain_head.head(conn)
        assert head == chain_head.ChainHead(5, hashes[-1])
        assert chain_head.seq_of(conn, hashes[2]) == 3
        assert chain_head.seq_of(conn, " " + hashes[2].upper() + "\n") == 3
        assert chain_head.seq_of(conn, "0" * 64) is None
        earlier = chain_head.ChainHead(3, hashes[2])
        assert chain_head.compare(conn, earlier).status == "ok"
        assert chain_head.compare(conn, earlier).ok
        assert chain_head.compare(conn, earlier).live == head
        assert chain_head.compare(conn, None).status == "no_head"
        assert chain_head.compare(conn, chain_head.ChainHead(0, "0" * 64)).ok
        assert chain_head.compare(conn, chain_head.ChainHead(3, "e" * 64)).status == "forked"
        assert not chain_head.compare(conn, chain_head.ChainHead(3, "e" * 64)).ok
        assert chain_head.compare(conn, chain_head.ChainHead(6, "e" * 64)).status == \
            "truncated"
        assert chain_head.compare(conn, chain_head.ChainHead(5, hashes[-1])).status == "ok"
        conn.exec_driver_sql("DELETE FROM audit_events WHERE seq > 3")
        assert chain_head.compare(conn, chain_head.ChainHead(5, hashes[-1])).status == \
            "truncated"
        assert chain_head.compare(conn, chain_head.ChainHead(3, hashes[2])).status == "ok"


def test_the_hash_format_is_fixed() -> None:
    # Databases written by earlier versions must verify forever: the canonical JSON (sorted
    # keys, UTF-8 not \\u escapes, no spaces) and SHA-256 over prev_hash + it are pinned.
    fields = {"target_id": "u", "id": "e1", "at": "2026-01-01T00:00:00+00:00", "site_id": "s",
              "actor_id": None, "actor_name": "王芳", "action": "login", "target_kind": "user",
              "detail": '{"a": 1}'}
    assert audit._digest("0" * 64, fields) == \
        "75122fd3914953d086df495af5b3e274175f86226048ecce4df3d2ee68737cc4"


def test_details_are_stored_in_one_canonical_form(db: Database) -> None:
    with db.unit_of_work() as conn:
        audit.append(conn, site_id=SITE, action="x", detail={"b": "王", "a": 1})
        audit.append(conn, site_id=SITE, action="y")
        stored = [r["detail"] for r in rows(conn)]
    assert stored == ['{"a": 1, "b": "王"}', "{}"]


def test_counts_and_event_reading_at_the_edges(db: Database) -> None:
    with db.unit_of_work() as conn:
        assert audit.count(conn) == 0
        assert audit.events(conn) == []
    fill(db, 3)
    with db.unit_of_work() as conn:
        stored = rows(conn)
        at_second = datetime.fromisoformat(str(stored[1]["at"]))
        # "since" includes an event at exactly that moment.
        assert [e.seq for e in audit.events(conn, since=at_second)] == [3, 2]
        assert [e.id for e in audit.events(conn)] == [r["id"] for r in reversed(stored)]
        for i in range(3, 502):
            audit.append(conn, site_id=SITE, action="bulk", at=1_790_000_000.0 + i)
        assert audit.count(conn) == 502
        assert len(audit.events(conn)) == 500  # the default page


def test_every_comparison_carries_both_heads(db: Database) -> None:
    hashes = fill(db, 4)
    with db.unit_of_work() as conn:
        live = chain_head.head(conn)
        cases = {
            "ok": chain_head.ChainHead(2, hashes[1]),
            "forked": chain_head.ChainHead(2, "e" * 64),
            "truncated": chain_head.ChainHead(9, "e" * 64),
        }
        for status, earlier in cases.items():
            result = chain_head.compare(conn, earlier)
            assert (result.status, result.earlier, result.live) == (status, earlier, live)
        empty = chain_head.ChainHead(0, "0" * 64)
        assert chain_head.compare(conn, empty) == chain_head.ChainComparison("ok", empty, live)
        assert chain_head.compare(conn, None) == chain_head.ChainComparison("no_head", None,
                                                                            live)
        # A hole where the earlier head stood counts as a truncation, not a rewrite.
        conn.exec_driver_sql("DELETE FROM audit_events WHERE seq = 2")
        assert chain_head.compare(conn, chain_head.ChainHead(2, hashes[1])).status == \
            "truncated"
