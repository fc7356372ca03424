"""The consultation form: drafts save themselves, signing locks the note, addenda after
that, and a social worker sees that a session took place but not what was said."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.security.roles import Role
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD
from tests.ui.counselling_helpers import InWorker, make_resident
from ui.counselling.consultation_form import ConsultationDialog
from ui.qt import QApplication, QMessageBox

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]


def open_form(qtbot: Any, session: Session, **kwargs: Any) -> ConsultationDialog:
    dialog = ConsultationDialog(session, None, autosave_ms=300, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def answer_yes(qtbot: Any) -> None:
    def box() -> QMessageBox | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.isVisible()), None)

    qtbot.waitUntil(lambda: box() is not None)
    found = box()
    assert found is not None
    found.button(QMessageBox.StandardButton.Yes).click()


def test_typing_saves_a_draft_after_a_pause(qtbot: Any, login_as: Login,
                                            in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "王秀兰", gender="female")
    dialog = open_form(qtbot, session, resident=resident)
    assert dialog.notes.boxes["complaint"].isEnabled()
    qtbot.keyClicks(dialog.notes.boxes["complaint"], "sleep")
    dialog.notes.boxes["complaint"].insertPlainText("近两周失眠")  # as an input method commits
    dialog.fields.issues.boxes["body_sleep"].setChecked(True)

    qtbot.waitUntil(lambda: dialog.consultation_id is not None and dialog.autosave.idle(),
                    timeout=10_000)
    assert "草稿已自动保存" in dialog.status.text()
    drafts = in_worker(session.consultations.my_drafts)
    assert [d.id for d in drafts] == [dialog.consultation_id]
    assert drafts[0].data.complaint == "sleep近两周失眠"
    assert drafts[0].data.issues == ("body_sleep",)
    assert drafts[0].data.resident_id == resident.id

    # More typing goes into the same draft, not a new one.
    dialog.notes.boxes["plan"].insertPlainText("两周后复诊")
    qtbot.waitUntil(lambda: in_worker(lambda: session.consultations.get(
        str(dialog.consultation_id))).data.plan == "两周后复诊", timeout=10_000)
    assert len(in_worker(session.consultations.my_drafts)) == 1

    # The private notes save apart from the record.
    dialog.private.text.insertPlainText("自我觉察：反移情")
    qtbot.waitUntil(lambda: in_worker(lambda: session.consultations.private_note(
        str(dialog.consultation_id))) == "自我觉察：反移情", timeout=10_000)


def test_closing_the_window_saves_what_was_typed_last(qtbot: Any, login_as: Login,
                                                      in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "赵建国")
    dialog = ConsultationDialog(session, None, resident=resident, autosave_ms=60_000)
    dialog.show()
    dialog.notes.boxes["complaint"].insertPlainText("与邻居纠纷")
    dialog.close()  # long before the debounce: closing itself must save
    qtbot.waitUntil(lambda: len(in_worker(session.consultations.my_drafts)) == 1,
                    timeout=10_000)
    assert in_worker(session.consultations.my_drafts)[0].data.complaint == "与邻居纠纷"


def test_signed_note_is_read_only_and_takes_addenda(qtbot: Any, login_as: Login,
                                                    in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "李桂芳", gender="female")
    dialog = open_form(qtbot, session, resident=resident)
    dialog.notes.boxes["complaint"].insertPlainText("产后情绪低落")
    dialog.sign_button.click()
    answer_yes(qtbot)
    qtbot.waitUntil(lambda: dialog.consultation is not None
                    and dialog.consultation.status == "signed", timeout=10_000)

    assert all(box.isReadOnly() for box in dialog.notes.boxes.values())
    assert not dialog.fields.mode.isEnabled()
    assert dialog.fields.duration.isReadOnly()
    assert not dialog.sign_button.isVisible()
    assert dialog.addendum_button.isVisible()
    assert "签名" in dialog.banner.text()
    stored = in_worker(lambda: session.consultations.get(str(dialog.consultation_id)))
    assert stored.status == "signed" and stored.data.complaint == "产后情绪低落"

    dialog.addendum_button.click()
    from ui.counselling.addendum import AddendumDialog

    qtbot.waitUntil(lambda: any(isinstance(w, AddendumDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    add = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AddendumDialog))
    add.text.insertPlainText("补充：已建议家属陪伴")
    add.ok.click()
    qtbot.waitUntil(lambda: dialog.consultation is not None
                    and len(dialog.consultation.addenda) == 1, timeout=10_000)
    stored = in_worker(lambda: session.consultations.get(str(dialog.consultation_id)))
    assert stored.data.complaint == "产后情绪低落"  # the original never changes
    assert stored.addenda[0].text == "补充：已建议家属陪伴"


def test_social_worker_sees_the_session_but_not_the_note(qtbot: Any, login_as: Login,
                                                         in_worker: InWorker) -> None:
    admin = login_as(ADMIN, ADMIN_PASSWORD)
    in_worker(lambda: admin.add_user("zhaosw", display_name="赵社工",
                                     roles=frozenset({Role.SOCIAL_WORKER}),
                                     password="Zhao-2024-pw"))
    counsellor = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, counsellor, "孙丽")
    from psyroom.consultations.model import ConsultationInput

    c = in_worker(lambda: counsellor.consultations.start_draft(ConsultationInput(
        subject_kind="individual", started_at="2025-03-01T09:30", resident_id=resident.id,
        complaint="婆媳矛盾", duration_min=45)))
    social = login_as("zhaosw", "Zhao-2024-pw")
    dialog = open_form(qtbot, social, consultation_id=c.id)
    qtbot.waitUntil(lambda: dialog.consultation is not None, timeout=10_000)
    assert dialog.notes.hidden_notice.isVisible()
    assert dialog.notes.hidden_notice.text() == "记录内容仅咨询师可见"
    assert not dialog.notes.box_area.isVisible()
    assert all(box.toPlainText() == "" for box in dialog.notes.boxes.values())
    assert not dialog.private.isVisible()
    assert dialog.fields.duration.value() == 45
    assert not dialog.sign_button.isVisible()


def test_locking_the_screen_saves_the_draft_at_once(qtbot: Any, installation: Any,
                                                    login_as: Login,
                                                    in_worker: InWorker) -> None:
    from ui.main_window import MainWindow

    session = login_as(WORKER, WORKER_PASSWORD)
    resident = make_resident(in_worker, session, "钱芳")
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    dialog = ConsultationDialog(session, window, resident=resident, autosave_ms=60_000)
    dialog.show()
    dialog.notes.boxes["complaint"].insertPlainText("失眠")
    dialog.flush()  # as when focus leaves the box
    qtbot.waitUntil(lambda: dialog.consultation_id is not None, timeout=10_000)
    dialog.notes.boxes["complaint"].insertPlainText("，多梦")
    window.lock()  # hides the dialog: what was typed is stored now, not in a minute
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: in_worker(session.consultations.my_drafts)[0].data.complaint
                    == "失眠，多梦", timeout=10_000)


def test_an_anonymous_caller_needs_no_archive(qtbot: Any, login_as: Login,
                                              in_worker: InWorker) -> None:
    session = login_as(WORKER, WORKER_PASSWORD)
    dialog = open_form(qtbot, session)
    assert not dialog.notes.boxes["complaint"].isEnabled()  # who came is chosen first
    dialog.fields.subject_kind.set_code("anonymous")
    dialog.fields.anon_gender.set_code("female")
    dialog.fields.anon_age.set_code("60+")
    dialog.fields.mode.set_code("phone")
    assert dialog.notes.boxes["complaint"].isEnabled()
    dialog.notes.boxes["complaint"].insertPlainText("热线来电，独居感到孤独")
    qtbot.waitUntil(lambda: bool(in_worker(session.consultations.my_drafts)), timeout=10_000)
    draft = in_worker(session.consultations.my_drafts)[0]
    assert draft.data.subject_kind == "anonymous" and draft.data.resident_id is None
    assert (draft.data.anon_gender, draft.data.anon_age_band) == ("female", "60+")
