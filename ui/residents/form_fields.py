"""The inputs of the resident form, each with a line under it for what is wrong with it."""

from __future__ import annotations

import re

from psyroom.residents.model import (
    GENDERS,
    NATIONAL_ID_MAX,
    RISK_LEVELS,
    STATUSES,
    Resident,
    ResidentFields,
)
from psyroom.residents.phone import normalise_phone
from ui.qt import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.residents.labels import field_label, gender_text, risk_text, status_text

TEXT_FIELDS = ("name", "birth_date", "id_number", "phone", "address", "guardian_name",
               "guardian_phone", "consent_date", "consent_scope", "smd_diagnosis",
               "smd_registered_on", "smd_guardian", "smd_care_team", "smd_national_id")
SMD_FIELDS = ("smd_diagnosis", "smd_registered_on", "smd_national_id", "smd_guardian",
              "smd_care_team")
# The core stores these as given; the form asks for one clear way of writing them.
DAY_FIELDS = ("consent_date", "smd_registered_on")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ERROR_STYLE = "color: #b71c1c;"
WARNING_STYLE = "color: #9a4300;"


class FieldEditors(QObject):
    """All inputs, in three group boxes (``basic``, ``care``, ``smd_box``) the dialog lays
    out."""

    changed = Signal()  # any input changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        for name in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            self.edits[name] = edit
        self.edits["name"].setMaxLength(50)
        self.edits["id_number"].setMaxLength(24)
        self.edits["smd_national_id"].setMaxLength(NATIONAL_ID_MAX)
        self.edits["smd_national_id"].setPlaceholderText(self.tr(
            "As in the national severe mental disorder information system"))
        self.edits["birth_date"].setPlaceholderText(self.tr("e.g. 1952-07-14, or 1952-07"))
        self.edits["id_number"].setPlaceholderText(self.tr("18 characters; may be left empty"))
        for name in DAY_FIELDS:
            self.edits[name].setPlaceholderText(self.tr("e.g. 2024-05-01"))
        self.edits["consent_scope"].setPlaceholderText(self.tr("e.g. psychological service "
                                                               "records"))
        self.gender = self._choices("field_gender", [(c, gender_text(c)) for c in GENDERS])
        # Left at 未知, the core takes the gender from the ID number.
        self.gender.setCurrentIndex(self.gender.findData("unknown"))
        self.risk = self._choices("field_risk_level", [(c, risk_text(c)) for c in RISK_LEVELS])
        self.status = self._choices("field_status", [(c, status_text(c)) for c in STATUSES])
        self.village = QComboBox()
        self.village.setObjectName("field_village")
        self.village.setEditable(True)
        self.village.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.smd = QCheckBox(field_label("smd_registered"))
        self.smd.setObjectName("field_smd_registered")
        # Shown next to the ID number when it belongs to another archive.
        self.open_existing = QPushButton(self.tr("Open that archive"))
        self.open_existing.setObjectName("open_existing")
        self.open_existing.hide()

        self.basic = QGroupBox(self.tr("Basic information"))
        basic = QFormLayout(self.basic)
        for name in ("name", "gender", "birth_date", "id_number", "phone", "address", "village"):
            self._row(basic, name)
        self.care = QGroupBox(self.tr("Guardian and consent"))
        care = QFormLayout(self.care)
        self._care_form = care
        for name in ("guardian_name", "guardian_phone", "consent_date", "consent_scope",
                     "risk_level", "status"):
            self._row(care, name)
        self.smd_box = QGroupBox()
        smd = QFormLayout(self.smd_box)
        smd.addRow(self.smd)
        for name in SMD_FIELDS:
            self._row(smd, name)
        self.smd.toggled.connect(self._smd_toggled)
        self._smd_toggled(False)
        # The inputs live in the group boxes the dialog lays out, not under this widget, so
        # they are wired here by name rather than found as children.
        for edit in self.edits.values():
            edit.textChanged.connect(lambda _t: self.changed.emit())
        for combo in (self.gender, self.risk, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.village.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.smd.toggled.connect(lambda _on: self.changed.emit())

    def _choices(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for code, text in items:
            combo.addItem(text, code)
        return combo

    def widget(self, name: str) -> QWidget:
        return {"gender": self.gender, "risk_level": self.risk, "status": self.status,
                "village": self.village}.get(name) or self.edits[name]

    def _row(self, form: QFormLayout, name: str) -> None:
        problem = QLabel()
        problem.setObjectName(f"problem_{name}")
        problem.setWordWrap(True)
        problem.hide()
        self.problems[name] = problem
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        line = QHBoxLayout()
        line.addWidget(self.widget(name), 1)
        if name == "id_number":
            line.addWidget(self.open_existing)
        box.addLayout(line)
        box.addWidget(problem)
        form.addRow(field_label(name) + self.tr(":"), cell)

    def _smd_toggled(self, on: bool) -> None:
        for name in SMD_FIELDS:
            self.edits[name].setEnabled(on)

    def hide_risk(self) -> None:
        """For a writer who may not read risk records: no risk row (the core keeps the
        recorded level when such a writer saves)."""
        cell = self.widget("risk_level").parentWidget()
        assert cell is not None  # the row's cell (see _row)
        self._care_form.setRowVisible(cell, False)

    def set_villages(self, villages: list[str]) -> None:
        current = self.village.currentText()
        self.village.clear()
        self.village.addItems(villages)
        self.village.setCurrentText(current)

    # -- values --------------------------------------------------------------------------
    def load(self, resident: Resident) -> None:
        for name, edit in self.edits.items():
            edit.setText(str(getattr(resident, name) or ""))
        for combo, code in ((self.gender, resident.gender), (self.risk, resident.risk_level),
                            (self.status, resident.status)):
            combo.setCurrentIndex(max(combo.findData(code), 0))
        self.village.setCurrentText(resident.village or "")
        self.smd.setChecked(resident.smd_registered)

    def fields(self, tags: frozenset[str]) -> ResidentFields:
        def text(name: str) -> str | None:
            return self.edits[name].text().strip() or None

        smd = self.smd.isChecked()
        return ResidentFields(
            name=text("name") or "", gender=self.gender.currentData(),
            birth_date=text("birth_date"), id_number=text("id_number"), phone=text("phone"),
            address=text("address"), village=self.village.currentText().strip() or None,
            guardian_name=text("guardian_name"), guardian_phone=text("guardian_phone"),
            consent_date=text("consent_date"), consent_scope=text("consent_scope"),
            risk_level=self.risk.currentData(), status=self.status.currentData(),
            smd_registered=smd,
            smd_diagnosis=text("smd_diagnosis") if smd else None,
            smd_registered_on=text("smd_registered_on") if smd else None,
            smd_guardian=text("smd_guardian") if smd else None,
            smd_care_team=text("smd_care_team") if smd else None,
            smd_national_id=text("smd_national_id") if smd else None,
            tags=tags)

    def day_problems(self) -> dict[str, str]:
        """Dates the core keeps as typed: ask for one form here so reports can read them."""
        out = {}
        for name in DAY_FIELDS:
            value = self.edits[name].text().strip()
            if value and not DAY.fullmatch(value):
                out[name] = self.tr("Write the date like 2024-05-01")
        return out

    def guardian_phone_note(self) -> str | None:
        """The core drops a guardian's phone it cannot read without saying so; say it here."""
        _phone, problem = normalise_phone(self.edits["guardian_phone"].text())
        return self.phone_note() if problem else None

    def phone_note(self) -> str:
        return self.tr("The number has the wrong number of digits and will not be saved; "
                       "check it.")

    def show_problems(self, texts: dict[str, list[tuple[str, bool]]]) -> None:
        """Field → [(text, is_error)]; fields not named are cleared."""
        for name, label in self.problems.items():
            items = texts.get(name, [])
            label.setVisible(bool(items))
            label.setText("\n".join(t for t, _ in items))
            label.setStyleSheet(ERROR_STYLE if any(e for _, e in items) else WARNING_STYLE)
