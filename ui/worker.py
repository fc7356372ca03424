"""The single database worker thread: every core call runs here, one at a time.

A ``Session`` may be used from one thread only, and Argon2 or a backup must never freeze the
window, so the UI thread only queues jobs and receives their results by a queued signal
(Anki's ``taskman``). Jobs never touch widgets; their callbacks run back on the UI thread.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ui.qt import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

# The core may report progress per page copied; the UI needs a few updates a second at most.
_PROGRESS_INTERVAL_S = 0.05


@dataclass(eq=False)
class Job:
    """One unit of work for the worker. ``fn`` runs on the worker thread."""

    fn: Callable[[Job], Any]
    on_done: Callable[[Job], None]
    on_progress: Callable[[int, int], None] | None = None
    cancel_event: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None
    _last_progress: float = 0.0

    # The two callables below are what the core receives as ``progress=`` and ``cancel=``.
    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_progress < _PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        if self.on_progress is not None and _relay is not None:
            _relay.progressed.emit(self, int(done), int(total))

    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


class _Relay(QObject):
    """Lives on the UI thread; signals emitted from the worker are queued to it."""

    finished = Signal(object)
    progressed = Signal(object, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)
        self.progressed.connect(self._deliver_progress)

    @Slot(object)
    def _deliver(self, job: Job) -> None:
        job.on_done(job)

    @Slot(object, int, int)
    def _deliver_progress(self, job: Job, done: int, total: int) -> None:
        if job.on_progress is not None:
            job.on_progress(done, total)


_relay: _Relay | None = None


class DbWorker(QThread):
    """A QThread draining a FIFO of jobs; FIFO order keeps "close session, then stop" safe."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("psyroom-db-worker")
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._stopping = False

    def submit(self, job: Job) -> None:
        if self._stopping:
            log.warning("job submitted after the worker stopped; dropped")
            return
        self._jobs.put(job)

    def run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                job.result = job.fn(job)
            except BaseException as exc:  # handed to the UI thread, which decides what to show
                job.error = exc
            if _relay is not None:
                _relay.finished.emit(job)

    def stop(self, timeout_ms: int = 30_000) -> None:
        """Finish the queued jobs, then end the thread."""
        if self._stopping:
            return
        self._stopping = True
        self._jobs.put(None)
        self.wait(timeout_ms)


_worker: DbWorker | None = None


def db_worker() -> DbWorker:
    """The process-wide worker, started on first use (needs a QCoreApplication)."""
    global _worker, _relay
    if _relay is None:
        _relay = _Relay()
    if _worker is None or _worker._stopping:
        _worker = DbWorker()
        _worker.start()
    return _worker


def stop_worker() -> None:
    global _worker
    if _worker is not None:
        _worker.stop()
        _worker = None
