"""The resident list: a table model that asks the worker for one page of 50 at a time.

Nothing here ever holds more than the pages the user has scrolled through, so a room with
200,000 residents opens as fast as one with 20. A new search replaces the rows only when its
answer arrives (no flicker), and answers to searches the user has typed past are dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from psyroom.residents.model import Resident
from psyroom.residents.search import SearchFilters
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.operations import QueryOp
from ui.qt import (
    QAbstractTableModel,
    QBrush,
    QColor,
    QFont,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    qt_is_valid,
)
from ui.residents.labels import (
    RISK_COLOURS,
    STATUS_COLOURS,
    TagNames,
    age_of,
    field_label,
    gender_text,
    risk_text,
    status_text,
)

# About two screens of rows at 1366×768: each keystroke fetches and shows only these.
PAGE = 50
Index = QModelIndex | QPersistentModelIndex
# Categories last: the widest, so it takes the room that is left.
COLUMNS = ("name", "gender", "age", "id_number", "phone", "village", "risk_level", "status",
           "tags")
ID_ROLE = Qt.ItemDataRole.UserRole


class ResidentListModel(QAbstractTableModel):
    # total, truncated: the first page of a new search has arrived.
    searched = Signal(int, bool)
    # A search failed (e.g. the session was closed under us); the page decides what to show.
    failed = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None, *,
                 origin_site: str | None = None) -> None:
        super().__init__(parent)
        self._session = session
        # The office browsing one room: every search is kept to that room's archives.
        self.origin_site = origin_site
        self.rows: list[Resident] = []
        self.total = 0
        self.truncated = False
        self.tag_names = TagNames()
        self._query: tuple[str, SearchFilters] = ("", SearchFilters())
        self._generation = 0  # bumped per search: answers of an older one are dropped
        self._searching = False  # a first-page search is on the worker
        self._pending = False  # the user typed on while it was: search again when it returns
        self._loading = False  # a next page is on the worker
        self._bold = QFont()
        self._bold.setBold(True)
        # The archive a chooser is choosing for: listed (so the user sees it is found) but
        # greyed out and not selectable.
        self.excluded: str | None = None

    # -- asking the worker ---------------------------------------------------------------
    def search(self, text: str, filters: SearchFilters | None = None) -> None:
        self._query = (text, filters or SearchFilters())
        self._generation += 1
        if self._searching:
            # One search at a time: typing "zhangwei" fast queues one search, not eight.
            self._pending = True
            return
        self._start_search()

    def reload(self) -> None:
        """Search again for the same text (after a write somewhere)."""
        self.search(*self._query)

    @property
    def query(self) -> tuple[str, SearchFilters]:
        return self._query

    def _scoped_query(self) -> tuple[str, SearchFilters]:
        text, filters = self._query
        if self.origin_site is not None:
            filters = replace(filters, origin_site=self.origin_site)
        return text, filters

    def _start_search(self) -> None:
        self._searching, self._pending = True, False
        generation = self._generation
        text, filters = self._scoped_query()
        residents = self._session.residents
        (
            QueryOp(parent=None, op=lambda _ctx: residents.search(text, filters, offset=0,
                                                                  limit=PAGE))
            .success(lambda result: self._first_page(result, generation))
            .failure(self._failed)
            .finally_(self._search_returned)
            .run_in_background()
        )

    def _search_returned(self) -> None:
        if not qt_is_valid(self):
            return
        self._searching = False
        if self._pending:
            self._start_search()

    def _first_page(self, result: tuple[int, list[Resident], bool], generation: int) -> None:
        if not qt_is_valid(self) or generation != self._generation:
            return
        total, rows, truncated = result
        self.beginResetModel()
        self.rows, self.total, self.truncated = list(rows), total, truncated
        self._loading = False
        self.endResetModel()
        self.searched.emit(total, truncated)

    def _failed(self, error: BaseException) -> None:
        if qt_is_valid(self):
            self.failed.emit(error)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._loading and len(self.rows) < self.total

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, offset = self._generation, len(self.rows)
        text, filters = self._scoped_query()
        residents = self._session.residents
        (
            QueryOp(parent=None, op=lambda _ctx: residents.search(text, filters, offset=offset,
                                                                  limit=PAGE))
            .success(lambda result: self._next_page(result, generation))
            .failure(self._failed)
            .finally_(lambda: self._page_returned(generation))
            .run_in_background()
        )

    def _page_returned(self, generation: int) -> None:
        if qt_is_valid(self) and generation == self._generation:
            self._loading = False

    def _next_page(self, result: tuple[int, list[Resident], bool], generation: int) -> None:
        if not qt_is_valid(self) or generation != self._generation:
            return
        _total, rows, _truncated = result
        known = {r.id for r in self.rows}
        rows = [r for r in rows if r.id not in known]  # an edit may have moved someone up
        if not rows:
            self.total = len(self.rows)  # the list shrank under us: stop asking
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    # -- what the view reads -------------------------------------------------------------
    def resident_at(self, row: int) -> Resident | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        name = COLUMNS[section]
        return self.tr("Age") if name == "age" else field_label(name)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        resident = self.resident_at(index.row()) if index.isValid() else None
        if resident is not None and resident.id == self.excluded:
            return flags & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        resident = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._text(resident, column)
            if column == "name" and resident.id == self.excluded:
                return text + self.tr(" (this one)")
            return text
        if role == ID_ROLE:
            return resident.id
        if role == Qt.ItemDataRole.ToolTipRole and column == "tags":
            return self.tag_names.joined(resident.tags) or None
        colours = self._colours(resident, column)
        if colours is not None and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(colours[0]))
        if colours is not None and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(colours[1]))
        if role == Qt.ItemDataRole.FontRole and column == "risk_level" and \
                resident.shown_risk == "high":
            return self._bold
        return None

    @property
    def shows_risk(self) -> bool:
        """Whether this reader may see the risk column (the core blanks it otherwise)."""
        return self._session.can(Permission.READ_RISK_RECORDS)

    def _text(self, resident: Resident, column: str) -> str:
        if column == "gender":
            return gender_text(resident.gender)
        if column == "age":
            age = age_of(resident)
            return "" if age is None else str(age)
        # Identifiers are masked in every list: the whole number only on the archive page.
        if column == "id_number":
            return resident.masked_id
        if column == "phone":
            return resident.masked_phone
        if column == "tags":
            return self.tag_names.joined(resident.tags)
        if column == "risk_level":
            return "" if resident.risk_withheld else risk_text(resident.shown_risk)
        if column == "status":
            return status_text(resident.status)
        return str(getattr(resident, column) or "")

    @staticmethod
    def _colours(resident: Resident, column: str) -> tuple[str, str] | None:
        if column == "risk_level":
            return RISK_COLOURS.get(resident.shown_risk)
        if column == "status":
            return STATUS_COLOURS.get(resident.status)
        return None
