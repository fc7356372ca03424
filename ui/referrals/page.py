"""转介: every referral of the room, by status, with the steps each one is ready for and the
office's receipt notes beside it."""

from __future__ import annotations

from dataclasses import dataclass

from psyroom.referrals.model import Referral, ReferralNote
from psyroom.security.roles import Permission
from ui.counselling.labels import choices, text_of
from ui.counselling.widgets import ChoiceCombo
from ui.operations import CollectionOp, QueryOp
from ui.pages import Page, PageContext, heading
from ui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ui.referrals.describe import describe, describe_notes
from ui.referrals.form import ReferralDialog
from ui.referrals.labels import STATUSES, URGENCY
from ui.referrals.slip_actions import choose_and_save
from ui.referrals.steps import CancelDialog, FeedbackDialog, ReceiptDialog

OVERDUE_COLOUR = "#b71c1c"


@dataclass(frozen=True)
class Chosen:
    referral: Referral
    notes: list[ReferralNote]


class ReferralsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        can = ctx.session.can
        self.rows: list[Referral] = []
        self.chosen: Chosen | None = None
        self.status = ChoiceCombo([("", self.tr("All")), *choices(STATUSES)])
        self.status.setObjectName("referral_status_filter")
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button = QPushButton(self.tr("New referral…"))
        self.new_button.setObjectName("new_referral")
        self.new_button.setVisible(can(Permission.CREATE_REFERRALS))
        self.new_button.clicked.connect(lambda: self._form())
        directory = QPushButton(self.tr("Institution directory…"))
        directory.clicked.connect(self._directory)
        self.verify_button = QPushButton(self.tr("Check a slip…"))
        self.verify_button.setObjectName("referral_verify")
        self.verify_button.setToolTip(self.tr("Is a paper referral slip genuine?"))
        self.verify_button.clicked.connect(self.verify_slip)
        self.settings_button = QPushButton(self.tr("Settings…"))
        self.settings_button.setVisible(can(Permission.CHANGE_SETTINGS))
        self.settings_button.clicked.connect(self._settings)

        self.table = QTableWidget(0, 7)
        self.table.setObjectName("referral_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("Serial"), self.tr("Resident"), self.tr("Institution"), self.tr("Urgency"),
            self.tr("Status"), self.tr("Issued"), self.tr("Receipt")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in range(7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._select)
        self.detail = QLabel()
        self.detail.setObjectName("referral_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Room for the reason, consent, receipt and feedback lines without the table jumping.
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.notes = QLabel()
        self.notes.setObjectName("referral_notes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("QLabel { background: #eaf2fa; border: 1px solid #b9cde2; "
                                 "border-radius: 4px; padding: 6px 8px; }")
        self.notes.hide()

        self.step_buttons: dict[str, QPushButton] = {}
        # Two rows of steps: seven buttons in one row widen the window at large text sizes.
        steps = QGridLayout()
        for index, (key, text, permission) in enumerate((
                ("edit", self.tr("Edit draft…"), Permission.CREATE_REFERRALS),
                ("issue", self.tr("Issue and save the slip…"), Permission.ISSUE_REFERRALS),
                ("slip", self.tr("Save the slip again…"), Permission.ISSUE_REFERRALS),
                ("receipt", self.tr("Record receipt…"), Permission.RECORD_REFERRAL_RECEIPTS),
                ("feedback", self.tr("Record feedback…"), Permission.RECORD_REFERRAL_RECEIPTS),
                ("close", self.tr("Close"), Permission.ISSUE_REFERRALS),
                ("cancel", self.tr("Cancel referral…"), Permission.CANCEL_REFERRALS))):
            button = QPushButton(text)
            button.setObjectName(f"referral_{key}")
            button.setVisible(can(permission))
            button.clicked.connect(lambda _c=False, k=key: self.act(k))
            self.step_buttons[key] = button
            steps.addWidget(button, index // 4, index % 4)
        steps.setColumnStretch(4, 1)

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Referrals")))
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.verify_button)
        top.addWidget(directory)
        top.addWidget(self.settings_button)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(steps)
        layout.addWidget(self.detail)
        layout.addWidget(self.notes)
        self._update_actions()

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        referrals, status = self.ctx.session.referrals, self.status.code() or None
        QueryOp(parent=self, op=lambda _ctx: referrals.list(status=status)).success(
            self._show).run_in_background()

    def _show(self, rows: list[Referral]) -> None:
        chosen_id = self.chosen.referral.id if self.chosen else None
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            if r.received_on:
                receipt = r.received_on
            elif r.overdue:
                receipt = self.tr("overdue")
            else:
                receipt = ""
            values = (r.serial, r.resident_name, r.institution_name, text_of(URGENCY, r.urgency),
                      text_of(STATUSES, r.status), r.issued_on or "", receipt)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if (column == 6 and r.overdue) or (column == 3 and r.urgency == "urgent"):
                    item.setForeground(QBrush(QColor(OVERDUE_COLOUR)))
                self.table.setItem(i, column, item)
        again = next((i for i, r in enumerate(rows) if r.id == chosen_id), None)
        if again is not None:
            self.table.selectRow(again)
        else:
            self.chosen = None
            self._show_chosen()

    def _select(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return
        referral = self.rows[selected[0].row()]
        referrals = self.ctx.session.referrals
        QueryOp(parent=self, op=lambda _ctx: Chosen(referral, referrals.notes(referral.id))) \
            .success(self._chosen).run_in_background()

    def _chosen(self, chosen: Chosen) -> None:
        self.chosen = chosen
        self._show_chosen()

    def _show_chosen(self) -> None:
        self._update_actions()
        if self.chosen is None:
            self.detail.clear()
            self.notes.hide()
            return
        self.detail.setText(describe(self.chosen.referral))
        notes = describe_notes(self.chosen.notes)
        self.notes.setText(notes)
        self.notes.setVisible(bool(notes))

    def _update_actions(self) -> None:
        r = self.chosen.referral if self.chosen else None
        status = r.status if r else None
        own = r is not None and r.origin_site == self.ctx.session.site.id
        ready = {"edit": status == "draft" and own, "issue": status == "draft" and own,
                 "slip": status in ("issued", "received", "feedback", "closed") and own,
                 "receipt": status == "issued", "feedback": status == "received",
                 "close": status in ("received", "feedback") and own,
                 "cancel": status in ("draft", "issued") and own}
        for key, button in self.step_buttons.items():
            button.setEnabled(ready[key])

    # -- actions -------------------------------------------------------------------------
    def _form(self, referral: Referral | None = None) -> ReferralDialog:
        dialog = ReferralDialog(self.ctx.session, self, referral=referral)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._after_form)
        dialog.open()
        return dialog

    def _after_form(self, referral: Referral) -> None:
        if referral.status == "issued":
            choose_and_save(self, self.ctx.session, referral)

    def act(self, key: str) -> QDialog | None:
        if self.chosen is None:
            return None
        r, session = self.chosen.referral, self.ctx.session
        if key == "edit":
            return self._form(r)
        if key == "issue":
            CollectionOp(parent=self, op=lambda _ctx: session.referrals.issue(r.id)).success(
                lambda issued: choose_and_save(self, session, issued)).run_in_background()
            return None
        if key == "slip":
            choose_and_save(self, session, r)
            return None
        if key == "close":
            CollectionOp(parent=self, op=lambda _ctx: session.referrals.close(r.id)
                         ).run_in_background()
            return None
        dialog: QDialog = {"receipt": ReceiptDialog, "feedback": FeedbackDialog,
                           "cancel": CancelDialog}[key](session, r, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _directory(self) -> None:
        from ui.referrals.directory import DirectoryDialog

        dialog = DirectoryDialog(self.ctx.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def verify_slip(self) -> QDialog:
        from ui.referrals.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.ctx.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _settings(self) -> None:
        from ui.referrals.settings_dialog import ReferralSettingsDialog

        dialog = ReferralSettingsDialog(self.ctx.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
