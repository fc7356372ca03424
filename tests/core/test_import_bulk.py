"""How an import writes: ids, record columns and the connection it leaves behind."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from psyroom.clock import new_ids
from psyroom.errors import Cancelled
from psyroom.residents.idcard import check_digit

from .conftest import Room

PEOPLE = [("钱一", "男", "11010119400101123" + check_digit("11010119400101123"), "空巢"),
          ("孙二", "女", "11010119550505222" + check_digit("11010119550505222"), "空巢、丧偶"),
          ("李三", "男", "", "留守儿童")]


def _register(path: Path) -> Path:
    lines = ["姓名,性别,身份证号码,人群类别"] + [",".join(p) for p in PEOPLE]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_bulk_ids_are_unique_ordered_version_7_uuids() -> None:
    ids = new_ids(10_000)  # more than one 4096-id step of the counter
    assert len(set(ids)) == len(ids) and ids == sorted(ids)
    parsed = [uuid.UUID(i) for i in ids]
    assert {u.version for u in parsed} == {7}
    assert {u.variant for u in parsed} == {uuid.RFC_4122}
    assert all(str(u) == i for u, i in zip(parsed, ids, strict=True))
    assert new_ids(0) == []


def test_imported_rows_carry_the_import_moment_and_site(room: Room, tmp_path: Path) -> None:
    """Residents, their tags and their history are written whole by the import, each with
    its own moment and the room's site (not left for the change-tracking trigger to fill in)."""
    residents = room.session.residents
    residents.commit_import(residents.plan_import(_register(tmp_path / "r.csv")))
    raw = room.session.db.raw
    site = room.session.site.id
    people = raw.execute("SELECT id, created_at, origin_site FROM residents").fetchall()
    assert len(people) == len(PEOPLE)
    moment = people[0][1]
    assert {(c, o) for _, c, o in people} == {(moment, site)}
    tags = raw.execute("SELECT created_at, updated_at, origin_site, count(*) FROM "
                       "resident_tags GROUP BY 1, 2, 3").fetchall()
    assert tags == [(moment, moment, site, 4)]
    history = raw.execute("SELECT at, created_at, updated_at, origin_site, kind, count(*) "
                          "FROM resident_history GROUP BY 1, 2, 3, 4, 5").fetchall()
    assert len(history) == 1
    at = history[0][0]
    assert at >= moment and history == [(at, at, at, site, "created", 3)]


@pytest.mark.parametrize("cancel", [False, True])
def test_an_import_gives_back_its_page_cache(room: Room, tmp_path: Path, cancel: bool) -> None:
    residents = room.session.residents
    raw = room.session.db.raw
    before = raw.execute("PRAGMA cache_size").fetchone()[0]
    plan = residents.plan_import(_register(tmp_path / "r.csv"))
    if cancel:
        with pytest.raises(Cancelled):
            residents.commit_import(plan, cancel=lambda: True)
    else:
        assert residents.commit_import(plan).imported == len(PEOPLE)
    assert raw.execute("PRAGMA cache_size").fetchone()[0] == before
    assert residents.count() == (0 if cancel else len(PEOPLE))
