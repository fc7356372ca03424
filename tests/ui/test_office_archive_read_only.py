"""The office's own 居民档案 page (issue 10): a room's archive opens read-only, saying whose
it is (the core's rule and words); the office's own archives keep every button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.residents.model import ResidentFields
from tests.ui import test_office_view as office_view
from tests.ui.test_office_view import Street, shot
from tools.screenshots.sizes import WINDOW
from ui.main_window import MainWindow
from ui.pages.settings import FONT_SIZES
from ui.theme import apply_font_size

pytestmark = pytest.mark.gui
street = office_view.street  # the office with two rooms' bundles imported, as a fixture

ROOMS_ARCHIVE = ("这是河西村心理服务室（HX-001）的档案，只能在该服务室修改，"
                 "也不能在这里为其新增记录。")
WRITES = ("edit_button", "merge_button", "remove_button")
RECORDING = ("consultation_button", "scale_button", "crisis_button", "referral_button",
             "followup_button")


def open_residents(qtbot: Any, street: Street) -> Any:
    window = MainWindow(street.session, street.inst, street.inst.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(*WINDOW)
    window.show()
    qtbot.waitExposed(window)
    page = window.page_by_key["residents"]
    window.nav.setCurrentRow(window.pages.indexOf(page))
    return page


def _opened(qtbot: Any, page: Any, resident_id: str) -> Any:
    archive = page.archive
    archive.resident = None
    page.open_archive(resident_id)
    qtbot.waitUntil(lambda: archive.resident is not None and archive.resident.id == resident_id,
                    timeout=30_000)
    return archive


def test_a_rooms_archive_is_read_only_on_the_offices_own_page(
        qtbot: Any, street: Street, in_worker: Callable[[Callable[[], Any]], Any]) -> None:
    own = in_worker(lambda: street.session.residents.create(ResidentFields(
        name="街道自建甲", gender="male", birth_date="1970-05-06",
        smd_registered=True))).resident.id
    page = open_residents(qtbot, street)

    archive = _opened(qtbot, page, street.resident_id)
    assert archive.banner.isVisible() and archive.banner.text() == ROOMS_ARCHIVE
    for name in WRITES:
        assert not getattr(archive, name).isVisible(), name
    for name in RECORDING:
        assert not getattr(archive.counselling, name).isVisible(), name
    # Reading stays: the PDF for the person's access request.
    assert archive.export_button.isVisible()
    qtbot.wait(100)  # the card laid out before the picture
    shot(page, "office_own_page_rooms_archive")

    # The office's own archive, in the same view: every button the admin's roles give.
    archive = _opened(qtbot, page, own)
    assert not archive.banner.isVisible()
    for name in WRITES:
        assert getattr(archive, name).isVisible(), name
    assert archive.counselling.crisis_button.isVisible()
    assert archive.counselling.followup_button.isVisible()  # an SMD patient, admin may record

    # And back to the room's archive: locked again.
    archive = _opened(qtbot, page, street.resident_id)
    assert archive.banner.isVisible()
    assert not archive.edit_button.isVisible()


def test_read_only_line_fits_at_the_largest_text_size(qtbot: Any, street: Street) -> None:
    apply_font_size(FONT_SIZES[-1])
    try:
        page = open_residents(qtbot, street)
        window = page.window()
        archive = _opened(qtbot, page, street.resident_id)
        qtbot.wait(100)
        assert window.width() <= WINDOW[0] and window.height() <= WINDOW[1]
        banner = archive.banner
        assert banner.isVisible()
        assert banner.mapTo(window, banner.rect().topRight()).x() <= window.width()
        export = archive.export_button
        assert export.mapTo(window, export.rect().topRight()).x() <= window.width()
        shot(page, "office_own_page_rooms_archive_largest_font")
    finally:
        apply_font_size(0)
