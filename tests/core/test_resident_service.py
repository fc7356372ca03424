"""Resident archives through the service API on a real encrypted database."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from psyroom.errors import InvalidInput, PermissionDenied
from psyroom.residents.idcard import check_digit
from psyroom.residents.model import ResidentFields
from psyroom.residents.search import SearchFilters
from psyroom.residents.service import ResidentInvalid

from .conftest import Room


def person(name: str, first17: str | None = None, **kw: object) -> ResidentFields:
    number = first17 + check_digit(first17) if first17 else None
    return ResidentFields(name=name, id_number=number, **kw)  # type: ignore[arg-type]


def test_create_edit_and_timeline(room: Room) -> None:
    r = room.session.residents
    saved = r.create(person("张伟", "14080219800101001", phone="13912345678",
                            village="北城村", tags=frozenset({"elderly_empty_nest"})))
    w = saved.resident
    assert w.gender == "male" and w.birth_date == "1980-01-01"
    r.update(w.id, ResidentFields(name="张伟", id_number=w.id_number, phone="13912345679",
                                  village="北城村", tags=frozenset({"four_conflict"})),
             expected_version=w.version)
    kinds = [e.kind for e in r.timeline(w.id)]
    assert sorted(kinds) == ["created", "edited", "tags_changed"]
    edited = next(e for e in r.timeline(w.id) if e.kind == "edited")
    assert "联系电话" in edited.title_zh
    with pytest.raises(Exception) as stale:
        r.update(w.id, ResidentFields(name="张伟"), expected_version=w.version)
    assert getattr(stale.value, "code", "") == "resident_changed"


def test_same_id_refused_with_link_same_name_birth_flagged(room: Room) -> None:
    r = room.session.residents
    first = r.create(person("李娜", "14080219900202002")).resident
    with pytest.raises(ResidentInvalid) as err:
        r.create(person("李娜娜", "14080219900202002"))
    dup = next(p for p in err.value.problems if p.code == "duplicate_id")
    assert dict(dup.params)["other"] == first.id
    assert "重复" in err.value.message("zh_CN")
    flagged = r.create(ResidentFields(name="李娜", birth_date="1990-02-02"))
    assert [d.id for d in flagged.possible_duplicates] == [first.id]


def test_search_by_every_key_and_filter(room: Room) -> None:
    r = room.session.residents
    r.create(person("张伟", "14080219800101001", phone="13912345678", village="北城村",
                    risk_level="high", tags=frozenset({"elderly_empty_nest"})))
    r.create(person("单志刚", "14080219730919013", village="南关社区"))
    r.create(person("王芳", None, birth_date="1966-06-06", phone="0359-2661234",
                    village="北城村"))

    def names(text: str, **f: str) -> list[str]:
        return [p.name for p in r.search(text, SearchFilters(**f))[1]]

    assert names("zw") == ["张伟"]
    assert names("zhangwei") == ["张伟"]
    assert names("wei") == ["张伟"]
    assert names("伟") == ["张伟"]
    assert names("szg") == ["单志刚"]
    assert names("shan") == ["单志刚"]
    assert names("5678") == ["张伟"]
    assert names("19730919") == ["单志刚"]
    assert names("2661234") == ["王芳"]
    assert names("", village="北城村") == ["王芳", "张伟"]
    assert names("", risk_level="high") == ["张伟"]
    assert names("", tag="elderly_empty_nest") == ["张伟"]
    assert names("nobody") == []


def test_opening_and_revealing_are_audited(room: Room) -> None:
    r = room.session.residents
    w = r.create(person("赵六", "14080219800101002", phone="13912340000")).resident
    assert r.open(w.id).name == "赵六"
    assert r.reveal(w.id, "id_number") == w.id_number
    actions = [e.action for e in room.session.audit_events(limit=3)]
    assert actions[:2] == ["resident_identifier_shown", "resident_opened"]
    detail = room.session.audit_events(limit=1)[0].detail
    assert "赵六" not in str(detail) and w.id_number not in str(detail)


def test_merge_keeps_everything(room: Room) -> None:
    r = room.session.residents
    a = r.create(person("孙玉兰", "14080219580402004", tags=frozenset({"elderly_widowed"}))
                 ).resident
    b = r.create(ResidentFields(name="孙玉兰", birth_date="1958-04-02", phone="13900001111",
                                tags=frozenset({"elderly_empty_nest"}))).resident
    kept = r.merge(a.id, b.id, reason="同一人两份档案")
    assert kept.phone == "13900001111"
    assert kept.tags == {"elderly_widowed", "elderly_empty_nest"}
    kinds = [e.kind for e in r.timeline(a.id)]
    assert kinds.count("created") == 2 and "merged" in kinds
    assert [p.name for p in r.search("孙玉兰")[1]] == ["孙玉兰"]
    assert room.session.stats()["residents"] == 1
    assert "residents_merged" in [e.action for e in room.session.audit_events(limit=5)]
    with pytest.raises(InvalidInput):
        r.merge(a.id, a.id, reason="x")


def test_only_admin_merges_erases_and_exports(room: Room) -> None:
    room.session.add_user("counsellor1", roles=["counsellor"], password="Couns-2026a")
    room.session.close()
    s = room.inst.unlock("counsellor1", "Couns-2026a")
    try:
        w = s.residents.create(person("周七", "14080219800101003")).resident
        with pytest.raises(PermissionDenied):
            s.residents.erase(w.id, reason="x")
        with pytest.raises(PermissionDenied):
            s.residents.merge(w.id, w.id, reason="x")
    finally:
        s.close()
    room.session = room.inst.unlock("zhaoadmin", "Bei-cheng2026")


def test_anonymise_and_erase(room: Room) -> None:
    r = room.session.residents
    w = r.create(person("吴八", "14080219800101004", phone="13900002222",
                        tags=frozenset({"petitioner"}))).resident
    with pytest.raises(InvalidInput):
        r.anonymise(w.id, reason=" ")
    anon = r.anonymise(w.id, reason="本人申请删除")
    assert anon.anonymised and anon.id_number is None and anon.phone is None
    assert "吴八" not in anon.name and anon.tags == {"petitioner"}
    assert r.search("吴八")[0] == 0
    v = r.create(person("郑九", "14080219800101005")).resident
    r.erase(v.id, reason="误建")
    assert r.search("郑九")[0] == 0
    with pytest.raises(InvalidInput):
        r.open(v.id)
    actions = [e.action for e in room.session.audit_events(limit=10)]
    assert "resident_erased" in actions and "resident_anonymised" in actions


def test_export_archive_pdf_reads_back_in_chinese(room: Room, tmp_path: Path) -> None:
    r = room.session.residents
    w = r.create(person("曾凤英", "14080219440228024", village="北城村",
                        tags=frozenset({"elderly_lost_only_child"}))).resident
    out = r.export_pdf(w.id, tmp_path / "archive.pdf")
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "曾凤英" in text and "失独" in text and "居民心理服务电子档案" in text
    fonts = {str(f) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}  # type: ignore[index]
    assert fonts
    font_names = [page["/Resources"]["/Font"][k].get_object()["/BaseFont"]  # type: ignore[index]
                  for page in reader.pages for k in page["/Resources"]["/Font"]]  # type: ignore[index]
    assert any("WenQuanYiMicroHei" in str(n) for n in font_names)
    assert not list(tmp_path.glob("*.part"))


def test_sql_answers_the_same_until_the_index_is_ready(room: Room) -> None:
    from psyroom.residents import repository as repo

    r = room.session.residents
    r.create(person("张伟", "14080219800101001", phone="13912345678", village="北城村"))
    r.create(person("单志刚", "14080219730919013", village="南关社区"))
    r.create(person("王芳", None, birth_date="1966-06-06", phone="0359-2661234"))
    for text in ("zw", "zhang", "伟", "szg", "shan", "5678", "19730919", "2661234", "", "x"):
        total, ids = room.session._read(lambda c, t=text: repo.browse(
            c, SearchFilters(), offset=0, limit=50, text=t))
        by_sql = [p.name for p in r.rows(ids)]
        by_index = [p.name for p in r.search(text)[1]]
        assert total == len(by_sql)
        # Same people; the in-memory index may rank "starts with" matches first.
        assert sorted(by_sql) == sorted(by_index), text


def test_index_built_in_the_background_keeps_edits_made_meanwhile(room: Room) -> None:
    r = room.session.residents
    for i in range(300):
        r.create(ResidentFields(name=f"李{i}", birth_date="1980-01-01"))
    room.session.close()
    room.session = room.inst.unlock("zhaoadmin", "Bei-cheng2026")
    r = room.session.residents
    r.prepare_search()
    r.create(ResidentFields(name="欧阳娜娜", birth_date="1990-01-01"))
    assert r.index().search("oynn").total == 1
    assert [p.name for p in r.search("oynn")[1]] == ["欧阳娜娜"]
    assert r.search("li")[0] == 300
