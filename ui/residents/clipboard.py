"""Copying an ID or phone number: the clipboard forgets it again after 30 seconds.

Only if it still holds what we put there: if the user copied something else meanwhile, that
is theirs and stays. On quitting, a number still there is cleared too.
"""

from __future__ import annotations

from ui.qt import QGuiApplication, QObject, QTimer

CLEAR_AFTER_MS = 30_000


class SensitiveClipboard(QObject):
    def __init__(self, parent: QObject | None = None, *,
                 clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self.clear_after_ms = clear_after_ms
        self._held: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.aboutToQuit.connect(self.clear_if_ours)

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._held = text
        self._timer.start(self.clear_after_ms)

    def clear_if_ours(self) -> None:
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        if self._held is not None and clipboard.text() == self._held:
            clipboard.clear()
        self._held = None

    @property
    def holding(self) -> bool:
        return self._held is not None


_shared: SensitiveClipboard | None = None


def sensitive_clipboard() -> SensitiveClipboard:
    """The one the archive pages share (one timer, whichever number was copied last)."""
    global _shared
    if _shared is None:
        _shared = SensitiveClipboard()
    return _shared
