"""The follow-up hand-offs from the app: the spreadsheet for 国家严重精神障碍信息系统 (a date
range) and the quarter's due list. Both hold names (the hand-off full ID numbers too), so the
file name carries only dates and the core audits each export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from psyroom.session import Session
from ui.counselling.widgets import date_edit, iso_day, notice
from ui.messages import show_info
from ui.operations import QueryOp
from ui.qt import (
    QButtonGroup,
    QComboBox,
    QDate,
    QDialog,
    QDialogButtonBox,
    QDir,
    QFileDialog,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

HANDOFF, DUE = 0, 1


def quarters(today: date, back: int = 4) -> list[str]:
    """This quarter first, then the ones before (and the next, to plan ahead)."""
    current = today.year * 4 + (today.month - 1) // 3  # quarters since year 0
    return [f"{q // 4}-Q{q % 4 + 1}" for q in range(current + 1, current - back, -1)]


class HandoffDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._session = session
        day = today or date.today()
        self.setWindowTitle(self.tr("Follow-up hand-off"))
        self.mode = QButtonGroup(self)
        self.handoff = QRadioButton(self.tr("Follow-ups for the national information system "
                                            "(one row each, 表1-8 order and codes)"))
        self.handoff.setObjectName("mode_handoff")
        self.due = QRadioButton(self.tr("Patients due or overdue in a quarter"))
        self.due.setObjectName("mode_due")
        self.mode.addButton(self.handoff, HANDOFF)
        self.mode.addButton(self.due, DUE)
        self.handoff.setChecked(True)
        self.start = date_edit(QDate(day.year, (day.month - 1) // 3 * 3 + 1, 1))
        self.start.setObjectName("handoff_from")
        self.end = date_edit(QDate(day.year, day.month, day.day))
        self.end.setObjectName("handoff_to")
        self.quarter = QComboBox()
        self.quarter.setObjectName("due_quarter")
        self.quarter.addItems(quarters(day))
        self.quarter.setCurrentIndex(1)  # this quarter
        form = QFormLayout()
        form.addRow(self.tr("From:"), self.start)
        form.addRow(self.tr("To:"), self.end)
        form.addRow(self.tr("Quarter:"), self.quarter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(self.tr("Save as…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.handoff)
        layout.addWidget(self.due)
        layout.addLayout(form)
        layout.addWidget(notice(self.tr(
            "The hand-off holds names and full ID numbers. Save it only where it is needed "
            "(not a shared folder), and delete it once it has been typed in."), "warning"))
        layout.addWidget(buttons)
        self.mode.idToggled.connect(lambda _id, on: self._update() if on else None)
        self._update()

    def _update(self) -> None:
        by_dates = self.mode.checkedId() == HANDOFF
        self.start.setEnabled(by_dates)
        self.end.setEnabled(by_dates)
        self.quarter.setEnabled(not by_dates)

    def _choose(self) -> None:
        stem = (f"随访报送-{iso_day(self.start)}至{iso_day(self.end)}"
                if self.mode.checkedId() == HANDOFF else f"应随访-{self.quarter.currentText()}")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"),
                                              str(Path(QDir.homePath()) / f"{stem}.xlsx"),
                                              self.tr("Excel files (*.xlsx)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        followups = self._session.followups
        if self.mode.checkedId() == HANDOFF:
            start, end = iso_day(self.start), iso_day(self.end)
            op = QueryOp(parent=self, op=lambda _ctx: followups.export(start, end, path))
            done = self.tr("%1 follow-up(s) saved to %2")
        else:
            quarter = self.quarter.currentText()
            op = QueryOp(parent=self, op=lambda _ctx: followups.due(quarter, path))
            done = self.tr("%1 patient(s) due or overdue, saved to %2")
        self.save.setEnabled(False)
        (op.with_progress(self.tr("Writing the spreadsheet…"))
         .success(lambda n: self._done(done.replace("%1", str(n)).replace("%2", str(path))))
         .finally_(lambda: self.save.setEnabled(True))
         .run_in_background())

    def _done(self, text: str) -> None:
        show_info(self.parentWidget() or self, text)
        self.accept()
