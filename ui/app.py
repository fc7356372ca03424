"""Start the desktop app: ``python main.py [--data-dir DIR]``.

Order matters: the font and the translators are in place before the first window is built,
so no screen ever shows boxes instead of Chinese or a mix of languages.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from types import TracebackType

from psyroom.installation import Installation
from psyroom.resources import resources_dir
from ui.controller import AppController
from ui.garbage import collect_on_ui_thread
from ui.messages import show_error
from ui.qt import QApplication, QIcon
from ui.screen_fit import install_screen_fit
from ui.theme import load_bundled_font
from ui.worker import stop_worker

log = logging.getLogger("ui")


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="psyroom-gui", description="PsyRoom desktop app")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data folder (default: the per-user data folder)")
    # Anything else (e.g. Qt's -platform) is left for QApplication.
    return parser.parse_known_args(argv)


def _excepthook(kind: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    """A bug in a slot must not show a traceback to a social worker: log it, say it plainly."""
    log.error("unhandled error", exc_info=(kind, exc, tb))
    if QApplication.instance() is not None:
        show_error(QApplication.activeWindow(), exc)


def main(argv: list[str] | None = None, *, started_at: float | None = None) -> int:
    started = started_at if started_at is not None else time.perf_counter()
    args, qt_args = parse_args(list(sys.argv[1:] if argv is None else argv[1:]))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication([sys.argv[0] if argv is None else argv[0], *qt_args])
    app.setApplicationName("PsyRoom")
    app.setOrganizationName("PsyRoom")
    # Ties the windows to the menu entry (psyroom.desktop) and its icon on Linux desktops.
    app.setDesktopFileName("psyroom")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "psyroom.png")))
    # Windows come and go (wizard → main window); the app ends when the controller says so.
    app.setQuitOnLastWindowClosed(False)
    load_bundled_font()
    install_screen_fit(app)
    collect_on_ui_thread()
    sys.excepthook = _excepthook

    controller = AppController(
        Installation(args.data_dir),
        exit_after_login_shown=os.environ.get("PSYROOM_EXIT_AFTER_LOGIN_SHOWN") == "1",
        started_at=started,
    )
    controller.start()
    try:
        status = app.exec()
    finally:
        controller.shutdown()
        stop_worker()  # lets the last jobs (closing the session) finish first
    return status


if __name__ == "__main__":
    sys.exit(main())
