"""Python's cycle collector runs on the UI thread only.

Left to itself, the collector runs in whichever thread happens to allocate when a threshold
is crossed; most allocation happens on the database worker. A closed dialog caught in a
reference cycle would then be destroyed on the worker thread, where Qt cannot stop the
timers its widgets registered with the UI thread; the next timer event meets freed memory
and the app dies. Anki (``aqt.main.setupGC``) and pyqtgraph do the same for the same reason:
automatic collection off, the same thresholds checked from a UI-thread timer.
"""

from __future__ import annotations

import gc

from ui.qt import QObject, QTimer

# Often enough that garbage never piles up between checks, rarely enough to cost nothing.
_CHECK_MS = 500


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(_CHECK_MS)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        t0, t1, t2 = self._thresholds
        if young > t0:
            gc.collect(0)
            if middle > t1:
                gc.collect(1)
                if old > t2:
                    gc.collect(2)


_collector: UiThreadCollector | None = None


def collect_on_ui_thread() -> UiThreadCollector:
    """Call once on the UI thread, after the QApplication exists."""
    global _collector
    if _collector is None:
        _collector = UiThreadCollector()
    return _collector
