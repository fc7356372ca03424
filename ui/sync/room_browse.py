"""The office reads one room's records: its residents, then an archive with its timeline.

Read-only whatever the roles: the office never edits a room's records. The list and the
archive are the room's own widgets, kept to the room's archives by origin; the core audits
opening the room's list (``Bundles.browse_room``) and every archive and record opened, and
applies the same role rules as in the room (an office clerk sees no note or score content).
"""

from __future__ import annotations

from typing import Any

from psyroom.residents.search import SearchFilters
from psyroom.session import Session
from psyroom.sync.office import RoomRecords
from ui.messages import show_error
from ui.operations import QueryOp
from ui.pages import heading, note
from ui.qt import (
    QHBoxLayout,
    QLabel,
    QModelIndex,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.residents.archive import ArchiveView
from ui.residents.labels import TagNames
from ui.residents.list_model import ResidentListModel
from ui.residents.search_bar import SearchBar
from ui.residents.table import ResidentTable


class RoomBrowser(QWidget):
    """[the room's residents, one archive]; ``back`` returns to the office's room list."""

    back = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.room: RoomRecords | None = None
        self.tags = TagNames()
        self.model: ResidentListModel | None = None
        self.back_button = QPushButton(self.tr("← Back to the rooms"))
        self.back_button.setObjectName("browse_back")
        self.back_button.clicked.connect(self.back)
        self.title = heading("")
        self.title.setObjectName("browse_title")
        self.search = SearchBar()
        # The villages a room's residents live in are not known at the office per room: the
        # village filter would list every room's villages, so it is left out here.
        self.search.village.hide()
        self.search.text.returnPressed.connect(self._to_table)
        self.search.changed.connect(self._search)
        self.count_label = QLabel()
        self.count_label.setObjectName("browse_count")
        self.count_label.setWordWrap(True)
        self.table: ResidentTable | None = None
        self._table_slot = QVBoxLayout()
        self._table_slot.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addWidget(note(self.tr(
            "Read only: the office cannot change a room's records. Opening this list and "
            "every archive or record is written to the audit log.")))
        list_layout.addWidget(self.search)
        list_layout.addWidget(self.count_label)
        list_layout.addLayout(self._table_slot, 1)

        self.archive = ArchiveView(session, read_only=True)
        self.archive.setObjectName("browse_archive")
        self.archive.back.connect(self.show_list)
        self.archive.open_other.connect(self.open_archive)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.archive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # -- a room ----------------------------------------------------------------------------
    def show_room(self, site_id: str) -> None:
        """Audited in the core before any of the room's residents is listed."""
        bundles, residents = self.session.bundles, self.session.residents

        def load(_ctx: object) -> tuple[RoomRecords, list[dict[str, Any]]]:
            return bundles.browse_room(site_id), residents.tags()

        QueryOp(parent=self, op=load).success(self._room_loaded).failure(
            self._failed).run_in_background()

    def _room_loaded(self, loaded: tuple[RoomRecords, list[dict[str, Any]]]) -> None:
        room, tags = loaded
        self.room, self.tags = room, TagNames(tags)
        self.title.setText(self.tr("Archives of %1 (%2)").replace("%1", room.name)
                           .replace("%2", room.code))
        self.archive.banner.setText(self.tr("Read only · an archive of %1 (%2)").replace(
            "%1", room.name).replace("%2", room.code))
        # A fresh model per room: nothing of the last room's list is shown for this one.
        if self.table is not None:
            self.table.hide()
            self.table.deleteLater()
        model = ResidentListModel(self.session, self, origin_site=room.site_id)
        model.tag_names = self.tags
        model.searched.connect(self._show_count)
        model.failed.connect(lambda error: show_error(self, error))
        self.model = model
        self.table = ResidentTable(model)
        self.table.setObjectName("browse_table")
        self.table.activated.connect(self._activated)
        self._table_slot.addWidget(self.table)
        self.search.set_choices([room.village] if room.village else [], self.tags)
        self.search.text.clear()
        self.stack.setCurrentIndex(0)
        model.search(self.search.search_text(), self.search.filters())

    def _search(self, text: str, filters: SearchFilters) -> None:
        if self.model is not None:
            self.model.search(text, filters)

    def _failed(self, error: BaseException) -> None:
        show_error(self, error)
        self.back.emit()

    def _show_count(self, total: int, _truncated: bool) -> None:
        if total == 0 and (self.search.search_text() or self.search.filters().active()):
            text = self.tr("Nobody found in this room.")
        elif total == 0:
            text = self.tr("This room has sent no archives yet.")
        else:
            text = self.tr("%1 people").replace("%1", f"{total:,}")
        self.count_label.setText(text)

    # -- navigation ------------------------------------------------------------------------
    def _to_table(self) -> None:
        if self.table is not None and self.model is not None and self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _activated(self, index: QModelIndex) -> None:
        resident = self.model.resident_at(index.row()) if self.model is not None else None
        if resident is not None:
            self.open_archive(resident.id)

    def open_archive(self, resident_id: str) -> None:
        self.archive.show_resident(resident_id, self.tags)
        self.stack.setCurrentWidget(self.archive)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        if self.table is not None:
            self.table.setFocus()
