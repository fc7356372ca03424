"""The counselling part of a resident's archive page: buttons for the day's work, the score
chart (folded until asked for), and opening counselling records from the timeline."""

from __future__ import annotations

from typing import Any

from psyroom.crisis.service import TYPES
from psyroom.referrals.model import Referral
from psyroom.residents.model import Resident
from psyroom.security.roles import Permission
from psyroom.session import Session
from psyroom.timeline import TimelineEntry
from ui.counselling.crisis_view import CrisisView
from ui.counselling.labels import english, minute_text, text_of
from ui.counselling.navigate import open_consultation, open_crisis, open_followup, open_scale
from ui.counselling.score_chart import ScoreChart
from ui.flow_layout import FlowLayout
from ui.messages import ask
from ui.operations import QueryOp
from ui.qt import (
    QPushButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

CHART_HEIGHT = 250
# What a read-only archive (the office browsing a room) still offers: the score chart.
READING = frozenset({Permission.READ_ASSESSMENTS})


class CounsellingPanel(QWidget):
    # Something was recorded for this resident: the archive re-reads its timeline.
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self.resident: Resident | None = None
        # The office browsing a room's records: reading only, whatever the roles allow.
        # Also locked for one archive: at the office, a room's archive (the core's rule).
        self.read_only = read_only

        def button(name: str, text: str) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            return b

        self.consultation_button = button("archive_consultation", self.tr("New consultation…"))
        self.consultation_button.clicked.connect(self._consultation)
        self.scale_button = button("archive_scale", self.tr("Run a scale…"))
        self.scale_button.clicked.connect(self._scale)
        self.crisis_button = button("archive_crisis", self.tr("Crisis intervention…"))
        self.crisis_button.clicked.connect(self._crisis)
        self.followup_button = button("archive_followup", self.tr("SMD follow-up…"))
        self.followup_button.setVisible(False)
        self.followup_button.clicked.connect(self._followup)
        self.referral_button = button("archive_referral", self.tr("Referral…"))
        self.referral_button.clicked.connect(self._referral)
        self.chart_button = button("archive_chart", self.tr("Scores over time ▸"))
        self._show_buttons()
        self.chart_button.setCheckable(True)
        self.chart_button.toggled.connect(self._toggle_chart)
        # Wraps at large text sizes rather than widening the window past a small screen.
        row = FlowLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for b in (self.consultation_button, self.scale_button, self.crisis_button,
                  self.followup_button, self.referral_button, self.chart_button):
            row.addWidget(b)
        self.chart = ScoreChart()
        self.chart_area = QScrollArea()
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setWidget(self.chart)
        self.chart_area.setFixedHeight(CHART_HEIGHT)
        self.chart_area.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.chart_area)

    def _show_buttons(self) -> None:
        def can(permission: Permission) -> bool:
            return self.session.can(permission) and (
                not self.read_only or permission in READING)

        for b, permission in ((self.consultation_button, Permission.WRITE_CONSULTATIONS),
                              (self.scale_button, Permission.RUN_ASSESSMENTS),
                              (self.crisis_button, Permission.RECORD_CRISIS),
                              (self.referral_button, Permission.CREATE_REFERRALS),
                              (self.chart_button, Permission.READ_ASSESSMENTS)):
            b.setVisible(can(permission))
        resident = self.resident
        self.followup_button.setVisible(
            resident is not None and resident.smd_registered and can(Permission.RECORD_FOLLOWUPS))

    def set_locked(self, locked: bool) -> None:
        """Reading only for this archive (or again writable), whatever the roles allow."""
        self.read_only = locked
        self._show_buttons()

    def set_resident(self, resident: Resident) -> None:
        self.resident = resident
        self._show_buttons()
        if self.chart_button.isChecked():
            self._load_chart()

    # -- the chart -----------------------------------------------------------------------
    def _toggle_chart(self, shown: bool) -> None:
        self.chart_button.setText(self.tr("Scores over time ▾") if shown
                                  else self.tr("Scores over time ▸"))
        self.chart_area.setVisible(shown)
        if shown:
            self._load_chart()

    def _load_chart(self) -> None:
        if self.resident is None:
            return
        assessments, rid = self.session.assessments, self.resident.id
        QueryOp(parent=self, op=lambda _ctx: assessments.series(rid)).success(
            self.chart.set_series).run_in_background()

    # -- the forms -----------------------------------------------------------------------
    def _consultation(self) -> None:
        if self.resident is not None:
            dialog = open_consultation(self, self.session, resident=self.resident)
            dialog.destroyed.connect(self._changed)

    def _scale(self) -> None:
        if self.resident is not None:
            open_scale(self, self.session, self.resident).accepted.connect(
                self._changed)

    def _crisis(self) -> None:
        if self.resident is None:
            return
        resident, crises = self.resident, self.session.crises

        def record() -> None:
            open_crisis(self, self.session, resident).accepted.connect(self._changed)

        def checked(rows: list[dict[str, Any]]) -> None:
            still_open = [r for r in rows if r["status"] == "open"]
            if not still_open:
                record()
                return
            # Two open crises for one event split its story; most often the first one is
            # the one to add to (or close) rather than a second to open.
            latest = still_open[0]
            ask(self, self.tr("%1 already has an open crisis (%2, %3). Record another one "
                              "anyway?").replace("%1", resident.name).replace(
                "%2", minute_text(latest["occurred_at"])).replace(
                "%3", text_of(TYPES, latest["crisis_type"])), record)

        QueryOp(parent=self, op=lambda _ctx: crises.for_resident(resident.id)).success(
            checked).run_in_background()

    def _followup(self) -> None:
        if self.resident is not None:
            open_followup(self, self.session, self.resident).accepted.connect(
                self._changed)

    def _referral(self, _checked: bool = False, referral: Referral | None = None) -> None:
        if self.resident is None:
            return
        from ui.referrals.form import ReferralDialog
        from ui.referrals.slip_actions import choose_and_save

        dialog = ReferralDialog(self.session, self, resident=self.resident, referral=referral)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda r: self._referral_saved(r, choose_and_save))
        dialog.open()

    def _referral_saved(self, referral: Referral, save: Any) -> None:
        self._changed()
        if referral.status == "issued":
            save(self, self.session, referral)

    def _show_referral(self, referral_id: str) -> None:
        """A draft opens for editing; anything later is shown with the office's notes."""
        from ui.messages import show_info
        from ui.referrals.describe import describe, describe_notes

        referrals = self.session.referrals

        def load(_ctx: object) -> tuple[Referral, list[Any]]:
            return referrals.get(referral_id), referrals.notes(referral_id)

        def shown(loaded: tuple[Referral, list[Any]]) -> None:
            referral, notes = loaded
            if (referral.status == "draft" and not self.read_only
                    and self.session.can(Permission.CREATE_REFERRALS)):
                self._referral(referral=referral)
            else:
                show_info(self, "\n\n".join(p for p in (describe(referral),
                                                          describe_notes(notes)) if p))

        QueryOp(parent=self, op=load).success(shown).run_in_background()

    def _changed(self) -> None:
        self.changed.emit()
        if self.chart_button.isChecked():
            self._load_chart()

    def open_entry(self, entry: TimelineEntry) -> bool:
        """Open a counselling record from the timeline; False for kinds this panel does not
        show (the archive's own entries)."""
        if entry.record_id is None:
            return False
        if entry.record_kind == "consultation" and self.session.can(
                Permission.READ_CONSULTATIONS):
            dialog = open_consultation(self, self.session, consultation_id=entry.record_id)
            dialog.destroyed.connect(self._changed)
            return True
        if entry.record_kind == "referral" and self.session.can(Permission.READ_REFERRALS):
            self._show_referral(entry.record_id)
            return True
        if entry.record_kind == "crisis" and self.session.can(Permission.READ_RISK_RECORDS):
            self._show_crisis(entry)
            return True
        if entry.record_kind == "followup" and self.session.can(Permission.READ_RESIDENTS):
            # A saved follow-up opens as its printed 表1-8, for signatures and the paper file.
            from ui.followups.printing import ask_and_print

            ask_and_print(self, self.session, entry.record_id)
            return True
        return False

    def _show_crisis(self, entry: TimelineEntry) -> None:
        """The record opens for reading; closing it is a separate button in that window."""
        if self.resident is None or entry.record_id is None:
            return
        crises, rid, cid = self.session.crises, self.resident.id, entry.record_id
        summary = entry.title_en if english() else entry.title_zh

        def loaded(rows: list[dict[str, Any]]) -> None:
            row = next((r for r in rows if r["id"] == cid), None)
            if row is None:
                return
            view = CrisisView(self.session, row, summary, self)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.closed.connect(lambda _id: self._changed())
            self.crisis_view = view
            view.open()

        QueryOp(parent=self, op=lambda _ctx: crises.for_resident(rid)).success(
            loaded).run_in_background()
