"""Joining an office from the screens (issues 9 and 10): the first-run wizard takes the site
code, name, kind and village from a real enrolment file written by a real office; a room
already in use joins from Settings, keeping its records, and a different code is changed only
after the admin confirms the warning."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD
from tests.ui.test_ux_older_eyes import LARGEST, _fits, small_screen  # noqa: F401
from ui.main_window import MainWindow
from ui.qt import QApplication, QMessageBox, QPoint, QPushButton, Qt, QWizard
from ui.shell.wizard import FirstRunWizard
from ui.sync.join import JoinDialog
from ui.theme import apply_font_size

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/psyroom-join-shots")
OFFICE_NAME = "城关街道综治中心"


def click(qtbot: Any, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def shot(widget: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.window().grab().save(str(SHOTS / f"{name}.png"))


def own_village(in_worker: Callable[[Callable[[], Any]], Any], s: Session) -> str:
    return str(in_worker(lambda: s.db.raw.execute(
        "SELECT village FROM sites WHERE is_self = 1").fetchone()[0]))


@pytest.fixture
def office(tmp_path: Path, in_worker: Callable[[Callable[[], Any]], Any]) -> Iterator[Session]:
    def make() -> Session:
        inst = Installation(tmp_path / "office")
        return inst.initialise(site_kind="office", site_code="JD-01", site_name=OFFICE_NAME,
                               admin_name="jiedao", admin_password=ADMIN_PASSWORD).session

    session: Session = in_worker(make)
    yield session
    in_worker(session.close)


def test_wizard_sets_up_a_room_from_the_enrolment_file(
        qtbot: Any, tmp_path: Path, office: Session,
        in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    file = tmp_path / "enrol.json"
    # Typed in lower case at the office: the file carries the office's upper-case code.
    in_worker(lambda: office.bundles.enrol_room("nq-003", "南关社区心理服务室", out=file,
                                                room_type="community", village="南关社区"))
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(file.read_bytes()[:-30])
    wizard = FirstRunWizard(Installation(tmp_path / "data"))
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    click(qtbot, next_button)
    site = wizard.site_page
    assert wizard.currentPage() is site and site.enrolment.isVisible()

    # A damaged file is said so in Chinese and fills nothing in.
    site.enrolment.load(damaged)
    qtbot.waitUntil(lambda: "登记文件" in site.enrolment.shown.text(), timeout=30_000)
    assert "损坏" in site.enrolment.shown.text()
    assert site.code.text() == "" and not site.code.isReadOnly()
    assert not next_button.isEnabled()

    site.enrolment.load(file)
    qtbot.waitUntil(lambda: site.code.text() == "NQ-003", timeout=30_000)
    shown = site.enrolment.shown.text()
    for expected in (f"街道：{OFFICE_NAME}（JD-01）", "咨询室编码：NQ-003",
                     "名称：南关社区心理服务室", "类型：社区", "村（社区）：南关社区"):
        assert expected in shown
    # Every line read is on screen, none cut off below the label's edge.
    label = site.enrolment.shown
    qtbot.waitUntil(lambda: label.height() >= label.fontMetrics().lineSpacing() * (
        shown.count("\n") + 1), timeout=5_000)
    # Nothing to retype, nothing to mistype: the file's values, locked.
    assert site.code.isReadOnly() and site.name.isReadOnly()
    assert site.name.text() == "南关社区心理服务室"
    assert site.type.currentData() == "community" and not site.type.isEnabled()
    assert site.code_shown.text() == "将保存为：NQ-003"
    shot(wizard, "wizard_enrolment")
    click(qtbot, next_button)

    page = wizard.admin_page
    page.username.setText("nanguan")
    page.fields.password.setText(ADMIN_PASSWORD)
    page.fields.repeat.setText(ADMIN_PASSWORD)
    click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.language_page, timeout=60_000)
    result = page.result
    assert result is not None
    room = result.session
    joined = in_worker(room.bundles.enrolment)
    assert joined is not None and joined["office_code"] == "JD-01" and not joined["proven"]
    assert (room.site.code, room.site.name, room.site.room_type) == (
        "NQ-003", "南关社区心理服务室", "community")
    assert own_village(in_worker, room) == "南关社区"
    # The room's first bundle is accepted by the office that wrote the file.
    usb = tmp_path / "usb"
    usb.mkdir()
    paths = in_worker(lambda: room.bundles.export_bundle(usb))
    summary = in_worker(lambda: office.bundles.import_bundles(paths))
    assert summary.refused == 0 and summary.files[0].result.room_code == "NQ-003"
    in_worker(room.close)


def test_the_join_choice_is_for_rooms_only(qtbot: Any, tmp_path: Path) -> None:
    wizard = FirstRunWizard(Installation(tmp_path / "data"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.kind_page.office.setChecked(True)
    wizard.next()
    assert not wizard.site_page.enrolment.isVisible()
    assert wizard.site_page.enrolment_file() is None
    assert not wizard.site_page.code.isReadOnly()


def open_settings(qtbot: Any, session: Session, installation: Installation) -> Any:
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    page = window.page_by_key["settings"]
    window.nav.setCurrentRow(window.pages.indexOf(page))
    return page


def _recode_box() -> QMessageBox | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.objectName() == "recode_warning" and w.isVisible():
            return w
    return None


def test_settings_joins_keeping_records_and_recoding_only_when_confirmed(
        qtbot: Any, tmp_path: Path, installation: Installation, office: Session,
        login_as: Callable[[str, str], Session],
        in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    file = tmp_path / "enrol.json"
    in_worker(lambda: office.bundles.enrol_room("XG-009", "西关村心理服务室", out=file,
                                                village="西关村"))
    room = login_as(ADMIN, ADMIN_PASSWORD)
    in_worker(lambda: room.residents.create(ResidentFields(
        name="王桂兰", gender="female", birth_date="1948-02-03")))
    page = open_settings(qtbot, room, installation)
    qtbot.waitUntil(lambda: "还没有加入街道" in page.office_label.text(), timeout=30_000)
    assert "HX-001" in page.office_label.text()
    click(qtbot, page.join_button)
    dialog = page.join_dialog
    assert dialog is not None and not dialog.join_button.isEnabled()
    dialog.choice.load(file)
    qtbot.waitUntil(lambda: dialog.join_button.isEnabled(), timeout=30_000)
    # The mismatch is spelled out before anything is pressed.
    assert dialog.warning.isVisible()
    assert "XG-009" in dialog.warning.text() and "HX-001" in dialog.warning.text()
    # Grown to show all it read and the whole warning, nothing cut off at the bottom.
    qtbot.waitUntil(lambda: dialog.warning.geometry().bottom()
                    < dialog.join_button.mapTo(dialog, dialog.join_button.rect().topLeft()).y()
                    and dialog.warning.height() >= dialog.warning.heightForWidth(
                        dialog.warning.width()), timeout=5_000)
    assert dialog.choice.shown.height() >= 6 * dialog.choice.shown.fontMetrics().lineSpacing()
    shot(dialog, "settings_join_dialog")

    # Join → a warning; Cancel leaves the room as it was.
    click(qtbot, dialog.join_button)
    qtbot.waitUntil(lambda: _recode_box() is not None, timeout=10_000)
    box = _recode_box()
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    shot(box, "settings_recode_warning")
    cancel = next(b for b in box.buttons() if b.objectName() != "confirm_recode")
    assert box.defaultButton() is cancel
    cancel.click()
    qtbot.waitUntil(lambda: _recode_box() is None, timeout=10_000)
    assert in_worker(room.bundles.enrolment) is None
    assert room.site.code == "HX-001" and dialog.isVisible()

    # Join again and confirm: the room takes the office's code and keeps every record.
    click(qtbot, dialog.join_button)
    qtbot.waitUntil(lambda: _recode_box() is not None, timeout=10_000)
    box = _recode_box()
    assert box is not None
    confirm = next(b for b in box.buttons() if b.objectName() == "confirm_recode")
    assert "XG-009" in confirm.text()
    confirm.click()
    qtbot.waitUntil(lambda: room.site.code == "XG-009", timeout=30_000)
    qtbot.waitUntil(lambda: OFFICE_NAME in page.office_label.text(), timeout=30_000)
    assert "XG-009" in page.office_label.text()
    assert room.site.name == "西关村心理服务室"
    assert own_village(in_worker, room) == "西关村"
    assert in_worker(room.residents.count) == 1
    assert in_worker(room.bundles.enrolment)["office_code"] == "JD-01"
    shot(page, "settings_joined")


def test_only_the_admin_sees_joining_in_settings(
        qtbot: Any, installation: Installation,
        login_as: Callable[[str, str], Session]) -> None:
    worker = login_as(WORKER, WORKER_PASSWORD)
    page = open_settings(qtbot, worker, installation)
    assert not page.join_button.isVisible() and not page.office_label.isVisible()


@pytest.mark.usefixtures("small_screen")
def test_wizard_and_join_dialog_fit_at_the_largest_text_size(
        qtbot: Any, tmp_path: Path, installation: Installation, office: Session,
        login_as: Callable[[str, str], Session],
        in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    file = tmp_path / "enrol.json"
    in_worker(lambda: office.bundles.enrol_room("XG-009", "西关村心理服务室", out=file,
                                                room_type="community", village="西关村"))
    apply_font_size(LARGEST)
    wizard = FirstRunWizard(Installation(tmp_path / "data"))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    site = wizard.site_page
    site.enrolment.load(file)
    qtbot.waitUntil(lambda: site.code.text() == "XG-009", timeout=30_000)
    qtbot.wait(100)
    assert _fits(wizard) == []
    # The last field is on the page, not pushed below the buttons.
    assert site.type.mapTo(wizard, site.type.rect().bottomLeft()).y() < wizard.button(
        QWizard.WizardButton.NextButton).mapTo(wizard, QPoint(0, 0)).y()
    shot(wizard, "wizard_enrolment_largest_font")

    room = login_as(ADMIN, ADMIN_PASSWORD)
    dialog = JoinDialog(room)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.choice.load(file)
    qtbot.waitUntil(lambda: dialog.warning.isVisible(), timeout=30_000)
    qtbot.waitUntil(lambda: dialog.height() >= dialog.minimumSizeHint().height(),
                    timeout=5_000)
    assert _fits(dialog) == []
    shot(dialog, "settings_join_dialog_largest_font")
