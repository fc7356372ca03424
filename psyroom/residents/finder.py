"""One session's search index: loaded from its saved copy, or built; kept up with edits.

With a saved copy (search_store.py) the index is ready a fraction of a second after login,
and a search that arrives meanwhile waits for it. Without one (the first session, or after a
large import) it is built in a background thread through its own connection (WAL gives it a
consistent snapshot), then saved; searches use a slower SQL scan until it is ready, so
nobody waits seconds. The command line has no background: it loads or builds in its own
thread, and the build's copy serves the next command.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2

from psyroom.residents import repository as repo
from psyroom.residents import search_store as store
from psyroom.residents.model import Resident
from psyroom.residents.pinyin import pinyin_keys
from psyroom.residents.risk import all_open_crisis_levels
from psyroom.residents.search import IndexRow, SearchFilters, SearchIndex

if TYPE_CHECKING:
    from psyroom.session import Session

# Past this many changes at once (an import), the index is rebuilt rather than carrying them
# all in its overlay.
REBUILD_AFTER = store.REBUILD_AFTER


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
        self._loading_copy = False  # the thread only loads a saved copy: worth waiting for
        self._ready = threading.Event()  # set when a thread has published its index
        # Edits made while the index is being built, applied when it is done.
        self._pending: dict[str, IndexRow | None] = {}

    def prepare(self) -> None:
        """Start loading (or building) the index in a background thread, unless it exists
        or is coming."""
        with self._lock:
            if self._index is not None or self._building is not None:
                return
        usable = self._s._read(lambda c: store.copy_is_usable(c.connection.dbapi_connection))
        with self._lock:
            if self._index is not None or self._building is not None:
                return
            self._pending, self._loading_copy = {}, usable
            self._ready.clear()
            self._building = threading.Thread(target=self._build, name="search-index",
                                              daemon=True)
            self._building.start()

    def _obtain(self) -> SearchIndex:
        """Load or build the index through a connection of its own; save a fresh build."""
        db = self._s.reader_connection()
        try:
            index, fresh = store.read(db.raw)
            # Busy past the timeout, or a connection that may not write: the index still
            # serves this session, and the next one builds again.
            with suppress(dbapi2.Error):
                if fresh:
                    store.save(db.raw, index)
        finally:
            db.close()
        return index

    def _build(self) -> None:
        try:
            index = self._obtain()
        except BaseException:
            with self._lock:
                self._building = None
                self._ready.set()
            raise
        with self._lock:
            for resident_id, row in self._pending.items():
                if row is None:
                    index.remove(resident_id)
                else:
                    index.put(row)
            self._index, self._building = index, None
            self._ready.set()
        # Unpacked while the user looks at the list, so the first keystroke finds it ready.
        index.warm()

    def index(self) -> SearchIndex:
        """The index, loaded or built now if need be (waiting for a build under way)."""
        self.prepare()
        self._ready.wait()
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
               limit: int, background: bool = True) -> tuple[int, list[str], bool]:
        """Ids of one page. ``background=False`` (the command line): no thread is started;
        the index is loaded or built right here."""
        if filters is not None and filters.origin_site:
            # One room's archives at the office: the origin index serves the page.
            return self._by_sql(text, filters, offset=offset, limit=limit)
        with self._lock:
            index = self._index
        if index is None and not background:
            index = self._obtain()
            with self._lock:
                self._index = index
                self._ready.set()
        if index is None:
            self.prepare()
            if self._loading_copy:
                self._ready.wait()
            with self._lock:
                index = self._index
        if index is None:
            # Typing before a first build is done: SQL answers (an indexed page, or a scan of
            # a few hundred milliseconds at 200,000), nobody waits for the build.
            return self._by_sql(text, filters or SearchFilters(), offset=offset, limit=limit)
        # The index keeps the recorded risk; a risk filter matches the risk shown, so it is
        # told who has an open crisis now (a few rows, read fresh: another process may have
        # opened or closed one).
        crises = (self._s._read(all_open_crisis_levels)
                  if filters is not None and filters.risk_level else None)
        result = index.search(text, filters, offset=offset, limit=limit, open_crises=crises)
        return result.total, result.ids, result.truncated

    def _by_sql(self, text: str, filters: SearchFilters, *, offset: int, limit: int
                ) -> tuple[int, list[str], bool]:
        total, ids = self._s._read(lambda c: repo.browse(c, filters, offset=offset,
                                                         limit=limit, text=text))
        return total, ids, False
