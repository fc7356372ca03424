"""Who came, when, how, about what: the parts of a consultation record anyone may see."""

from __future__ import annotations

from typing import Any

from psyroom.consultations.model import AGE_BANDS, LABELS, ConsultationInput
from psyroom.residents.labels import GENDER_LABELS
from psyroom.residents.model import Resident
from psyroom.session import Session
from ui.counselling.labels import choices
from ui.counselling.participants import ParticipantList
from ui.counselling.resident_picker import ResidentPicker
from ui.counselling.widgets import (
    CheckGroup,
    ChoiceCombo,
    datetime_edit,
    set_read_only,
)
from ui.qt import (
    QCheckBox,
    QDateTime,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
    Signal,
)

GROUP_KINDS = ("couple", "family", "group")
MINUTE = "yyyy-MM-ddTHH:mm"


class ConsultationFields(QWidget):
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject_kind = ChoiceCombo(choices(LABELS["subject_kind"]))
        self.subject_kind.setObjectName("subject_kind")
        self.resident = ResidentPicker(session)
        self.participants = ParticipantList(session)
        self.anon_gender = ChoiceCombo([("", self.tr("Not said")),
                                        *[(c, t) for c, t in choices(GENDER_LABELS)
                                          if c != "unknown"]])
        self.anon_age = ChoiceCombo([("", self.tr("Not said")), *[(b, b) for b in AGE_BANDS]])
        self.anon_village = QLineEdit()
        self.anon_village.setPlaceholderText(self.tr("Village or community (optional)"))
        anon_row = QHBoxLayout()
        anon_row.setContentsMargins(0, 0, 0, 0)
        for w in (self.anon_gender, self.anon_age, self.anon_village):
            anon_row.addWidget(w)
        self.anonymous = QWidget()
        self.anonymous.setLayout(anon_row)

        self.started_at = datetime_edit()
        self.started_at.setObjectName("started_at")
        self.started_at.setDateTime(_this_minute())
        self.duration = QSpinBox()
        self.duration.setRange(1, 600)
        self.duration.setValue(50)
        self.duration.setSuffix(self.tr(" min"))
        self.mode = ChoiceCombo(choices(LABELS["mode"]))
        when_row = QHBoxLayout()
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.started_at)
        when_row.addWidget(self.duration)
        when_row.addWidget(self.mode)
        when_row.addStretch(1)

        self.issues = CheckGroup(choices(LABELS["issues"]), columns=4)
        self.risk = ChoiceCombo(choices(LABELS["risk_screening"]))
        self.risk.setObjectName("risk_screening")
        self.outcome = ChoiceCombo(choices(LABELS["outcome"]))
        self.has_next = QCheckBox(self.tr("Agreed"))
        self.next_at = datetime_edit()
        self.next_at.setDateTime(_this_minute().addDays(14))
        self.next_at.setEnabled(False)
        self.has_next.toggled.connect(self.next_at.setEnabled)
        next_row = QHBoxLayout()
        next_row.setContentsMargins(0, 0, 0, 0)
        next_row.addWidget(self.has_next)
        next_row.addWidget(self.next_at)
        next_row.addStretch(1)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Who came:"), self.subject_kind)
        form.addRow(self.tr("Resident:"), self.resident)
        form.addRow(self.tr("Also present:"), self.participants)
        form.addRow(self.tr("Caller:"), self.anonymous)
        form.addRow(self.tr("Start, length, mode:"), when_row)
        form.addRow(self.tr("Issues:"), self.issues)
        form.addRow(self.tr("Risk screening:"), _left(self.risk))
        form.addRow(self.tr("Result of the session:"), _left(self.outcome))
        form.addRow(self.tr("Next appointment:"), next_row)
        self.form = form

        self.subject_kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.subject_kind.currentIndexChanged, self.anon_gender.currentIndexChanged,
                       self.anon_age.currentIndexChanged, self.anon_village.textEdited,
                       self.started_at.dateTimeChanged, self.duration.valueChanged,
                       self.mode.currentIndexChanged, self.risk.currentIndexChanged,
                       self.outcome.currentIndexChanged, self.has_next.toggled,
                       self.next_at.dateTimeChanged, self.resident.chosen,
                       self.participants.changed):
            signal.connect(self._emit)
        for box in self.issues.boxes.values():
            box.toggled.connect(self._emit)
        self._kind_changed()

    def _emit(self, *_args: Any) -> None:
        self.changed.emit()

    def _kind_changed(self) -> None:
        kind = self.subject_kind.code()
        self.form.setRowVisible(self.resident, kind != "anonymous")
        self.form.setRowVisible(self.participants, kind in GROUP_KINDS)
        self.form.setRowVisible(self.anonymous, kind == "anonymous")

    def ready(self) -> bool:
        """Enough to save a draft: an archive, or "anonymous"."""
        return self.subject_kind.code() == "anonymous" or self.resident.resident is not None

    def to_input(self, notes: dict[str, str]) -> ConsultationInput:
        kind = self.subject_kind.code()
        anonymous = kind == "anonymous"
        resident = self.resident.resident
        return ConsultationInput(
            subject_kind=kind, started_at=self.started_at.dateTime().toString(MINUTE),
            mode=self.mode.code(),
            resident_id=None if anonymous or resident is None else resident.id,
            participants=self.participants.ids() if kind in GROUP_KINDS else (),
            anon_gender=(self.anon_gender.code() or None) if anonymous else None,
            anon_age_band=(self.anon_age.code() or None) if anonymous else None,
            anon_village=(self.anon_village.text().strip() or None) if anonymous else None,
            duration_min=self.duration.value(), issues=self.issues.codes(),
            risk_screening=self.risk.code(), outcome=self.outcome.code(),
            next_appointment=self.next_at.dateTime().toString(MINUTE)
            if self.has_next.isChecked() else None,
            **notes)

    def load(self, data: ConsultationInput, people: dict[str, Resident]) -> None:
        """Fill from a stored record without announcing changes (nothing to save)."""
        self.blockSignals(True)
        try:
            self.subject_kind.set_code(data.subject_kind)
            resident = people.get(data.resident_id or "")
            if resident is not None:
                self.resident.set_resident(resident)
            self.participants.set_residents([people[p] for p in data.participants
                                             if p in people])
            self.anon_gender.set_code(data.anon_gender or "")
            self.anon_age.set_code(data.anon_age_band or "")
            self.anon_village.setText(data.anon_village or "")
            self.started_at.setDateTime(QDateTime.fromString(data.started_at, MINUTE))
            self.duration.setValue(data.duration_min)
            self.mode.set_code(data.mode)
            self.issues.set_codes(data.issues)
            self.risk.set_code(data.risk_screening)
            self.outcome.set_code(data.outcome)
            self.has_next.setChecked(data.next_appointment is not None)
            if data.next_appointment:
                self.next_at.setDateTime(QDateTime.fromString(data.next_appointment, MINUTE))
        finally:
            self.blockSignals(False)
        self._kind_changed()

    def set_read_only(self, read_only: bool) -> None:
        set_read_only([self.subject_kind, self.anon_gender, self.anon_age, self.anon_village,
                       self.started_at, self.duration, self.mode, self.issues, self.risk,
                       self.outcome, self.has_next, self.next_at], read_only)
        if not read_only:
            self.next_at.setEnabled(self.has_next.isChecked())
        self.participants.set_locked(read_only)

    def lock_person(self) -> None:
        """Once a draft exists, who it is about stays put (a new record is cheap)."""
        self.resident.set_locked(True)
        self.subject_kind.setEnabled(False)


def _this_minute() -> QDateTime:
    now = QDateTime.currentDateTime()
    return now.addSecs(-now.time().second())


def _left(widget: QWidget) -> QHBoxLayout:
    """A field at its natural width: a short combo box stretched over the row reads badly."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return row
