"""User management (admin only): list, add, roles, disable, force or reset a password."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from psyroom.session import UserInfo
from ui.labels import roles_text
from ui.messages import ask, show_error, show_info
from ui.operations import CollectionOp, QueryOp
from ui.pages import Page, PageContext, heading
from ui.pages.user_dialogs import AddUserDialog, ResetPasswordDialog, RolesDialog
from ui.qt import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    qt_is_valid,
)
from ui.security.rotate_key import offer_key_rotation
from ui.shell.recovery_new import NewRecoveryCodeDialog


class UsersPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.users: list[UserInfo] = []
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("users_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Full name"), self.tr("Roles"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(self.tr("Add a user…"))
        self.add_button.setObjectName("add_user")
        self.roles_button = QPushButton(self.tr("Change roles…"))
        self.disable_button = QPushButton(self.tr("Disable"))
        self.force_button = QPushButton(self.tr("Require a new password"))
        self.reset_button = QPushButton(self.tr("Set a new password…"))
        self._row_buttons = (self.roles_button, self.disable_button, self.force_button,
                             self.reset_button)
        self.recovery_button = QPushButton(self.tr("New recovery code…"))
        self.recovery_button.setObjectName("new_recovery_code")
        self.recovery_button.setToolTip(self.tr(
            "Make a new recovery code, e.g. when the printed sheet may be lost. The old code "
            "stops working."))
        self.recovery_dialog: NewRecoveryCodeDialog | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        for b in self._row_buttons:
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.recovery_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Users")))
        layout.addLayout(buttons)
        layout.addWidget(self.table)

        self.add_button.clicked.connect(self._add)
        self.roles_button.clicked.connect(self._roles)
        self.disable_button.clicked.connect(self._disable)
        self.force_button.clicked.connect(self._force)
        self.reset_button.clicked.connect(self._reset)
        self.recovery_button.clicked.connect(self.new_recovery_code)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- list --------------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.ctx.session
        QueryOp(parent=self, op=lambda _ctx: session.list_users()).success(
            self._show).run_in_background()

    def _show(self, users: list[UserInfo]) -> None:
        selected = self.selected()
        self.users = sorted(users, key=lambda u: (u.disabled, u.username))
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            state = self.tr("Disabled") if user.disabled else (
                self.tr("Must choose a new password") if user.must_change_password
                else self.tr("Active"))
            for col, text in enumerate(
                    (user.username, user.display_name, roles_text(user.roles), state)):
                self.table.setItem(row, col, QTableWidgetItem(text))
            if selected is not None and user.username == selected.username:
                self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.users):
            return None
        return self.users[rows[0].row()]

    def _update_buttons(self) -> None:
        user = self.selected()
        for b in self._row_buttons:
            b.setEnabled(user is not None and not user.disabled)

    # -- actions -------------------------------------------------------------------------
    def _write(self, work: Callable[[], Any], dialog: QDialog | None = None,
               done_text: str | None = None, then: Callable[[], Any] | None = None) -> None:
        """Run a write; a dialog stays open (input kept) until the core accepted it."""
        def succeeded(_result: Any) -> None:
            if dialog is not None and qt_is_valid(dialog):
                dialog.accept()
            if done_text:
                show_info(self, done_text)
            if then is not None:
                then()

        (
            CollectionOp(parent=self, op=lambda _ctx: work())
            .success(succeeded)
            .failure(lambda exc: show_error(
                dialog if dialog is not None and qt_is_valid(dialog) else self, exc))
            .run_in_background()
        )

    def _add(self) -> None:
        dialog = AddUserDialog(self.ctx.session.site.kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        session = self.ctx.session

        def submit() -> None:
            # Read the widgets here, on the UI thread; the op only gets plain values.
            name, display = dialog.username.text().strip(), dialog.display_name.text()
            roles, password = dialog.roles.roles(), dialog.fields.text()
            self._write(lambda: session.add_user(
                name, display_name=display, roles=roles, password=password), dialog)

        dialog.buttons.accepted.connect(submit)
        dialog.open()

    def _roles(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = RolesDialog(user.username, user.roles, self.ctx.session.site.kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        session = self.ctx.session

        def submit() -> None:
            roles = dialog.roles.roles()
            self._write(lambda: session.set_roles(user.username, roles), dialog)

        dialog.buttons.accepted.connect(submit)
        dialog.open()

    def new_recovery_code(self) -> None:
        session = self.ctx.session
        site_name = session.site.name

        def show(code: str) -> None:
            self.recovery_dialog = NewRecoveryCodeDialog(code, site_name, self)
            self.recovery_dialog.open()

        def make() -> None:
            QueryOp(parent=self, op=lambda _ctx: session.new_recovery_code()).success(
                show).failure(lambda exc: show_error(self, exc)).run_in_background()

        ask(self, self.tr("Make a new recovery code? The old code (also on any printed sheet) "
                          "stops working at once."), make)

    def _disable(self) -> None:
        user = self.selected()
        if user is None:
            return
        session = self.ctx.session
        # Their password still opens any old copy of the key file: offer a new key at once.
        reason = self.tr("The account %1 is disabled.").replace("%1", user.username)
        ask(self, self.tr("Disable the account %1? The person can no longer log in. Their "
                          "records stay.").replace("%1", user.username),
            lambda: self._write(lambda: session.disable_user(user.username),
                                then=lambda: offer_key_rotation(self, session, reason=reason)))

    def _force(self) -> None:
        user = self.selected()
        if user is None:
            return
        session = self.ctx.session
        self._write(lambda: session.require_password_change(user.username),
                    done_text=self.tr("%1 must choose a new password at the next login.")
                    .replace("%1", user.username))

    def _reset(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = ResetPasswordDialog(user.username, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        session = self.ctx.session

        def submit() -> None:
            password = dialog.fields.text()
            self._write(lambda: session.reset_user_password(user.username, password), dialog,
                        done_text=self.tr("The password of %1 was set. They must choose their "
                                          "own at the next login.").replace("%1", user.username))

        dialog.buttons.accepted.connect(submit)
        dialog.open()
