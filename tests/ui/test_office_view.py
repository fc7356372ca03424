"""The office's view of its rooms (issue 10): the day bundles are due, set on screen; late
rooms highlighted; one room's archives browsed read-only, audited, with the room's role
rules. Real rooms send real bundles to a real office."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from psyroom.audit import log as audit
from psyroom.consultations.model import ConsultationInput
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from tools.screenshots.sizes import WINDOW
from ui.main_window import MainWindow
from ui.pages.settings import FONT_SIZES
from ui.theme import apply_font_size

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/psyroom-office-shots")
LATE_COLOUR = "#fde2e1"
CLERK_PASSWORD = "Clerk-2026-pw"
NOTE = "失眠两周，夜里反复醒来"


@dataclass
class Street:
    inst: Installation
    session: Session
    room_ids: dict[str, str]
    resident_id: str


@pytest.fixture
def street(tmp_path: Path, installation: Installation,
           login_as: Callable[[str, str], Session],
           in_worker: Callable[[Callable[[], Any]], Any]) -> Iterator[Street]:
    room_a = login_as(ADMIN, ADMIN_PASSWORD)  # HX-001, 河西村心理服务室

    def build() -> Street:
        inst = Installation(tmp_path / "office")
        office = inst.initialise(site_kind="office", site_code="JD-01",
                                 site_name="城关街道综治中心", admin_name="jiedao",
                                 admin_password=ADMIN_PASSWORD).session
        office.add_user("clerk1", roles=["office_clerk"], password=CLERK_PASSWORD)
        room_b = Installation(tmp_path / "room-b").initialise(
            site_kind="room", room_type="community", site_code="DG-002",
            site_name="东关社区心理服务室", admin_name="dongguan",
            admin_password=ADMIN_PASSWORD).session
        for room, village in ((room_a, "河西村"), (room_b, "东关社区")):
            file = tmp_path / f"{room.site.code}.json"
            office.bundles.enrol_room(room.site.code, room.site.name, out=file,
                                      village=village)
            room.bundles.join(file)
        office.bundles.enrol_room("NQ-003", "南关村心理服务室", out=tmp_path / "c.json")
        a = room_a.residents.create(ResidentFields(
            name="张秀梅", gender="female", birth_date="1956-04-09", village="河西村")).resident
        room_a.residents.create(ResidentFields(name="王德福", gender="male",
                                               birth_date="1950-03-02"))
        draft = room_a.consultations.start_draft(ConsultationInput(
            subject_kind="individual", resident_id=a.id, started_at="2026-11-20T09:00",
            complaint=NOTE, assessment="情绪低落", intervention="倾听", plan="两周后复诊"))
        room_a.consultations.sign(draft.id)
        room_a.assessments.record(a.id, "phq9", [1, 1, 1, 0, 0, 0, 0, 0, 0])
        room_b.residents.create(ResidentFields(name="李秀英", gender="female",
                                               birth_date="1962-07-08"))
        usb = tmp_path / "usb"
        usb.mkdir()
        for room in (room_a, room_b):
            assert office.bundles.import_bundles(room.bundles.export_bundle(usb)).refused == 0
        room_b.close()
        ids = {r.code: r.site_id for r in office.bundles.room_status()}
        return Street(inst, office, ids, a.id)

    built: Street = in_worker(build)
    yield built
    with contextlib.suppress(Exception):  # a main window on it closes it when it closes
        in_worker(built.session.close)


def open_bundles(qtbot: Any, session: Session, inst: Installation) -> Any:
    window = MainWindow(session, inst, inst.load_settings(), idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    page = window.page_by_key["bundles"]
    window.nav.setCurrentRow(window.pages.indexOf(page))
    return page


def shot(widget: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.window().grab().save(str(SHOTS / f"{name}.png"))


def actions(in_worker: Callable[[Callable[[], Any]], Any], s: Session, n: int
            ) -> list[tuple[str, str | None]]:
    return [(e.action, e.target_id) for e in in_worker(
        lambda: s._read(lambda c: audit.events(c, limit=n)))]


def row_of(page: Any, code: str) -> int:
    return next(i for i in range(page.rooms.rowCount()) if page.rooms.item(i, 0).text() == code)


def test_office_sets_the_late_day_and_sees_late_rooms(
        qtbot: Any, street: Street, in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    page = open_bundles(qtbot, street.session, street.inst)
    qtbot.waitUntil(lambda: page.rooms.rowCount() == 3, timeout=30_000)
    assert page.late_day.value() == 5 and page.late_day.isEnabled()
    # Due by the 1st: the room that never sent anything is late whatever today is; the two
    # that sent this month are on time.
    page.late_day.setValue(1)
    page.late_day_button.click()
    qtbot.waitUntil(lambda: in_worker(street.session.bundles.late_day) == 1, timeout=30_000)
    qtbot.waitUntil(lambda: "1 个逾期" in page.status_label.text(), timeout=30_000)
    late = row_of(page, "NQ-003")
    assert page.rooms.item(late, 7).text() == "逾期未报"
    assert page.rooms.item(late, 0).background().color().name() == LATE_COLOUR
    sent = row_of(page, "HX-001")
    assert page.rooms.item(sent, 3).text() == "1" and page.rooms.item(sent, 7).text() == "按时"
    assert page.rooms.item(sent, 5).text()[:2] == "20"  # the date it was received
    assert page.rooms.item(sent, 0).background().color().name() != LATE_COLOUR
    assert actions(in_worker, street.session, 1)[0][0] == "sync_late_day_set"
    shot(page, "office_rooms")


def test_office_view_fits_at_the_largest_text_size(qtbot: Any, street: Street) -> None:
    apply_font_size(FONT_SIZES[-1])
    try:
        page = open_bundles(qtbot, street.session, street.inst)
        window = page.window()
        window.resize(*WINDOW)
        qtbot.waitUntil(lambda: page.rooms.rowCount() == 3, timeout=30_000)
        qtbot.wait(100)
        assert window.width() <= WINDOW[0] and window.height() <= WINDOW[1]
        for widget in (page.late_day, page.late_day_button, page.browse_button):
            right = widget.mapTo(window, widget.rect().topRight()).x()
            assert right <= window.width(), widget.objectName()
        # Every room's row is on screen without scrolling.
        rows = page.rooms
        assert rows.viewport().height() >= 3 * rows.rowHeight(0)
        shot(page, "office_rooms_largest_font")
        page.browse_row(row_of(page, "HX-001"))
        browser = page.browser
        qtbot.waitUntil(lambda: browser.model is not None and browser.model.rowCount() == 2,
                        timeout=30_000)
        assert window.width() <= WINDOW[0]
        back = browser.back_button
        assert back.mapTo(window, back.rect().topRight()).x() <= window.width()
        shot(page, "office_browse_list_largest_font")
    finally:
        apply_font_size(0)


def test_office_browses_one_room_read_only_and_audited(
        qtbot: Any, street: Street, in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    page = open_bundles(qtbot, street.session, street.inst)
    qtbot.waitUntil(lambda: page.rooms.rowCount() == 3, timeout=30_000)
    assert not page.browse_button.isEnabled()
    page.rooms.selectRow(row_of(page, "HX-001"))
    assert page.browse_button.isEnabled()
    page.browse_button.click()
    browser = page.browser
    qtbot.waitUntil(lambda: browser.model is not None and browser.model.rowCount() == 2,
                    timeout=30_000)
    assert page.stack.currentWidget() is browser
    assert "河西村心理服务室（HX-001）" in browser.title.text()
    assert sorted(r.name for r in browser.model.rows) == ["张秀梅", "王德福"]
    assert actions(in_worker, street.session, 1) == [("room_records_browsed",
                                                      street.room_ids["HX-001"])]
    shot(page, "office_browse_list")
    # Another room's resident is not found from this room's list.
    browser.search.text.setText("李秀英")
    qtbot.waitUntil(lambda: browser.count_label.text() == "该咨询室没有找到符合条件的人。",
                    timeout=30_000)
    browser.search.text.setText("")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 2, timeout=30_000)

    row = next(i for i, r in enumerate(browser.model.rows) if r.name == "张秀梅")
    browser.table.activated.emit(browser.model.index(row, 0))
    archive = browser.archive
    qtbot.waitUntil(lambda: archive.resident is not None and archive.timeline.rowCount() >= 3,
                    timeout=30_000)
    assert browser.stack.currentWidget() is archive
    assert archive.banner.isVisible()
    assert archive.banner.text() == "只读 · 河西村心理服务室（HX-001）的档案"
    # Read-only whatever the roles: the office's admin could otherwise edit or erase.
    for button in (archive.edit_button, archive.merge_button, archive.remove_button,
                   archive.counselling.consultation_button, archive.counselling.scale_button,
                   archive.counselling.crisis_button, archive.counselling.referral_button,
                   archive.counselling.followup_button):
        assert not button.isVisible(), button.objectName()
    assert ("resident_opened", street.resident_id) in actions(in_worker, street.session, 3)
    # The set-up account is also the office's supervisor: it reads what a supervisor reads.
    assert any("PHQ-9" in t for t in archive.timeline_titles())
    shot(page, "office_browse_archive")
    archive.back.emit()
    assert browser.stack.currentIndex() == 0
    browser.back.emit()
    assert page.stack.currentIndex() == 0


def test_office_clerk_browses_without_note_or_score_content(
        qtbot: Any, street: Street, in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    clerk: Session = in_worker(lambda: street.inst.unlock("clerk1", CLERK_PASSWORD))
    try:
        page = open_bundles(qtbot, clerk, street.inst)
        qtbot.waitUntil(lambda: page.rooms.rowCount() == 3, timeout=30_000)
        assert not page.late_day.isEnabled() and not page.late_day_button.isVisible()
        page.rooms.cellDoubleClicked.emit(row_of(page, "HX-001"), 1)
        browser = page.browser
        qtbot.waitUntil(lambda: browser.model is not None and browser.model.rowCount() == 2,
                        timeout=30_000)
        row = next(i for i, r in enumerate(browser.model.rows) if r.name == "张秀梅")
        browser.table.activated.emit(browser.model.index(row, 0))
        archive = browser.archive
        qtbot.waitUntil(lambda: archive.timeline.rowCount() >= 3, timeout=30_000)
        titles = archive.timeline_titles()
        assert sum("仅限有权限的人员查看" in t for t in titles) == 2  # consultation, scale
        assert not any("PHQ" in t or "失眠" in t for t in titles)
        assert not archive.counselling.chart_button.isVisible()
        # Double-clicking a hidden entry opens nothing (the record would be refused).
        hidden = next(i for i, t in enumerate(titles) if "仅限有权限" in t)
        assert not archive.counselling.open_entry(archive.entries[hidden])
        assert actions(in_worker, clerk, 2)[0] == ("resident_opened", street.resident_id)
        shot(page, "office_clerk_archive")
    finally:
        in_worker(clerk.close)
