"""The import dialog on the sample register: 11 to add, 5 with problems, then imported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from tests.ui.residents_helpers import open_page
from ui.qt import QApplication, QMessageBox, Qt
from ui.residents.import_dialog import ImportDialog
from ui.residents.import_models import PREVIEW_COLUMNS

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]
SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "registers"
SAMPLE = SAMPLES / "北城村重点人群台账.xlsx"


def _close_message_boxes() -> None:
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.isVisible():
            box.close()


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample registers are not here")
def test_import_sample_register(qtbot: Any, installation: Installation, login_as: Login,
                                tmp_path: Path) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    _window, page = open_page(qtbot, session, installation)
    page.import_button.click()
    dialog = page.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert not dialog.import_button.isEnabled()

    dialog.load(SAMPLE)
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=30_000)
    counts = dialog.counts.text()
    assert "将导入 11 人" in counts and "有问题 5 行" in counts
    assert dialog.import_button.isEnabled() and dialog.save_rejects_button.isEnabled()
    # The mapping found the columns under the title rows.
    assert [c.currentText() for c in dialog.mapping.combos[:3]] == ["（不导入）", "姓名", "性别"]

    # Every refused row says why; the preview masks ID numbers like every list.
    model = dialog.preview_model
    status = PREVIEW_COLUMNS.index("status")
    reason = PREVIEW_COLUMNS.index("reason")
    id_col = PREVIEW_COLUMNS.index("id_number")
    refused = [r for r in range(model.rowCount()) if model.index(r, status).data() == "有问题"]
    assert len(refused) == 5
    assert all(model.index(r, reason).data() for r in refused)
    assert any("文本" in model.index(r, reason).data() for r in refused)  # digits lost
    assert all("*" in (model.index(r, id_col).data() or "*") for r in range(model.rowCount()))
    assert model.index(refused[0], status).data(Qt.ItemDataRole.BackgroundRole) is not None
    dialog.only_problems.setChecked(True)
    assert model.rowCount() == 6  # five refused, one imported with a note (the short phone)

    # The refused rows go to a file to fix, IDs as text.
    out = tmp_path / "问题行.xlsx"
    dialog.save_rejects_to(out)
    qtbot.waitUntil(lambda: dialog.rejects_file is not None, timeout=30_000)
    _close_message_boxes()
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 6 and all(r[1] for r in rows[1:])
    id_cells = [row[4 + 2] for row in sheet.iter_rows(min_row=2)]
    assert all(c.number_format == "@" for c in id_cells if c.value is not None)

    dialog.import_now()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=60_000)
    assert dialog.summary is not None and dialog.summary.imported == 11
    assert "新建档案 11 份" in dialog.counts.text()
    assert not dialog.import_button.isEnabled()
    # The list behind the dialog refreshed by itself.
    qtbot.waitUntil(lambda: page.model.total == 11, timeout=30_000)

    # The same register again: every row it imported is known unchanged (most by their
    # digests, psyroom/residents/importer/digests.py) and listed with its name.
    dialog.load(SAMPLE)
    qtbot.waitUntil(lambda: "无变化 11 人" in dialog.counts.text(), timeout=30_000)
    assert "将导入 0 人" in dialog.counts.text() and dialog.summary is None
    assert dialog.planned is not None
    assert any(r.digest_stored for r in dialog.planned.plan.rows)
    dialog.only_problems.setChecked(False)
    name = PREVIEW_COLUMNS.index("name")
    unchanged = {model.index(r, name).data() for r in range(model.rowCount())
                 if model.index(r, status).data() == "无变化"}
    assert len(unchanged) == 11 and "王德福" in unchanged
    dialog.only_problems.setChecked(True)

    # The same dialog takes the next register: a GB18030 CSV, which has no sheets to choose.
    dialog.load(SAMPLES / "南关社区台账-GB18030.csv")
    qtbot.waitUntil(lambda: dialog.planned is not None and dialog.summary is None
                    and dialog.planned.path.suffix == ".csv", timeout=30_000)
    assert "将导入 5 人" in dialog.counts.text() and "有问题 1 行" in dialog.counts.text()
    assert dialog.sheet.isHidden() and dialog.import_button.isEnabled()
    # Its preview starts fresh: what will be done, not the first file's "added".
    shown = {model.index(r, status).data() for r in range(model.rowCount())}
    assert shown == {"有问题"}  # only problem rows are listed; not the first file's "未导入"
    dialog.close()
