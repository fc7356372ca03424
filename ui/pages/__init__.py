"""The main window's pages, one module each. A page shows only what the user's roles allow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from psyroom.installation import Installation
from psyroom.session import Session
from psyroom.settings import LocalSettings
from ui.operations import changes
from ui.qt import QLabel, QShowEvent, QWidget
from ui.theme import Heading


@dataclass
class PageContext:
    session: Session
    installation: Installation
    settings: LocalSettings
    # The session was closed under the window (after a restore): back to login with this text.
    end_session: Callable[[str], None]
    # Settings were saved: apply font size and auto-lock at once.
    settings_saved: Callable[[LocalSettings], None]


class Page(QWidget):
    """Refreshes on first show and after any write, but only while visible (else on next show)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        changes().changed.connect(self._on_changed)

    def refresh(self) -> None:
        """Load what the page shows, through operations."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True


def heading(text: str) -> QLabel:
    return Heading(text)


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
