"""A register imported again: rows known by their digest come out exactly as a full check
would have them, and a digest never outlives the archive state it vouches for."""

from __future__ import annotations

from pathlib import Path

from psyroom.residents.idcard import check_digit
from psyroom.residents.importer.plan import ImportPlan
from psyroom.residents.model import ResidentFields
from psyroom.session import Session

from .conftest import Room
from .test_resident_import import BEICHENG

# (姓名, 性别, 身份证号码, 联系电话, 人群类别): 孙二 is a minor with no guardian (a warning),
# 李三 has no ID number (matched by name and birth date), 周四 appears twice.
IDS = {name: body + check_digit(body) for name, body in (
    ("钱一", "11010119400101123"), ("孙二", "11010120150505222"),
    ("周四", "11010119600303331"), ("吴五", "11010119700707442"))}
ROWS = [("钱一", "男", IDS["钱一"], "13912340001", "空巢"),
        ("孙二", "女", IDS["孙二"], "", "留守儿童"),
        ("李三", "男", "", "13912340003", "空巢"),
        ("周四", "男", IDS["周四"], "13912340004", ""),
        ("吴五", "女", IDS["吴五"], "13912340005", "空巢、丧偶"),
        ("周四", "男", IDS["周四"], "13912340004", "")]


def _register(path: Path, rows: list[tuple[str, ...]] = ROWS) -> Path:
    lines = ["姓名,性别,身份证号码,联系电话,出生日期,人群类别"]
    lines += [f"{n},{g},{i},{p},{'1950-01-01' if not i else ''},{t}" for n, g, i, p, t in rows]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _seen(plan: ImportPlan) -> list[tuple[int, str, list[str], ResidentFields | None, str | None]]:
    return [(r.row_number, r.status, [p.code for p in r.problems], r.fields, r.existing_id)
            for r in plan.rows]


def _full_check(s: Session, path: Path) -> ImportPlan:
    """The same plan with every row checked in full: the digests set aside for one plan."""
    raw = s.db.raw
    saved = raw.execute("SELECT resident_id, digest FROM import_row_digests").fetchall()
    raw.execute("DELETE FROM import_row_digests")
    try:
        return s.residents.plan_import(path)
    finally:
        raw.executemany("INSERT INTO import_row_digests VALUES (?, ?)", saved)


def _digests(s: Session) -> dict[str, bytes]:
    return dict(s.db.raw.execute("SELECT resident_id, digest FROM import_row_digests"))


def test_an_unchanged_register_again_is_known_row_by_row_as_a_full_check_says(
        room: Room, tmp_path: Path) -> None:
    s = room.session
    path = _register(tmp_path / "r.csv")
    first = s.residents.plan_import(path)
    assert [r.status for r in first.rows] == ["new"] * 5 + ["rejected"]
    s.residents.commit_import(first)
    stored = _digests(s)
    # Rows with an ID number and nothing to warn about leave a digest; 孙二 (a warning),
    # 李三 (no ID number) and the duplicate do not.
    names = {rid: name for rid, name in s.db.raw.execute("SELECT id, name FROM residents")}
    assert sorted(names[rid] for rid in stored) == ["吴五", "周四", "钱一"]

    again = s.residents.plan_import(path)
    assert _seen(again) == _seen(_full_check(s, path))
    assert [r.status for r in again.rows] == ["unchanged"] * 5 + ["rejected"]
    assert [r.digest_stored for r in again.rows] == [True, False, False, True, True, False]
    assert [p.code for p in again.rows[1].problems] == ["minor_without_guardian"]
    assert [p.code for p in again.rows[5].problems] == ["duplicate_in_file"]
    summary = s.residents.commit_import(again)
    assert (summary.imported, summary.updated, summary.unchanged) == (0, 0, 5)
    assert _digests(s) == stored


