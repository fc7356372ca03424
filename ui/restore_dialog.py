"""Restore from a backup file: pick the file, give a user name and password valid in it.

Used from the database-problem dialog (nobody is logged in) and from the backup page. The
core checks the copy before it replaces anything and keeps the old file until the new one opens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from psyroom.errors import PsyroomError
from psyroom.installation import Installation
from ui.i18n import error_text
from ui.messages import ask
from ui.operations import CollectionOp, OpContext
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import message_label


class RestoreDialog(QDialog):
    """Emits ``restored`` after a successful restore. ``before_restore`` runs on the worker
    first (e.g. closing the open session so the database file can be replaced)."""

    restored = Signal()
    failed = Signal()

    def __init__(
        self,
        installation: Installation,
        parent: QWidget | None = None,
        *,
        before_restore: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._inst = installation
        self._before = before_restore
        self.foreign_warning: QMessageBox | None = None
        self.lost_question: QMessageBox | None = None
        # Said yes to "every password of the data here is lost" (kept for a foreign retry).
        self._passwords_lost = False
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr(
            "Choose the backup file, then give the user name and password of an admin. Over "
            "the data in use, that admin must be able to log in here now (or give only the "
            "current recovery code); if the data here cannot be opened, or every password of "
            "it is lost, give the password of an admin of the backup, or only the backup's "
            "recovery code. The backup is checked before anything is replaced; the current "
            "data is kept until the restored copy opens."
        ))
        intro.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setObjectName("backup_file")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery_code = QLineEdit()
        self.recovery_code.setObjectName("recovery_code")
        self.recovery_code.setPlaceholderText(self.tr("Only if the password was different then"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(lambda: self._submit())
        self.buttons.rejected.connect(self.reject)
        self.message = message_label()
        form = QFormLayout()
        form.addRow(self.tr("Backup file:"), file_row)
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Backup's recovery code:"), self.recovery_code)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for edit in (self.file, self.username, self.password, self.recovery_code):
            edit.textChanged.connect(self._update)
        self._update()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the backup file"), "",
            self.tr("PsyRoom backups (*.psyroom-backup);;All files (*)")
        )
        if name:
            self.file.setText(name)

    def _update(self) -> None:
        login = bool(self.username.text().strip()) and bool(self.password.text())
        self.restore_button.setEnabled(
            bool(self.file.text().strip())
            and (login or bool(self.recovery_code.text().strip()))
        )

    def _submit(self, allow_foreign: bool = False) -> None:
        passwords_lost = self._passwords_lost
        path = Path(self.file.text().strip())
        username, password = self.username.text().strip(), self.password.text()
        code = self.recovery_code.text().strip() or None
        inst, before = self._inst, self._before

        def work(ctx: OpContext) -> None:
            if before is not None:
                # Check the file, password and permission before logging out, so a wrong
                # choice keeps the user where they were.
                inst.check_backup(path, username=username, password=password,
                                  recovery_code=code, allow_foreign=allow_foreign,
                                  passwords_lost=passwords_lost,
                                  progress=ctx.progress, cancel=ctx.cancelled)
                before()
            inst.restore(path, username=username, password=password, recovery_code=code,
                         allow_foreign=allow_foreign, passwords_lost=passwords_lost,
                         progress=ctx.progress, cancel=ctx.cancelled)

        self.message.setText("")
        self.buttons.setEnabled(False)
        (
            CollectionOp(parent=self, op=work)
            .with_progress(self.tr("Checking and restoring the backup…"), cancellable=True)
            .success(lambda _r: self._succeeded())
            .failure(self._failed)
            .finally_(lambda: self.buttons.setEnabled(True))
            .run_in_background()
        )

    def _succeeded(self) -> None:
        self.restored.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))
        if isinstance(exc, PsyroomError) and exc.code == "restore_live_login" \
                and not self._passwords_lost:
            self.message.setText(self.tr(
                "The user name and password (or the recovery code) do not open the data "
                "here."))
            self.lost_question = ask(self, self.tr(
                "What was given does not open the data on this computer.\n\nIf every "
                "password of the data here and its recovery code are lost, the backup can "
                "be restored with the password of an admin of the backup, or with the "
                "backup's recovery code. The data here is kept in the backups folder first, "
                "and this is written to the audit log.\n\nAre every password and the "
                "recovery code of the data here lost?"), self._restore_passwords_lost)
        if isinstance(exc, PsyroomError) and exc.code == "restore_foreign":
            self.foreign_warning = ask(self, self.tr(
                "This backup belongs to ANOTHER installation (another room or another PC). "
                "Restoring it replaces every record here with that installation's records; "
                "the current data is kept in the backups folder. This is written to the audit "
                "log.\n\nReplace the data here with this other installation's backup?"),
                lambda: self._submit(allow_foreign=True))
        self.failed.emit()

    def _restore_passwords_lost(self) -> None:
        self._passwords_lost = True
        self._submit()
