"""The resident table view both the list page and the merge chooser use."""

from __future__ import annotations

from ui.qt import QAbstractItemView, QHeaderView, QTableView, QWidget
from ui.residents.list_model import COLUMNS, ResidentListModel

# Starting widths, in Chinese characters of the font (a digit is about half of one): enough
# for 1408**********123X, 139****0001 and the longer names of villages and headers.
_WIDTHS = {"name": 4.5, "gender": 2.5, "age": 2.5, "id_number": 11, "phone": 7.5,
           "village": 6, "risk_level": 4.5, "status": 3.5, "tags": 8}


class ResidentTable(QTableView):
    def __init__(self, model: ResidentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        # Fixed row height: the view never measures rows it has not shown (fast at any size).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        char = self.fontMetrics().horizontalAdvance("中")
        for column, name in enumerate(COLUMNS):
            self.setColumnWidth(column, int(_WIDTHS[name] * char) + 16)
        # No empty risk column for a reader who may not read risk records.
        self.setColumnHidden(COLUMNS.index("risk_level"), not model.shows_risk)

    def current_resident_id(self) -> str | None:
        model = self.model()
        assert isinstance(model, ResidentListModel)
        resident = model.resident_at(self.currentIndex().row())
        return resident.id if resident is not None else None
