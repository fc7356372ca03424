"""The two tables of the import dialog: which column is which field, and the row preview."""

from __future__ import annotations

from typing import Any

from psyroom.residents.idcard import mask_id
from psyroom.residents.importer.columns import FIELDS
from psyroom.residents.importer.plan import (
    NEW,
    REJECTED,
    SKIPPED,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    RowOutcome,
)
from psyroom.residents.messages import problem_text
from ui.i18n import language
from ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QColor,
    QComboBox,
    QCoreApplication,
    QHeaderView,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    Signal,
)
from ui.residents.labels import TagNames, field_label, gender_text

Index = QModelIndex | QPersistentModelIndex
# Row colours by outcome; the reason text of a refused row is red as well.
STATUS_BACKGROUNDS = {NEW: "#e7f5ea", UPDATE: "#e3effb", UNCHANGED: "#f2f2f2",
                      REJECTED: "#fde2e1", SKIPPED: "#fafafa"}
REASON_COLOURS = {REJECTED: "#b71c1c", SKIPPED: "#777777"}
WARNING_COLOUR = "#9a4300"
# The reason right after the result: it is what the user reads the preview for.
PREVIEW_COLUMNS = ("row", "status", "reason", "name", "gender", "birth_date", "id_number",
                   "village", "tags")


def status_labels(*, done: bool = False) -> dict[str, str]:
    translate = QCoreApplication.translate
    if done:
        return {
            NEW: translate("ImportPreview", "Added"),
            UPDATE: translate("ImportPreview", "Updated"),
            UNCHANGED: translate("ImportPreview", "No change"),
            REJECTED: translate("ImportPreview", "Not imported"),
            SKIPPED: translate("ImportPreview", "Skipped"),
        }
    return {
        NEW: translate("ImportPreview", "Will be added"),
        UPDATE: translate("ImportPreview", "Will update"),
        UNCHANGED: translate("ImportPreview", "No change"),
        REJECTED: translate("ImportPreview", "Has problems"),
        SKIPPED: translate("ImportPreview", "Skipped"),
    }


class PreviewModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.rows: list[RowOutcome] = []
        self.tags = TagNames()
        self.only_problems = False
        self._status = status_labels()

    def set_plan(self, plan: ImportPlan | None, tags: TagNames) -> None:
        self.beginResetModel()
        self.plan, self.tags = plan, tags
        # A new file (or a new reading of it) says what will be done, never what the
        # previous file's import did.
        self._status = status_labels()
        self.rows = self._visible()
        self.endResetModel()

    def mark_imported(self) -> None:
        """After the import the same rows say what was done, not what will be."""
        self._status = status_labels(done=True)
        if self.rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.rows) - 1, 1))

    def set_only_problems(self, only: bool) -> None:
        self.beginResetModel()
        self.only_problems = only
        self.rows = self._visible()
        self.endResetModel()

    def _visible(self) -> list[RowOutcome]:
        rows = self.plan.rows if self.plan else []
        if self.only_problems:
            return [r for r in rows if r.status == REJECTED or r.warnings]
        return list(rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PREVIEW_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        name = PREVIEW_COLUMNS[section]
        special = {"row": self.tr("Row"), "status": self.tr("Result"),
                   "reason": self.tr("Reason / note")}
        return special.get(name) or field_label(name)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = PREVIEW_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "reason":
            return self._text(row, column) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_BACKGROUNDS[row.status]))
        if role == Qt.ItemDataRole.ForegroundRole and column in ("reason", "status"):
            colour = REASON_COLOURS.get(row.status) or (WARNING_COLOUR if row.warnings
                                                        else None)
            return QBrush(QColor(colour)) if colour else None
        return None

    def _text(self, row: RowOutcome, column: str) -> str:
        if column == "row":
            return str(row.row_number)
        if column == "status":
            return self._status[row.status]
        if column == "reason":
            return self._reason(row)
        if row.fields is None:
            if column == "name":  # what the skipped row says, e.g. 合计 16人
                return next((str(c) for c in row.cells if c not in (None, "")), "")
            return ""
        data = row.fields
        if column == "gender":
            return gender_text(data.gender)
        if column == "id_number":
            return mask_id(data.id_number)  # the preview is a list: masked like every list
        if column == "tags":
            return self.tags.joined(data.tags)
        return str(getattr(data, column) or "")

    def _reason(self, row: RowOutcome) -> str:
        lang = language()
        sep = "; " if lang.startswith("en") else "；"
        texts = [problem_text(p, lang) for p in [*row.errors, *row.warnings]]
        if row.status == SKIPPED:
            texts.append(self.tr("Not a resident (blank, total or signature row)"))
        elif row.status == UPDATE:
            texts.insert(0, self.tr("Already has an archive; missing details are added"))
        elif row.status == UNCHANGED:
            texts.insert(0, self.tr("Already has an archive with the same details"))
        return sep.join(texts)


class MappingTable(QTableWidget):
    """One row per column of the register: its header, and the field it is imported as."""

    mapping_changed = Signal(object)  # dict[int, str]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("mapping_table")
        self.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Import as")])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []

    def set_columns(self, header: list[str], mapping: dict[int, str]) -> None:
        self.combos = []
        self.setRowCount(len(header))
        for i, title in enumerate(header):
            letter = _column_letter(i)
            item = QTableWidgetItem(f"{letter}  {title}" if title else letter)
            self.setItem(i, 0, item)
            combo = QComboBox()
            combo.setObjectName(f"map_{i}")
            combo.addItem(self.tr("(not imported)"), None)
            for field in FIELDS:
                combo.addItem(field_label(field), field)
            combo.setCurrentIndex(max(combo.findData(mapping.get(i)), 0))
            combo.currentIndexChanged.connect(lambda _x, column=i: self._changed(column))
            self.setCellWidget(i, 1, combo)
            self.combos.append(combo)

    def mapping(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def _changed(self, column: int) -> None:
        field = self.combos[column].currentData()
        if field:  # one column per field: the column that had it lets it go
            for i, combo in enumerate(self.combos):
                if i != column and combo.currentData() == field:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.mapping_changed.emit(self.mapping())


def _column_letter(index: int) -> str:
    """A, B, … Z, AA: as Excel names the columns, so the user finds them in the file."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
