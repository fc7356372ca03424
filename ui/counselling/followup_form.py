"""The severe-mental-disorder follow-up (严重精神障碍患者随访), as the national
specification lays it out: each risk level with its full definition, the next date proposed
from the condition, and a plain notice when the visit opens an action."""

from __future__ import annotations

from datetime import date

from psyroom.followups.rules import (
    CONDITIONS,
    MEDICATION,
    METHODS,
    RISK_LEVEL_TEXT,
    SOCIAL_FUNCTION,
    classify,
    needs_action,
)
from psyroom.followups.service import FollowupInput, Followups
from psyroom.residents.model import Resident
from psyroom.session import Session
from ui.counselling.labels import choices, pick, resident_line
from ui.counselling.widgets import ChoiceCombo, date_edit, iso_day, notice
from ui.discard_guard import guard_discard
from ui.operations import CollectionOp
from ui.qt import (
    QButtonGroup,
    QCheckBox,
    QDate,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMouseEvent,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import Heading

SEVERITY = {"stable": 0, "basic": 1, "unstable": 2}


class _ClickLabel(QLabel):
    """A definition beside its radio button: clicking the words chooses the level too."""

    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)


class FollowupDialog(QDialog):
    recorded = Signal(str)  # the new follow-up's id

    def __init__(self, session: Session, resident: Resident,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.resident = resident
        self.setWindowTitle(self.tr("Follow-up of a severe mental disorder patient"))

        self.visit = date_edit()
        self.visit.setObjectName("followup_date")
        self.method = QButtonGroup(self)
        method_row = QHBoxLayout()
        for i, (code, text) in enumerate(choices(METHODS)):
            button = QRadioButton(text)
            button.setObjectName(f"method_{code}")
            button.setChecked(i == 0)
            self.method.addButton(button, i)
            method_row.addWidget(button)
        method_row.addStretch(1)
        self._method_codes = list(METHODS)

        self.risk = QButtonGroup(self)
        risk_box = QGroupBox(self.tr("Risk assessment (危险性评估)"))
        risk_grid = QGridLayout(risk_box)
        risk_grid.setColumnStretch(1, 1)
        for level, pair in RISK_LEVEL_TEXT.items():
            full = pick(pair)
            head, _sep, definition = full.partition("：" if "：" in full else ":")
            button = QRadioButton(head)
            button.setObjectName(f"risk_{level}")
            self.risk.addButton(button, level)
            words = _ClickLabel(definition.strip())
            words.setWordWrap(True)
            words.clicked.connect(button.click)
            risk_grid.addWidget(button, level, 0)
            risk_grid.addWidget(words, level, 1)
        self.risk.button(0).setChecked(True)

        self.condition = ChoiceCombo(choices(CONDITIONS))
        self.condition.setObjectName("condition")
        self.medication = ChoiceCombo(choices(MEDICATION))
        self.social = ChoiceCombo(choices(SOCIAL_FUNCTION))
        state_row = QHBoxLayout()
        for caption, widget in ((self.tr("Condition:"), self.condition),
                                (self.tr("Medication:"), self.medication),
                                (self.tr("Social function:"), self.social)):
            state_row.addWidget(QLabel(caption))
            state_row.addWidget(widget)
            state_row.addSpacing(10)
        state_row.addStretch(1)
        self.home_rehab = QCheckBox(self.tr("Takes part in home rehabilitation"))
        self.counselled_patient = QCheckBox(self.tr("Counselling given to the patient"))
        self.counselled_family = QCheckBox(self.tr("Guidance given to the family"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.next_date = date_edit()
        self.next_date.setObjectName("next_date")
        self.next_hint = QLabel()
        self.next_hint.setStyleSheet("color: #555;")
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_date)
        next_row.addWidget(self.next_hint, 1)
        self.action_notice = notice(self.tr(
            "This visit needs action: refer the patient to a psychiatric institution and tell "
            "the care team (village committee, police, family doctor). After saving, the "
            "action stays on the home page under “Follow-ups needing action” until it is "
            "recorded."), "danger")
        self.action_notice.setObjectName("action_notice")

        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        top.addRow(self.tr("Date:"), self.visit)
        top.addRow(self.tr("How:"), method_row)
        bottom = QFormLayout()
        bottom.addRow(self.tr("Notes:"), self.notes)
        bottom.addRow(self.tr("Next follow-up:"), next_row)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(top)
        column.addWidget(risk_box)
        column.addLayout(state_row)
        for box in (self.home_rehab, self.counselled_patient, self.counselled_family):
            column.addWidget(box)
        column.addLayout(bottom)
        column.addWidget(self.action_notice)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("followup_save")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(resident_line(resident), larger_by=2))
        if not resident.smd_registered:
            layout.addWidget(notice(self.tr(
                "This resident is not registered as a severe mental disorder patient. "
                "Register them in the archive first."), "danger"))
            self.save.setEnabled(False)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(860, 760)

        self.risk.idToggled.connect(lambda _id, on: self._risk_changed() if on else None)
        self.condition.currentIndexChanged.connect(self._propose)
        self.visit.dateChanged.connect(self._propose)
        self._propose()
        self.discard_guard = guard_discard(self)

    def risk_level(self) -> int:
        return max(self.risk.checkedId(), 0)

    def _risk_changed(self) -> None:
        # Risk 3–5 means unstable and 1–2 at least basically stable (national rules): raise
        # the condition to match, never lower what the counsellor judged.
        suggested = classify(self.risk_level())
        if SEVERITY[suggested] > SEVERITY[self.condition.code()]:
            self.condition.set_code(suggested)
        self._update_notice()

    def _propose(self) -> None:
        """Next date from the condition: stable in 3 months, otherwise within 2 weeks."""
        visit = date.fromisoformat(iso_day(self.visit))
        proposed = Followups.proposed_next_date(self.condition.code(), visit)
        self.next_date.setDate(QDate(proposed.year, proposed.month, proposed.day))
        self.next_hint.setText(self.tr("Proposed: in 3 months when stable") if
                               self.condition.code() == "stable" else
                               self.tr("Proposed: within 2 weeks (not stable)"))
        self._update_notice()

    def _update_notice(self) -> None:
        self.action_notice.setVisible(needs_action(self.risk_level(), self.condition.code()))

    def data(self) -> FollowupInput:
        return FollowupInput(
            resident_id=self.resident.id, followup_date=iso_day(self.visit),
            method=self._method_codes[max(self.method.checkedId(), 0)],
            risk_level=self.risk_level(), condition=self.condition.code(),
            medication=self.medication.code(), social_function=self.social.code(),
            home_rehab=self.home_rehab.isChecked(),
            counselled_patient=self.counselled_patient.isChecked(),
            counselled_family=self.counselled_family.isChecked(),
            notes=self.notes.toPlainText().strip(), next_date=iso_day(self.next_date))

    def submit(self) -> None:
        data, followups = self.data(), self._session.followups
        self.save.setEnabled(False)
        CollectionOp(parent=self, op=lambda _ctx: followups.record(data)).success(
            self._saved).finally_(lambda: self.save.setEnabled(True)).run_in_background()

    def _saved(self, followup_id: str) -> None:
        self.recorded.emit(followup_id)
        self.accept()


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
        self.discard_guard = guard_discard(self)

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
