"""Shared steps of the resident screen tests: a window on a filled room, open the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from psyroom.demo.service import fill_demo_data
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.residents.service import SavedResident
from psyroom.session import Session
from ui.main_window import MainWindow
from ui.residents.page import ResidentsPage

InWorker = Callable[[Callable[[], Any]], Any]
# A real, checksum-valid ID (born 1952-07-14, female) that the demo data does not use.
LI_ID = "140802195207140220"
ZHANG_ID = "14080219800101007X"


def fill(in_worker: InWorker, session: Session, residents: int) -> None:
    in_worker(lambda: fill_demo_data(session, residents=residents, seed=7))


def add(in_worker: InWorker, session: Session, name: str, id_number: str | None = None,
        **more: Any) -> SavedResident:
    fields = ResidentFields(name=name, id_number=id_number, **more)
    saved: SavedResident = in_worker(lambda: session.residents.create(fields))
    return saved


def open_page(qtbot: Any, session: Session, installation: Installation
              ) -> tuple[MainWindow, ResidentsPage]:
    window = MainWindow(session, installation, installation.load_settings(),
                        idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.page_by_key["residents"]
    assert isinstance(page, ResidentsPage)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    qtbot.waitUntil(lambda: page.count_label.text() != page.tr("Loading…"), timeout=30_000)
    return window, page


def wait_rows(qtbot: Any, page: ResidentsPage, condition: Callable[[], bool]) -> None:
    qtbot.waitUntil(condition, timeout=30_000)
