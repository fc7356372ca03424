"""The severe-mental-disorder follow-up: the form itself lives in ui.followups (it mirrors
psyroom.followups); this module keeps the action dialog the dashboard opens."""

from __future__ import annotations

from psyroom.referrals.model import STATUSES, Referral
from psyroom.residents.model import Resident
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.counselling.labels import text_of
from ui.followups.dialog import FollowupDialog
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

__all__ = ["FollowupActionDialog", "FollowupDialog"]


class FollowupActionDialog(QDialog):
    """记录处置: the referral made and the care team told, which closes the action. The
    referral is a real referral record when one is chosen or made here; free text stays for
    a referral made some other way."""

    recorded = Signal(str)

    def __init__(self, session: Session, followup_id: str, summary: str,
                 parent: QWidget | None = None, *, resident_id: str | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.followup_id = followup_id
        self.resident_id = resident_id
        self.setWindowTitle(self.tr("Record the action"))
        self.linked = QComboBox()
        self.linked.setObjectName("action_referral_link")
        self.linked.addItem(self.tr("No referral record: describe it below"), None)
        self.new_referral = QPushButton(self.tr("New referral…"))
        self.new_referral.setObjectName("action_new_referral")
        self.new_referral.clicked.connect(self._make_referral)
        link_row = QHBoxLayout()
        link_row.addWidget(self.linked, 1)
        link_row.addWidget(self.new_referral)
        can_link = resident_id is not None and session.can(Permission.READ_REFERRALS)
        self.linked.setVisible(can_link)
        self.new_referral.setVisible(can_link and session.can(Permission.CREATE_REFERRALS))
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
        self.linked.currentIndexChanged.connect(lambda _i: self._update())
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        summary_label = QLabel(summary)
        summary_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary_label)
        layout.addWidget(QLabel(self.tr("Referral to a psychiatric institution:")))
        layout.addLayout(link_row)
        layout.addWidget(self.referral)
        layout.addWidget(QLabel(self.tr("Care team told (关爱帮扶小组):")))
        layout.addWidget(self.care_team)
        layout.addWidget(buttons)
        self.resize(560, 440)
        if can_link:
            self.load_referrals()

    def load_referrals(self, select: str | None = None) -> None:
        referrals, rid = self._session.referrals, self.resident_id
        QueryOp(parent=self, op=lambda _ctx: referrals.list(resident_id=rid)).success(
            lambda rows: self._show_referrals(rows, select)).run_in_background()

    def _show_referrals(self, rows: list[Referral], select: str | None) -> None:
        while self.linked.count() > 1:
            self.linked.removeItem(1)
        for r in rows:
            if r.status != "cancelled":
                self.linked.addItem(f"{r.serial} · {r.institution_name} · "
                                    f"{text_of(STATUSES, r.status)}", r.id)
        if select is not None:
            self.linked.setCurrentIndex(max(self.linked.findData(select), 0))

    def _make_referral(self) -> None:
        from ui.counselling.navigate import with_resident
        from ui.referrals.form import ReferralDialog

        def open_form(resident: Resident) -> None:
            dialog = ReferralDialog(self._session, self, resident=resident,
                                    source_kind="followup", source_id=self.followup_id,
                                    urgent=True)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.saved.connect(lambda r: self.load_referrals(select=r.id))
            self.referral_dialog = dialog
            dialog.open()

        if self.resident_id is not None:
            with_resident(self, self._session, self.resident_id, open_form)

    def referral_id(self) -> str | None:
        data = self.linked.currentData()
        return str(data) if data else None

    def _update(self) -> None:
        has_referral = bool(self.referral.toPlainText().strip()) or self.referral_id() is not None
        self.save.setEnabled(has_referral and bool(self.care_team.toPlainText().strip()))

    def submit(self) -> None:
        referral, care = self.referral.toPlainText(), self.care_team.toPlainText()
        followups, fid, linked = self._session.followups, self.followup_id, self.referral_id()
        self.save.setEnabled(False)
        CollectionOp(parent=self, op=lambda _ctx: followups.record_action(
            fid, referral=referral, care_team=care, referral_id=linked)).success(
            lambda _r: self._done()).finally_(self._update).run_in_background()

    def _done(self) -> None:
        self.recorded.emit(self.followup_id)
        self.accept()
