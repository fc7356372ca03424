"""The USB bundle page: a room joins, exports to the drive; the office imports and sees
which rooms are late (issue 10)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.session import Session
from psyroom.sync.drives import find_bundles
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/psyroom-bundles-shots")
LATE_COLOUR = "#fde2e1"


def open_page(qtbot: Any, session: Session, installation: Installation) -> Any:
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.page_by_key["bundles"]
    # Reached through the window: pytest binds the name ``ui`` to tests/ui after conftest.
    assert type(page).__name__ == "BundlesPage"
    window.nav.setCurrentRow(window.pages.indexOf(page))
    return page


def test_room_joins_exports_and_office_imports(
        qtbot: Any, installation: Installation, tmp_path: Path,
        login_as: Callable[[str, str], Session],
        in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    office_inst = Installation(tmp_path / "office")

    def make_office() -> Session:
        s = office_inst.initialise(site_kind="office", site_code="JD-01",
                                   site_name="城关街道综治中心", admin_name="jiedao",
                                   admin_password=ADMIN_PASSWORD).session
        s.bundles.enrol_room("HX-001", "河西村心理服务室", out=tmp_path / "e.json",
                             village="河西村")
        s.bundles.enrol_room("DG-002", "东关村心理服务室", out=tmp_path / "e2.json")
        return s

    office: Session = in_worker(make_office)
    try:
        room = login_as(ADMIN, ADMIN_PASSWORD)
        page = open_page(qtbot, room, installation)
        qtbot.waitUntil(lambda: "加入" in page.status_label.text(), timeout=30_000)
        assert not page.export_button.isEnabled()
        page.choose_enrolment()
        dialog = page.join_dialog
        dialog.choice.load(tmp_path / "e.json")
        qtbot.waitUntil(lambda: dialog.join_button.isEnabled(), timeout=30_000)
        assert dialog.warning.isHidden()  # the file's code is this room's own
        dialog.join_button.click()
        qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=30_000)
        usb = tmp_path / "usb"
        usb.mkdir()
        page.export_to(usb)
        qtbot.waitUntil(lambda: "HX-001-00001" in page.result.toPlainText(), timeout=30_000)
        qtbot.waitUntil(lambda: "1" in page.status_label.text(), timeout=30_000)
        SHOTS.mkdir(exist_ok=True)
        page.window().grab().save(str(SHOTS / "room.png"))
        files = find_bundles([tmp_path])
        assert [f.name[:12] for f in files] == ["HX-001-00001"]

        office_page = open_page(qtbot, office, office_inst)
        office_page.import_files(files)
        qtbot.waitUntil(lambda: "HX-001 第1号" in office_page.result.toPlainText(),
                        timeout=30_000)
        qtbot.waitUntil(lambda: office_page.rooms.rowCount() == 2
                        and office_page.rooms.item(1, 3).text() == "1", timeout=30_000)
        codes = [office_page.rooms.item(i, 0).text() for i in range(2)]
        assert codes == ["DG-002", "HX-001"]
        assert office_page.rooms.item(1, 7).text() == "按时"
        # The room that never sent anything is late (from the 5th of the month on).
        late = office_page.rooms.item(0, 0).background().color().name()
        from datetime import date
        if date.today().day >= 5:
            assert late == LATE_COLOUR
        office_page.window().grab().save(str(SHOTS / "office.png"))
    finally:
        in_worker(office.close)
