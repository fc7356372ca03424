"""The resident list: one page at a time, search as you type, masked identifiers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psyroom.installation import Installation
from psyroom.residents.pinyin import pinyin_keys
from psyroom.session import Session
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD
from tests.ui.residents_helpers import ZHANG_ID, add, fill, open_page
from ui.qt import QModelIndex
from ui.residents.list_model import COLUMNS, PAGE

pytestmark = pytest.mark.gui

Login = Callable[[str, str], Session]
InWorker = Callable[[Callable[[], Any]], Any]


def test_list_asks_for_one_page_at_a_time(qtbot: Any, installation: Installation,
                                          login_as: Login, in_worker: InWorker) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    fill(in_worker, session, 1500)
    _window, page = open_page(qtbot, session, installation)
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=30_000)

    # Shown, but only the first page was fetched; the rest comes as the list is scrolled.
    assert model.total == 1500
    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    assert page.count_label.text() == "共 1,500 人"
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE, timeout=30_000)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 3 * PAGE, timeout=30_000)
    assert model.rowCount() < 1500
    assert len({r.id for r in model.rows}) == model.rowCount()  # no one twice

    # Identifiers are masked in the list.
    id_column = COLUMNS.index("id_number")
    shown = [model.index(r, id_column).data() for r in range(model.rowCount())]
    full = {r.id_number for r in model.rows}
    assert all("*" in text for text in shown if text)
    assert not full & set(shown)


def test_typing_searches_by_pinyin_initials(qtbot: Any, installation: Installation,
                                            login_as: Login, in_worker: InWorker) -> None:
    session = login_as(ADMIN, ADMIN_PASSWORD)
    fill(in_worker, session, 300)
    add(in_worker, session, "张伟", ZHANG_ID)
    _window, page = open_page(qtbot, session, installation)
    model = page.model
    qtbot.waitUntil(lambda: model.total == 301, timeout=30_000)

    qtbot.keyClicks(page.search.text, "zw")
    qtbot.waitUntil(lambda: model.query[0] == "zw" and model.total < 301, timeout=30_000)
    qtbot.waitUntil(lambda: "张伟" in [r.name for r in model.rows], timeout=30_000)
    for resident in model.rows:
        _pinyin, initials = pinyin_keys(resident.name)
        assert "zw" in initials or "zw" in _pinyin or resident.name == "张伟"
    assert page.count_label.text() == f"共 {model.total} 人"

    # Typing on while a search runs: only the last text's answer is shown.
    expected = in_worker(lambda: session.residents.search("zhang"))[0]
    for text in ("z", "zh", "zha", "zhan", "zhang"):
        model.search(text)
    qtbot.waitUntil(lambda: not model._searching, timeout=30_000)
    assert model.query[0] == "zhang" and model.total == expected

    # Nobody matching says so in plain words.
    page.search.text.setText("xyzxyz")
    qtbot.waitUntil(lambda: model.total == 0 and model.query[0] == "xyzxyz", timeout=30_000)
    assert "没有找到" in page.count_label.text()

    # Enter on a row opens the archive, with the ID masked until 显示 is pressed.
    page.search.text.setText("张伟")
    qtbot.waitUntil(lambda: [r.name for r in model.rows] == ["张伟"], timeout=30_000)
    page.table.activated.emit(model.index(0, 0))
    archive = page.archive
    qtbot.waitUntil(lambda: archive.card is not None, timeout=30_000)
    assert page.stack.currentWidget() is archive
    card = archive.card
    assert card is not None
    assert card.id_row.value.text() == "1408**********007X"
    card.id_row.show_button.click()
    qtbot.waitUntil(lambda: card.id_row.value.text() == ZHANG_ID, timeout=30_000)
    assert card.id_row.show_button.text() == "隐藏"
    card.id_row.show_button.click()
    assert card.id_row.value.text() == "1408**********007X"
    # Shown again, then back to the list: masked again when the archive is left.
    card.id_row.show_button.click()
    qtbot.waitUntil(lambda: card.id_row.revealed, timeout=30_000)
    page.show_list()
    assert card.id_row.value.text() == "1408**********007X" and not card.id_row.revealed
    actions = [e.action for e in in_worker(lambda: session.audit_events(limit=20))]
    assert "resident_identifier_shown" in actions and "resident_opened" in actions


def test_risk_column_and_filter_only_for_roles_that_may_read_risk(
        qtbot: Any, installation: Installation, login_as: Login, in_worker: InWorker,
        tmp_path: Any) -> None:
    from psyroom.crisis.service import CrisisInput
    from tests.ui.conftest import WORKER, WORKER_PASSWORD

    admin = login_as(ADMIN, ADMIN_PASSWORD)
    in_worker(lambda: admin.add_user("clerk1", roles=["office_clerk"], password="Clerk-2026a"))
    calm = add(in_worker, admin, "王平安").resident.id
    crisis = add(in_worker, admin, "王危机").resident.id
    in_worker(lambda: admin.crises.record(CrisisInput(
        resident_id=crisis, occurred_at="2026-11-25T10:00", crisis_type="suicide",
        level="high", actions="陪同就医")))
    in_worker(admin.close)
    risk_column = COLUMNS.index("risk_level")
    shots = {}
    for name, password, may in ((WORKER, WORKER_PASSWORD, True),
                                ("clerk1", "Clerk-2026a", False)):
        session = login_as(name, password)
        window, page = open_page(qtbot, session, installation)
        window.resize(1366, 768)
        model = page.model
        qtbot.waitUntil(lambda m=model: m.total == 2, timeout=30_000)
        shown = {r.id: model.index(i, risk_column).data() for i, r in enumerate(model.rows)}
        assert page.table.isColumnHidden(risk_column) is not may
        assert page.search.risk.isVisibleTo(page) is may
        if may:
            # The stored level is 无; the open crisis shows 高 (issue 9).
            assert shown == {calm: "无", crisis: "高"}
            page.search.risk.setCurrentIndex(page.search.risk.findData("high"))
            qtbot.waitUntil(lambda m=model: m.total == 1, timeout=30_000)
            assert [r.id for r in model.rows] == [crisis]
        else:
            assert set(shown.values()) == {""}
            assert page.search.filters().risk_level is None
        shots[name] = tmp_path / f"list-{name}.png"
        window.grab().save(str(shots[name]))
        window.close()  # logs out
    assert all(p.stat().st_size > 0 for p in shots.values())
