"""Choosing one archive by searching for it (the merge dialog uses it)."""

from __future__ import annotations

from psyroom.session import Session
from ui.qt import QVBoxLayout, QWidget, Signal
from ui.residents.labels import TagNames
from ui.residents.list_model import ResidentListModel
from ui.residents.search_bar import SearchBar
from ui.residents.table import ResidentTable


class ResidentPicker(QWidget):
    # The chosen archive changed: its id, or "" when nothing (or an excluded one) is chosen.
    chosen_changed = Signal(str)

    def __init__(self, session: Session, tags: TagNames, *, exclude: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._exclude = exclude
        self.search = SearchBar(with_filters=False)
        self.model = ResidentListModel(session, self)
        self.model.tag_names = tags
        self.model.excluded = exclude
        self.table = ResidentTable(self.model)
        self.table.setMinimumHeight(220)
        # Room for "（本档案）" after the name of the archive being merged.
        self.table.setColumnWidth(0, self.table.fontMetrics().horizontalAdvance("中") * 9)
        self.search.changed.connect(self.model.search)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._changed())
        self.model.modelReset.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table)

    def start(self, text: str = "") -> None:
        """Search at once (e.g. for the name of the archive being merged)."""
        self.search.text.setText(text)
        self.model.search(text)

    def chosen(self) -> str:
        resident_id = self.table.current_resident_id() if self.table.currentIndex().isValid() \
            else None
        return resident_id if resident_id and resident_id != self._exclude else ""

    def _changed(self) -> None:
        self.chosen_changed.emit(self.chosen())
