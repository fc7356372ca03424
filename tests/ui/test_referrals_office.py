"""Referral screens between a room and its street office, over real bundles: the office's
institution directory entry shows read-only at the room beside the room's own, and the
office's clerk checks a slip the room printed with the referral page's "check a slip"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.referrals import codes
from psyroom.referrals.model import InstitutionInput, Referral, ReferralInput
from psyroom.residents.model import ResidentFields
from psyroom.security.roles import Role
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD
from ui.main_window import MainWindow
from ui.pages.settings import FONT_SIZES
from ui.qt import QRect, Qt
from ui.referrals.directory import DirectoryDialog
from ui.screen_fit import screen_fit
from ui.theme import apply_font_size

pytestmark = pytest.mark.gui

InWorker = Callable[[Callable[[], Any]], Any]
Login = Callable[[str, str], Session]
HOSPITAL = "城关区精神卫生中心"
CLERK = "liuwenshu"
SHOTS = Path("/tmp/psyroom-referral-shots")


def street(in_worker: InWorker, tmp_path: Path, room_admin: Session) -> tuple[Session, str]:
    """An office with the room enrolled, its first bundle in, its directory sent down."""
    office_inst = Installation(tmp_path / "office")
    usb = tmp_path / "usb"
    usb.mkdir()

    def work() -> tuple[Session, str]:
        office = office_inst.initialise(site_kind="office", site_code="JD-01",
                                        site_name="城关街道综治中心", admin_name="jiedao",
                                        admin_password=ADMIN_PASSWORD).session
        office.bundles.enrol_room("HX-001", "河西村心理服务室", out=tmp_path / "e.json",
                                  village="河西村")
        room_admin.bundles.join(tmp_path / "e.json")
        office.bundles.import_bundles(room_admin.bundles.export_bundle(usb))
        iid = office.institutions.add(InstitutionInput(name=HOSPITAL, kind="mental_hospital",
                                                       phone="0359-2022222"))
        room_admin.bundles.import_bundles(office.bundles.export_bundle(usb, room="HX-001"))
        return office, iid

    result: tuple[Session, str] = in_worker(work)
    return result


def test_office_entry_is_read_only_in_the_rooms_directory(
        qtbot: Any, login_as: Login, in_worker: InWorker, tmp_path: Path) -> None:
    room_admin = login_as(ADMIN, ADMIN_PASSWORD)
    office, _iid = street(in_worker, tmp_path, room_admin)
    try:
        worker = login_as(WORKER, WORKER_PASSWORD)
        in_worker(lambda: worker.institutions.add(InstitutionInput(
            name="河西村卫生室", kind="community_health")))
        dialog = DirectoryDialog(worker)
        qtbot.addWidget(dialog)
        dialog.resize(1366 // 2, 700)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
        rows = {dialog.table.item(i, 0).text(): i for i in range(2)}
        assert dialog.table.item(rows[HOSPITAL], 3).text() == "街道下发"
        assert dialog.table.item(rows["河西村卫生室"], 3).text() == "本室添加"

        dialog.table.selectRow(rows[HOSPITAL])
        qtbot.waitUntil(lambda: dialog.name.text() == HOSPITAL, timeout=5_000)
        assert dialog.read_only_note.isVisible() and "街道" in dialog.read_only_note.text()
        assert not dialog.name.isEnabled() and not dialog.active.isEnabled()
        assert not dialog.save_button.isEnabled()
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / "directory-office-entry.png"))

        dialog.table.selectRow(rows["河西村卫生室"])
        qtbot.waitUntil(lambda: dialog.name.text() == "河西村卫生室", timeout=5_000)
        assert not dialog.read_only_note.isVisible()
        assert dialog.name.isEnabled() and dialog.save_button.isEnabled()

        # At the office the same entry is its own: editable, and said to be the street's.
        at_office = DirectoryDialog(office)
        qtbot.addWidget(at_office)
        at_office.show()
        qtbot.waitUntil(lambda: at_office.table.rowCount() == 1, timeout=10_000)
        assert at_office.table.item(0, 3).text() == "街道下发"
        at_office.table.selectRow(0)
        qtbot.waitUntil(lambda: at_office.name.text() == HOSPITAL, timeout=5_000)
        assert at_office.name.isEnabled() and not at_office.read_only_note.isVisible()
    finally:
        in_worker(office.close)


def test_office_clerk_checks_a_rooms_slip_on_the_referral_page(
        qtbot: Any, login_as: Login, in_worker: InWorker, tmp_path: Path) -> None:
    room_admin = login_as(ADMIN, ADMIN_PASSWORD)
    office, iid = street(in_worker, tmp_path, room_admin)
    office_inst = Installation(tmp_path / "office")
    try:
        worker = login_as(WORKER, WORKER_PASSWORD)

        def issue() -> Referral:
            rid = worker.residents.create(ResidentFields(
                name="欧阳秀兰", gender="female", birth_date="1968-03-05")).resident.id
            made = worker.referrals.create(ReferralInput(
                resident_id=rid, institution_id=iid, reason="情绪低落两月，建议精神科评估",
                consent_by="resident", consent_scope="姓名、联系电话", consent_date="2026-11-20"))
            issued = worker.referrals.issue(made.id)
            office.bundles.import_bundles(room_admin.bundles.export_bundle(tmp_path / "usb"))
            office.add_user(CLERK, display_name="刘文书", roles=frozenset({Role.OFFICE_CLERK}),
                            password="First-2026-pw")
            first = office_inst.unlock(CLERK, "First-2026-pw")
            first.change_own_password("First-2026-pw", WORKER_PASSWORD)
            first.close()
            return issued

        issued: Referral = in_worker(issue)
        clerk: Session = in_worker(lambda: office_inst.unlock(CLERK, WORKER_PASSWORD))
        try:
            window = MainWindow(clerk, office_inst, office_inst.load_settings(),
                                idle_ms=3_600_000)
            qtbot.addWidget(window)
            window.resize(1366, 768)
            window.show()
            page = window.page_by_key["referrals"]
            window.nav.setCurrentRow(window.pages.indexOf(page))
            assert page.verify_button.isVisible() and page.verify_button.text() == "核验转介单…"
            assert not page.new_button.isVisible()  # the clerk checks, never issues
            dialog = page.verify_slip()
            # A scanner types the QR code's text into the serial box, then Enter.
            qtbot.keyClicks(dialog.serial, codes.qr_payload(issued.serial,
                                                             issued.verify_code or ""))
            qtbot.keyClick(dialog.serial, Qt.Key.Key_Return)
            assert (dialog.serial.text(), dialog.code.text()) == (issued.serial,
                                                                  issued.verify_code)
            qtbot.waitUntil(lambda: dialog.answer.isVisible(), timeout=10_000)
            assert dialog.answer.text().startswith(
                f"真实：编号 {issued.serial} 的转介单由 HX-001 心理服务室开具")
            recorded = dialog.fields.toPlainText()
            for value in ("姓名：欧阳秀兰", f"接收机构：{HOSPITAL}", "情绪低落两月",
                          "转介单位：河西村心理服务室"):
                assert value in recorded, value
            SHOTS.mkdir(exist_ok=True)
            dialog.grab().save(str(SHOTS / "office-verify.png"))

            code = issued.verify_code or ""
            dialog.code.setText(code[:-1] + ("A" if code[-1] != "A" else "B"))
            dialog.check_button.click()
            qtbot.waitUntil(lambda: "校验码不符" in dialog.answer.text(), timeout=10_000)
            assert not dialog.fields.isVisible() and "欧阳秀兰" not in dialog.answer.text()
            dialog.close()
            fit = screen_fit()
            try:  # at the largest text size the dialog fits the screen and still checks
                fit.limit = QRect(0, 0, 1366, 728)  # 1366×768 less a taskbar
                apply_font_size(max(FONT_SIZES))
                big = page.verify_slip()
                big.serial.setText(issued.serial)
                big.code.setText(code)
                big.check_button.click()
                qtbot.waitUntil(lambda: big.fields.isVisible(), timeout=10_000)
                assert big.width() <= 1366 and big.height() <= 728 - 40
                assert big.check_button.isVisible() and big.fields.height() > 100
                big.grab().save(str(SHOTS / "office-verify-largest.png"))
                big.close()
            finally:
                apply_font_size(0)
                fit.limit = None
        finally:
            in_worker(clerk.close)
    finally:
        in_worker(office.close)
