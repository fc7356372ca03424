"""Dialogs of the user-management page: add a user, choose roles, set a password."""

from __future__ import annotations

from psyroom.security.roles import SETUP_ROLES, Role
from ui.discard_guard import guard_discard
from ui.focus import focus_first_empty
from ui.labels import role_labels
from ui.password_fields import PasswordFields
from ui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


def roles_for_site(kind: str, current: frozenset[Role] = frozenset()) -> list[Role]:
    """The roles that make sense at this kind of site (a village room has no office clerk),
    plus any the user already holds so they can be taken away."""
    useful = SETUP_ROLES.get(kind, frozenset(Role)) | current
    return [r for r in Role if r in useful]


class RoleChecks(QGroupBox):
    def __init__(self, site_kind: str, selected: frozenset[Role] = frozenset(),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Roles"))
        labels = role_labels()
        self.boxes: dict[Role, QCheckBox] = {}
        layout = QVBoxLayout(self)
        for role in roles_for_site(site_kind, selected):
            box = QCheckBox(labels.get(role.value, role.value))
            box.setObjectName(f"role_{role.value}")
            box.setChecked(role in selected)
            self.boxes[role] = box
            layout.addWidget(box)

    def roles(self) -> frozenset[Role]:
        return frozenset(r for r, box in self.boxes.items() if box.isChecked())


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK is wired by the page: the dialog stays open until the core has said yes."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.rejected.connect(dialog.reject)
    return buttons


class AddUserDialog(QDialog):
    def __init__(self, site_kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a user"))
        self.setMinimumWidth(480)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setMaxLength(32)
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.display_name.setMaxLength(50)
        self.roles = RoleChecks(site_kind)
        self.fields = PasswordFields(self, label=self.tr("First password:"), above=[
            (self.tr("User name (for logging in):"), self.username),
            (self.tr("Full name (shown on screens):"), self.display_name)])
        hint = QLabel(self.tr(
            "Tell the person this first password in person. They must choose their own at "
            "their first login."
        ))
        hint.setWordWrap(True)
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.roles)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.username.textChanged.connect(self._update)
        self.fields.changed.connect(self._update)
        for box in self.roles.boxes.values():
            box.toggled.connect(self._update)
        self._update()
        order = [self.username, self.display_name, self.fields.password, self.fields.repeat]
        focus_first_empty(order)
        self.discard_guard = guard_discard(self)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            len(self.username.text().strip()) >= 2 and bool(self.roles.roles())
            and self.fields.acceptable()
        )


class RolesDialog(QDialog):
    def __init__(self, username: str, roles: frozenset[Role], site_kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Roles of %1").replace("%1", username))
        self.roles = RoleChecks(site_kind, roles)
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.roles)
        layout.addWidget(self.buttons)
        for box in self.roles.boxes.values():
            box.toggled.connect(self._update)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.roles.roles()))


class ResetPasswordDialog(QDialog):
    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New password for %1").replace("%1", username))
        self.setMinimumWidth(440)
        intro = QLabel(self.tr(
            "Set a temporary password and tell it to the person in person. They must choose "
            "their own at the next login."
        ))
        intro.setWordWrap(True)
        self.fields = PasswordFields(self)
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.buttons)
        self.fields.changed.connect(self._update)
        self._update()
        focus_first_empty([self.fields.password, self.fields.repeat])

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.fields.acceptable())
