"""Language: which translators are installed, and the core's error texts in that language.

The core's own messages come in both languages from ``PsyroomError.message(lang)``; everything
the UI writes goes through Qt Linguist (``resources/translations/psyroom_zh_CN.ts``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from psyroom.errors import PsyroomError
from ui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"
DEFAULT_LANGUAGE = "zh_CN"

_state: dict[str, str] = {"language": DEFAULT_LANGUAGE}
# Translators must stay referenced while installed, or Python frees them under Qt's feet.
_installed: list[QTranslator] = []


def language() -> str:
    """The UI language code as the core understands it: "zh_CN" or "en"."""
    return _state["language"]


def install_language(lang: str) -> None:
    """Install our translator and Qt's own (so standard buttons read 确定/取消)."""
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    _state["language"] = "en" if lang.startswith("en") else "zh_CN"
    if _state["language"] == "en":
        QLocale.setDefault(QLocale("en_US"))
        return
    QLocale.setDefault(QLocale("zh_CN"))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("psyroom_zh_CN", str(TRANSLATIONS)), ("qtbase_zh_CN", qt_dir)):
        translator = QTranslator()
        if translator.load(name, folder) and app is not None:
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            # Untranslated screens still work; say so for whoever reads the log.
            log.warning("translation %s not found in %s", name, folder)


def error_text(exc: BaseException) -> str:
    """What the user reads for a failure: the core's message, or a generic one.

    Never a traceback: unexpected errors are logged for a technician instead.
    """
    if isinstance(exc, PsyroomError):
        return exc.message(language())
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return QCoreApplication.translate(
        "Errors",
        "An unexpected error happened. Nothing more was done. If it happens again, "
        "restart the program and tell your technician.",
    )
