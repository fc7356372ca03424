"""居民档案: the resident list with search as you type, and the archive pages.

The page is a stack of [list, archive], so going back to the list finds it as it was left
(search text, filters, scroll position).
"""

from __future__ import annotations

from typing import Any

from psyroom.security.roles import Permission
from ui.messages import show_error
from ui.operations import QueryOp
from ui.pages import Page, PageContext, heading
from ui.qt import (
    QHBoxLayout,
    QLabel,
    QModelIndex,
    QPushButton,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.residents.archive import ArchiveView
from ui.residents.form import ResidentForm
from ui.residents.import_dialog import ImportDialog
from ui.residents.labels import TagNames
from ui.residents.list_model import ResidentListModel
from ui.residents.search_bar import SearchBar
from ui.residents.table import ResidentTable


class ResidentsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        session = ctx.session
        self.tags = TagNames()
        self.villages: list[str] = []
        self.import_dialog: ImportDialog | None = None
        self.search = SearchBar(risk_filter=session.can(Permission.READ_RISK_RECORDS))
        self.model = ResidentListModel(session, self)
        self.table = ResidentTable(self.model)
        self.table.setObjectName("resident_table")
        self.count_label = QLabel(self.tr("Loading…"))
        self.count_label.setObjectName("resident_count")
        # The empty-list advice is a sentence: it wraps rather than widening the window.
        self.count_label.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New archive"))
        self.new_button.setObjectName("new_resident")
        self.new_button.setVisible(session.can(Permission.WRITE_RESIDENTS))
        self.new_button.clicked.connect(self.new_resident)
        self.import_button = QPushButton(self.tr("Import from a register…"))
        self.import_button.setObjectName("import_residents")
        self.import_button.setVisible(session.can(Permission.IMPORT_RESIDENTS))
        self.import_button.clicked.connect(self.open_import)

        self.search.changed.connect(self.model.search)
        self.search.text.returnPressed.connect(self._to_table)
        self.model.searched.connect(self._show_count)
        self.model.failed.connect(lambda error: show_error(self, error))
        self.table.activated.connect(self._activated)

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Resident archives")))
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label)
        count_row.addStretch(1)
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addWidget(self.search)
        list_layout.addLayout(count_row)
        list_layout.addWidget(self.table, 1)

        self.archive = ArchiveView(session)
        self.archive.setObjectName("archive_view")
        self.archive.back.connect(self.show_list)
        self.archive.open_other.connect(self.open_archive)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.archive)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """First show, and after every write: reference lists and the same search again.

        The order matters on the one worker: category names (quick), then the first page
        (the core serves an empty search from an indexed SQL page, instantly even at 200,000
        residents), and only then the village list, which builds the in-memory search index
        (seconds at that size) so that the first typed search is quick.
        """
        residents = self.ctx.session.residents
        QueryOp(parent=self, op=lambda _ctx: residents.tags()).success(
            self._tags_loaded).run_in_background()
        self.model.reload()
        QueryOp(parent=self, op=lambda _ctx: residents.villages()).success(
            self._villages_loaded).run_in_background()

    def _tags_loaded(self, table: list[dict[str, Any]]) -> None:
        self.tags = TagNames(table)
        self.model.tag_names = self.tags
        self.search.set_choices(self.villages, self.tags)
        self.archive.set_tags(self.tags)
        if self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(
                self.model.rowCount() - 1, self.model.columnCount() - 1))

    def _villages_loaded(self, villages: list[str]) -> None:
        self.villages = villages
        self.search.set_choices(villages, self.tags)

    def _show_count(self, total: int, truncated: bool) -> None:
        if truncated:
            text = self.tr("More than %1 found: type more of the name or number to narrow "
                           "it down").replace("%1", f"{total:,}")
        elif total == 0 and (self.search.search_text() or self.search.filters().active()):
            text = self.tr("Nobody found. Try fewer letters, or pinyin initials such as zw.")
        elif total == 0:
            text = self.tr("No archives yet. Start with “New archive”, or bring in the "
                           "village's register with “Import from a register…”.")
        else:
            text = self.tr("%1 people").replace("%1", f"{total:,}")
        self.count_label.setText(text)

    # -- navigation ----------------------------------------------------------------------
    def _to_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _activated(self, index: QModelIndex) -> None:
        resident = self.model.resident_at(index.row())
        if resident is not None:
            self.open_archive(resident.id)

    def open_archive(self, resident_id: str) -> None:
        self.archive.show_resident(resident_id, self.tags)
        self.stack.setCurrentWidget(self.archive)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.table.setFocus()

    # -- actions -------------------------------------------------------------------------
    def new_resident(self) -> None:
        form = ResidentForm(self.ctx.session, self.tags, villages=self.villages, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda r: self.open_archive(r.id))
        form.open_existing.connect(self.open_archive)
        form.open()

    def open_import(self) -> None:
        dialog = ImportDialog(self.ctx.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.import_dialog = dialog
