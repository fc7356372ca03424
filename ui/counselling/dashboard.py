"""The home dashboard: what needs doing today, and this month's counts.

Every line leads to the person: the archive when the window has a residents page, else the
form the line asks for (a follow-up for an overdue patient, the action for an unstable one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from psyroom.consultations.model import Consultation
from psyroom.crisis.service import LEVELS, TYPES
from psyroom.dashboard.service import Dashboard
from psyroom.followups.form import CLASSES
from psyroom.referrals.model import Referral
from psyroom.residents.labels import RISK_LABELS
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.counselling.crisis_form import CloseCrisisDialog
from ui.counselling.dashboard_section import Row, Section
from ui.counselling.followup_form import FollowupActionDialog
from ui.counselling.labels import english, minute_text, pick, text_of
from ui.counselling.navigate import (
    open_archive,
    open_consultation,
    open_followup,
    open_scale,
    with_resident,
)
from ui.flow_layout import FlowLayout
from ui.labels import stat_labels
from ui.operations import QueryOp
from ui.qt import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.referrals.slip_actions import choose_and_save
from ui.theme import Heading

# Today's work first, then what is late, then who is at risk.
ORDER = ("appointments", "drafts", "urgent_referrals", "overdue_followups", "followup_actions",
         "open_crises", "high_risk", "overdue_referrals")


@dataclass(frozen=True)
class Loaded:
    board: Dashboard
    drafts: list[Consultation]
    names: dict[str, str]  # resident id → name, for the drafts


class DashboardPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today
        self.board: Dashboard | None = None
        can = session.can
        self.sections: dict[str, Section] = {}

        def section(key: str, title: str, empty: str, accent: str = "#1f3b57") -> Section:
            box = Section(key, title, empty, accent=accent)
            self.sections[key] = box
            return box

        appointments = section("appointments", self.tr("Today's appointments"),
                               self.tr("No appointment today."))
        appointments.add_action(self.tr("Open archive"), self._archive, primary=True)
        overdue = section("overdue_followups", self.tr("Overdue follow-ups"),
                          self.tr("No follow-up is overdue."), "#9a4300")
        overdue.add_action(self.tr("Open archive"), self._archive)
        if can(Permission.RECORD_FOLLOWUPS):
            overdue.add_action(self.tr("Record follow-up…"), self._followup, primary=True)
        actions = section("followup_actions", self.tr("Follow-ups needing action"),
                          self.tr("No follow-up is waiting for an action."), "#b71c1c")
        actions.add_action(self.tr("Open archive"), self._archive)
        if can(Permission.RECORD_FOLLOWUPS):
            actions.add_action(self.tr("Record the action…"), self._followup_action, primary=True)
        crises = section("open_crises", self.tr("Open crises"), self.tr("No open crisis."),
                         "#b71c1c")
        crises.add_action(self.tr("Open archive"), self._archive, primary=True)
        if can(Permission.CLOSE_CRISIS):
            crises.add_action(self.tr("Close with a reason…"), self._close_crisis)
        high = section("high_risk", self.tr("High-risk residents"),
                       self.tr("Nobody is on the list."), "#b71c1c")
        high.add_action(self.tr("Open archive"), self._archive, primary=True)
        if can(Permission.RUN_ASSESSMENTS):
            high.add_action(self.tr("Run a scale…"), self._scale)
        urgent = section("urgent_referrals", self.tr("Urgent referrals not yet issued"),
                         self.tr("No urgent referral is waiting."), "#b71c1c")
        urgent.add_action(self.tr("Open archive"), self._archive)
        if can(Permission.ISSUE_REFERRALS):
            urgent.add_action(self.tr("Issue…"), self._referral_form, primary=True)
        late = section("overdue_referrals", self.tr("Referral receipts overdue"),
                       self.tr("Every issued slip has its receipt, or is not due yet."),
                       "#9a4300")
        late.add_action(self.tr("Open archive"), self._archive)
        if can(Permission.RECORD_REFERRAL_RECEIPTS):
            late.add_action(self.tr("Record receipt…"), self._referral_receipt, primary=True)
        drafts = section("drafts", self.tr("My unsigned consultation notes"),
                         self.tr("No unsigned note."))
        drafts.add_action(self.tr("Continue…"), self._draft, primary=True)

        self.new_consultation = QPushButton(self.tr("New consultation…"))
        self.new_consultation.setObjectName("new_consultation")
        self.new_consultation.clicked.connect(
            lambda: open_consultation(self, self.session))
        self.new_consultation.setVisible(can(Permission.WRITE_CONSULTATIONS))
        self.handoff = QPushButton(self.tr("Follow-up hand-off…"))
        self.handoff.setObjectName("followup_handoff")
        self.handoff.clicked.connect(self._handoff)
        self.handoff.setVisible(can(Permission.EXPORT_FOLLOWUPS))
        # The month's tiles wrap at a large text size instead of clipping their captions.
        tiles_box = QWidget()
        self.tiles = FlowLayout(tiles_box)
        self.tiles.setContentsMargins(0, 0, 0, 0)
        self.tile_values: dict[str, QLabel] = {}
        tiles_row = QHBoxLayout()
        tiles_row.addWidget(tiles_box, 1)
        tiles_row.addWidget(self.handoff, 0, Qt.AlignmentFlag.AlignBottom)
        tiles_row.addWidget(self.new_consultation, 0, Qt.AlignmentFlag.AlignBottom)

        grid = QGridLayout()
        grid.setSpacing(10)
        reads_referrals = can(Permission.READ_REFERRALS)
        self.wanted = {"urgent_referrals": False, "overdue_referrals": reads_referrals,
                       "drafts": can(Permission.WRITE_CONSULTATIONS)}
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.grid = grid
        self._reflow()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(Heading(self.tr("This month"), larger_by=2))
        layout.addLayout(tiles_row)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _handoff(self) -> None:
        from ui.followups.handoff import HandoffDialog

        dialog = HandoffDialog(self.session, self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _reflow(self) -> None:
        """Lay out the wanted sections two to a row, with no holes for the others."""
        for s in self.sections.values():
            self.grid.removeWidget(s)
        shown = [self.sections[k] for k in ORDER if self.wanted.get(k, True)]
        for i, s in enumerate(shown):
            self.grid.addWidget(s, i // 2, i % 2, Qt.AlignmentFlag.AlignTop)
        for key, s in self.sections.items():
            s.setVisible(self.wanted.get(key, True))

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        session, today = self.session, self.today

        def load(_ctx: object) -> Loaded:
            drafts = (session.consultations.my_drafts()
                      if session.can(Permission.WRITE_CONSULTATIONS) else [])
            ids = sorted({c.data.resident_id for c in drafts if c.data.resident_id})
            names = {r.id: r.name for r in session.residents.rows(ids)} if ids else {}
            return Loaded(session.dashboard(today or date.today()), drafts, names)

        QueryOp(parent=self, op=load).success(self._show).run_in_background()

    def _show(self, loaded: Loaded) -> None:
        board = loaded.board
        self.board = board
        s = self.sections
        s["appointments"].set_rows([(self._appointment(r), r) for r in board.appointments])
        s["overdue_followups"].set_rows([(self._overdue(r), r)
                                         for r in board.overdue_followups])
        s["followup_actions"].set_rows([(self._action(r), r) for r in board.followup_actions])
        s["open_crises"].set_rows([(self._crisis(r), r) for r in board.open_crises])
        s["high_risk"].set_rows([(self._high(r), r) for r in board.high_risk])
        s["urgent_referrals"].set_rows([(self._referral(r), r)
                                        for r in board.urgent_referrals])
        s["overdue_referrals"].set_rows([(self._referral(r), r)
                                         for r in board.overdue_referrals])
        # An urgent referral waiting is the exception: its box shows only when there is one.
        self.wanted["urgent_referrals"] = bool(board.urgent_referrals)
        s["drafts"].set_rows([(self._draft_text(c, loaded.names), {"id": c.id})
                              for c in loaded.drafts])
        self._reflow()
        self._show_tiles(board.month_counts)

    def _show_tiles(self, counts: dict[str, int]) -> None:
        while (item := self.tiles.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.tile_values.clear()
        labels = stat_labels()
        for key, value in counts.items():
            tile = QFrame()
            tile.setObjectName("month_tile")
            tile.setMinimumWidth(110)
            tile.setStyleSheet("#month_tile { background: white; border: 1px solid #d5dde5; "
                               "border-radius: 6px; }")
            number = Heading(str(value), larger_by=7)
            number.setObjectName(f"month_{key}")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(labels.get(key, key))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box = QVBoxLayout(tile)
            box.addWidget(number)
            box.addWidget(caption)
            self.tile_values[key] = number
            self.tiles.addWidget(tile)

    # -- line texts ----------------------------------------------------------------------
    def _appointment(self, r: Row) -> str:
        who = r.get("resident_name") or self.tr("Anonymous")
        return f"{minute_text(r['next_appointment'])[11:]}  {who} · {r['counsellor_name']}"

    def _overdue(self, r: Row) -> str:
        if r.get("due_date"):
            when = self.tr("due %1 (last %2)").replace("%1", r["due_date"]).replace(
                "%2", r.get("last_date") or "")
        else:
            when = self.tr("never followed up")
        return " · ".join(p for p in (r["resident_name"], r.get("village") or "", when) if p)

    def _action(self, r: Row) -> str:
        return self.tr("%1 · visit %2: risk level %3, %4").replace(
            "%1", r["resident_name"]).replace("%2", r["followup_date"]).replace(
            "%3", str(r["risk_level"])).replace("%4", pick(CLASSES[r["classification"]]))

    def _crisis(self, r: Row) -> str:
        sep = ", " if english() else "，"
        kind = text_of(TYPES, r["crisis_type"]) + sep + text_of(LEVELS, r["level"])
        return f"{r['resident_name']} · {kind} · {minute_text(r['occurred_at'])}"

    def _high(self, r: Row) -> str:
        parts = [r["name"], r.get("village") or "",
                 self.tr("risk: %1").replace("%1", text_of(RISK_LABELS, r.get("shown_risk")
                                                         or r["risk_level"]))]
        if r.get("open_crises"):
            parts.append(self.tr("open crisis"))
        return " · ".join(p for p in parts if p)

    def _referral(self, r: Row) -> str:
        parts = [r["serial"], r.get("resident_name") or "", r.get("institution_name") or ""]
        if r.get("issued_on"):
            parts.append(self.tr("issued %1").replace("%1", r["issued_on"]))
        return " · ".join(p for p in parts if p)

    def _draft_text(self, c: Consultation, names: dict[str, str]) -> str:
        # Resident and date only: the room is shared and visitors walk in, so no note text
        # is ever on the home screen.
        who = names.get(c.data.resident_id or "") or self.tr("Anonymous")
        return " · ".join(p for p in (who, minute_text(c.data.started_at)) if p)

    # -- actions -------------------------------------------------------------------------
    def _rid(self, row: Row) -> str | None:
        # High-risk lines are resident rows (their "id" is the resident); the others are
        # records that name their resident.
        rid = row.get("resident_id") or (row.get("id") if "open_crises" in row else None)
        return str(rid) if rid else None

    def _archive(self, row: Row) -> None:
        rid = self._rid(row)
        if rid is None:
            return
        if not open_archive(self, rid):
            # No residents page in this window: offer what the line is about instead.
            if row in (self.board.overdue_followups if self.board else []):
                self._followup(row)
            elif self.session.can(Permission.RUN_ASSESSMENTS):
                self._scale(row)

    def _followup(self, row: Row) -> None:
        rid = self._rid(row)
        if rid is not None:
            with_resident(self, self.session, rid,
                          lambda r: open_followup(self, self.session, r))

    def _scale(self, row: Row) -> None:
        rid = self._rid(row)
        if rid is not None:
            with_resident(self, self.session, rid, lambda r: open_scale(self, self.session, r))

    def _referral_form(self, row: Row) -> None:
        from ui.referrals.form import ReferralDialog

        referral = Referral.from_row(row)
        dialog = ReferralDialog(self.session, self, referral=referral)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda r: choose_and_save(self, self.session, r)
                             if r.status == "issued" else None)
        dialog.open()

    def _referral_receipt(self, row: Row) -> None:
        from ui.referrals.steps import ReceiptDialog

        dialog = ReceiptDialog(self.session, Referral.from_row(row), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _followup_action(self, row: Row) -> None:
        dialog = FollowupActionDialog(self.session, str(row["id"]), self._action(row), self,
                                      resident_id=str(row["resident_id"]))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _close_crisis(self, row: Row) -> None:
        dialog = CloseCrisisDialog(self.session, str(row["id"]), self._crisis(row), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _draft(self, row: Row) -> None:
        open_consultation(self, self.session, consultation_id=str(row["id"]))

    def section_texts(self, key: str) -> list[str]:
        return self.sections[key].texts()

