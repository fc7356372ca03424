"""Issue 9, older eyes and small screens: the text size applies at once and scales the side
bar; every window and dialog fits a 1366×768 screen with its taskbar at every text size,
without clipping; the main window never widens itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from ui.about import AboutDialog
from ui.counselling.activity_form import ActivityDialog
from ui.counselling.consultation_form import ConsultationDialog
from ui.counselling.crisis_form import CloseCrisisDialog, CrisisDialog
from ui.counselling.followup_form import FollowupDialog
from ui.counselling.scale_dialog import ScaleDialog
from ui.main_window import MainWindow
from ui.pages.settings import FONT_SIZES, SettingsPage
from ui.pages.user_dialogs import AddUserDialog
from ui.qt import QApplication, QDialog, QRect
from ui.residents.archive_actions import RemoveDialog
from ui.residents.form import ResidentForm
from ui.residents.import_dialog import ImportDialog
from ui.residents.labels import TagNames
from ui.restore_dialog import RestoreDialog
from ui.screen_fit import FRAME, screen_fit
from ui.shell.change_password import ChangePasswordDialog
from ui.shell.recovery_reset import RecoveryResetDialog
from ui.shell.wizard import FirstRunWizard
from ui.theme import apply_font_size

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]
# 1366×768 less a 40-pixel taskbar.
SCREEN = QRect(0, 0, 1366, 728)
LARGEST = max(FONT_SIZES)


@pytest.fixture
def small_screen() -> Iterator[None]:
    screen_fit().limit = SCREEN
    yield
    screen_fit().limit = None
    apply_font_size(0)


def _fits(window: Any) -> list[str]:
    problems = []
    hint = window.minimumSizeHint()
    if window.width() > SCREEN.width() - FRAME.width() or \
            window.height() > SCREEN.height() - FRAME.height():
        problems.append(f"{type(window).__name__} is {window.width()}×{window.height()}")
    if window.width() < hint.width() or window.height() < hint.height():
        problems.append(f"{type(window).__name__} clipped: {window.width()}×{window.height()}"
                        f" < {hint.width()}×{hint.height()}")
    return problems


@pytest.mark.parametrize("size", [0, LARGEST])
def test_every_dialog_fits_the_screen_at_each_text_size(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker,
        small_screen: None, size: int) -> None:
    apply_font_size(size)
    session = login_as(WORKER, WORKER_PASSWORD)
    person = make_resident(in_worker, session, "赵建国", smd_registered=True)
    tags = TagNames(in_worker(session.residents.tags))
    makers: list[Callable[[], QDialog]] = [
        lambda: ResidentForm(session, tags),
        lambda: ConsultationDialog(session, None, resident=person),
        lambda: ScaleDialog(session, person, None, scale_code="sds"),
        lambda: CrisisDialog(session, person),
        lambda: CloseCrisisDialog(session, "x", "孙丽 · 自杀，严重"),
        lambda: FollowupDialog(session, person),
        lambda: ActivityDialog(session),
        lambda: ImportDialog(session),
        lambda: RemoveDialog(person),
        lambda: AboutDialog(),
        lambda: RestoreDialog(installation),
        lambda: ChangePasswordDialog(session),
        lambda: RecoveryResetDialog(installation),
        lambda: AddUserDialog("room"),
    ]
    problems: list[str] = []
    for make in makers:
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        problems += _fits(dialog)
        dialog.hide()
    # Dialogs start loads on the one database worker: let them finish and be delivered while
    # the dialogs still exist, or a late delivery meets a deleted widget at teardown.
    in_worker(lambda: None)
    qtbot.wait(50)
    assert problems == []


def test_wizard_fits_at_the_largest_size(qtbot: Any, data_dir: Path,
                                         small_screen: None) -> None:
    apply_font_size(LARGEST)
    wizard = FirstRunWizard(Installation(data_dir))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert _fits(wizard) == []


def test_text_size_applies_when_chosen_and_the_window_never_widens(
        qtbot: Any, installation: Installation, login_as: Login, small_screen: None) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(SCREEN.width() - FRAME.width(), SCREEN.height() - FRAME.height())
    window.show()
    qtbot.waitExposed(window)
    width, nav = window.width(), window.nav.width()
    page = window.page_by_key["settings"]
    assert isinstance(page, SettingsPage)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.font_size.setCurrentIndex(page.font_size.findData(LARGEST))
    # Applied when chosen, before Save, as its label promises; the side bar grows with it.
    assert QApplication.font().pointSize() == LARGEST
    qtbot.waitUntil(lambda: window.nav.width() > nav * 1.5)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        qtbot.wait(50)
        assert window.width() == width, window.nav.item(row).text()
        assert window.minimumSizeHint().width() <= width, window.nav.item(row).text()
        # Nor taller than the screen: a long page scrolls.
        assert window.height() <= SCREEN.height() - FRAME.height(), window.nav.item(row).text()
        assert window.minimumSizeHint().height() <= window.height(), \
            window.nav.item(row).text()


def test_smd_category_and_registration_are_one_thing_on_the_form(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    tags = TagNames(in_worker(session.residents.tags))
    form = ResidentForm(session, tags)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert not form.editors.smd.isChecked() and not form.smd_note.isVisible()
    form.tags.boxes["smd_patient"].setChecked(True)
    # Choosing the category leads to the registration fields.
    assert form.editors.smd.isChecked() and form.smd_note.isVisible()
    assert form.editors.edits["smd_diagnosis"].isEnabled()
    qtbot.waitUntil(lambda: form.focusWidget() is form.editors.edits["smd_diagnosis"])
    assert "随访" in form.smd_note.text()
    form.editors.smd.setChecked(False)
    assert not form.tags.boxes["smd_patient"].isChecked()
    form.editors.smd.setChecked(True)
    assert form.tags.boxes["smd_patient"].isChecked()


def test_a_patients_archive_never_widens_the_window_at_the_largest_size(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker,
        small_screen: None) -> None:
    # The archive of a registered patient shows every action an admin may take: the widest
    # page a user meets, and the one the follow-up work opens most.
    session = login_as(ADMIN, ADMIN_PASSWORD)
    patient = make_resident(in_worker, session, "赵建国", smd_registered=True,
                            smd_national_id="140105-2019-000123", village="河西村")
    apply_font_size(LARGEST)
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(SCREEN.width() - FRAME.width(), SCREEN.height() - FRAME.height())
    window.show()
    qtbot.waitExposed(window)
    width = window.width()
    page = window.page_by_key["residents"]
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.open_archive(patient.id)
    qtbot.waitUntil(lambda: page.archive.card is not None, timeout=30_000)
    qtbot.wait(50)
    assert window.width() == width
    assert window.minimumSizeHint().width() <= width, window.minimumSizeHint().width()
    # Nor squeezes the card's rows on top of each other on a 768-pixel-high screen: what
    # does not fit scrolls.
    card = page.archive.card
    qtbot.waitUntil(lambda: card.height() >= card.sizeHint().height(), timeout=2_000)
