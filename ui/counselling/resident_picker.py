"""Choose a resident by typing part of a name, pinyin, initials, ID or phone number."""

from __future__ import annotations

from psyroom.residents.model import Resident
from psyroom.session import Session
from ui.counselling.labels import resident_line
from ui.operations import QueryOp
from ui.qt import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

SEARCH_DELAY_MS = 250
SHOWN = 20


class ResidentPicker(QWidget):
    chosen = Signal(object)  # Resident, or None when cleared

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.resident: Resident | None = None
        self._generation = 0
        self.search = QLineEdit()
        self.search.setObjectName("resident_search")
        self.search.setPlaceholderText(self.tr("Type a name, pinyin, initials or phone"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("resident_results")
        self.results.setMaximumHeight(140)
        self.results.hide()
        self.results.itemActivated.connect(self._picked)
        self.results.itemClicked.connect(self._picked)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("resident_chosen")
        self.chosen_label.setStyleSheet("font-weight: bold;")
        self.change_button = QPushButton(self.tr("Change"))
        self.change_button.clicked.connect(lambda: self.set_resident(None))
        chosen_row = QHBoxLayout()
        chosen_row.setContentsMargins(0, 0, 0, 0)
        chosen_row.addWidget(self.chosen_label, 1)
        chosen_row.addWidget(self.change_button)
        self.chosen_row = QWidget()
        self.chosen_row.setLayout(chosen_row)
        self.chosen_row.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen_row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())

    def set_resident(self, resident: Resident | None) -> None:
        self.resident = resident
        has = resident is not None
        self.chosen_label.setText(resident_line(resident) if resident is not None else "")
        self.chosen_row.setVisible(has)
        self.search.setVisible(not has)
        self.results.setVisible(False)
        if not has:
            self.search.clear()
            self.search.setFocus()
        self.chosen.emit(resident)

    def set_locked(self, locked: bool) -> None:
        """A saved record keeps its person: the archive is what ties it together."""
        self.change_button.setVisible(not locked)

    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self.results.clear()
            self.results.hide()
            return
        residents = self._session.residents
        QueryOp(parent=self, op=lambda _ctx: residents.search(text, limit=SHOWN)).success(
            lambda found: self._show(generation, found)).run_in_background()

    def _show(self, generation: int, found: tuple[int, list[Resident], bool]) -> None:
        if generation != self._generation:
            return  # the user typed on; a newer search is coming
        total, rows, _truncated = found
        self.results.clear()
        for resident in rows:
            item = QListWidgetItem(resident_line(resident))
            item.setData(Qt.ItemDataRole.UserRole, resident)
            self.results.addItem(item)
        if not rows:
            none = QListWidgetItem(self.tr("No archive found. Register the person first."))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(none)
        elif total > len(rows):
            more = QListWidgetItem(self.tr("%1 more: type more of the name")
                                   .replace("%1", str(total - len(rows))))
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(more)
        self.results.show()

    def _picked(self, item: QListWidgetItem) -> None:
        resident = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(resident, Resident):
            self.set_resident(resident)
