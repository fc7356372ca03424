"""The main window: navigation, the pages the user's roles allow, status bar, lock.

The central widget is a stack of [work area, lock screen]. Locking switches the stack, so the
pages are hidden but kept alive with whatever was typed into them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from psyroom.installation import Installation
from psyroom.security.roles import Permission
from psyroom.session import Session
from psyroom.settings import LocalSettings
from ui.about import AboutDialog
from ui.counselling.activities_page import ActivitiesPage
from ui.labels import roles_text
from ui.operations import QueryOp, changes
from ui.pages import Page, PageContext
from ui.pages.audit import AuditPage
from ui.pages.backup import BackupPage
from ui.pages.home import HomePage
from ui.pages.settings import SettingsPage
from ui.pages.users import UsersPage
from ui.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QWidget,
    Signal,
    qt_is_valid,
)
from ui.referrals.page import ReferralsPage
from ui.reports.page import ReportsPage
from ui.residents.page import ResidentsPage
from ui.shell.lock import IdleWatcher, LockScreen
from ui.sync.page import BundlesPage
from ui.theme import apply_font_size, scaled

NAV_WIDTH = 170


class MainWindow(QMainWindow):
    # The session is closed; text for the login window, and whether to quit instead.
    session_ended = Signal(str, bool)

    def __init__(self, session: Session, installation: Installation, settings: LocalSettings,
                 *, idle_ms: int | None = None) -> None:
        super().__init__()
        self.session = session
        self._idle_override = idle_ms
        self.locked = False
        self._ended = False
        self._hidden_windows: list[QWidget] = []
        self._focus_before_lock: QWidget | None = None
        self.ctx = PageContext(session=session, installation=installation, settings=settings,
                               end_session=lambda text: self.end_session(text),
                               settings_saved=self.apply_settings)
        self.resize(1000, 680)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(scaled(NAV_WIDTH))
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 8px 6px; }")
        self.pages = QStackedWidget()
        self.page_by_key: dict[str, Page] = {}
        for key, title, make in self._page_specs():
            page = make(self.ctx)
            page.setObjectName(f"page_{key}")
            self.page_by_key[key] = page
            self.pages.addWidget(page)
            self.nav.addItem(title)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        work = QWidget()
        work_layout = QHBoxLayout(work)
        work_layout.addWidget(self.nav)
        work_layout.addWidget(self.pages, 1)
        self.work = work
        self.lock_screen = LockScreen(session)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.logout_requested.connect(lambda: self.end_session(""))
        self.stack = QStackedWidget()
        self.stack.addWidget(work)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)

        self._build_actions()
        self.site_label = QLabel()
        self.user_label = QLabel()
        # At large text sizes a long site name is cut short here (full text in the tooltip)
        # rather than pushing the window wider than the screen.
        self.site_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.site_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        self._update_identity()
        changes().changed.connect(self._update_identity)

        self.idle = IdleWatcher(self._idle_interval(settings), self)
        self.idle.idle.connect(lambda: self.lock(idle=True))
        _app().installEventFilter(self.idle)
        self.idle.start()
        self.nav.setCurrentRow(0)

    def _page_specs(self) -> list[tuple[str, str, Callable[[PageContext], Page]]]:
        can = self.session.can
        specs: list[tuple[str, str, Callable[[PageContext], Page]]] = [
            ("home", self.tr("Home"), HomePage)]
        if can(Permission.READ_RESIDENTS):
            specs.append(("residents", self.tr("Residents"), ResidentsPage))
        if can(Permission.READ_REFERRALS):
            specs.append(("referrals", self.tr("Referrals"), ReferralsPage))
        if can(Permission.RECORD_ACTIVITIES) or can(Permission.READ_STATS):
            specs.append(("activities", self.tr("Activities"), ActivitiesPage))
        if can(Permission.GENERATE_REPORTS):
            specs.append(("reports", self.tr("Reports"), ReportsPage))
        if can(Permission.MANAGE_USERS):
            specs.append(("users", self.tr("Users"), UsersPage))
        if can(Permission.READ_AUDIT):
            specs.append(("audit", self.tr("Audit log"), AuditPage))
        if can(Permission.EXPORT_BUNDLES) or can(Permission.IMPORT_BUNDLES):
            specs.append(("bundles", self.tr("USB bundles"), BundlesPage))
        if can(Permission.BACKUP) or can(Permission.RESTORE):
            specs.append(("backup", self.tr("Backup and restore"), BackupPage))
        specs.append(("settings", self.tr("Settings"), SettingsPage))
        return specs

    def _build_actions(self) -> None:
        self.lock_action = QAction(self.tr("Lock"), self)
        self.lock_action.setObjectName("lock_action")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip(self.tr("Lock the screen now (Ctrl+L)"))
        self.lock_action.triggered.connect(lambda: self.lock(idle=False))
        logout = QAction(self.tr("Log out"), self)
        logout.triggered.connect(lambda: self.end_session(""))
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.triggered.connect(self.close)
        about = QAction(self.tr("About PsyRoom"), self)
        about.triggered.connect(self.show_about)

        self.toolbar = self.addToolBar(self.tr("Tools"))
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.lock_action)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.lock_action)
        file_menu.addAction(logout)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(about)

    def _idle_interval(self, settings: LocalSettings) -> int:
        if self._idle_override is not None:
            return self._idle_override
        # The database's value, not the settings file's: that file is anyone's to edit.
        return self.session.security_settings().autolock_minutes * 60_000

    def _update_identity(self) -> None:
        site, user = self.session.site, self.session.user
        self.site_label.setText(self.tr("Site: %1 (%2)").replace("%1", site.name)
                                .replace("%2", site.code))
        self.site_label.setToolTip(self.site_label.text())
        name = user.display_name or user.username
        self.user_label.setText(self.tr("User: %1 · %2").replace("%1", name)
                                .replace("%2", roles_text(user.roles)))
        self.user_label.setToolTip(self.user_label.text())
        if not self.locked:
            self.setWindowTitle(self.tr("PsyRoom — %1").replace("%1", site.name))

    def changeEvent(self, event: QEvent) -> None:
        # The side bar grows with the text size, or its longest entry would be cut off.
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self.nav.setFixedWidth(scaled(NAV_WIDTH))
        super().changeEvent(event)

    def apply_settings(self, settings: LocalSettings) -> None:
        apply_font_size(settings.font_point_size)
        self.idle.set_interval_ms(self._idle_interval(settings))

    def show_about(self) -> None:
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- locking -------------------------------------------------------------------------
    def lock(self, *, idle: bool = False) -> None:
        if self.locked or self._ended:
            return
        self.locked = True
        self.idle.stop()
        self._focus_before_lock = QApplication.focusWidget()
        # Dialogs and progress windows would show content over the lock screen: hide them
        # (not close: a running backup or a half-filled dialog goes on after unlocking).
        self._hidden_windows = [w for w in QApplication.topLevelWidgets()
                                if w is not self and w.isVisible()]
        for window in self._hidden_windows:
            window.hide()
        self.stack.setCurrentWidget(self.lock_screen)
        for bar in (self.menuBar(), self.toolbar, self.statusBar()):
            bar.hide()
        self.setWindowTitle(self.tr("PsyRoom"))
        self.lock_screen.prepare()
        session = self.session
        QueryOp(parent=self, op=lambda _ctx: session.record_lock(idle=idle)).run_in_background()

    def unlock(self) -> None:
        """Called after the lock screen checked the password (the core audited it)."""
        if not self.locked:
            return
        self.locked = False
        self.stack.setCurrentWidget(self.work)
        for bar in (self.menuBar(), self.toolbar, self.statusBar()):
            bar.show()
        self._update_identity()
        for window in self._hidden_windows:
            window.show()
        self._hidden_windows = []
        if self._focus_before_lock is not None and self.work.isAncestorOf(
                self._focus_before_lock):
            self._focus_before_lock.setFocus()
        self.idle.start()

    # -- ending --------------------------------------------------------------------------
    def end_session(self, message: str, *, quit_app: bool = False) -> None:
        """Close the session on the worker (audits the logout), then tell the app."""
        if self._ended:
            return
        self._ended = True
        self.idle.stop()
        _app().removeEventFilter(self.idle)
        session = self.session

        def close(_ctx: object) -> None:
            # After a restore the session was already closed; closing twice must not hurt.
            with contextlib.suppress(Exception):
                session.close()

        def tell() -> None:
            if qt_is_valid(self):  # a test (or Qt at exit) may have deleted the window
                self.session_ended.emit(message, quit_app)

        QueryOp(parent=None, op=close).finally_(tell).run_in_background()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._ended:
            event.ignore()
            self.end_session("", quit_app=True)
            return
        super().closeEvent(event)


def _app() -> QCoreApplication:
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication exists before any window"
    return app
