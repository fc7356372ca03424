"""An ID or phone number on the archive page: masked, 显示 on request, 复制 for pasting.

Both showing and copying ask the core for the whole number, which writes an audit event:
the record of who looked at whose number. The whole number is forgotten again on 隐藏.
"""

from __future__ import annotations

from collections.abc import Callable

from psyroom.session import Session
from ui.operations import QueryOp
from ui.qt import QHBoxLayout, QHideEvent, QLabel, QPushButton, Qt, QWidget, Signal
from ui.residents.clipboard import SensitiveClipboard
from ui.theme import mono_family


class IdentifierRow(QWidget):
    # A short message for the page to show (e.g. "copied; cleared in 30 s").
    notice = Signal(str)

    def __init__(self, session: Session, resident_id: str, field: str, masked: str,
                 clipboard: SensitiveClipboard, *, can_reveal: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._resident_id, self._field = session, resident_id, field
        self._masked, self._clipboard = masked, clipboard
        self._full: str | None = None
        self.value = QLabel(masked or "—")
        self.value.setObjectName(f"{field}_value")
        self.value.setStyleSheet(f"font-family: '{mono_family()}';")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName(f"{field}_show")
        self.show_button.setToolTip(self.tr("Show the whole number (this is recorded)"))
        self.show_button.clicked.connect(self.toggle)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName(f"{field}_copy")
        self.copy_button.setToolTip(self.tr(
            "Copy the whole number; it is cleared from the clipboard after 30 seconds"))
        self.copy_button.clicked.connect(self.copy)
        for button in (self.show_button, self.copy_button):
            button.setVisible(can_reveal and bool(masked))
            button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value)
        layout.addWidget(self.show_button)
        layout.addWidget(self.copy_button)
        layout.addStretch(1)

    @property
    def revealed(self) -> bool:
        return self._full is not None

    def toggle(self) -> None:
        if self._full is not None:
            self.hide_number()
            return
        self._fetch(self._shown)

    def hide_number(self) -> None:
        self._full = None
        self.value.setText(self._masked or "—")
        self.show_button.setText(self.tr("Show"))

    def hideEvent(self, event: QHideEvent) -> None:
        # Going back to the list, switching page or the screen locking: the whole number is
        # shown only while someone is looking at it, and asked for (and audited) again.
        if self._full is not None:
            self.hide_number()
        super().hideEvent(event)

    def copy(self) -> None:
        if self._full is not None:
            self._copied(self._full)
        else:
            self._fetch(self._copied)

    def _fetch(self, then: Callable[[str], None]) -> None:
        residents, rid, field = self._session.residents, self._resident_id, self._field
        self.show_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        (
            QueryOp(parent=self, op=lambda _ctx: residents.reveal(rid, field))
            .success(then)
            .finally_(self._enable)
            .run_in_background()
        )

    def _enable(self) -> None:
        self.show_button.setEnabled(True)
        self.copy_button.setEnabled(True)

    def _shown(self, number: str) -> None:
        self._full = number
        self.value.setText(number or "—")
        self.show_button.setText(self.tr("Hide"))

    def _copied(self, number: str) -> None:
        if not number:
            return
        self._clipboard.copy(number)
        seconds = max(1, round(self._clipboard.clear_after_ms / 1000))
        self.notice.emit(self.tr("Copied. The clipboard forgets it after %1 seconds.")
                         .replace("%1", str(seconds)))
