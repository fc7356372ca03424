"""The register import recognises a patient list from 国家严重精神障碍信息系统: it registers
the patients (with their category), creates missing archives, maps 管理状态 to the archive's
status, and the preview says what each row will create or change."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from psyroom.residents.importer.plan import NEW, UNCHANGED, UPDATE
from psyroom.residents.messages import problem_text
from psyroom.residents.model import ResidentFields

from .conftest import Room, run_cli
from .test_resident_import import valid_id

A = valid_id("11010519800101001")
B = valid_id("11010519751203002")
C = valid_id("11010519900505003")
D = valid_id("11010519660707004")
E = valid_id("11010519550909005")


def national_list(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["严重精神障碍患者名单（国家严重精神障碍信息系统导出）"])
    ws.append(["序号", "患者编号", "姓名", "性别", "身份证号", "诊断", "登记日期", "管理状态",
               "现住址"])
    for n, row in enumerate([
        ("1101050001", "王建军", "男", A, "精神分裂症", "2019-03-02", "在管", "北城村3组"),
        ("1101050002", "李秀兰", "女", B, "双相情感障碍", "2018-06-10", "死亡", ""),
        ("1101050003", "赵志刚", "男", C, "偏执性精神病", "2020-01-15", "迁出", ""),
        ("1101050004", "孙桂芳", "女", D, "癫痫所致精神障碍", "2017-09-01", "失访", ""),
        (None, "周国强", "男", E, "精神分裂症", "2016-04-20", "在管", ""),
    ], 1):
        ws.append([n, *row])
    book.save(path)
    return path


def test_national_patient_list_registers_creates_and_maps_status(room: Room,
                                                                 tmp_path: Path) -> None:
    s = room.session
    a = s.residents.create(ResidentFields(name="王建军", gender="male", id_number=A)).resident
    e = s.residents.create(ResidentFields(
        name="周国强", gender="male", id_number=E, smd_registered=True,
        smd_diagnosis="精神分裂症", smd_registered_on="2016-04-20",
        tags=frozenset({"smd_patient"}))).resident
    plan = s.residents.plan_import(national_list(tmp_path / "名单.xlsx"))
    rows = {r.fields.name: r for r in plan.rows if r.fields}
    assert {n: r.status for n, r in rows.items()} == {
        "王建军": UPDATE, "李秀兰": NEW, "赵志刚": NEW, "孙桂芳": NEW, "周国强": UNCHANGED}
    # The preview says what will be created and changed.
    said = {n: [problem_text(p) for p in r.warnings] for n, r in rows.items()}
    assert any(t.startswith("将更新：") and "严重精神障碍在册" in t and "诊断" in t
               and "人群类别" in t for t in said["王建军"]), said["王建军"]
    assert any("将新建档案" in t and "已故" in t for t in said["李秀兰"])
    assert any("失访" in t for t in said["孙桂芳"])
    assert said["周国强"] == []

    summary = s.residents.commit_import(plan)
    assert (summary.imported, summary.updated, summary.unchanged) == (3, 1, 1)
    got = {r.name: r for r in (s.residents.open(x.id) for x in s.residents.search("")[1])}
    updated = s.residents.open(a.id)
    assert updated.smd_registered and updated.smd_diagnosis == "精神分裂症"
    assert updated.smd_registered_on == "2019-03-02" and "smd_patient" in updated.tags
    assert updated.status == "active"
    assert got["李秀兰"].status == "deceased" and got["李秀兰"].smd_registered
    assert got["赵志刚"].status == "moved"
    # 失访 is an archive status of its own: still registered, no longer under management.
    assert got["孙桂芳"].status == "lost" and "smd_patient" in got["孙桂芳"].tags
    # The list's 患者编号 is kept on the archive.
    assert updated.smd_national_id == "1101050001"
    assert got["孙桂芳"].smd_national_id == "1101050004"
    assert s.residents.open(e.id).version == e.version  # unchanged means untouched
    # The due list follows: only living patients at home are overdue; the lost one is lost.
    overdue = {o["resident_name"] for o in s.followups.overdue()}
    assert overdue == {"王建军", "周国强"}


def test_cli_import_prints_what_each_row_changes(room: Room, tmp_path: Path) -> None:
    room.session.close()
    result = run_cli("residents", "import", str(national_list(tmp_path / "list.xlsx")),
                     data_dir=room.dir)
    assert result.returncode == 0, result.stderr
    assert "导入 5 人" in result.stdout and "将新建档案" in result.stdout
    room.session = room.inst.unlock("zhaoadmin", "Bei-cheng2026")
