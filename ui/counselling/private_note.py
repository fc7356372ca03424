"""The counsellor's private process notes: kept apart, read by their author only."""

from __future__ import annotations

from ui.counselling.widgets import notice
from ui.qt import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget


class PrivateNoteBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("private_note_box")
        self.setTitle(self.tr("Private process notes"))
        self.setStyleSheet("QGroupBox#private_note_box { border: 1px dashed #9b7fc0; "
                           "border-radius: 6px; margin-top: 1.2em; padding-top: 4px; } "
                           "QGroupBox#private_note_box::title { subcontrol-origin: margin; "
                           "left: 8px; color: #4a2d6b; font-weight: bold; }")
        # Said plainly, because a counsellor writes differently for themselves than for a file
        # a supervisor may read.
        self.explain = notice(self.tr(
            "Only you can read these notes. They are never exported, printed, put in a report "
            "or sent to the office."), "private")
        self.text = QPlainTextEdit()
        self.text.setObjectName("private_note")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.text)
