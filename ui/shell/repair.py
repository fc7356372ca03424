"""The database or its key file cannot be opened: say what happened, offer a restore.

Never offers to start afresh: a fresh database over a damaged one would bury the old data.
"""

from __future__ import annotations

from psyroom.installation import Installation
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.restore_dialog import RestoreDialog
from ui.theme import Heading


class DatabaseProblemDialog(QDialog):
    restored = Signal()

    def __init__(self, installation: Installation, message: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inst = installation
        self.setWindowTitle(self.tr("PsyRoom — the data cannot be opened"))
        self.setMinimumWidth(540)
        title = Heading(self.tr("The data cannot be opened"), larger_by=4)
        what = QLabel(message)
        what.setObjectName("message")
        what.setWordWrap(True)
        where = QLabel(self.tr("Data folder: %1").replace("%1", str(installation.data_dir)))
        where.setWordWrap(True)
        where.setStyleSheet("color: #555;")
        advice = QLabel(self.tr(
            "Nothing was changed or deleted. If you have a backup file (for example on a USB "
            "stick), you can restore from it now. Otherwise close PsyRoom and ask your "
            "technician; do not delete the data folder."))
        advice.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.setObjectName("restore")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quit")
        self.restore_button.clicked.connect(self.open_restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(what)
        layout.addWidget(advice)
        layout.addWidget(where)
        layout.addWidget(buttons)

    def open_restore(self) -> None:
        dialog = RestoreDialog(self._inst, self)
        dialog.restored.connect(self._restored)
        dialog.open()

    def _restored(self) -> None:
        self.restored.emit()
        self.accept()
