"""The fast search path (index in memory, saved in the database) against the plain SQL answer
of the same rules, for every query kind; and the saved copy kept honest across sessions."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory

from psyroom.demo.service import fill_demo_data
from psyroom.installation import Installation
from psyroom.residents import repository as repo
from psyroom.residents.idcard import check_digit
from psyroom.residents.model import ResidentFields
from psyroom.residents.search import SearchFilters, SearchIndex
from psyroom.session import Session
from psyroom.storage import migrate
from tests.core.test_storage import undo_import_digests

from .conftest import ADMIN, ADMIN_PASSWORD, Room

QUERIES = {
    "one character": ["王", "张", "伟", "芳", "單", "l", "z"],
    "two-character substring": ["小军", "德福", "晓君", "依古", "买买", "丹丹", "军小"],
    "initials": ["zxj", "wdf", "zx", "szg", "aygl"],
    "full pinyin": ["zhangxiaojun", "wang", "liu", "chen", "xiaojun", "wei", "ouyang"],
    "ID fragment": ["0503", "19480503", "140802", "013x", "1408", "0551"],
    "phone fragment": ["5678", "139", "1380000", "2661234", "0359-266"],
    "traditional": ["張小軍", "陳麗華", "張"],
    "no middle dot": ["阿依古丽买买提", "古丽买买"],
    "mixed": ["zhang小军", "欧阳nana", "wang德"],
    "misread surname": ["dan", "ceng", "jie", "chou", "qu", "dzg"],
    "full width": ["ＺＸＪ", "０５５１", "ＺＨＡＮＧ"],
    "everyone": [""],
}
FILTERS = [SearchFilters(), SearchFilters(status="active"), SearchFilters(risk_level="high"),
           SearchFilters(tag="elderly_empty_nest", status="active")]


def valid_id(first17: str) -> str:
    return first17 + check_digit(first17)


def fill(s: Session, demo: int = 400) -> None:
    fill_demo_data(s, residents=demo, months=0, seed=5)
    r = s.residents
    for fields in (
        ResidentFields(name="张小军", id_number=valid_id("14080219800101055"),
                       phone="13912345678", village="北城村", risk_level="high"),
        ResidentFields(name="张晓君", phone="13800000503"),
        ResidentFields(name="王德福", id_number=valid_id("14080219480503011")),
        ResidentFields(name="阿依古丽·买买提", phone="0359-2661234"),
        ResidentFields(name="陳麗華"), ResidentFields(name="單志刚"),
        ResidentFields(name="单志刚", id_number=valid_id("14080219730919013")),
        ResidentFields(name="曾凤英"),
        ResidentFields(name="解小红"), ResidentFields(name="仇丽"), ResidentFields(name="区建国"),
        ResidentFields(name="欧阳娜娜"), ResidentFields(name="丹丹"), ResidentFields(name="李丹"),
        ResidentFields(name="李军小"),
    ):
        r.create(fields)


def sql_answer(s: Session, text: str, f: SearchFilters) -> tuple[int, list[str]]:
    return s._read(lambda c: repo.browse(c, f, offset=0, limit=5000, text=text))


@pytest.fixture
def filled(room: Room) -> Room:
    fill(room.session, demo=60)
    room.session.close()
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    return room


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """One database of ~400 residents for the read-only comparisons (made once: ~5 s)."""
    inst = Installation(tmp_path_factory.mktemp("search") / "data")
    s = inst.initialise(site_kind="room", room_type="village", site_code="BC-01",
                        site_name="北城村", admin_name=ADMIN,
                        admin_password=ADMIN_PASSWORD).session
    fill(s)
    s.close()
    s = inst.unlock(ADMIN, ADMIN_PASSWORD)
    yield s
    s.close()


@pytest.mark.parametrize("kind", sorted(QUERIES))
def test_fast_path_answers_as_plain_sql_does(shared: Session, kind: str) -> None:
    s = shared
    index = s.residents.index()
    assert len(index) == s.residents.count()
    for text in QUERIES[kind]:
        for f in FILTERS:
            fast = index.search(text, f, limit=5000)
            total, ids = sql_answer(s, text, f)
            assert (fast.total, fast.ids) == (total, ids), (kind, text, f)
            # A page further down is the same slice of the same order.
            page = index.search(text, f, offset=3, limit=7)
            assert page.ids == ids[3:10]
    # Every kind finds someone without filters (the queries are not vacuous).
    assert [t for t in QUERIES[kind] if index.search(t).total == 0] == []


def test_next_session_loads_the_saved_copy_and_the_changes_since(filled: Room) -> None:
    s = filled.session
    first = s.residents.index()  # built and saved by this session
    assert s.db.raw.execute("SELECT count(*) FROM search_index").fetchone()[0] > 0
    s.close()
    s = filled.session = filled.inst.unlock(ADMIN, ADMIN_PASSWORD)
    raw = s.db.raw
    from psyroom.residents import search_store

    raw.execute("BEGIN")
    loaded = search_store.load(raw)
    raw.execute("ROLLBACK")
    assert loaded is not None and len(loaded) == len(first)
    # Changes made now reach the next session without a rebuild.
    r = s.residents
    added = r.create(ResidentFields(name="聂小倩", phone="13611112222")).resident
    wang = r.search("王德福")[1][0]
    r.update(wang.id, ResidentFields(name="王得福", id_number=wang.id_number))
    dandan = r.search("丹丹")[1][0]
    both = {p.name: p.id for p in r.search("单志刚")[1]}
    r.merge(both["单志刚"], both["單志刚"], reason="同一人")
    s.close()
    s = filled.session = filled.inst.unlock(ADMIN, ADMIN_PASSWORD)
    raw = s.db.raw
    raw.execute("BEGIN")
    loaded = search_store.load(raw)
    raw.execute("ROLLBACK")
    assert loaded is not None, "a few changes are applied to the copy, not a rebuild"
    assert loaded.search("nxq").ids == [added.id]
    assert [s.residents.rows(loaded.search(q).ids)[0].name for q in ("王得福",)] == ["王得福"]
    assert loaded.search("王德福").total == 0
    assert len(loaded.search("单志刚").ids) == 1
    assert loaded.search("丹丹").ids == [dandan.id]
    for text in ("王", "nxq", "dan", "0503", ""):
        fast = loaded.search(text, limit=5000)
        total, ids = sql_answer(s, text, SearchFilters())
        # Edits made since the copy come first (the overlay); the same people either way.
        assert fast.total == total and sorted(fast.ids) == sorted(ids), text


def test_erasing_or_anonymising_drops_the_saved_copy(filled: Room) -> None:
    s = filled.session
    r = s.residents
    r.index()
    count = "SELECT count(*) FROM search_index"
    assert s.db.raw.execute(count).fetchone()[0] > 0
    victim = r.search("丹丹")[1][0]
    r.erase(victim.id, reason="本人申请删除")
    assert s.db.raw.execute(count).fetchone()[0] == 0
    assert r.search("丹丹")[0] == 0
    s.close()
    s = filled.session = filled.inst.unlock(ADMIN, ADMIN_PASSWORD)
    s.residents.index()
    assert s.db.raw.execute(count).fetchone()[0] > 0
    other = s.residents.search("仇丽")[1][0]
    s.residents.anonymise(other.id, reason="本人申请")
    assert s.db.raw.execute(count).fetchone()[0] == 0


def test_command_line_search_starts_no_background_work(filled: Room) -> None:
    s = filled.session
    before = {t.ident for t in threading.enumerate()}
    total, found, _ = s.residents.search("zhang小军", background=False)
    assert [p.name for p in found] == ["张小军"] and total == 1
    assert {t.ident for t in threading.enumerate()} == before
    assert s.db.raw.execute("SELECT count(*) FROM search_index").fetchone()[0] > 0
    s.close()
    s = filled.session = filled.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert s.residents.search("５６７８", background=False)[1][0].name == "张小军"
    assert {t.ident for t in threading.enumerate()} == before


def test_a_copy_written_by_another_format_is_rebuilt(filled: Room) -> None:
    s = filled.session
    s.residents.index()
    s.db.raw.execute("UPDATE search_index SET data = x'7b7d' WHERE part = 'meta'")
    s.close()
    s = filled.session = filled.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert SearchIndex.meta_of({"meta": b"{}"}) is None
    assert s.residents.search("zhang小军", background=False)[0] == 1


def test_an_older_database_upgrades_and_its_changes_are_then_noted(filled: Room) -> None:
    s = filled.session
    raw = s.db.raw
    # Make it what the step before 0009 left: no saved index, no change log, no triggers.
    for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                               "AND name LIKE 'search_%'").fetchall():
        raw.execute(f"DROP TRIGGER {name}")
    raw.execute("DROP TABLE search_index")
    raw.execute("DROP TABLE search_changes")
    raw.execute("ALTER TABLE residents DROP COLUMN smd_national_id")  # 0010 comes after
    undo_import_digests(raw)  # and 0011
    before = ScriptDirectory.from_config(migrate._alembic_config()).get_revision(
        "0009").down_revision
    raw.execute(f"UPDATE alembic_version SET version_num = '{before}'")
    s.close()
    s = filled.session = filled.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert migrate.current_revision(s.db) == migrate.HEAD_REVISION
    assert s.residents.search("zhang小军", background=False)[0] == 1
    saved = s.db.raw.execute("SELECT count(*) FROM search_index").fetchone()[0]
    assert saved > 0
    rid = s.residents.create(ResidentFields(name="聂小倩")).resident.id
    changes = s.db.raw.execute("SELECT resident_id FROM search_changes").fetchall()
    assert (rid,) in changes
