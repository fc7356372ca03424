"""报表: pick a month (and, at the office, a room), generate the report off the UI thread,
preview its figures and rates, see who is behind each rate, save the PDF, print, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from psyroom.reports.model import MonthlyReport, Rate
from psyroom.reports.period import Month
from psyroom.reports.tables import rate_met_text, rate_value_text, summary_rows
from psyroom.security.roles import Permission
from ui.operations import OpContext, QueryOp
from ui.pages import Page, PageContext, heading
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ui.reports.printing import print_report
from ui.reports.settings_dialog import ReportSettingsDialog


def recent_months(today: date, count: int = 24) -> list[str]:
    this = Month(today.year, today.month)
    return [this.shifted(-k).label for k in range(count)]


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("—" if value is None else str(value)))


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ReportsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        session = ctx.session
        self.report: MonthlyReport | None = None
        self.month_box = QComboBox()
        self.month_box.setObjectName("report_month")
        months = recent_months(date.today())
        self.month_box.addItems(months)
        self.month_box.setCurrentIndex(1)  # last month: the one that is reported
        self.site_box = QComboBox()
        self.site_box.setObjectName("report_site")
        self.site_box.setVisible(session.site.kind == "office")
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setObjectName("generate_report")
        self.generate_button.clicked.connect(self.generate)
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.save_button.setObjectName("save_pdf")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_)
        self.xlsx_button = QPushButton(self.tr("Export .xlsx…"))
        self.xlsx_button.setObjectName("export_xlsx")
        self.xlsx_button.clicked.connect(self.save_xlsx)
        self.settings_button = QPushButton(self.tr("Report settings…"))
        self.settings_button.setObjectName("report_settings")
        self.settings_button.setVisible(session.can(Permission.EDIT_REPORT_SETTINGS))
        self.settings_button.clicked.connect(self.edit_settings)
        for button in (self.save_button, self.print_button, self.xlsx_button):
            button.setEnabled(False)

        self.status = QLabel(self.tr("Pick a month and press Generate."))
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        self.summary = _table("report_summary", [self.tr("Item"), self.tr("This month")])
        self.rates = _table("report_rates", [
            self.tr("Rate"), self.tr("Numerator"), self.tr("Denominator"), self.tr("Rate value"),
            self.tr("Target"), self.tr("Met"), self.tr("Note")])
        self.rates.itemSelectionChanged.connect(self.show_behind)
        self.behind_label = QLabel()
        self.behind_label.setObjectName("behind_label")
        self.behind_label.setWordWrap(True)
        self.behind = _table("report_behind", [
            self.tr("Name"), self.tr("Village"), self.tr("Room"), self.tr("Last follow-up"),
            self.tr("Note")])

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Monthly report")))
        top.addStretch(1)
        top.addWidget(self.settings_button)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Month")))
        pick.addWidget(self.month_box)
        pick.addWidget(self.site_box)
        pick.addWidget(self.generate_button)
        pick.addStretch(1)
        for button in (self.save_button, self.print_button, self.xlsx_button):
            pick.addWidget(button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.behind_label)
        lower_layout.addWidget(self.behind, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.summary)
        upper.addWidget(self.rates)
        upper.setStretchFactor(1, 3)
        split.addWidget(upper)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(pick)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        if self.ctx.session.site.kind != "office" or self.site_box.count():
            return
        session = self.ctx.session

        def rooms(_ctx: OpContext) -> list[tuple[str, str]]:
            return [(r.code, r.name) for r in session.reports.rooms()]

        QueryOp(parent=self, op=rooms).success(self._show_rooms).run_in_background()

    def _show_rooms(self, rooms: list[tuple[str, str]]) -> None:
        self.site_box.clear()
        self.site_box.addItem(self.tr("Whole street"), None)
        for code, name in rooms:
            self.site_box.addItem(f"{name}（{code}）", code)

    # -- generate ------------------------------------------------------------------------
    def generate(self) -> None:
        month = self.month_box.currentText()
        site = self.site_box.currentData() if self.site_box.isVisible() else None
        session = self.ctx.session
        self.generate_button.setEnabled(False)

        def make(ctx: OpContext) -> MonthlyReport:
            return session.reports.monthly(month, site_code=site, progress=ctx.progress,
                                           cancel=ctx.cancelled)

        (QueryOp(parent=self, op=make).with_progress(self.tr("Counting the month…"),
                                                      cancellable=True)
         .success(self.show_report)
         .finally_(lambda: self.generate_button.setEnabled(True))
         .run_in_background())

    def show_report(self, report: MonthlyReport) -> None:
        self.report = report
        _fill(self.summary, summary_rows(report.figures))
        _fill(self.rates, [[r.name_zh, r.numerator, r.denominator, rate_value_text(r),
                            "—" if r.target is None else f"≥{r.target:g}{r.unit}",
                            rate_met_text(r), r.reason_zh or ""] for r in report.rates])
        for button in (self.save_button, self.print_button, self.xlsx_button):
            button.setEnabled(True)
        annex = "" if report.annex_included else self.tr(
            " Names are not shown: this account may not read risk information.")
        self.status.setText(self.tr("Report for %1 ready. Audit chain head: %2.").replace(
            "%1", report.month).replace("%2", report.audit_head[:16] + "…") + annex)
        self.behind.setRowCount(0)
        self.behind_label.setText(self.tr("Select a rate to see who is behind it."))

    def selected_rate(self) -> Rate | None:
        rows = self.rates.selectionModel().selectedRows() if self.report else []
        return self.report.rates[rows[0].row()] if rows and self.report else None

    def show_behind(self) -> None:
        rate = self.selected_rate()
        if rate is None or self.report is None:
            return
        if not self.report.annex_included:
            self.behind.setRowCount(0)
            self.behind_label.setText(self.tr("%1: %2 not counted. Their names are only shown "
                                              "to roles that may read risk information.")
                                      .replace("%1", rate.name_zh)
                                      .replace("%2", str(len(rate.behind))))
            return
        self.behind_label.setText(self.tr("%1: in the denominator but not the numerator "
                                          "(%2)").replace("%1", rate.name_zh)
                                  .replace("%2", str(len(rate.behind))))
        _fill(self.behind, [[b.get("name"), b.get("village"), b.get("site"),
                             b.get("last_followup") or None, b.get("detail")]
                            for b in rate.behind])

    # -- output --------------------------------------------------------------------------
    def _ask_path(self, title: str, suffix: str, kind: str) -> Path | None:
        assert self.report is not None
        default = f"{self.report.site['name']}-{self.report.month}-月报{suffix}"
        name, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / default), kind)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def save_pdf(self) -> None:
        path = self._ask_path(self.tr("Save the report as"), ".pdf", "PDF (*.pdf)")
        if path is not None:
            self.write_file("pdf", path)

    def save_xlsx(self) -> None:
        path = self._ask_path(self.tr("Export the tables as"), ".xlsx", "Excel (*.xlsx)")
        if path is not None:
            self.write_file("xlsx", path)

    def write_file(self, kind: str, path: Path) -> None:
        report = self.report
        assert report is not None

        def write(_ctx: OpContext) -> Path:
            if kind == "pdf":
                from psyroom.reports.pdf import write_pdf

                return write_pdf(report, path)
            from psyroom.reports.xlsx import write_xlsx

            return write_xlsx(report, path)

        (QueryOp(parent=self, op=write).with_progress(self.tr("Writing the file…"))
         .success(lambda p: self.status.setText(self.tr("Saved to %1").replace("%1", str(p))))
         .run_in_background())

    def print_(self) -> None:
        if self.report is not None:
            print_report(self, self.report)

    def edit_settings(self) -> None:
        session = self.ctx.session

        def load(_ctx: OpContext) -> tuple[Any, list[str]]:
            return session.reports.settings(), session.reports.villages()

        def show(result: tuple[Any, list[str]]) -> None:
            dialog = ReportSettingsDialog(session, result[0], result[1], self)
            dialog.setObjectName("report_settings_dialog")
            dialog.open()
            self.settings_dialog = dialog

        QueryOp(parent=self, op=load).success(show).run_in_background()
