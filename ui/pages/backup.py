"""Backup to a file (e.g. a USB stick) while working, and restore from one."""

from __future__ import annotations

import time
from pathlib import Path

from psyroom.security.roles import Permission
from ui.operations import CollectionOp
from ui.pages import Page, PageContext, heading, note
from ui.qt import (
    QCoreApplication,
    QDir,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.restore_dialog import RestoreDialog

SUFFIX = ".psyroom-backup"


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(size // 1024, 1)} KB"


class BackupPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.last_backup: Path | None = None
        self.backup_button = QPushButton(self.tr("Back up to a file…"))
        self.backup_button.setObjectName("backup")
        self.backup_button.clicked.connect(self.choose_and_back_up)
        self.result_label = QLabel()
        self.result_label.setObjectName("backup_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.restore)
        can_restore = ctx.session.can(Permission.RESTORE)

        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Backup")))
        layout.addWidget(note(self.tr(
            "A backup is one encrypted file holding all the data of this site. It opens only "
            "with a password that was valid when it was made. Back up every week to a USB "
            "stick kept locked away, and keep several old backups.")))
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        if can_restore:
            layout.addSpacing(24)
            layout.addWidget(heading(self.tr("Restore")))
            layout.addWidget(note(self.tr(
                "Restoring replaces all current data with the backup's. The current data is "
                "kept as a copy first. You will have to log in again afterwards.")))
            restore_row = QHBoxLayout()
            restore_row.addWidget(self.restore_button)
            restore_row.addStretch(1)
            layout.addLayout(restore_row)
        layout.addStretch(1)

    def default_name(self) -> str:
        stamp = time.strftime("%Y%m%d-%H%M")
        return f"psyroom-{self.ctx.session.site.code}-{stamp}{SUFFIX}"

    def choose_and_back_up(self) -> None:
        start = str(Path(QDir.homePath()) / self.default_name())
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the backup as"), start,
            self.tr("PsyRoom backups (*.psyroom-backup)"))
        if name:
            self.back_up_to(Path(name))

    def back_up_to(self, path: Path) -> None:
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        session = self.ctx.session
        self.backup_button.setEnabled(False)
        self.result_label.clear()
        (
            CollectionOp(parent=self, op=lambda ctx: session.backup(
                path, progress=ctx.progress, cancel=ctx.cancelled))
            .with_progress(self.tr("Making the backup…"), cancellable=True)
            .success(self._backed_up)
            .finally_(lambda: self.backup_button.setEnabled(True))
            .run_in_background()
        )

    def _backed_up(self, path: Path) -> None:
        self.last_backup = Path(path)
        try:
            size = size_text(self.last_backup.stat().st_size)
        except OSError:
            size = "?"
        self.result_label.setText(
            self.tr("Backup made: %1 (%2). Keep it somewhere safe, away from this computer.")
            .replace("%1", str(path)).replace("%2", size))

    def restore(self) -> None:
        session = self.ctx.session
        dialog = RestoreDialog(self.ctx.installation, self, before_restore=session.close)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Either way the session was closed for the file to be replaced: log in again.
        dialog.restored.connect(lambda: self.ctx.end_session(QCoreApplication.translate(
            "BackupPage", "The backup was restored. Log in again.")))
        dialog.failed.connect(lambda: self._restore_failed(dialog))
        dialog.open()

    def _restore_failed(self, dialog: RestoreDialog) -> None:
        text = dialog.message.text()
        dialog.close()
        self.ctx.end_session(text + "\n" + QCoreApplication.translate(
            "BackupPage", "Nothing was restored; the data is as before. Log in again."))

