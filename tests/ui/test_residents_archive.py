"""The archive page: header card, timeline, copying a number clears the clipboard again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from tests.ui.residents_helpers import ZHANG_ID, add, open_page
from ui.main_window import MainWindow
from ui.qt import (
    QApplication,
    QGuiApplication,
    QLabel,
    QMessageBox,
    QPushButton,
    qt_is_valid,
)
from ui.residents.archive_actions import MergeDialog
from ui.residents.clipboard import SensitiveClipboard
from ui.residents.form import ResidentForm
from ui.residents.list_model import COLUMNS
from ui.residents.page import ResidentsPage

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]
InWorker = Callable[[Callable[[], Any]], Any]


def test_archive_shows_card_and_timeline_and_clears_copied_id(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    saved = add(in_worker, session, "张伟", ZHANG_ID, phone="13903590001", village="北城村",
                risk_level="high", tags=frozenset({"elderly_empty_nest"}))
    _window, page = open_page(qtbot, session, installation)
    archive = page.archive
    # Thirty seconds is too long for a test; the page takes whichever clipboard it is given.
    archive.clipboard = SensitiveClipboard(archive, clear_after_ms=300)
    page.open_archive(saved.resident.id)
    qtbot.waitUntil(lambda: archive.card is not None, timeout=30_000)
    card = archive.card
    assert card is not None
    assert card.findChild(QLabel, "archive_name").text() == "张伟"
    assert card.phone_row.value.text() == "139****0001"
    assert card.findChild(QLabel, "archive_risk").text() == "风险：高"
    assert [c.text() for c in card.findChildren(QLabel, "tag_chip")] == \
        ["空巢"]
    assert archive.timeline_titles() == ["建立档案"]
    for name in ("archive_edit", "archive_merge", "archive_export", "archive_remove"):
        assert not archive.findChild(QPushButton, name).isHidden()

    clipboard = QGuiApplication.clipboard()
    clipboard.setText("something of the user's")
    card.id_row.copy_button.click()
    qtbot.waitUntil(lambda: clipboard.text() == ZHANG_ID, timeout=30_000)
    assert card.id_row.value.text() == "1408**********007X"  # copied, not shown
    assert "300" not in archive.notice.text() and "秒后" in archive.notice.text()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5_000)

    # An edit shows in the timeline, newest first.
    archive.edit()
    form = next(w for w in archive.findChildren(ResidentForm) if w.isVisible())
    form.editors.edits["address"].setText("北城村3组")
    form.save()
    qtbot.waitUntil(lambda: not qt_is_valid(form), timeout=30_000)  # closed, deleted
    qtbot.waitUntil(lambda: len(archive.timeline_titles()) == 2, timeout=30_000)
    assert archive.timeline_titles() == ["修改档案：住址", "建立档案"]


def test_clipboard_keeps_what_the_user_copied_since(qtbot: Any) -> None:
    guard = SensitiveClipboard(clear_after_ms=100)
    clipboard = QGuiApplication.clipboard()
    guard.copy("140802195207140220")
    clipboard.setText("the user's own text")
    qtbot.wait(300)
    assert clipboard.text() == "the user's own text"
    assert not guard.holding


def _answer_yes(qtbot: Any) -> None:
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=10_000)
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    box.button(QMessageBox.StandardButton.Yes).click()


def test_admin_merges_exports_and_anonymises(qtbot: Any, installation: Installation,
                                             login_as: Login, in_worker: InWorker,
                                             tmp_path: Path) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    keep = add(in_worker, session, "王德福", "140802194803050112").resident
    twice = add(in_worker, session, "王德福", None, birth_date="1948-03-05",
                phone="13903590001").resident
    _window, page = open_page(qtbot, session, installation)
    archive = page.archive
    page.open_archive(twice.id)
    qtbot.waitUntil(lambda: archive.resident is not None, timeout=30_000)

    # Merge the second archive into the first, choosing it by search; a reason is required.
    archive.merge()
    dialog = next(w for w in archive.findChildren(MergeDialog) if w.isVisible())
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 2, timeout=30_000)
    row = next(i for i, r in enumerate(dialog.picker.model.rows) if r.id == keep.id)
    own = next(i for i, r in enumerate(dialog.picker.model.rows) if r.id == twice.id)
    assert dialog.picker.model.index(own, 0).data().endswith("（本档案）")
    dialog.picker.table.selectRow(row)
    assert not ok.isEnabled()  # no reason yet
    dialog.reason.setText("同一人重复建档")
    assert ok.isEnabled()
    ok.click()
    _answer_yes(qtbot)
    qtbot.waitUntil(lambda: archive.resident is not None and archive.resident.id == keep.id,
                    timeout=30_000)
    assert archive.resident is not None and archive.resident.phone == "13903590001"
    assert archive.timeline_titles()[0] == "合并档案"

    # Export the whole archive as a PDF (an access request).
    out = tmp_path / "王德福.pdf"
    archive.export_to(out)
    qtbot.waitUntil(out.exists, timeout=30_000)
    assert out.read_bytes()[:4] == b"%PDF"
    _close_message_boxes()

    # Anonymise with a reason: the name is gone, the archive stays for the counts.
    archive.remove_now(erase=False, reason="本人申请")
    qtbot.waitUntil(lambda: archive.resident is not None and archive.resident.anonymised,
                    timeout=30_000)
    assert archive.resident is not None and archive.resident.name.startswith("已匿名化")
    assert archive.resident.id_number is None


def _close_message_boxes() -> None:
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.isVisible():
            box.close()


def test_a_lost_patient_and_the_national_number_show_in_the_header_and_the_form(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    saved = add(in_worker, session, "孙桂芳", smd_registered=True, smd_diagnosis="精神分裂症",
                smd_national_id="1101050004", status="lost")
    _window, page = open_page(qtbot, session, installation)
    archive = page.archive
    page.open_archive(saved.resident.id)
    qtbot.waitUntil(lambda: archive.card is not None, timeout=30_000)
    card = archive.card
    assert card is not None
    assert card.findChild(QLabel, "archive_status").text() == "失访"
    assert card.findChild(QLabel, "smd_national_id_value").text() == "1101050004"
    col = COLUMNS.index("status")
    assert any(page.model.data(page.model.index(r, col)) == "失访"
               for r in range(page.model.rowCount()))

    # A new archive: the number is typed with the other severe-disorder fields.
    page.new_button.click()
    form = next(w for w in page.findChildren(ResidentForm) if w.isVisible())
    edits = form.editors.edits
    edits["name"].setText("王建军")
    assert not edits["smd_national_id"].isEnabled()  # only for a registered patient
    form.editors.smd.setChecked(True)
    edits["smd_national_id"].setText("1101050001")
    form.save()
    qtbot.waitUntil(lambda: not qt_is_valid(form), timeout=30_000)
    qtbot.waitUntil(lambda: page.archive.resident is not None
                    and page.archive.resident.name == "王建军", timeout=30_000)
    assert page.archive.resident.smd_national_id == "1101050001"


def test_an_archive_opened_before_the_category_names_arrive_shows_them_once_they_do(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    # The home page's 打开档案 can open an archive before the residents page has loaded the
    # category names; the card must not keep showing codes such as "women_perinatal".
    session = login_as(ADMIN, ADMIN_PASSWORD)
    saved = add(in_worker, session, "王秀兰", None, tags=frozenset({"elderly_empty_nest"}))
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.page_by_key["residents"]
    assert isinstance(page, ResidentsPage)
    page.open_archive(saved.resident.id)  # before the page was ever shown or refreshed
    window.nav.setCurrentRow(window.pages.indexOf(page))

    def chips() -> list[str]:
        card = page.archive.card
        return [c.text() for c in card.findChildren(QLabel, "tag_chip")] if card else []

    qtbot.waitUntil(lambda: chips() == ["空巢"], timeout=30_000)
