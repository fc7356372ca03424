"""Which window is up: set-up wizard, login, database problem, or the main window."""

from __future__ import annotations

import dataclasses
import sys
import time
from typing import TYPE_CHECKING, Any

from psyroom.errors import DatabaseRefused
from psyroom.installation import InitResult, Installation, InstallStatus
from psyroom.session import Session
from psyroom.settings import LocalSettings
from ui.i18n import error_text, install_language
from ui.messages import show_info
from ui.notices import notice_texts
from ui.operations import QueryOp
from ui.qt import QCoreApplication, QObject, QTimer, QWidget
from ui.shell.change_password import ChangePasswordDialog
from ui.shell.login import LoginWindow
from ui.shell.repair import DatabaseProblemDialog
from ui.shell.wizard import FirstRunWizard
from ui.theme import apply_font_size

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class AppController(QObject):
    def __init__(self, installation: Installation, *, idle_ms: int | None = None,
                 exit_after_login_shown: bool = False, started_at: float | None = None) -> None:
        super().__init__()
        self.inst = installation
        self.idle_ms = idle_ms
        self.exit_after_login_shown = exit_after_login_shown
        self.started_at = started_at if started_at is not None else time.perf_counter()
        self.settings = LocalSettings()
        self.window: QWidget | None = None  # the one top-level window the app is showing
        self.main_window: MainWindow | None = None

    def start(self) -> None:
        inst = self.inst
        (
            QueryOp(parent=None, op=lambda _ctx: (inst.status(), inst.load_settings()))
            .success(self._started)
            .failure(self._start_failed)
            .run_in_background()
        )

    def _started(self, result: tuple[InstallStatus, LocalSettings]) -> None:
        status, self.settings = result
        install_language(self.settings.language)
        apply_font_size(self.settings.font_point_size)
        if status is InstallStatus.NEW:
            self.show_wizard()
        elif status is InstallStatus.READY:
            self.show_login()
        else:
            self.show_problem(DatabaseRefused(status.value))

    def _start_failed(self, exc: BaseException) -> None:
        # E.g. the data folder is on a drive that is gone: the problem dialog says so.
        self.show_problem(exc)

    def _switch_to(self, window: QWidget) -> None:
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None and old is not window:
            old.hide()
            old.deleteLater()

    # -- first run ---------------------------------------------------------------------------
    def show_wizard(self) -> None:
        wizard = FirstRunWizard(self.inst)
        wizard.completed.connect(self._wizard_done)
        wizard.rejected.connect(QCoreApplication.quit)
        self._switch_to(wizard)
        if self.exit_after_login_shown:
            # A packaging check: the frozen build reached its first window on an empty folder.
            QTimer.singleShot(0, lambda: self._report_shown("wizard"))

    def _wizard_done(self, result: InitResult, language: str) -> None:
        settings = dataclasses.replace(self.settings, language=language)
        inst = self.inst

        def saved(_r: Any) -> None:
            self.settings = settings
            install_language(language)
            self.show_main(result.session)

        # Should saving fail, the language stays the default; that must not block the start.
        (
            QueryOp(parent=None, op=lambda _ctx: inst.save_settings(settings))
            .success(saved)
            .failure(lambda _exc: self.show_main(result.session))
            .run_in_background()
        )

    # -- login ---------------------------------------------------------------------------
    def show_login(self, message: str = "") -> LoginWindow:
        login = LoginWindow(self.inst)
        login.logged_in.connect(self.after_login)
        login.database_refused.connect(self.show_problem)
        login.closed.connect(QCoreApplication.quit)
        if message:
            login.message.setStyleSheet("")
            login.message.setText(message)
        if self.exit_after_login_shown:
            login.first_painted.connect(lambda: self._report_shown("login"))
        self._switch_to(login)
        return login

    def _report_shown(self, window: str) -> None:
        elapsed = time.perf_counter() - self.started_at
        sys.stdout.write(f"{window}-window-shown {elapsed:.3f}\n")
        sys.stdout.flush()
        # Quit once this paint has been flushed to the screen, not in the middle of it.
        QTimer.singleShot(0, QCoreApplication.quit)

    def after_login(self, session: Session) -> None:
        if "must_change_password" in session.notices:
            dialog = ChangePasswordDialog(session, None, forced=True)
            dialog.accepted.connect(lambda: self.show_main(session))
            dialog.rejected.connect(lambda: self._abandon(session))
            self._switch_to(dialog)
            return
        self.show_main(session)

    def _abandon(self, session: Session) -> None:
        """The person would not change the password: log out again."""
        QueryOp(parent=None, op=lambda _ctx: session.close()).finally_(
            lambda: self.show_login()).run_in_background()

    # -- main window -----------------------------------------------------------------------
    def show_main(self, session: Session) -> MainWindow:
        # Imported on first use: the login window must not wait for every page's code.
        from ui.main_window import MainWindow

        window = MainWindow(session, self.inst, self.settings, idle_ms=self.idle_ms)
        window.session_ended.connect(self._session_ended)
        self.main_window = window
        self._switch_to(window)
        texts = notice_texts([n for n in session.notices if n != "must_change_password"])
        if texts:
            show_info(window, "\n\n".join(texts))
        return window

    def _session_ended(self, message: str, quit_app: bool) -> None:
        self.main_window = None
        if quit_app:
            if self.window is not None:
                self.window.hide()
            QCoreApplication.quit()
        else:
            self.show_login(message)

    # -- broken data ---------------------------------------------------------------------
    def show_problem(self, exc: BaseException) -> None:
        dialog = DatabaseProblemDialog(self.inst, error_text(exc))
        dialog.restored.connect(lambda: self.show_login(QCoreApplication.translate(
            "AppController", "The backup was restored. Log in with an account of the backup.")))
        dialog.rejected.connect(QCoreApplication.quit)
        self._switch_to(dialog)

    def shutdown(self) -> None:
        """Close an open session (audits the logout) before the worker stops."""
        if self.main_window is not None:
            self.main_window.end_session("", quit_app=True)
