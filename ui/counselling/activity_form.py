"""Recording an outreach or group activity (科普宣传与团体活动)."""

from __future__ import annotations

from psyroom.activities.service import KINDS, ActivityInput, Participant
from psyroom.session import Session
from ui.counselling.labels import choices
from ui.counselling.widgets import ChoiceCombo, date_edit, iso_day
from ui.discard_guard import guard_discard
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


class ActivityDialog(QDialog):
    recorded = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._tried = False
        self.setWindowTitle(self.tr("Record an activity"))
        self.day = date_edit()
        self.kind = ChoiceCombo(choices(KINDS))
        self.kind.setObjectName("activity_kind")
        self.topic = QLineEdit()
        self.topic.setObjectName("activity_topic")
        self.topic.setPlaceholderText(self.tr("E.g. mental health lecture for older people"))
        self.target = QComboBox()
        self.target.setEditable(True)
        # Common audiences from the pilot plans; anything else can be typed.
        self.target.addItems(["", self.tr("Residents"), self.tr("Older people"),
                              self.tr("Left-behind children"), self.tr("Perinatal women"),
                              self.tr("Students"), self.tr("Parents"),
                              self.tr("Grid workers and social workers"),
                              self.tr("Families of patients")])
        self.headcount = QSpinBox()
        self.headcount.setObjectName("activity_headcount")
        self.headcount.setRange(0, 100_000)
        self.surveyed_box = QCheckBox(self.tr("An awareness survey was done"))
        self.surveyed = QSpinBox()
        self.surveyed.setRange(0, 100_000)
        self.passed = QSpinBox()
        self.passed.setRange(0, 100_000)
        survey_row = QHBoxLayout()
        survey_row.addWidget(QLabel(self.tr("answered:")))
        survey_row.addWidget(self.surveyed)
        survey_row.addWidget(QLabel(self.tr("passed:")))
        survey_row.addWidget(self.passed)
        survey_row.addStretch(1)
        self.survey = QWidget()
        self.survey.setLayout(survey_row)
        self.survey.setEnabled(False)
        self.surveyed_box.toggled.connect(self.survey.setEnabled)
        # Training twice a year is counted per person: tick who attended.
        self.staff = QListWidget()
        self.staff.setObjectName("activity_staff")
        self.staff.setMaximumHeight(90)
        self.staff_label = QLabel(self.tr("Staff who attended:"))
        self.kind.currentIndexChanged.connect(self._show_staff)
        self._show_staff()
        QueryOp(parent=self, op=lambda _ctx: session.activities.staff()).success(
            self._fill_staff).run_in_background()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)

        form = QFormLayout()
        form.addRow(self.tr("Date:"), self.day)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Topic:"), self.topic)
        form.addRow(self.tr("Target group:"), self.target)
        form.addRow(self.tr("People taking part:"), self.headcount)
        form.addRow(self.surveyed_box)
        form.addRow(self.tr("Survey:"), self.survey)
        form.addRow(self.staff_label, self.staff)
        form.addRow(self.tr("Notes:"), self.notes)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b71c1c;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("activity_save")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        for signal in (self.topic.textChanged, self.headcount.valueChanged,
                       self.surveyed.valueChanged, self.passed.valueChanged,
                       self.surveyed_box.toggled):
            signal.connect(self._check)
        self.resize(520, 460)
        self.discard_guard = guard_discard(self)

    def _fill_staff(self, staff: list[tuple[str, str]]) -> None:
        for user_id, name in staff:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, user_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.staff.addItem(item)

    def _show_staff(self, *_args: object) -> None:
        shown = self.kind.code() in ("training", "supervision")
        self.staff.setVisible(shown)
        self.staff_label.setVisible(shown)

    def participants(self) -> list[Participant]:
        if self.kind.code() not in ("training", "supervision"):
            return []
        out = []
        for row in range(self.staff.count()):
            item = self.staff.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(Participant(item.text(), user_id=item.data(
                    Qt.ItemDataRole.UserRole)))
        return out

    def _check(self, *_args: object) -> None:
        """Say what is wrong before the core refuses it (the survey counts must add up).

        Quiet until the first press of Save: a form that opens in red scolds before anything
        could be typed. After that it follows each change, so the red line goes once fixed.
        """
        if not self._tried:
            return
        problem = ""
        if not self.topic.text().strip():
            problem = self.tr("Give the topic.")
        elif self.surveyed_box.isChecked() and self.surveyed.value() > self.headcount.value():
            problem = self.tr("More people answered the survey than took part.")
        elif self.surveyed_box.isChecked() and self.passed.value() > self.surveyed.value():
            problem = self.tr("More people passed than answered the survey.")
        self.problem.setText(problem)

    def data(self) -> ActivityInput:
        survey = self.surveyed_box.isChecked()
        return ActivityInput(
            activity_date=iso_day(self.day), kind=self.kind.code(),
            topic=self.topic.text().strip(), headcount=self.headcount.value(),
            target_group=self.target.currentText().strip(),
            surveyed=self.surveyed.value() if survey else None,
            passed=self.passed.value() if survey else None,
            notes=self.notes.toPlainText().strip())

    def submit(self) -> None:
        self._tried = True
        self._check()
        if self.problem.text():
            if not self.topic.text().strip():
                self.topic.setFocus()
            return
        data, activities = self.data(), self._session.activities
        people = self.participants()
        self.save.setEnabled(False)
        CollectionOp(parent=self, op=lambda _ctx: activities.record(data, people)).success(
            self._saved).finally_(lambda: self.save.setEnabled(True)).run_in_background()

    def _saved(self, activity_id: str) -> None:
        self.recorded.emit(activity_id)
        self.accept()
