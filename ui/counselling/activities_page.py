"""活动记录: the month's outreach and group activities, with the awareness survey counts
that feed the 知晓率 (core knowledge awareness rate)."""

from __future__ import annotations

from datetime import date
from typing import Any

from psyroom.activities.service import KINDS
from psyroom.dashboard.service import month_bounds
from psyroom.security.roles import Permission
from ui.counselling.activity_form import ActivityDialog
from ui.counselling.labels import english, text_of
from ui.operations import QueryOp
from ui.pages import Page, PageContext, heading
from ui.qt import (
    QAbstractItemView,
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


def _shift(month: date, by: int) -> date:
    index = month.year * 12 + month.month - 1 + by
    return date(index // 12, index % 12 + 1, 1)


class ActivitiesPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.month = date.today().replace(day=1)
        self.rows: list[dict[str, Any]] = []
        self.prev_button = QPushButton(self.tr("◀ Previous month"))
        self.prev_button.clicked.connect(lambda: self.show_month(_shift(self.month, -1)))
        self.next_button = QPushButton(self.tr("Next month ▶"))
        self.next_button.clicked.connect(lambda: self.show_month(_shift(self.month, 1)))
        self.month_label = QLabel()
        self.month_label.setObjectName("activity_month")
        self.month_label.setStyleSheet("font-weight: bold;")
        self.add_button = QPushButton(self.tr("Record an activity…"))
        self.add_button.setObjectName("add_activity")
        self.add_button.setVisible(ctx.session.can(Permission.RECORD_ACTIVITIES))
        self.add_button.clicked.connect(self.add)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("activity_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Kind"), self.tr("Topic"), self.tr("Target group"),
            self.tr("People"), self.tr("Survey passed / answered")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in range(6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setObjectName("activity_summary")
        self.summary.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Activities")))
        top.addStretch(1)
        top.addWidget(self.add_button)
        months = QHBoxLayout()
        months.addWidget(self.prev_button)
        months.addWidget(self.month_label)
        months.addWidget(self.next_button)
        months.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(months)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def show_month(self, month: date) -> None:
        self.month = month
        self.refresh()

    def refresh(self) -> None:
        self.month_label.setText(self.tr("%1-%2").replace("%1", str(self.month.year))
                                 .replace("%2", f"{self.month.month:02d}"))
        self.next_button.setEnabled(self.month < date.today().replace(day=1))
        if not self.ctx.session.can(Permission.READ_STATS):
            return
        start, end = month_bounds(self.month)
        activities = self.ctx.session.activities
        QueryOp(parent=self, op=lambda _ctx: activities.between(start, end)).success(
            self._show).run_in_background()

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            survey = f"{r['passed']} / {r['surveyed']}" if r.get("surveyed") else ""
            values = [r["activity_date"], text_of(KINDS, r["kind"]), r["topic"],
                      r.get("target_group") or "", str(r["headcount"]), survey]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, column, item)
        people = sum(r["headcount"] for r in rows)
        surveyed = sum(r["surveyed"] or 0 for r in rows if r.get("surveyed"))
        passed = sum(r["passed"] or 0 for r in rows if r.get("surveyed"))
        text = self.tr("%1 activities, %2 people taking part.").replace(
            "%1", str(len(rows))).replace("%2", str(people))
        if surveyed:
            rate = f"{passed / surveyed * 100:.1f}%"
            text += (" " if english() else "") + self.tr(
                "Awareness survey: %1 of %2 passed (%3).").replace("%1", str(passed)).replace(
                "%2", str(surveyed)).replace("%3", rate)
        self.summary.setText(text)

    def add(self) -> None:
        dialog = ActivityDialog(self.ctx.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
