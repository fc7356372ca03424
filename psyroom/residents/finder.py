"""One session's search index: built in the background, kept up with edits, SQL meanwhile.

The thread reads through its own connection (WAL gives it a consistent snapshot), so the
database thread stays free: the list and forms stay usable while it builds (a few seconds at
200,000 residents), and searches fall back to a slower SQL scan until it is ready.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from psyroom.residents import repository as repo
from psyroom.residents.model import Resident
from psyroom.residents.pinyin import pinyin_keys
from psyroom.residents.search import IndexRow, SearchFilters, SearchIndex

if TYPE_CHECKING:
    from psyroom.session import Session

# Past this many changes at once (an import), the index is rebuilt rather than carrying them
# all in its overlay.
REBUILD_AFTER = 1000


def _row(resident: Resident) -> IndexRow:
    py, ini = pinyin_keys(resident.name)
    return IndexRow(resident.id, resident.name, py, ini, resident.id_number, resident.phone,
                    resident.village, resident.status, resident.risk_level, set(resident.tags))


class ResidentFinder:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        self._building: threading.Thread | None = None
        # Edits made while the index is being built, applied when it is done.
        self._pending: dict[str, IndexRow | None] = {}

    def prepare(self) -> None:
        """Start building the index in a background thread, unless it exists or is coming."""
        with self._lock:
            if self._index is not None or self._building is not None:
                return
            self._pending = {}
            self._building = threading.Thread(target=self._build, name="search-index",
                                              daemon=True)
            self._building.start()

    def _build(self) -> None:
        db = self._s.reader_connection()
        try:
            with db.reading() as conn:
                rows, tags = repo.search_rows(conn), repo.all_tag_pairs(conn)
        finally:
            db.close()
        index = SearchIndex()
        index.load(rows, tags)
        with self._lock:
            for resident_id, row in self._pending.items():
                if row is None:
                    index.remove(resident_id)
                else:
                    index.put(row)
            self._index, self._building = index, None

    def index(self) -> SearchIndex:
        """The index, built now if need be (waiting for a build under way)."""
        self.prepare()
        building = self._building
        if building is not None:
            building.join()
        assert self._index is not None
        return self._index

    def forget(self) -> None:
        """After bulk writes: the next search starts a fresh index."""
        building = self._building
        if building is not None:
            building.join()
        with self._lock:
            self._index = None

    def put(self, resident: Resident) -> None:
        row = _row(resident)
        with self._lock:
            if self._index is not None:
                self._index.put(row)
            elif self._building is not None:
                self._pending[resident.id] = row

    def remove(self, resident_id: str) -> None:
        with self._lock:
            if self._index is not None:
                self._index.remove(resident_id)
            elif self._building is not None:
                self._pending[resident_id] = None

    def after_bulk_change(self, ids: list[str],
                          load: Callable[[list[str]], list[Resident]]) -> None:
        if self._index is None and self._building is None:
            return
        if len(ids) > REBUILD_AFTER:
            self.forget()
            return
        for resident in load(ids):
            self.put(resident)

    def search(self, text: str, filters: SearchFilters | None, *, offset: int,
               limit: int) -> tuple[int, list[str], bool]:
        with self._lock:
            index = self._index
        if index is None:
            # Opening the list, or typing before the index is ready: SQL answers (an indexed
            # page, or a scan of a few hundred milliseconds at 200,000), nobody waits.
            self.prepare()
            wanted = filters or SearchFilters()
            total, ids = self._s._read(lambda c: repo.browse(c, wanted, offset=offset,
                                                             limit=limit, text=text))
            return total, ids, False
        result = index.search(text, filters, offset=offset, limit=limit)
        return result.total, result.ids, result.truncated
