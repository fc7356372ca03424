"""A crisis record opened from the timeline: for reading first.

Ending a crisis takes someone off the high-risk list, so it is never what a double-click does:
the record opens read-only and closing is its own, deliberately pressed button.
"""

from __future__ import annotations

from typing import Any

from psyroom.crisis.service import LEVELS, NOTIFIED, TYPES
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.counselling.crisis_form import CloseCrisisDialog
from ui.counselling.labels import english, minute_text, text_of
from ui.qt import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import Heading


def _value(text: str, name: str) -> QLabel:
    label = QLabel(text or "—")
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CrisisView(QDialog):
    closed = Signal(str)  # the crisis id, once a counsellor has closed it

    def __init__(self, session: Session, row: dict[str, Any], summary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.row = row
        self.summary = summary
        self.setWindowTitle(self.tr("Crisis intervention"))
        sep = ", " if english() else "，"
        notified = sep.join(text_of(NOTIFIED, n) for n in (row.get("notified") or "").split(",")
                            if n)
        form = QFormLayout()
        form.addRow(self.tr("When:"), _value(minute_text(row["occurred_at"]), "crisis_when"))
        form.addRow(self.tr("Type:"), _value(
            text_of(TYPES, row["crisis_type"]) + sep + text_of(LEVELS, row["level"]),
            "crisis_kind"))
        form.addRow(self.tr("What happened:"), _value(row.get("description") or "",
                                                     "crisis_description"))
        form.addRow(self.tr("Actions taken:"), _value(row.get("actions") or "",
                                                     "crisis_actions"))
        form.addRow(self.tr("Who was told:"), _value(notified, "crisis_notified"))
        form.addRow(self.tr("Outcome:"), _value(row.get("outcome") or "", "crisis_outcome"))
        form.addRow(self.tr("Follow-up:"), _value(row.get("followup_date") or "",
                                                 "crisis_followup"))
        form.addRow(self.tr("Recorded by:"), _value(row.get("recorded_by") or "",
                                                   "crisis_recorded_by"))
        is_open = row.get("status") == "open"
        if is_open:
            state = self.tr("In progress: the person is on the high-risk list.")
        else:
            state = self.tr("Closed %1 by %2: %3").replace(
                "%1", minute_text(row.get("closed_at"))).replace(
                "%2", row.get("closed_by") or "").replace("%3", row.get("close_reason") or "")
        form.addRow(self.tr("State:"), _value(state, "crisis_state"))
        self.close_crisis = QPushButton(self.tr("End this crisis…"))
        self.close_crisis.setObjectName("crisis_end")
        self.close_crisis.setVisible(is_open and session.can(Permission.CLOSE_CRISIS))
        self.close_crisis.clicked.connect(self._end)
        done = QPushButton(self.tr("Close window"))
        done.setObjectName("crisis_view_done")
        done.setDefault(True)
        done.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_crisis)
        buttons.addStretch(1)
        buttons.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(summary, larger_by=2))
        layout.addLayout(form)
        layout.addStretch(1)  # a tall window keeps the record at the top, buttons at the foot
        layout.addLayout(buttons)
        self.resize(600, 460)

    def _end(self) -> None:
        dialog = CloseCrisisDialog(self._session, str(self.row["id"]), self.summary, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.closed.connect(self._ended)
        dialog.open()
        self.close_dialog = dialog

    def _ended(self, crisis_id: str) -> None:
        self.closed.emit(crisis_id)
        self.accept()
