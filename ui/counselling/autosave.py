"""Debounced saving: a save runs a moment after the last keystroke, never two at once.

The form calls ``touch()`` on every change and ``flush()`` when the text must be safe now
(focus leaves the form, the screen locks, the window closes). A save that is asked for while
one is running runs right after it, so the last text typed is always the last text saved.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.qt import QObject, QTimer

# "Done" callback a save receives: True when the core stored it.
Done = Callable[[bool], None]
DELAY_MS = 2000


class Autosave(QObject):
    def __init__(self, save: Callable[[Done], bool], *, delay_ms: int = DELAY_MS,
                 parent: QObject | None = None) -> None:
        """``save(done)`` starts one save and returns False when there is nothing it can save
        yet (e.g. no resident chosen); it must call ``done`` once the save has ended."""
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.dirty = False
        self.busy = False
        self.enabled = True

    def touch(self) -> None:
        if not self.enabled:
            return
        self.dirty = True
        self._timer.start()  # restarts: typing keeps pushing the save back

    def flush(self) -> None:
        self._timer.stop()
        if not self.dirty or not self.enabled:
            return
        if self.busy:
            return  # _done runs it again
        self.dirty = False
        self.busy = True
        if not self._save(self._done):
            self.busy = False
            self.dirty = True  # keep the wish: it saves once it can

    def _done(self, ok: bool) -> None:
        self.busy = False
        if not ok:
            # Keep the text marked unsaved and try again later, not in a tight loop.
            self.dirty = True
            self._timer.start()
        elif self.dirty:
            self.flush()

    def idle(self) -> bool:
        """Nothing waiting and nothing running."""
        return not self.dirty and not self.busy

    def stop(self) -> None:
        self._timer.stop()
        self.enabled = False
