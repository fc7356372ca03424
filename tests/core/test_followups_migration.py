"""Migration 0007 on a real SQLCipher file written at revision 0003 with follow-ups in it:
what maps without doubt maps, the rest stays empty with the old values kept beside it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from alembic import command

from psyroom.storage import migrate
from psyroom.storage.database import Database

OLD = [
    # id, method, risk, condition, medication, social function
    ("a", "phone", 0, "stable", "regular", "good"),
    ("b", "face", 1, "basic", "intermittent", "fair"),
    ("c", "face", 4, "stable", "none", "poor"),  # the old core accepted this
    ("d", "face", 3, "unstable", "hospital", "poor"),
    ("e", "phone", 2, "stable", "regular", "good"),
]


@pytest.mark.parametrize("sibling", [False, True], ids=["0003", "0006"])
def test_followups_written_before_the_form_migrate(tmp_path: Path, sibling: bool) -> None:
    db = Database.open(tmp_path / "old.db", os.urandom(32), create=True)
    try:
        cfg = migrate._alembic_config()
        cfg.attributes["connection"] = db.connection
        # Referrals (0006) add followups.referral_id before 0007 runs: 0007 must keep it.
        command.upgrade(cfg, "0006" if sibling else "0003")
        db.connection.commit()
        with db.unit_of_work() as conn:
            for fid, method, risk, condition, medication, social in OLD:
                conn.exec_driver_sql(
                    "INSERT INTO followups (id, origin_site, version, created_at, updated_at, "
                    "resident_id, followup_date, method, risk_level, condition, medication, "
                    "social_function, home_rehab, counselled_patient, counselled_family, "
                    "notes, next_date, action_required, recorded_by) VALUES (?, 's', 2, "
                    "'2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', 'r1', '2025-01-01', ?, "
                    "?, ?, ?, ?, 1, 0, 1, '家属陪同', '2025-01-15', ?, '王医生')",
                    (fid, method, risk, condition, medication, social, int(risk >= 3)))
            if sibling:
                conn.exec_driver_sql("UPDATE followups SET referral_id = 'ref-d' WHERE id = 'd'")
        assert migrate.current_revision(db) == ("0006" if sibling else "0003")

        assert migrate.upgrade(db) is True
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        cur = db.raw.execute("SELECT * FROM followups ORDER BY id")
        names = [d[0] for d in cur.description]
        rows = {r[0]: dict(zip(names, r, strict=True)) for r in cur.fetchall()}
    finally:
        db.close()

    assert set(rows) == {"a", "b", "c", "d", "e"}
    a, b, c, d, e = (rows[k] for k in "abcde")
    for row in rows.values():
        # Kept without doubt: the record columns, risk, next date, notes, flags, who.
        assert (row["origin_site"], row["version"], row["updated_at"]) == (
            "s", 2, "2025-01-02T00:00:00Z")
        assert (row["next_date"], row["notes"], row["recorded_by"]) == (
            "2025-01-15", "家属陪同", "王医生")
        assert (row["home_rehab"], row["counselled_patient"], row["counselled_family"]) == (
            1, 0, 1)
        assert row["before_form"] == 1
        # Five social-function items cannot come from one old grade.
        assert all(row[k] is None for k in ("sf_self_care", "sf_housework", "sf_work",
                                            "sf_learning", "sf_social", "insight"))
    assert [rows[k]["risk_level"] for k in "abcde"] == [0, 1, 4, 3, 2]
    # 电话 maps; 面访 could be 门诊 or 家庭访视: left empty, old value kept.
    assert (a["visit_form"], b["visit_form"]) == (3, None)
    assert json.loads(b["pre_form_values"]) == {"method": "face", "condition": "basic",
                                                "medication": "intermittent",
                                                "social_function": "fair"}
    assert [rows[k]["adherence"] for k in "abcde"] == [1, 2, 3, None, 1]
    assert d["hospital"] == 1 and a["hospital"] is None
    # A class maps only where the risk level allows it.
    assert [rows[k]["classification"] for k in "abcde"] == [3, 2, None, 1, None]
    assert json.loads(c["pre_form_values"])["condition"] == "stable"
    assert d["action_required"] == 1 and e["action_required"] == 0
    assert d["referral_id"] == ("ref-d" if sibling else None) and a["referral_id"] is None


def test_rate_expressions_count_new_and_migrated_rows_alike(tmp_path: Path) -> None:
    from psyroom.followups.form import FACE_TO_FACE_SQL, MEDICATED_SQL, REGULAR_SQL

    db = Database.open(tmp_path / "r.db", os.urandom(32), create=True)
    try:
        migrate.upgrade(db)
        with db.unit_of_work() as conn:
            for fid, form, pre, adherence, hospital in (
                    ("new-clinic", 1, None, 1, None), ("new-phone", 3, None, 2, None),
                    ("old-face", None, '{"method": "face"}', 3, None),
                    ("old-phone", 3, '{"method": "phone"}', None, 1)):
                conn.exec_driver_sql(
                    "INSERT INTO followups (id, origin_site, created_at, updated_at, "
                    "resident_id, followup_date, visit_form, pre_form_values, adherence, "
                    "hospital, recorded_by) VALUES (?, 's', 't', 't', 'r', '2026-01-01', ?, ?, "
                    "?, ?, 'x')", (fid, form, pre, adherence, hospital))

        def ids(where: str) -> set[str]:
            return {r[0] for r in db.raw.execute(f"SELECT id FROM followups WHERE {where}")}

        assert ids(FACE_TO_FACE_SQL) == {"new-clinic", "old-face"}
        assert ids(MEDICATED_SQL) == {"new-clinic", "new-phone", "old-phone"}
        assert ids(REGULAR_SQL) == {"new-clinic"}
    finally:
        db.close()


def test_a_migrated_follow_up_says_so_on_the_timeline() -> None:
    from psyroom.followups.service import summary

    zh, en = summary({"classification": None, "visit_form": None, "risk_level": 4,
                      "before_form": 1})
    assert zh.endswith("（录入于采用表1-8之前）") and "未分类" in zh
    assert en.endswith("(recorded before the form)")
    assert "之前" not in summary({"classification": 3, "visit_form": 1, "risk_level": 0,
                                  "before_form": 0})[0]
