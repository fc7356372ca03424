"""The other people in a couple, family or group session, each with an archive."""

from __future__ import annotations

from psyroom.residents.model import Resident
from psyroom.session import Session
from ui.counselling.labels import resident_line
from ui.counselling.resident_picker import ResidentPicker
from ui.qt import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


class ParticipantList(QWidget):
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("participants")
        self.list.setMaximumHeight(80)
        self.picker = ResidentPicker(session)
        self.picker.search.setPlaceholderText(self.tr("Add a participant: type a name"))
        self.picker.chosen.connect(self._add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.picker)

    def _add(self, resident: Resident | None) -> None:
        if resident is None:
            return
        if resident.id not in self.ids():
            item = QListWidgetItem(resident_line(resident))
            item.setData(Qt.ItemDataRole.UserRole, resident.id)
            self.list.addItem(item)
            self.changed.emit()
        self.picker.set_resident(None)

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def ids(self) -> tuple[str, ...]:
        return tuple(str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                     for i in range(self.list.count()))

    def set_residents(self, residents: list[Resident]) -> None:
        self.list.clear()
        for resident in residents:
            item = QListWidgetItem(resident_line(resident))
            item.setData(Qt.ItemDataRole.UserRole, resident.id)
            self.list.addItem(item)

    def set_locked(self, locked: bool) -> None:
        self.picker.setVisible(not locked)
        self.remove_button.setVisible(not locked)
