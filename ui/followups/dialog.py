"""The follow-up of a severe-mental-disorder patient, on 表1-8: every field in the form's
order and numbering, the national class shown live with the reasons for it, and the printed
form one click away."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from psyroom.followups import form as f
from psyroom.followups.model import FollowupInput
from psyroom.followups.rules import (
    RISK_LEVEL_TEXT,
    Answers,
    classify,
    needs_action,
    next_followup_date,
)
from psyroom.referrals.model import STATUSES, Referral
from psyroom.residents.model import Resident
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.counselling.labels import english, pick, resident_line, text_of
from ui.counselling.widgets import date_edit, iso_day, notice, set_notice_kind
from ui.followups.printing import ask_pdf, print_form
from ui.followups.widgets import CodeChecks, CodeRadios, DangerCounts, DrugRows, numbered, row
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDate,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMouseEvent,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import Heading

REACHED, NOT_REACHED, DIED = 0, 1, 2


class _ClickLabel(QLabel):
    """A definition beside its radio button: clicking the words chooses the level too."""

    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)


def label(key: str) -> str:
    """The national form's own name for a field, in the UI's language."""
    return pick(f.FIELD_LABELS[key]) + (":" if english() else "：")


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class FollowupDialog(QDialog):
    recorded = Signal(str)  # the new follow-up's id

    def __init__(self, session: Session, resident: Resident,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.resident = resident
        self.print_after_save: Path | None = None
        self.setWindowTitle(self.tr("Follow-up record of a severe mental disorder patient"))
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self._visit_box())
        self.clinical = QWidget()
        clinical = QVBoxLayout(self.clinical)
        clinical.setContentsMargins(0, 0, 0, 0)
        for box in (self._risk_box(), self._state_box(), self._events_box(),
                    self._medication_box(), self._referral_box(), self._rehab_box()):
            clinical.addWidget(box)
        column.addWidget(self.clinical)
        column.addWidget(self._class_box())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.blank = buttons.addButton(self.tr("Blank form…"),
                                       QDialogButtonBox.ButtonRole.ActionRole)
        self.blank.setObjectName("followup_blank")
        self.save_print = buttons.addButton(self.tr("Save and print…"),
                                            QDialogButtonBox.ButtonRole.ActionRole)
        self.save_print.setObjectName("followup_save_print")
        self.save = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("followup_save")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.blank.clicked.connect(self._choose_blank)
        self.save_print.clicked.connect(self._choose_print)
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(resident_line(resident), larger_by=2))
        if not resident.smd_registered:
            layout.addWidget(notice(self.tr(
                "This resident is not registered as a severe mental disorder patient. "
                "Register them in the archive first."), "danger"))
            self.save.setEnabled(False)
            self.save_print.setEnabled(False)
        # Above the scrolling form, so the class and why stay in view while it is filled in.
        layout.addWidget(self.class_notice)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(980, 820)
        self._connect()
        self.update_class()

    # -- the form, section by section ----------------------------------------------------
    def _visit_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Visit"))
        form = QFormLayout(box)
        self.visit = date_edit()
        self.visit.setObjectName("followup_date")
        self.visit_form = CodeRadios(f.VISIT_FORM, "visit_form")
        self.visit_with = CodeChecks(f.VISIT_WITH, "visit_with")
        self.outcome = QButtonGroup(self)
        outcome_row = QWidget()
        outcome_layout = row()
        for code, text in ((REACHED, self.tr("Patient reached (directly or through others)")),
                           (NOT_REACHED, self.tr("Not reached")),
                           (DIED, self.tr("Died"))):
            button = QRadioButton(text)
            button.setObjectName(f"outcome_{code}")
            self.outcome.addButton(button, code)
            outcome_layout.insertWidget(code, button)
        self.outcome.button(REACHED).setChecked(True)
        outcome_row.setLayout(outcome_layout)
        self.lost_reason = CodeRadios(f.LOST_REASON, "lost_reason")
        self.death_date = date_edit()
        self.death_date.setObjectName("death_date")
        self.death_cause = CodeRadios(f.DEATH_CAUSE, "death_cause")
        self.death_illness = QComboBox()
        self.death_illness.setObjectName("death_illness")
        for code, pair in f.DEATH_ILLNESS.items():
            self.death_illness.addItem(f"{'①②③④⑤⑥⑦⑧'[code - 1]} {pick(pair)}", code)
        form.addRow(label("followup_date"), self.visit)
        form.addRow(label("visit_form"), self.visit_form)
        form.addRow(label("visit_with"), self.visit_with)
        form.addRow(self.tr("Outcome:"), outcome_row)
        self.lost_row = QWidget()
        self.lost_row.setLayout(row(self.lost_reason))
        form.addRow(label("lost_reason"), self.lost_row)
        self.death_row = QWidget()
        death = QFormLayout(self.death_row)
        death.setContentsMargins(0, 0, 0, 0)
        death.addRow(label("death_date"), self.death_date)
        death.addRow(label("death_cause"), self.death_cause)
        death.addRow(label("death_illness"), self.death_illness)
        form.addRow(self.tr("If died:"), self.death_row)
        return box

    def _risk_box(self) -> QGroupBox:
        box = QGroupBox(label("risk_level"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.risk = QButtonGroup(self)
        for level, pair in RISK_LEVEL_TEXT.items():
            full = pick(pair)
            head, _sep, definition = full.partition("：" if "：" in full else ":")
            button = QRadioButton(head)
            button.setObjectName(f"risk_{level}")
            self.risk.addButton(button, level)
            words = _ClickLabel(definition.strip())
            words.setWordWrap(True)
            words.clicked.connect(button.click)
            grid.addWidget(button, level, 0)
            grid.addWidget(words, level, 1)
        return box

    def _state_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Symptoms, insight, social function"))
        form = QFormLayout(box)
        self.symptoms = CodeChecks(f.SYMPTOMS, "symptoms", columns=6)
        self.symptoms_other = _line("symptoms_other", self.tr("12 Other: which"))
        self.symptoms_marked = QCheckBox(self.tr("Marked psychotic symptoms (the doctor's "
                                                 "judgement)"))
        self.symptoms_marked.setObjectName("symptoms_marked")
        self.insight = CodeRadios(f.INSIGHT, "insight")
        self.sleep = CodeRadios(f.LEVEL3, "sleep")
        self.diet = CodeRadios(f.LEVEL3, "diet")
        form.addRow(label("symptoms"), self.symptoms)
        form.addRow("", self.symptoms_other)
        form.addRow("", self.symptoms_marked)
        form.addRow(label("insight"), self.insight)
        form.addRow(label("sleep"), self.sleep)
        form.addRow(label("diet"), self.diet)
        self.social: dict[str, CodeRadios] = {}
        for key, pair in f.SOCIAL_ITEMS.items():
            self.social[key] = CodeRadios(f.WORK if key == "sf_work" else f.LEVEL3, key)
            form.addRow(self.tr("Social function · %1:").replace("%1", pick(pair)),
                        self.social[key])
        return box

    def _events_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Between the two visits"))
        form = QFormLayout(box)
        self.danger = DangerCounts(f.DANGER)
        self.locked = CodeRadios(f.LOCKED, "locked")
        self.hospital = CodeRadios(f.HOSPITAL, "hospital")
        self.discharged = QCheckBox(label("last_discharge"))
        self.discharged.setObjectName("discharged")
        self.last_discharge = date_edit()
        self.last_discharge.setObjectName("last_discharge")
        self.lab = CodeRadios(f.LAB, "lab")
        self.lab_text = _line("lab_text", self.tr("Results"))
        form.addRow(label("danger"), self.danger)
        form.addRow(label("locked"), self.locked)
        form.addRow(label("hospital"), self.hospital)
        form.addRow(self.discharged, self.last_discharge)
        form.addRow(label("lab"), self.lab)
        form.addRow("", self.lab_text)
        return box

    def _medication_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Medication"))
        form = QFormLayout(box)
        self.adherence = CodeRadios(f.ADHERENCE, "adherence")
        self.side_effects = CodeRadios(f.SIDE_EFFECTS, "side_effects")
        self.side_effects_text = _line("side_effects_text", self.tr("Which drug, which effect"))
        self.severe_side_effects = QCheckBox(self.tr("Severe (acute) drug side effects (the "
                                                     "doctor's judgement)"))
        self.severe_side_effects.setObjectName("severe_side_effects")
        self.serious_illness = QCheckBox(self.tr("Serious physical illness (the doctor's "
                                                 "judgement)"))
        self.serious_illness.setObjectName("serious_physical_illness")
        self.effect = CodeRadios(f.EFFECT, "effect")
        self.drugs = DrugRows("drugs")
        self.guidance = DrugRows("guidance")
        form.addRow(label("adherence"), self.adherence)
        form.addRow(label("side_effects"), self.side_effects)
        form.addRow("", self.side_effects_text)
        form.addRow("", self.severe_side_effects)
        form.addRow("", self.serious_illness)
        form.addRow(label("effect"), self.effect)
        form.addRow(label("drugs"), self.drugs)
        form.addRow(label("guidance"), self.guidance)
        return box

    def _referral_box(self) -> QGroupBox:
        box = QGroupBox(label("referred"))
        form = QFormLayout(box)
        self.referred = CodeRadios(f.REFERRED, "referred")
        self.referral_reason = _line("referral_reason")
        self.referral_institution = _line("referral_institution",
                                          self.tr("Institution and department"))
        # 是否转诊 linked to a referral where one exists: one of the resident's referrals, or
        # a new one made here; its reason and institution fill the form's two lines.
        self.referral_link = QComboBox()
        self.referral_link.setObjectName("followup_referral_link")
        self.referral_link.addItem(self.tr("No referral record"), None)
        # Wide enough for "serial · institution · status" once the referrals have loaded.
        self.referral_link.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.new_referral = QPushButton(self.tr("New referral…"))
        self.new_referral.setObjectName("followup_new_referral")
        self.referrals: dict[str, Referral] = {}
        link_row = QWidget()
        link_row.setLayout(row(self.referral_link, self.new_referral))
        can_read = self._session.can(Permission.READ_REFERRALS)
        link_row.setVisible(can_read)
        self.new_referral.setVisible(can_read and self._session.can(
            Permission.CREATE_REFERRALS))
        form.addRow(label("referred"), self.referred)
        form.addRow(self.tr("Referral record:"), link_row)
        form.addRow(label("referral_reason"), self.referral_reason)
        form.addRow(label("referral_institution"), self.referral_institution)
        self.referral_link.currentIndexChanged.connect(lambda _i: self._referral_picked())
        self.referred.changed.connect(self._referred_changed)
        self.new_referral.clicked.connect(self._make_referral)
        if can_read:
            self.load_referrals()
        return box

    def load_referrals(self, select: str | None = None) -> None:
        referrals, rid = self._session.referrals, self.resident.id
        QueryOp(parent=self, op=lambda _ctx: referrals.list(resident_id=rid)).success(
            lambda rows: self._show_referrals(rows, select)).run_in_background()

    def _show_referrals(self, rows: list[Referral], select: str | None) -> None:
        current = select or self.referral_id()
        self.referral_link.blockSignals(True)
        while self.referral_link.count() > 1:
            self.referral_link.removeItem(1)
        # A cancelled referral was never made: the core refuses it as this visit's referral.
        self.referrals = {r.id: r for r in rows if r.status != "cancelled"}
        for r in self.referrals.values():
            self.referral_link.addItem(f"{r.serial} · {r.institution_name} · "
                                       f"{text_of(STATUSES, r.status)}", r.id)
        self.referral_link.setCurrentIndex(max(self.referral_link.findData(current), 0))
        self.referral_link.blockSignals(False)
        if select is not None:
            self._referral_picked()

    def referral_id(self) -> str | None:
        data = self.referral_link.currentData()
        return str(data) if data else None

    def _referral_picked(self) -> None:
        chosen = self.referrals.get(self.referral_id() or "")
        if chosen is None:
            return
        self.referred.set_value(2)
        self.referral_reason.setText(chosen.reason)
        self.referral_institution.setText(chosen.institution_name)

    def _referred_changed(self) -> None:
        if self.referred.value() != 2:
            self.referral_link.setCurrentIndex(0)  # "not referred" links to no referral

    def _make_referral(self) -> None:
        from ui.referrals.form import ReferralDialog

        # Urgent when the visit so far says unstable: the form allows it out before consent.
        dialog = ReferralDialog(self._session, self, resident=self.resident,
                                urgent=self.chosen_class() == f.UNSTABLE)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda r: self.load_referrals(select=r.id))
        self.referral_dialog = dialog
        dialog.open()

    def _rehab_box(self) -> QGroupBox:
        box = QGroupBox(label("rehab"))
        form = QFormLayout(box)
        self.rehab = CodeChecks(f.REHAB, "rehab")
        self.rehab_other = _line("rehab_other", self.tr("5 Other: which"))
        self.home_rehab = QCheckBox(self.tr("Takes part in home rehabilitation"))
        self.counselled_patient = QCheckBox(self.tr("Counselling given to the patient"))
        self.counselled_family = QCheckBox(self.tr("Guidance given to the family"))
        form.addRow(label("rehab"), self.rehab)
        form.addRow("", self.rehab_other)
        for flag in (self.home_rehab, self.counselled_patient, self.counselled_family):
            form.addRow("", flag)
        return box

    def _class_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Classification and next visit"))
        form = QFormLayout(box)
        self.class_notice = notice()
        self.class_notice.setObjectName("class_notice")
        self.classification = QComboBox()
        self.classification.setObjectName("classification")
        self.class_reason = _line("class_reason", self.tr("Why more severe than the rules"))
        self.next_date = date_edit()
        self.next_date.setObjectName("next_date")
        self.next_hint = QLabel()
        self.doctor = _line("doctor_name")
        self.doctor.setText(self._session.user.display_name)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(60)
        self.action_notice = notice(self.tr(
            "Unstable: refer the patient at once to a higher hospital and tell the care team "
            "(village committee, police, family doctor); follow up within 2 weeks. After "
            "saving, the action stays on the home page until it is recorded."), "danger")
        self.action_notice.setObjectName("action_notice")
        form.addRow(label("classification"), self.classification)
        form.addRow(self.tr("Reason:"), self.class_reason)
        next_row = QWidget()
        next_row.setLayout(row(self.next_date, self.next_hint))
        form.addRow(label("next_date"), next_row)
        form.addRow(label("doctor_name"), self.doctor)
        form.addRow(self.tr("Notes:"), self.notes)
        form.addRow(self.action_notice)
        return box

    # -- live classification -------------------------------------------------------------
    def _connect(self) -> None:
        radios = [self.visit_form, self.insight, *self.social.values(), self.side_effects,
                  self.lost_reason, self.death_cause]
        for r in radios:
            r.changed.connect(self.update_class)
        self.symptoms.changed.connect(self.update_class)
        for box in (self.symptoms_marked, self.severe_side_effects, self.serious_illness):
            box.toggled.connect(lambda _on: self.update_class())
        self.risk.idToggled.connect(lambda _id, on: self.update_class() if on else None)
        self.outcome.idToggled.connect(lambda _id, on: self.update_class() if on else None)
        self.visit.dateChanged.connect(lambda _d: self.update_class())
        self.classification.currentIndexChanged.connect(lambda _i: self._class_chosen())

    def outcome_code(self) -> int:
        return self.outcome.checkedId()

    def update_class(self) -> None:
        outcome = self.outcome_code()
        self.clinical.setEnabled(outcome == REACHED)
        self.lost_row.setEnabled(outcome == NOT_REACHED)
        self.death_row.setEnabled(outcome == DIED)
        self.death_illness.setEnabled(outcome == DIED and self.death_cause.value() == 1)
        if outcome == DIED:
            self.class_notice.setText(self.tr("A death ends the follow-ups: no class and no "
                                              "next date; the archive is marked deceased."))
            set_notice_kind(self.class_notice, "warning")
            self._set_class_choices([])
            self.action_notice.setVisible(False)
            return
        data = self.data()
        verdict = classify(data.answers())
        why = "；".join(pick(r) for r in verdict.reasons)
        text = self.tr("By the national rules: %1 — %2").replace(
            "%1", numbered(verdict.code, f.CLASSES[verdict.code])).replace("%2", why)
        missing = [pick(f.FIELD_LABELS[k]) for k in ("risk_level", "insight", *f.SOCIAL_ITEMS,
                                                      "side_effects")
                   if outcome == REACHED and getattr(data, k) is None]
        if missing:
            # Unanswered boxes must not read as "stable": say what the class still needs.
            text += "\n" + self.tr("Still to fill in for the class: %1").replace(
                "%1", "、".join(missing))
        if outcome == NOT_REACHED and data.lost_reason is not None:
            text += "\n" + self.tr("With a reason for loss, the archive is marked lost to "
                                   "follow-up until a visit reaches the patient again.")
        elif outcome == REACHED and self.resident.status == "lost":
            text += "\n" + self.tr("The archive says lost to follow-up: saving this visit "
                                   "brings the patient back under management.")
        set_notice_kind(self.class_notice, "danger" if verdict.code == f.UNSTABLE else
                        "warning" if missing else "info")
        self.class_notice.setText(text)
        # Only the rules' class or a more severe one is offered; milder is never allowed.
        allowed = [f.NOT_REACHED] if verdict.code == f.NOT_REACHED else \
            [c for c in (f.STABLE, f.BASIC, f.UNSTABLE) if c <= verdict.code]
        self._set_class_choices(sorted(allowed, reverse=True))
        self._class_chosen()

    def _set_class_choices(self, codes: list[int]) -> None:
        current = self.classification.currentData()
        self.classification.blockSignals(True)
        self.classification.clear()
        for code in codes:
            self.classification.addItem(numbered(code, f.CLASSES[code]), code)
        index = self.classification.findData(current)
        self.classification.setCurrentIndex(index if index >= 0 else 0)
        self.classification.blockSignals(False)
        self.classification.setEnabled(bool(codes))
        self.next_date.setEnabled(bool(codes))

    def rule_class(self) -> int | None:
        return self.classification.itemData(0) if self.classification.count() else None

    def chosen_class(self) -> int | None:
        data = self.classification.currentData()
        return None if data is None else int(data)

    def _class_chosen(self) -> None:
        chosen = self.chosen_class()
        self.class_reason.setEnabled(chosen is not None and chosen != self.rule_class())
        self.action_notice.setVisible(needs_action(chosen))
        if chosen is None:
            self.next_hint.setText("")
            return
        visit = date.fromisoformat(iso_day(self.visit))
        latest = next_followup_date(chosen, visit)
        self.next_date.setDate(QDate(latest.year, latest.month, latest.day))
        self.next_hint.setText(self.tr("in 3 months (stable)") if chosen == f.STABLE
                               else self.tr("within 2 weeks"))

    def answers(self) -> Answers:
        return self.data().answers()

    # -- saving and printing -------------------------------------------------------------
    def data(self) -> FollowupInput:
        outcome = self.outcome_code()
        reached = outcome == REACHED
        died = outcome == DIED
        risk = self.risk.checkedId()
        chosen = self.chosen_class()
        return FollowupInput(
            resident_id=self.resident.id, followup_date=iso_day(self.visit), reached=reached,
            visit_form=self.visit_form.value(), visit_with=self.visit_with.values(),
            lost_reason=self.lost_reason.value() if outcome == NOT_REACHED else None,
            death_date=iso_day(self.death_date) if died else None,
            death_cause=self.death_cause.value() if died else None,
            death_illness=int(self.death_illness.currentData())
            if died and self.death_cause.value() == 1 else None,
            risk_level=risk if reached and risk >= 0 else None,
            symptoms=self.symptoms.values() if reached else (),
            symptoms_other=self.symptoms_other.text().strip() if reached else "",
            **self._clinical(reached),
            symptoms_marked=reached and self.symptoms_marked.isChecked(),
            severe_side_effects=reached and self.severe_side_effects.isChecked(),
            serious_physical_illness=reached and self.serious_illness.isChecked(),
            classification=None if died else chosen,
            class_reason=self.class_reason.text().strip() if chosen != self.rule_class()
            else "",
            next_date=None if died else iso_day(self.next_date),
            doctor_name=self.doctor.text().strip() or None,
            home_rehab=reached and self.home_rehab.isChecked(),
            counselled_patient=reached and self.counselled_patient.isChecked(),
            counselled_family=reached and self.counselled_family.isChecked(),
            notes=self.notes.toPlainText().strip())

    def _clinical(self, reached: bool) -> dict[str, Any]:
        """How the patient is: only a visit that reached them records it (the section is
        greyed out otherwise, and what was typed there before is not saved)."""
        if not reached:
            return {}
        return dict(
            insight=self.insight.value(), sleep=self.sleep.value(), diet=self.diet.value(),
            **{key: radios.value() for key, radios in self.social.items()},
            danger=self.danger.counts(), locked=self.locked.value(),
            hospital=self.hospital.value(),
            last_discharge=iso_day(self.last_discharge) if self.discharged.isChecked()
            else None,
            lab=self.lab.value(), lab_text=self.lab_text.text().strip(),
            adherence=self.adherence.value(), side_effects=self.side_effects.value(),
            side_effects_text=self.side_effects_text.text().strip(),
            effect=self.effect.value(), referred=self.referred.value(),
            referral_reason=self.referral_reason.text().strip(),
            referral_institution=self.referral_institution.text().strip(),
            referral_id=self.referral_id() if self.referred.value() == 2 else None,
            drugs=self.drugs.drugs(), guidance=self.guidance.drugs(),
            rehab=self.rehab.values(), rehab_other=self.rehab_other.text().strip())

    def submit(self) -> None:
        data, followups = self.data(), self._session.followups
        self.save.setEnabled(False)
        CollectionOp(parent=self, op=lambda _ctx: followups.record(data)).success(
            self._saved).finally_(lambda: self.save.setEnabled(True)).run_in_background()

    def _saved(self, followup_id: str) -> None:
        self.recorded.emit(followup_id)
        if self.print_after_save is not None:
            print_form(self.parentWidget() or self, self._session, followup_id,
                       self.print_after_save)
        self.accept()

    def _choose_print(self) -> None:
        path = ask_pdf(self, "随访记录表")
        if path is not None:
            self.print_after_save = path
            self.submit()

    def _choose_blank(self) -> None:
        path = ask_pdf(self, "随访记录表-空白")
        if path is not None:
            print_form(self, self._session, None, path)
