"""Fonts: the bundled WenQuanYi Micro Hei, so Chinese never shows as boxes on a bare PC."""

from __future__ import annotations

import logging

from ui.i18n import RESOURCES
from ui.qt import QApplication, QEvent, QFont, QFontDatabase, QLabel, QProgressBar, QWidget

log = logging.getLogger(__name__)

FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
_families: dict[str, str] = {}


def load_bundled_font() -> None:
    """Register the bundled font and make it the application font (family only)."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("bundled font %s could not be loaded", FONT_FILE)
        return
    _families["sans"] = families[0]
    mono = [f for f in families if "Mono" in f]
    _families["mono"] = mono[0] if mono else families[0]
    font = QApplication.font()
    font.setFamilies([families[0]])
    QApplication.setFont(font)


def mono_family() -> str:
    return _families.get("mono", "monospace")


def apply_font_size(point_size: int) -> None:
    """0 keeps the platform's default size; older eyes pick 12 to 18."""
    font = QApplication.font()
    default = _families.get("default_size")
    if default is None:
        _families["default_size"] = str(font.pointSize())
        default = _families["default_size"]
    # Chinese characters below 11 points are hard to read on the small screens of village PCs.
    font.setPointSize(point_size if point_size > 0 else max(int(default), 11))
    QApplication.setFont(font)


# The text size the screens were laid out at; fixed pixel sizes grow with the chosen size.
BASE_POINT = 11


def font_ratio() -> float:
    return max(QApplication.font().pointSizeF(), 1.0) / BASE_POINT


def scaled(pixels: int) -> int:
    """A size in pixels chosen at the standard text size, at the current text size."""
    return round(pixels * max(font_ratio(), 1.0))


def big_mono_font(point_size: int = 22) -> QFont:
    font = QFont(mono_family())
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(point_size)
    font.setBold(True)
    return font


class Heading(QLabel):
    """A bold label some points larger than the app font; follows font-size changes."""

    def __init__(self, text: str = "", *, larger_by: int = 5,
                 parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._larger_by = larger_by
        self._apply()

    def _apply(self) -> None:
        font = QApplication.font()
        font.setPointSize(font.pointSize() + self._larger_by)
        font.setBold(True)
        self.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._apply()
        super().changeEvent(event)


ERROR_STYLE = "color: #b00020;"


def busy_bar() -> QProgressBar:
    """The moving bar shown, hidden until then, while a key is derived or a folder set up."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.hide()
    return bar


def message_label() -> QLabel:
    """The red line under a form where what went wrong is said in plain words."""
    label = QLabel()
    label.setObjectName("message")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label
