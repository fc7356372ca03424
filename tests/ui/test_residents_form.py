"""The new-archive form: problems show under their field as one types; duplicates are caught."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from tests.ui.residents_helpers import LI_ID, add, open_page
from ui.qt import QApplication, QMessageBox, qt_is_valid
from ui.residents.form import ResidentForm

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]
InWorker = Callable[[Callable[[], Any]], Any]


def test_form_checks_as_you_type_and_saves(qtbot: Any, installation: Installation,
                                           login_as: Login, in_worker: InWorker) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    existing = add(in_worker, session, "李桂芝", LI_ID).resident
    _window, page = open_page(qtbot, session, installation)
    page.new_button.click()
    form = next(w for w in page.findChildren(ResidentForm) if w.isVisible())
    edits, problems = form.editors.edits, form.editors.problems

    edits["name"].insert("李桂芝")  # as an input method commits it
    edits["id_number"].setText(LI_ID[:-1] + "1")  # wrong check digit
    qtbot.waitUntil(lambda: "校验位" in problems["id_number"].text(), timeout=10_000)
    assert problems["id_number"].isVisible()

    # The ID of an existing archive: the form offers to open that one instead.
    edits["id_number"].setText(LI_ID)
    qtbot.waitUntil(lambda: form.editors.open_existing.isVisible(), timeout=10_000)
    assert "已经建过档案" in problems["id_number"].text()
    with qtbot.waitSignal(form.open_existing, timeout=5_000) as opened:
        form.editors.open_existing.click()
    assert opened.args == [existing.id]
    qtbot.waitUntil(lambda: page.archive.card is not None, timeout=10_000)

    # Same name and birth date without the ID: a warning, and a question before saving.
    page.new_button.click()
    form = next(w for w in page.findChildren(ResidentForm) if w.isVisible())
    form.editors.edits["name"].setText("李桂芝")
    form.editors.edits["birth_date"].setText("1952-07-14")
    qtbot.waitUntil(lambda: form.duplicate_note.isVisible(), timeout=10_000)
    assert "李桂芝" in form.duplicate_note.text()
    form.save()
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=10_000)
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not qt_is_valid(form), timeout=30_000)
    qtbot.waitUntil(lambda: page.archive.resident is not None
                    and page.archive.resident.id != existing.id, timeout=30_000)
    assert page.archive.timeline_titles() == ["建立档案"]


def test_admin_only_account_sees_no_risk_on_the_archive_or_its_form(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker,
        tmp_path: Any) -> None:
    from ui.qt import QLabel
    from ui.residents.archive_card import HeaderCard
    from ui.residents.clipboard import SensitiveClipboard

    admin = login_as(ADMIN, ADMIN_PASSWORD)
    in_worker(lambda: admin.add_user("onlyadmin", roles=["admin"], password="Only-admin2026"))
    rid = add(in_worker, admin, "李高危", LI_ID, risk_level="high").resident.id
    only = login_as("onlyadmin", "Only-admin2026")
    resident = in_worker(lambda: only.residents.open(rid))
    form = ResidentForm(only, page_tags(in_worker, only), resident=resident)
    qtbot.addWidget(form)
    form.show()
    assert not form.editors.risk.isVisible()
    assert form.editors.status.isVisible()
    form.grab().save(str(tmp_path / "form-admin-only.png"))
    card = HeaderCard(only, resident, page_tags(in_worker, only), SensitiveClipboard())
    qtbot.addWidget(card)
    assert card.findChild(QLabel, "archive_risk") is None
    # Saving an edit keeps the recorded level the account never saw.
    form.editors.edits["phone"].setText("13912345678")
    form.save()
    qtbot.waitUntil(lambda: not qt_is_valid(form) or not form.isVisible(), timeout=30_000)
    stored = in_worker(lambda: admin.residents.open(rid))
    assert (stored.risk_level, stored.phone) == ("high", "13912345678")


def page_tags(in_worker: InWorker, session: Session) -> Any:
    from ui.residents.labels import TagNames

    return TagNames(in_worker(session.residents.tags))
