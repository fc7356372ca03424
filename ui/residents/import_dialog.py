"""从台账导入: read a register, check every row, show what would happen, then import.

Nothing is written until 导入 is pressed: choosing the file, the sheet and the column mapping
only re-plan (``plan_import`` reads and checks; the core writes in ``commit_import``, in one
transaction). Refused rows can be saved to a file to fix and import again; importing the same
file twice adds nobody twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psyroom.residents.importer.plan import NEW, REJECTED, SKIPPED, UNCHANGED, UPDATE, ImportPlan
from psyroom.residents.service import ImportSummary
from psyroom.session import Session
from ui.i18n import language
from ui.messages import ask, show_info
from ui.operations import CollectionOp, OpContext, QueryOp
from ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDir,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from ui.residents.import_models import PREVIEW_COLUMNS, MappingTable, PreviewModel
from ui.residents.labels import TagNames

REASON_WIDTH = 330
FIT_ROWS_UP_TO = 2000


@dataclass(frozen=True)
class Planned:
    path: Path
    sheets: list[str]
    plan: ImportPlan
    tags: list[dict[str, Any]]


def sheet_names(path: Path) -> list[str]:
    """The sheets of an .xlsx (none for a CSV). Unreadable files are left for the core to
    refuse with a proper message."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        try:
            return list(book.sheetnames)
        finally:
            book.close()
    except Exception:
        return []


class ImportDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Import from a register"))
        self.resize(1160, 720)
        self.planned: Planned | None = None
        self.summary: ImportSummary | None = None
        self.rejects_file: Path | None = None

        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.setObjectName("choose_file")
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = QLabel(self.tr("No file chosen"))
        self.file_label.setObjectName("import_file")
        self.sheet_label = QLabel(self.tr("Sheet:"))
        self.sheet = QComboBox()
        self.sheet.setObjectName("import_sheet")
        self.sheet.activated.connect(lambda _i: self._sheet_chosen())
        self.sheet_label.hide()
        self.sheet.hide()
        file_row = QHBoxLayout()
        for widget in (self.choose_button, self.file_label):
            file_row.addWidget(widget)
        file_row.addStretch(1)
        file_row.addWidget(self.sheet_label)
        file_row.addWidget(self.sheet)
        hint = QLabel(self.tr(
            "Choose the register the village keeps in Excel (.xlsx) or as .csv. The header "
            "row and what each column holds are found automatically; check them on the left. "
            "Nothing is saved until you press Import."))
        hint.setWordWrap(True)

        self.mapping = MappingTable()
        self.mapping.mapping_changed.connect(self._mapping_changed)
        mapping_box = QGroupBox(self.tr("Columns"))
        QVBoxLayout(mapping_box).addWidget(self.mapping)
        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("import_preview")
        self.preview.setModel(self.preview_model)
        self.preview.verticalHeader().hide()
        # Reasons wrap onto a second line rather than being cut off.
        self.preview.setWordWrap(True)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview_model.modelReset.connect(self._fit_preview)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.only_problems = QCheckBox(self.tr("Show only rows with problems or notes"))
        self.only_problems.setObjectName("only_problems")
        self.only_problems.toggled.connect(self.preview_model.set_only_problems)
        preview_box = QGroupBox(self.tr("What will happen to each row"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.only_problems)
        preview_layout.addWidget(self.preview)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(mapping_box)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 890])

        self.counts = QLabel()
        self.counts.setObjectName("import_counts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.save_rejects_button = QPushButton(self.tr("Save problem rows…"))
        self.save_rejects_button.setObjectName("save_rejects")
        self.save_rejects_button.setToolTip(self.tr(
            "Save the refused rows with their row numbers and reasons, to fix and import "
            "again"))
        self.save_rejects_button.clicked.connect(self.save_rejects)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("do_import")
        self.import_button.clicked.connect(self.import_now)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_rejects_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- planning ------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a register"), QDir.homePath(),
            self.tr("Registers (*.xlsx *.csv);;All files (*)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path, *, sheet: str | None = None,
             mapping: dict[int, str] | None = None, header_row: int | None = None) -> None:
        residents = self.session.residents

        def plan(ctx: OpContext) -> Planned:
            result = residents.plan_import(path, sheet=sheet, mapping=mapping,
                                           header_row=header_row, progress=ctx.progress,
                                           cancel=ctx.cancelled)
            return Planned(path, sheet_names(path), result, residents.tags())

        self.summary = None
        self.choose_button.setEnabled(False)
        (
            QueryOp(parent=self, op=plan)
            .with_progress(self.tr("Reading and checking the register…"), cancellable=True)
            .success(self._planned)
            .finally_(lambda: self.choose_button.setEnabled(True))
            .run_in_background()
        )

    def _planned(self, planned: Planned) -> None:
        self.planned = planned
        plan = planned.plan
        self.file_label.setText(planned.path.name)
        several = len(planned.sheets) > 1
        self.sheet_label.setVisible(several)
        self.sheet.setVisible(several)
        self.sheet.clear()
        self.sheet.addItems(planned.sheets)
        self.sheet.setCurrentText(plan.sheet_name)
        self.mapping.set_columns(plan.header, plan.mapping)
        self.preview_model.set_plan(plan, TagNames(planned.tags))
        self._show_counts(plan)
        self._update_buttons()

    def _fit_preview(self) -> None:
        self.preview.resizeColumnsToContents()
        reason = PREVIEW_COLUMNS.index("reason")
        self.preview.setColumnWidth(reason, REASON_WIDTH)
        # Row heights are measured row by row: worth it for a village register, not for a
        # file of tens of thousands of rows (those keep one line; the tooltip has it all).
        if self.preview_model.rowCount() <= FIT_ROWS_UP_TO:
            self.preview.resizeRowsToContents()

    def _sheet_chosen(self) -> None:
        if self.planned is not None:
            self.load(self.planned.path, sheet=self.sheet.currentText())

    def _mapping_changed(self, mapping: dict[int, str]) -> None:
        if self.planned is not None:
            plan = self.planned.plan
            self.load(self.planned.path, sheet=plan.sheet_name, mapping=mapping,
                      header_row=plan.header_row)

    def _show_counts(self, plan: ImportPlan) -> None:
        counts = plan.counts()
        parts = [
            (self.tr("To add: %1"), counts[NEW], "#1b5e20"),
            (self.tr("To update: %1"), counts[UPDATE], "#0d47a1"),
            (self.tr("No change: %1"), counts[UNCHANGED], "#555555"),
            (self.tr("With problems: %1"), counts[REJECTED], "#b71c1c"),
            (self.tr("Skipped: %1"), counts[SKIPPED], "#777777"),
        ]
        self.counts.setText("　·　".join(
            f"<span style='color:{colour}'><b>{text.replace('%1', str(n))}</b></span>"
            for text, n, colour in parts))

    def _update_buttons(self) -> None:
        plan = self.planned.plan if self.planned else None
        counts = plan.counts() if plan else {}
        done = self.summary is not None
        self.import_button.setEnabled(
            not done and bool(counts.get(NEW, 0) + counts.get(UPDATE, 0)))
        self.save_rejects_button.setEnabled(bool(counts.get(REJECTED, 0)))
        self.mapping.setEnabled(not done)
        self.sheet.setEnabled(not done)

    # -- the refused rows ----------------------------------------------------------------
    def save_rejects(self) -> None:
        ask(self, self.tr(
            "The file will hold these people's names, ID numbers and phone numbers. Save it "
            "only on this computer or your own USB stick, and delete it once the rows are "
            "fixed and imported. Continue?"), self._choose_rejects_file)

    def _choose_rejects_file(self) -> None:
        if self.planned is None:
            return
        start = Path(QDir.homePath()) / f"{self.planned.path.stem}-问题行.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the problem rows as"),
                                              str(start), self.tr("Excel files (*.xlsx)"))
        if name:
            self.save_rejects_to(Path(name))

    def save_rejects_to(self, path: Path) -> None:
        if self.planned is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        plan, lang, residents = self.planned.plan, language(), self.session.residents
        # The core writes every cell as text, so Excel does not turn IDs into numbers again,
        # and audits the file, since it holds personal data in the clear.
        (
            QueryOp(parent=self, op=lambda _ctx: residents.save_rejected_rows(
                plan, path, language=lang))
            # Thousands of rejected rows take seconds to write: say so meanwhile.
            .with_progress(self.tr("Saving the rows to fix…"))
            .success(lambda n: self._rejects_saved(n, path))
            .run_in_background()
        )

    def _rejects_saved(self, count: int, path: Path) -> None:
        self.rejects_file = path
        show_info(self, self.tr(
            "%1 rows saved to %2. Fix them there (keep the ID column as text) and import "
            "that file again.").replace("%1", str(count)).replace("%2", str(path)))

    # -- importing -----------------------------------------------------------------------
    def import_now(self) -> None:
        if self.planned is None or self.summary is not None:
            return
        plan, residents = self.planned.plan, self.session.residents
        self.import_button.setEnabled(False)
        (
            CollectionOp(parent=self, op=lambda ctx: residents.commit_import(
                plan, progress=ctx.progress, cancel=ctx.cancelled))
            .with_progress(self.tr("Importing…"), cancellable=True)
            .success(self._imported)
            .finally_(self._update_buttons)
            .run_in_background()
        )

    def _imported(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.preview_model.mark_imported()
        text = self.tr("Done: %1 new archives, %2 updated, %3 unchanged.").replace(
            "%1", str(summary.imported)).replace("%2", str(summary.updated)).replace(
            "%3", str(summary.unchanged))
        if summary.rejected:
            text += " " + self.tr("%1 rows with problems were not imported: save them with "
                                  "“Save problem rows…”, fix them and import them again.") \
                .replace("%1", str(summary.rejected))
        self.counts.setText(f"<span style='color:#1b5e20'><b>{_escape(text)}</b></span>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