def test_a_changed_archive_or_a_removed_tag_is_checked_in_full_again(
        room: Room, tmp_path: Path) -> None:
    s = room.session
    path = _register(tmp_path / "r.csv")
    s.residents.commit_import(s.residents.plan_import(path))
    by_name = {name: rid for rid, name in s.db.raw.execute("SELECT id, name FROM residents")}
    qian, wu = s.residents.open(by_name["钱一"]), s.residents.open(by_name["吴五"])
    s.residents.update(qian.id, ResidentFields(**{
        **{f: getattr(qian, f) for f in ResidentFields.__dataclass_fields__},
        "phone": "13800000000"}), expected_version=qian.version)
    # A tag taken off by any code (a bundle from the office writes tag rows directly).
    s.db.raw.execute("DELETE FROM resident_tags WHERE resident_id = ? AND tag_code = ?",
                     (wu.id, "elderly_widowed"))
    assert set(_digests(s)) == {by_name["周四"]}

    again = s.residents.plan_import(path)
    assert _seen(again) == _seen(_full_check(s, path))
    status = {r.fields.name: r.status for r in again.rows if r.fields and r.status != "rejected"}
    assert status == {"钱一": "update", "孙二": "unchanged", "李三": "unchanged",
                      "周四": "unchanged", "吴五": "update"}
    s.residents.commit_import(again)
    assert s.residents.open(qian.id).phone == "13912340001"
    assert s.residents.open(wu.id).tags == {"elderly_empty_nest", "elderly_widowed"}
    assert set(_digests(s)) == {by_name[n] for n in ("钱一", "周四", "吴五")}


def test_a_row_changed_in_the_file_or_read_another_way_is_checked_in_full(
        room: Room, tmp_path: Path) -> None:
    s = room.session
    path = _register(tmp_path / "r.csv")
    s.residents.commit_import(s.residents.plan_import(path))
    changed = [*ROWS]
    changed[0] = ("钱一", "男", IDS["钱一"], "13912349999", "空巢")
    again = s.residents.plan_import(_register(tmp_path / "changed.csv", changed))
    assert again.rows[0].status == "update" and not again.rows[0].digest_stored
    assert _seen(again) == _seen(_full_check(s, tmp_path / "changed.csv"))
    # The same file read with another mapping (联系电话 left out) is a different reading.
    remapped = s.residents.plan_import(path, mapping={0: "name", 1: "gender", 2: "id_number",
                                                      4: "birth_date", 5: "tags"})
    assert not any(r.digest_stored for r in remapped.rows)
    assert [r.status for r in remapped.rows] == ["unchanged"] * 5 + ["rejected"]


def test_a_digest_goes_with_an_erased_or_anonymised_archive(room: Room, tmp_path: Path
                                                              ) -> None:
    s = room.session
    s.residents.commit_import(s.residents.plan_import(_register(tmp_path / "r.csv")))
    by_name = {name: rid for rid, name in s.db.raw.execute("SELECT id, name FROM residents")}
    s.residents.erase(by_name["钱一"], reason="本人申请删除")
    s.residents.anonymise(by_name["周四"], reason="本人申请匿名")
    assert set(_digests(s)) == {by_name["吴五"]}


def test_the_sample_register_reads_the_same_known_or_checked(room: Room) -> None:
    s = room.session
    s.residents.commit_import(s.residents.plan_import(BEICHENG))
    again = s.residents.plan_import(BEICHENG)
    assert any(r.digest_stored for r in again.rows)
    assert _seen(again) == _seen(_full_check(s, BEICHENG))


def test_a_short_row_digests_as_the_same_row_padded_and_types_count() -> None:
    from psyroom.residents.importer.digests import RowDigests

    two = RowDigests({0: "name", 2: "phone"}, {"空巢": "elderly_empty_nest"})
    assert two.of(["钱一", "x"]) == two.of(["钱一", "y", None])
    assert two.of(["钱一", "x", 1951.02]) != two.of(["钱一", "x", "1951.02"])
    one = RowDigests({0: "name"}, {})
    assert one.of(["钱一"]) == one.of(["钱一", "其他"]) != one.of(["孙二"])
    # Another tag table reads the same cells another way.
    assert RowDigests({0: "name", 2: "phone"}, {}).of(["钱一"]) != two.of(["钱一"])
