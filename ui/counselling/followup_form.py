"""The severe-mental-disorder follow-up: the form itself lives in ui.followups (it mirrors
psyroom.followups); this module keeps the action dialog the dashboard opens."""

from __future__ import annotations

from psyroom.session import Session
from ui.followups.dialog import FollowupDialog
from ui.operations import CollectionOp
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)

__all__ = ["FollowupActionDialog", "FollowupDialog"]


class FollowupActionDialog(QDialog):
    """记录处置: the referral made and the care team told, which closes the action."""

    recorded = Signal(str)

    def __init__(self, session: Session, followup_id: str, summary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.followup_id = followup_id
        self.setWindowTitle(self.tr("Record the action"))
        self.referral = QPlainTextEdit()
        self.referral.setObjectName("action_referral")
        self.referral.setTabChangesFocus(True)
        self.referral.setPlaceholderText(self.tr("E.g. referred to the city mental health "
                                                 "centre on 3 March; admitted."))
        self.care_team = QPlainTextEdit()
        self.care_team.setObjectName("action_care_team")
        self.care_team.setTabChangesFocus(True)
        self.care_team.setPlaceholderText(self.tr("E.g. told the village committee, the police "
                                                  "station and the family doctor by phone."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setEnabled(False)
        for box in (self.referral, self.care_team):
            box.textChanged.connect(self._update)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        summary_label = QLabel(summary)
        summary_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary_label)
        layout.addWidget(QLabel(self.tr("Referral to a psychiatric institution:")))
        layout.addWidget(self.referral)
        layout.addWidget(QLabel(self.tr("Care team told (关爱帮扶小组):")))
        layout.addWidget(self.care_team)
        layout.addWidget(buttons)
        self.resize(540, 400)

    def _update(self) -> None:
        self.save.setEnabled(bool(self.referral.toPlainText().strip())
                             and bool(self.care_team.toPlainText().strip()))

    def submit(self) -> None:
        referral, care = self.referral.toPlainText(), self.care_team.toPlainText()
        followups, fid = self._session.followups, self.followup_id
        self.save.setEnabled(False)
        CollectionOp(parent=self, op=lambda _ctx: followups.record_action(
            fid, referral=referral, care_team=care)).success(lambda _r: self._done()).finally_(
            self._update).run_in_background()

    def _done(self) -> None:
        self.recorded.emit(self.followup_id)
        self.accept()
