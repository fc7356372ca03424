"""Every window fits the screen it opens on, at every text size.

Village PCs often have 1366×768 screens with a taskbar; forms are built with sizes chosen at
the standard text size. When a window is first shown this filter scales its size with the
text size, then clamps it to the screen's free area (long forms scroll inside), so no window
opens taller than the screen or with its buttons out of reach.
"""

from __future__ import annotations

from ui.qt import (
    QApplication,
    QDialog,
    QEvent,
    QFrame,
    QObject,
    QRect,
    QScrollArea,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    QWizard,
)
from ui.theme import font_ratio

# Title bar and frame the window manager adds around a window's own area.
FRAME = QSize(16, 40)


class ScreenFit(QObject):
    # Tests set this to a 1366×768 screen minus its taskbar; None means the real screen.
    limit: QRect | None = None

    def available(self, widget: QWidget) -> QRect:
        if self.limit is not None:
            return self.limit
        screen = widget.screen() or QApplication.primaryScreen()
        return screen.availableGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Our own windows only: Qt's message boxes and file dialogs size themselves.
        if (event.type() == QEvent.Type.Show and isinstance(watched, (QDialog, QWizard))
                and not type(watched).__module__.startswith("PySide6")
                and watched.isWindow() and not watched.property("screen_fitted")):
            watched.setProperty("screen_fitted", True)
            self.fit(watched)
        return False

    def fit(self, window: QWidget) -> None:
        area = self.available(window)
        room = QSize(area.width() - FRAME.width(), area.height() - FRAME.height())
        ratio = max(font_ratio(), 1.0)  # never smaller than laid out
        wanted = QSize(round(window.width() * ratio), round(window.height() * ratio))
        wanted = wanted.expandedTo(window.minimumSizeHint()).boundedTo(room)
        window.resize(wanted)


_fit = ScreenFit()


def install_screen_fit(app: QApplication) -> ScreenFit:
    app.installEventFilter(_fit)
    return _fit


def screen_fit() -> ScreenFit:
    return _fit


def scrolling_page(page: QWidget, *, sideways: bool = True) -> QVBoxLayout:
    """Give ``page`` a frameless scroll area and return the layout to fill: on a short screen
    at a large text size the page scrolls instead of squeezing its rows or growing the window.
    Without ``sideways`` it only ever scrolls down (its rows wrap instead)."""
    content = QWidget()
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    if not sideways:
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return QVBoxLayout(content)
