"""Recording a crisis intervention (危机干预), and closing one with a reason."""

from __future__ import annotations

from psyroom.crisis.service import LEVELS, NOTIFIED, TYPES, CrisisInput
from psyroom.residents.model import Resident
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.counselling.labels import choices, resident_line
from ui.counselling.widgets import (
    CheckGroup,
    ChoiceCombo,
    date_edit,
    datetime_edit,
    iso_day,
    notice,
)
from ui.discard_guard import guard_discard
from ui.operations import CollectionOp
from ui.qt import (
    QCheckBox,
    QDate,
    QDateTime,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import Heading


def _text_box(height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class CrisisDialog(QDialog):
    recorded = Signal(str)  # the new crisis id

    def __init__(self, session: Session, resident: Resident,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.resident = resident
        self.setWindowTitle(self.tr("Crisis intervention"))
        self.occurred_at = datetime_edit()
        self.occurred_at.setDateTime(QDateTime.currentDateTime())
        self.crisis_type = ChoiceCombo(choices(TYPES))
        self.crisis_type.setObjectName("crisis_type")
        self.level = ChoiceCombo(choices(LEVELS))
        self.level.setObjectName("crisis_level")
        self.level.set_code("high")
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.crisis_type)
        kind_row.addWidget(QLabel(self.tr("Level:")))
        kind_row.addWidget(self.level)
        kind_row.addStretch(1)
        self.description = _text_box()
        self.description.setObjectName("crisis_description")
        self.taken = _text_box(90)
        self.taken.setObjectName("crisis_actions")
        self.taken.setPlaceholderText(self.tr("Required: what you and others did"))
        self.notified = CheckGroup(choices(NOTIFIED), columns=3)
        self.outcome = _text_box(50)
        self.has_followup = QCheckBox(self.tr("Follow up on"))
        self.followup = date_edit(QDate.currentDate().addDays(3))
        self.has_followup.setChecked(True)
        self.has_followup.toggled.connect(self.followup.setEnabled)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.has_followup)
        follow_row.addWidget(self.followup)
        follow_row.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("When:"), self.occurred_at)
        form.addRow(self.tr("Type:"), kind_row)
        form.addRow(self.tr("What happened:"), self.description)
        form.addRow(self.tr("Actions taken:"), self.taken)
        form.addRow(self.tr("Who was told:"), self.notified)
        form.addRow(self.tr("Outcome:"), self.outcome)
        form.addRow(self.tr("Follow-up:"), follow_row)
        self.refer = QCheckBox(self.tr("Make an urgent referral after saving (转介)"))
        self.refer.setObjectName("crisis_refer")
        self.refer.setVisible(session.can(Permission.CREATE_REFERRALS))
        form.addRow("", self.refer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("crisis_form_save")
        self.save.setEnabled(False)
        self.taken.textChanged.connect(
            lambda: self.save.setEnabled(bool(self.taken.toPlainText().strip())))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(resident_line(resident), larger_by=2))
        layout.addWidget(notice(self.tr(
            "The person stays on the high-risk list of the home page until a counsellor "
            "closes this crisis with a reason."), "warning"))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 640)
        self.discard_guard = guard_discard(self)

    def data(self) -> CrisisInput:
        return CrisisInput(
            resident_id=self.resident.id,
            occurred_at=self.occurred_at.dateTime().toString("yyyy-MM-ddTHH:mm"),
            crisis_type=self.crisis_type.code(), level=self.level.code(),
            description=self.description.toPlainText().strip(),
            actions=self.taken.toPlainText().strip(), notified=self.notified.codes(),
            outcome=self.outcome.toPlainText().strip(),
            followup_date=iso_day(self.followup) if self.has_followup.isChecked() else None)

    def submit(self) -> None:
        data, crises = self.data(), self._session.crises
        self.save.setEnabled(False)
        CollectionOp(parent=self, op=lambda _ctx: crises.record(data)).success(
            self._saved).finally_(lambda: self.save.setEnabled(True)).run_in_background()

    def _saved(self, crisis_id: str) -> None:
        self.recorded.emit(crisis_id)
        if self.refer.isChecked():
            self.open_referral(crisis_id)
        self.accept()

    def open_referral(self, crisis_id: str) -> QDialog:
        """The referral form, tied to this crisis: urgent, and allowed to go out before
        consent when the reason is written down."""
        from ui.referrals.form import ReferralDialog
        from ui.referrals.slip_actions import choose_and_save

        parent = self.parentWidget()
        session = self._session
        dialog = ReferralDialog(session, parent, resident=self.resident, source_kind="crisis",
                                source_id=crisis_id, urgent=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if parent is not None:
            dialog.saved.connect(lambda r: choose_and_save(parent, session, r)
                                 if r.status == "issued" else None)
        self.referral_dialog = dialog
        dialog.open()
        return dialog


class CloseCrisisDialog(QDialog):
    closed = Signal(str)

    def __init__(self, session: Session, crisis_id: str, summary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.crisis_id = crisis_id
        self.setWindowTitle(self.tr("Close the crisis"))
        self.reason = _text_box(90)
        self.reason.setObjectName("close_reason")
        self.reason.setPlaceholderText(self.tr(
            "Required, e.g. risk assessed again on 5 March: no plan, sleeping better, family "
            "watching; back to regular follow-up."))
        self.close_button = QPushButton(self.tr("Close the crisis"))
        self.close_button.setObjectName("close_crisis")
        self.close_button.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.close_button.setEnabled(bool(self.reason.toPlainText().strip())))
        self.close_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        summary_label = QLabel(summary)
        summary_label.setWordWrap(True)
        layout.addWidget(summary_label)
        layout.addWidget(QLabel(self.tr("Why is the crisis over?")))
        layout.addWidget(self.reason)
        layout.addWidget(notice(self.tr(
            "Closing takes the person off the high-risk list unless their archive's risk "
            "level is high."), "info"))
        layout.addLayout(row)
        self.resize(520, 340)
        self.discard_guard = guard_discard(self)

    def submit(self) -> None:
        reason, crises, cid = self.reason.toPlainText(), self._session.crises, self.crisis_id
        self.close_button.setEnabled(False)
        CollectionOp(parent=self, op=lambda _ctx: crises.close(cid, reason=reason)).success(
            lambda _r: self._closed()).finally_(
            lambda: self.close_button.setEnabled(True)).run_in_background()

    def _closed(self) -> None:
        self.closed.emit(self.crisis_id)
        self.accept()
