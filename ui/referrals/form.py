"""The referral form (转介单): who, to which institution, why, how urgent, and what the
person (or guardian) consented to share. Saved as a draft, or saved and issued at once."""

from __future__ import annotations

from psyroom.referrals.model import (
    CONSENT_BY,
    URGENCY,
    Institution,
    Referral,
    ReferralInput,
)
from psyroom.referrals.rules import SLIP_LIMITS
from psyroom.residents.model import Resident
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.counselling.labels import choices, text_of
from ui.counselling.resident_picker import ResidentPicker
from ui.counselling.widgets import ChoiceCombo, date_edit, iso_day, notice
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDate,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.referrals.labels import INSTITUTION_KINDS, SOURCES


class ReferralDialog(QDialog):
    saved = Signal(object)  # the Referral, as saved (issued when "Save and issue" was used)

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 resident: Resident | None = None, source_kind: str = "resident",
                 source_id: str | None = None, urgent: bool = False,
                 referral: Referral | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.referral = referral
        self.source_kind = referral.source_kind if referral else source_kind
        self.source_id = referral.source_id if referral else source_id
        self.issue_after = False
        self.setWindowTitle(self.tr("Referral"))
        self.picker = ResidentPicker(session)
        if resident is not None:
            self.picker.set_resident(resident)
            self.picker.set_locked(True)
        self.institution = QComboBox()
        self.institution.setObjectName("referral_institution")
        self.institution.setEditable(True)
        self.institution.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.institution.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.directory_button = QPushButton(self.tr("Directory…"))
        self.directory_button.clicked.connect(self._open_directory)
        place_row = QHBoxLayout()
        place_row.addWidget(self.institution, 1)
        place_row.addWidget(self.directory_button)
        self.urgency = ChoiceCombo(choices(URGENCY))
        self.urgency.setObjectName("referral_urgency")
        self.urgency.set_code("urgent" if urgent else "routine")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("referral_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)
        self.reason.setPlaceholderText(self.tr(
            "What the institution needs to know, e.g. low mood for two months, PHQ-9 19, "
            "asks for a psychiatric assessment. Never paste consultation notes."))

        self.reason_count = QLabel()
        self.reason_count.setObjectName("referral_reason_count")
        self.reason_count.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.consented = QCheckBox(self.tr("Consent given"))
        self.consented.setObjectName("referral_consented")
        self.consent_by = ChoiceCombo(choices(CONSENT_BY))
        self.consent_by.setObjectName("referral_consent_by")
        self.consent_date = date_edit()
        self.consent_scope = QLineEdit()
        self.consent_scope.setObjectName("referral_consent_scope")
        self.consent_scope.setMaxLength(SLIP_LIMITS["consent_scope"])
        self.consent_scope.setPlaceholderText(self.tr(
            "What may be shared, e.g. name, phone, reason for referral, scale results"))
        self.no_consent_reason = QLineEdit()
        self.no_consent_reason.setObjectName("referral_no_consent_reason")
        self.no_consent_reason.setMaxLength(SLIP_LIMITS["no_consent_reason"])
        self.no_consent_reason.setPlaceholderText(self.tr(
            "Only for an urgent referral during a crisis: why there is no consent yet"))
        consent_box = QGroupBox(self.tr("Informed consent (知情同意)"))
        consent_form = QFormLayout(consent_box)
        who_row = QHBoxLayout()
        who_row.addWidget(self.consented)
        who_row.addWidget(self.consent_by)
        who_row.addWidget(self.consent_date)
        who_row.addStretch(1)
        consent_form.addRow(who_row)
        consent_form.addRow(self.tr("May be shared:"), self.consent_scope)
        consent_form.addRow(self.tr("No consent because:"), self.no_consent_reason)
        self.consented.toggled.connect(self._update)

        self.problem = notice("", "danger")
        self.problem.setObjectName("referral_problem")
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("Resident:"), self.picker)
        form.addRow(self.tr("Institution:"), place_row)
        form.addRow(self.tr("Urgency:"), self.urgency)
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow("", self.reason_count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(self.tr("Save draft"),
                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("referral_save")
        self.issue = QPushButton(self.tr("Save and issue the slip…"))
        self.issue.setObjectName("referral_issue")
        self.issue.setVisible(session.can(Permission.ISSUE_REFERRALS))
        buttons.addButton(self.issue, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(lambda: self.submit(issue=False))
        self.issue.clicked.connect(lambda: self.submit(issue=True))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self.source_kind != "resident":
            layout.addWidget(notice(self.tr("Started from: %1").replace(
                "%1", text_of(SOURCES, self.source_kind)), "info"))
        layout.addLayout(form)
        layout.addWidget(consent_box)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(680, 600)
        self.urgency.currentIndexChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self.picker.chosen.connect(lambda _r: self._update())
        if referral is not None:
            self._fill(referral)
        self._update()
        self.load_institutions()

    def _fill(self, r: Referral) -> None:
        self.urgency.set_code(r.urgency)
        self.reason.setPlainText(r.reason)
        self.consented.setChecked(r.consent_by is not None)
        if r.consent_by:
            self.consent_by.set_code(r.consent_by)
        if r.consent_date:
            self.consent_date.setDate(QDate.fromString(r.consent_date, "yyyy-MM-dd"))
        self.consent_scope.setText(r.consent_scope)
        self.no_consent_reason.setText(r.no_consent_reason)
        self.picker.set_locked(True)
        QueryOp(parent=self, op=lambda _ctx: self._session.residents.open(r.resident_id)) \
            .success(self.picker.set_resident).run_in_background()

    # -- the directory -------------------------------------------------------------------
    def load_institutions(self, select: str | None = None) -> None:
        institutions = self._session.institutions
        wanted = select or (self.referral.institution_id if self.referral else None)
        QueryOp(parent=self, op=lambda _ctx: institutions.list()).success(
            lambda rows: self._show_institutions(rows, wanted)).run_in_background()

    def _show_institutions(self, rows: list[Institution], select: str | None) -> None:
        self.institution.clear()
        for i in rows:
            self.institution.addItem(f"{i.name}（{text_of(INSTITUTION_KINDS, i.kind)}）", i.id)
        self.institution.setCurrentIndex(self.institution.findData(select) if select else -1)
        self._update()

    def _open_directory(self) -> None:
        from ui.referrals.directory import DirectoryDialog

        dialog = DirectoryDialog(self._session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.load_institutions)
        dialog.open()

    def institution_id(self) -> str | None:
        # An edited combo text that matches no entry chooses nothing.
        index = self.institution.findText(self.institution.currentText())
        data = self.institution.itemData(index) if index >= 0 else None
        return str(data) if data else None

    # -- saving --------------------------------------------------------------------------
    def _update(self) -> None:
        # The slip prints the reason in full, so it has a length; say so while typing.
        used, limit = len(self.reason.toPlainText().strip()), SLIP_LIMITS["reason"]
        self.reason_count.setText(self.tr("%1 of %2 characters (printed on the slip)")
                                  .replace("%1", str(used)).replace("%2", str(limit)))
        self.reason_count.setStyleSheet("color: #b71c1c;" if used > limit else "color: #777;")
        consented = self.consented.isChecked()
        for w in (self.consent_by, self.consent_date, self.consent_scope):
            w.setEnabled(consented)
        urgent_crisis = self.urgency.code() == "urgent" and self.source_kind == "crisis"
        self.no_consent_reason.setEnabled(not consented and urgent_crisis)
        ready = (self.picker.resident is not None and 0 < used <= limit
                 and self.institution.count() > 0)
        self.save.setEnabled(ready)
        self.issue.setEnabled(ready)

    def data(self) -> ReferralInput:
        resident = self.picker.resident
        consented = self.consented.isChecked()
        return ReferralInput(
            resident_id=resident.id if resident else "",
            institution_id=self.institution_id() or "",
            reason=self.reason.toPlainText().strip(), urgency=self.urgency.code(),
            source_kind=self.source_kind, source_id=self.source_id,
            consent_by=self.consent_by.code() if consented else None,
            consent_scope=self.consent_scope.text().strip() if consented else "",
            consent_date=iso_day(self.consent_date) if consented else None,
            no_consent_reason="" if consented else self.no_consent_reason.text().strip())

    def submit(self, *, issue: bool) -> None:
        """Save first; issue as a second step, so a refused issue leaves a saved draft that
        the next try updates instead of duplicating."""
        data, referrals, existing = self.data(), self._session.referrals, self.referral
        self.save.setEnabled(False)
        self.issue.setEnabled(False)
        self.problem.hide()
        CollectionOp(parent=self, op=lambda _ctx: referrals.update_draft(existing.id, data)
                     if existing is not None else referrals.create(data)).success(
            lambda saved: self._issue(saved) if issue else self._saved(saved)).failure(
            self._refused).finally_(self._update).run_in_background()

    def _issue(self, draft: Referral) -> None:
        self.referral = draft
        referrals, rid = self._session.referrals, draft.id
        self.issue_after = True
        CollectionOp(parent=self, op=lambda _ctx: referrals.issue(rid)).success(
            self._saved).failure(self._refused).finally_(self._update).run_in_background()

    def _refused(self, error: BaseException) -> None:
        from ui.i18n import error_text

        self.problem.setText(error_text(error))
        self.problem.show()

    def _saved(self, referral: Referral) -> None:
        self.referral = referral
        self.saved.emit(referral)
        self.accept()
