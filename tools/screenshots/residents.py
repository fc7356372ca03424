"""Render the resident screens in Chinese to PNG files (no display needed).

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots.residents OUTDIR [SAMPLE.xlsx]

A throw-away room filled with synthetic residents (``fill_demo_data``); the import preview
uses the sample register from ``shared/samples`` when it is there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from psyroom.demo.service import fill_demo_data
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.residents.search import SearchFilters
from tools.screenshots.app import PASSWORD, Shooter, on_worker, settle, shoot_in_chinese, wait_until
from ui.main_window import MainWindow
from ui.residents.archive_actions import MergeDialog, RemoveDialog
from ui.residents.form import ResidentForm
from ui.residents.page import ResidentsPage

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "fixtures" / "registers" / "北城村重点人群台账.xlsx"


def run(out: Path, data_dir: Path, sample: Path) -> None:
    shooter = Shooter(out)
    inst = Installation(data_dir)
    result = on_worker(lambda: inst.initialise(
        site_kind="room", room_type="village", site_code="HX-001", site_name="河西村心理服务室",
        admin_name="wangfang", admin_password=PASSWORD))
    session = result.session
    on_worker(lambda: fill_demo_data(session, residents=3000, seed=3))
    # One archive with everything on its card: categories, high risk, the SMD registry.
    shown = on_worker(lambda: session.residents.create(ResidentFields(
        name="张卫国", gender="male", id_number="140802196805120371", phone="13903591234",
        address="河西村2组15号", village="河西村", guardian_name="张秀兰",
        guardian_phone="13803590011", consent_date="2025-03-18", consent_scope="心理服务档案管理",
        risk_level="high", smd_registered=True, smd_diagnosis="精神分裂症",
        smd_registered_on="2019-06-03", smd_guardian="张秀兰（妻）",
        smd_care_team="村医李明、网格员王强、民警赵刚",
        tags=frozenset({"smd_patient", "four_frustrated", "poor_vulnerable"})))).resident
    on_worker(lambda: session.residents.update(shown.id, ResidentFields(
        **{**{f: getattr(shown, f) for f in ResidentFields.__dataclass_fields__},
           "address": "河西村2组16号"}), expected_version=shown.version))

    window = MainWindow(session, inst, inst.load_settings(), idle_ms=3_600_000)
    window.resize(1180, 720)
    page = window.page_by_key["residents"]
    assert isinstance(page, ResidentsPage)
    window.show()
    window.nav.setCurrentRow(window.pages.indexOf(page))
    wait_until(lambda: page.model.rowCount() > 0 and page.search.village.count() > 1)
    shooter.shoot(window, "residents-list")

    page.search.text.setText("zw")
    wait_until(lambda: page.model.query[0] == "zw" and page.model.total < 3001)
    shooter.shoot(window, "residents-search-zw")
    page.search.risk.setCurrentIndex(page.search.risk.findData("high"))
    wait_until(lambda: page.model.query[1] == SearchFilters(risk_level="high"))
    page.search.text.clear()
    wait_until(lambda: page.model.query == ("", SearchFilters(risk_level="high")))
    shooter.shoot(window, "residents-filter-high-risk")
    page.search.risk.setCurrentIndex(0)
    page.search.text.setText("zhangweiguo")

    page.open_archive(shown.id)
    wait_until(lambda: page.archive.card is not None)
    card = page.archive.card
    assert card is not None
    card.phone_row.toggle()
    wait_until(lambda: card.phone_row.revealed)
    shooter.shoot(window, "residents-archive")
    merge = MergeDialog(session, shown, page.tags, window)
    wait_until(lambda: merge.picker.model.query[0] == shown.name)
    settle(0.3)
    shooter.shoot(merge, "residents-merge")
    merge.hide()
    remove = RemoveDialog(shown, window)
    remove.reason.setText("本人于 2026-11-20 书面申请删除个人信息")
    shooter.shoot(remove, "residents-remove")
    remove.hide()

    form = ResidentForm(session, page.tags, villages=page.villages, parent=window)
    form.editors.edits["name"].setText("李桂芝")
    form.editors.edits["id_number"].setText("140802195207140221")
    form.editors.edits["birth_date"].setText("1952-07-15")
    form.editors.edits["phone"].setText("1390359000")
    form.tags.boxes["elderly_empty_nest"].setChecked(True)
    form.show()
    form.check_now()
    wait_until(lambda: not form.editors.problems["id_number"].isHidden())
    shooter.shoot(form, "residents-form-problems")
    form.hide()

    if sample.exists():
        page.show_list()
        page.open_import()
        dialog = page.import_dialog
        assert dialog is not None
        dialog.load(sample)
        wait_until(lambda: dialog.planned is not None)
        shooter.shoot(dialog, "residents-import-preview")
        dialog.only_problems.setChecked(True)
        shooter.shoot(dialog, "residents-import-problems")
        dialog.only_problems.setChecked(False)
        dialog.import_now()
        wait_until(lambda: dialog.summary is not None)
        settle(0.3)
        shooter.shoot(dialog, "residents-import-done")
        # The same register again: what it imported is listed as unchanged.
        dialog.load(sample)
        wait_until(lambda: dialog.summary is None and dialog.planned is not None
                   and "无变化" in dialog.counts.text() and "无变化 0" not in dialog.counts.text())
        settle(0.3)
        shooter.shoot(dialog, "residents-import-again")
        dialog.close()
    window.hide()
    on_worker(session.close)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print("usage: python -m tools.screenshots.residents OUTDIR [SAMPLE.xlsx]", file=sys.stderr)
        return 2
    sample = Path(args[1]) if len(args) > 1 else SAMPLE
    shoot_in_chinese(lambda data_dir: run(Path(args[0]), data_dir, sample))
    return 0


if __name__ == "__main__":
    sys.exit(main())
